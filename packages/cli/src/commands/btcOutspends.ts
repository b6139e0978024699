import { EsploraSource } from '@chaintrail/adapters';
import { type Command, stringOption, writeJsonLine } from '../command.ts';
import { NETWORK_OPTION, networkOption, txidArgument } from './btcOptions.ts';

/**
 * `chaintrail btc outspends <txid> --esplora <url>`: who spent each output of a transaction, one JSON line per output:
 * `{txid, vout, spent, spender?: {txid, vin, block}}`.
 */
export const btcOutspends: Command = {
  name: 'btc outspends',
  summary: 'Show which transaction spent each output of a transaction (Esplora), one JSON line per output.',
  usage: 'btc outspends <txid> --esplora <url> [--network …]',
  options: { esplora: { type: 'string' }, ...NETWORK_OPTION },
  async run(args, io) {
    const network = networkOption(args);
    const txid = txidArgument(args);
    const source = new EsploraSource({ url: stringOption(args, 'esplora', true), network: network.name });
    const spends = await source.getOutspends({ txid, signal: io.signal });
    spends.forEach((s, vout) => {
      writeJsonLine(io, s.spent ? { txid, vout, spent: true, spender: { txid: s.txid, vin: s.vin, block: s.block } } : { txid, vout, spent: false });
    });
  },
};
