import { EsploraSource } from '@chaintrail/adapters';
import { type Command, stringOption, writeJsonLine } from '../command.ts';
import { NETWORK_OPTION, networkOption, txidArgument } from './btcOptions.ts';

/** `chaintrail btc tx <txid> --esplora <url>`: one transaction, inputs valued, as one JSON line. */
export const btcTx: Command = {
  name: 'btc tx',
  summary: 'Fetch one transaction from an Esplora API (mempool.space, blockstream.info) as a JSON line.',
  usage: 'btc tx <txid> --esplora <url> [--network …]',
  options: { esplora: { type: 'string' }, ...NETWORK_OPTION },
  async run(args, io) {
    const network = networkOption(args);
    const txid = txidArgument(args);
    const source = new EsploraSource({ url: stringOption(args, 'esplora', true), network: network.name });
    writeJsonLine(io, await source.getTransaction({ txid, signal: io.signal }));
  },
};
