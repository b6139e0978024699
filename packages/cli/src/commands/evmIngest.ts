import { UsageError, integerOption, writeJsonLine, type Command } from '../command.ts';
import { createProgressReporter } from '../progress.ts';
import { RPC_OPTIONS, reportDegradations, rpcSourceFromArgs, tokenAnnotator } from './evmShared.ts';

/** `chaintrail evm ingest`: every transfer of a block range, one JSON line each. */
export const evmIngest: Command = {
  name: 'evm ingest',
  summary: 'Ingest native, internal, token, nft, reward, fee and withdrawal transfers of an EVM block range',
  usage:
    'evm ingest --rpc <url> --from <n> --to <n> [--traces auto|geth|parity|none] [--strict] [--chain-id <id>] [--retries <n>] [--timeout-ms <ms>] [--batch-size <n>] [--confirmations <n>] [--concurrency <n>] [--token-metadata]',
  options: { ...RPC_OPTIONS, from: { type: 'string' }, to: { type: 'string' } },
  async run(args, io) {
    const from = integerOption(args, 'from');
    const to = integerOption(args, 'to');
    if (from === undefined || to === undefined) throw new UsageError('missing --from or --to');
    if (to < from) throw new UsageError(`--to ${to} is below --from ${from}`);
    const { source } = await rpcSourceFromArgs(args, io);
    const annotate = args.values['token-metadata'] === true ? tokenAnnotator(source, io) : undefined;
    let transfers = 0;
    let blocks = 0;
    const progress = createProgressReporter({ io, quiet: args.values.quiet === true, label: 'evm ingest' });
    try {
      for await (const block of source.getBlocks({ from, to, signal: io.signal, onProgress: progress.onProgress })) {
        for (const t of block.transfers) {
          if (t.kind === 'native' && t.value === 0n) continue;
          writeJsonLine(io, annotate ? await annotate(t) : t);
          transfers++;
        }
        blocks++;
      }
    } catch (e) {
      progress.finish();
      // Blocks are written whole, so a rerun can start where this one stopped.
      io.stderr.write(`chaintrail evm ingest: stopped at block ${from + blocks}: ${blocks} of ${to - from + 1} blocks were written complete.\n`);
      throw e;
    }
    progress.finish();
    reportDegradations(io, 'evm ingest', source);
    if (args.values.quiet !== true) io.stderr.write(`chaintrail evm ingest: ${blocks} block(s), ${transfers} transfer(s) from ${source.chain}\n`);
  },
};
