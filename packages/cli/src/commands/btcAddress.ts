import { EsploraSource } from '@chaintrail/adapters';
import { canonicalAddress } from '@chaintrail/core';
import { type Command, integerOption, stringOption, UsageError, writeJsonLine } from '../command.ts';
import { NETWORK_OPTION, networkOption } from './btcOptions.ts';

/** `chaintrail btc address <addr> --esplora <url> [--limit N]`: an address's transactions, newest first, one per line. */
export const btcAddress: Command = {
  name: 'btc address',
  summary: 'List an address’s transactions (newest first) from an Esplora API, one JSON line each.',
  usage: 'btc address <address> --esplora <url> [--limit N] [--network …]',
  options: { esplora: { type: 'string' }, limit: { type: 'string' }, ...NETWORK_OPTION },
  async run(args, io) {
    const network = networkOption(args);
    const raw = args.positionals[0];
    if (raw === undefined) throw new UsageError('missing <address>');
    let address: string;
    try {
      address = canonicalAddress(network.chain, raw);
    } catch {
      throw new UsageError(`"${raw}" is not a ${network.name} address`);
    }
    const limit = integerOption(args, 'limit', 50)!;
    const source = new EsploraSource({ url: stringOption(args, 'esplora', true), network: network.name });
    let written = 0;
    let cursor: string | undefined;
    while (written < limit) {
      const page = await source.getAddressHistory({ address, signal: io.signal, ...(cursor ? { cursor } : {}) });
      for (const tx of page.items) {
        if (written >= limit) break;
        writeJsonLine(io, tx);
        written++;
      }
      if (page.next === null) break;
      cursor = page.next;
    }
  },
};
