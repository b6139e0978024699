import { BitcoinCoreSource } from '@chaintrail/adapters';
import { type Command, integerOption, stringOption, UsageError, writeJsonLine } from '../command.ts';
import { createProgressReporter } from '../progress.ts';
import { NETWORK_OPTION, networkOption } from './btcOptions.ts';

/**
 * `chaintrail btc ingest --rpc <url> --from <height> --to <height>`: blocks from a Bitcoin Core node, one JSON line
 * per transaction, inputs valued and addressed. Lines are written block by block, each block only once complete; on a
 * failure the command says on stderr how far it got and exits 1.
 */
export const btcIngest: Command = {
  name: 'btc ingest',
  summary: 'Read a height range from a Bitcoin Core node (JSON-RPC) as one JSON line per transaction.',
  usage:
    'btc ingest --rpc <url> --from <height> --to <height> [--cookie <file>] [--concurrency N] [--allow-unvalued] [--network …]',
  options: {
    rpc: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    cookie: { type: 'string' },
    concurrency: { type: 'string' },
    'allow-unvalued': { type: 'boolean' },
    ...NETWORK_OPTION,
  },
  async run(args, io) {
    const network = networkOption(args);
    const url = stringOption(args, 'rpc', true);
    const from = integerOption(args, 'from');
    const to = integerOption(args, 'to');
    if (from === undefined || to === undefined) throw new UsageError('--from and --to are required');
    if (to < from) throw new UsageError(`--to (${to}) is below --from (${from})`);
    try {
      new URL(url);
    } catch {
      throw new UsageError(`--rpc "${url}" is not a URL (e.g. http://127.0.0.1:8332)`);
    }
    const cookie = stringOption(args, 'cookie');
    const concurrency = integerOption(args, 'concurrency');
    const source = new BitcoinCoreSource({
      url,
      network: network.name,
      ...(cookie !== undefined ? { cookieFile: cookie } : {}),
      ...(concurrency !== undefined ? { concurrency } : {}),
      allowUnvalued: Boolean(args.values['allow-unvalued']),
    });
    const progress = createProgressReporter({ io, quiet: Boolean(args.values.quiet), label: 'ingest' });
    let done = 0;
    try {
      for await (const block of source.getBlocks({ from, to, signal: io.signal, onProgress: progress.onProgress })) {
        for (const tx of block.transactions) writeJsonLine(io, tx);
        done++;
      }
    } catch (e) {
      progress.finish();
      io.stderr.write(`chaintrail btc ingest: stopped at height ${from + done}: ${done} of ${to - from + 1} blocks were written complete.\n`);
      throw e;
    }
    progress.finish();
  },
};
