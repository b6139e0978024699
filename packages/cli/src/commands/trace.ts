import { canonicalAddress, erc20Asset, isCategory, loadLabelFiles, TAINT_POLICIES, type TaintPolicyName, trace, type Category } from '@chaintrail/core';
import { type Command, integerOption, listOption, stringOption, UsageError, writeJsonLine } from '../command.ts';
import { createProgressReporter } from '../progress.ts';
import { openSource, SOURCE_OPTIONS } from './traceSource.ts';

/**
 * `chaintrail trace`: follows funds from outputs or addresses under a taint policy and prints one JSON document
 * `{ policy, direction, frontier, reached, paths, totals, dust, truncated }`, amounts as decimal strings.
 */
export const traceCommand: Command = {
  name: 'trace',
  summary: 'Follow funds forward or backward under a taint policy (poison, haircut, FIFO).',
  usage:
    'trace --blocks <files…> [--prevouts <file>] | --esplora <url> | --rpc <url> [--cookie <file>] | --store <path|url>  --from <txid:vout|address>… [--network mainnet|testnet|signet|regtest] --policy poison|haircut|fifo [--direction forward|backward] [--max-hops N] [--taint-fees] [--max-height H] [--min-value SAT] [--stop-at <category>…] [--labels <files or folders>…] [--asset <erc20 contract>]  (EVM: --rpc <url> --network eth|anvil|eip155:N, --from <tx hash|address>)',
  options: {
    ...SOURCE_OPTIONS,
    from: { type: 'string', multiple: true },
    policy: { type: 'string' },
    direction: { type: 'string' },
    'max-hops': { type: 'string' },
    'taint-fees': { type: 'boolean' },
    'max-height': { type: 'string' },
    'min-value': { type: 'string' },
    'stop-at': { type: 'string', multiple: true },
    asset: { type: 'string' },
    labels: { type: 'string', multiple: true },
  },
  async run(args, io) {
    const policy = stringOption(args, 'policy', true);
    if (!(TAINT_POLICIES as readonly string[]).includes(policy)) throw new UsageError(`--policy must be poison, haircut or fifo, got "${policy}"`);
    const direction = stringOption(args, 'direction') ?? 'forward';
    if (direction !== 'forward' && direction !== 'backward') throw new UsageError(`--direction must be forward or backward, got "${direction}"`);
    const from = listOption(args, 'from');
    if (from.length === 0) throw new UsageError('missing --from <txid:vout|address>');
    const stopAt = listOption(args, 'stop-at');
    for (const c of stopAt) if (!isCategory(c)) throw new UsageError(`--stop-at: unknown category "${c}"`);
    const minValue = stringOption(args, 'min-value');
    if (minValue !== undefined && !/^\d+$/.test(minValue)) throw new UsageError('--min-value must be a whole number of base units');
    const maxHeight = integerOption(args, 'max-height');
    const asset = stringOption(args, 'asset');
    if (asset !== undefined && !/^0x[0-9a-fA-F]{40}$/.test(asset)) throw new UsageError('--asset must be an ERC-20 contract address');
    // `--blocks a b c`: parseArgs leaves the files after the first as positionals.
    const blocks = [...listOption(args, 'blocks'), ...(listOption(args, 'blocks').length > 0 ? args.positionals : [])];
    if (blocks.length === 0 && args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
    const labelPaths = listOption(args, 'labels');
    const labels = labelPaths.length > 0 ? (await loadLabelFiles({ paths: labelPaths, signal: io.signal })).store : undefined;
    const opened = await openSource({ ...args, values: { ...args.values, blocks } }, io, true);
    const source = opened.source!;
    const progress = createProgressReporter({ io, quiet: Boolean(args.values.quiet), label: 'trace' });
    const result = await trace({
      source,
      from: from.map((f) => (/^[0-9a-fA-F]{64}:\d+$/.test(f) || /^0x[0-9a-fA-F]{64}$/.test(f) ? f : canonicalAddress(source.chain, f))),
      ...(asset !== undefined ? { asset: erc20Asset(source.chain, asset) } : {}),
      policy: policy as TaintPolicyName,
      direction,
      maxHops: integerOption(args, 'max-hops', 10)!,
      taintFees: args.values['taint-fees'] === true,
      ...(maxHeight !== undefined ? { until: { height: maxHeight } } : {}),
      ...(minValue !== undefined ? { minValue: BigInt(minValue) } : {}),
      ...(stopAt.length > 0 ? { stopAt: stopAt as Category[] } : {}),
      ...(labels ? { labels } : {}),
      graph: false,
      signal: io.signal,
      onProgress: progress.onProgress,
    }).finally(() => {
      progress.finish();
      return opened.close();
    });
    writeJsonLine(io, {
      policy: result.policy,
      direction: result.direction,
      chain: result.chain,
      frontier: result.frontier,
      reached: result.reached,
      paths: result.paths,
      totals: result.totals,
      dust: result.dust,
      truncated: result.truncated,
      stats: result.stats,
    });
  },
};
