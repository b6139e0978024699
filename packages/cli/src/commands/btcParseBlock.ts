import { resolve } from 'node:path';
import { readBlockFiles } from '@chaintrail/adapters';
import { type Command, stringOption, UsageError, writeJsonLine } from '../command.ts';
import { createProgressReporter } from '../progress.ts';
import { NETWORK_OPTION, networkOption } from './btcOptions.ts';

/**
 * `chaintrail btc parse-block <file>… [--prevouts <json>]`: one JSON line per transaction of raw, hex or framed
 * (blk*.dat) block files, in the UTXO shape with amounts as decimal strings and `block: {height, hash, time}`.
 */
export const btcParseBlock: Command = {
  name: 'btc parse-block',
  summary: 'Parse raw, hex or blk*.dat block files into one JSON line per transaction.',
  usage: 'btc parse-block <file>… [--prevouts <json>] [--network mainnet|testnet|signet|regtest]',
  options: { prevouts: { type: 'string' }, ...NETWORK_OPTION },
  async run(args, io) {
    if (args.positionals.length === 0) throw new UsageError('missing <file>');
    const network = networkOption(args);
    const prevouts = stringOption(args, 'prevouts');
    const progress = createProgressReporter({ io, quiet: Boolean(args.values.quiet), label: 'parse-block' });
    try {
      // Block by block: each is written whole, then let go.
      for await (const block of readBlockFiles({
        paths: args.positionals.map((p) => resolve(io.cwd, p)),
        network: network.name,
        ...(prevouts !== undefined ? { prevoutsPath: resolve(io.cwd, prevouts) } : {}),
        signal: io.signal,
        onProgress: progress.onProgress,
      })) {
        for (const tx of block.transactions) writeJsonLine(io, tx);
      }
    } finally {
      progress.finish();
    }
  },
};
