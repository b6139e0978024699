import { resolve } from 'node:path';
import { BitcoinCoreSource, DataSourcePrevoutSource, EsploraSource, loadBlockFiles, type PrevoutSource } from '@chaintrail/adapters';
import { type BitcoinNetwork, BITCOIN_CHAINS, type ClusterOptions, type HeuristicName, isHeuristicName, type UtxoTransaction } from '@chaintrail/core';
import { createProgressReporter } from './progress.ts';
import { type CommandIO, integerOption, listOption, type OptionsConfig, type ParsedArgs, stringOption, UsageError } from './command.ts';

/** The options `cluster` and `cluster explain` share. */
export const CLUSTER_INPUT_OPTIONS = {
  blocks: { type: 'string', multiple: true },
  prevouts: { type: 'string' },
  rpc: { type: 'string' },
  cookie: { type: 'string' },
  esplora: { type: 'string' },
  network: { type: 'string' },
  heuristics: { type: 'string' },
  'no-coinjoin-guard': { type: 'boolean' },
  'supercluster-bound': { type: 'string' },
} as const satisfies OptionsConfig;

/** The block files named by `--blocks` (repeatable) and by any extra positionals. */
export function blockPaths(args: ParsedArgs, extra: readonly string[], io: CommandIO): string[] {
  const paths = [...listOption(args, 'blocks'), ...extra];
  if (paths.length === 0) throw new UsageError('missing --blocks <file>');
  return paths.map((p) => resolve(io.cwd, p));
}

/** The node (`--rpc`, `--cookie`) or Esplora server (`--esplora`) that values inputs the files do not, if named. */
function remotePrevouts(args: ParsedArgs, network: BitcoinNetwork): PrevoutSource | undefined {
  const rpc = stringOption(args, 'rpc');
  const esplora = stringOption(args, 'esplora');
  if (rpc !== undefined && esplora !== undefined) throw new UsageError('give --rpc or --esplora, not both');
  for (const [name, url] of [['rpc', rpc], ['esplora', esplora]] as const) {
    if (url === undefined) continue;
    try {
      new URL(url);
    } catch {
      throw new UsageError(`--${name} "${url}" is not a URL`);
    }
  }
  const cookie = stringOption(args, 'cookie');
  if (rpc !== undefined) {
    return new DataSourcePrevoutSource({
      source: new BitcoinCoreSource({ url: rpc, network, ...(cookie === undefined ? {} : { cookieFile: cookie }) }),
    });
  }
  if (esplora !== undefined) return new DataSourcePrevoutSource({ source: new EsploraSource({ url: esplora, network }) });
  return undefined;
}

/** Reads the blocks, valuing inputs from earlier blocks of the run, `--prevouts`, then `--rpc` or `--esplora`. */
export async function readTransactions(args: ParsedArgs, paths: readonly string[], io: CommandIO): Promise<UtxoTransaction[]> {
  const network = (stringOption(args, 'network') ?? 'mainnet') as BitcoinNetwork;
  if (!(network in BITCOIN_CHAINS)) throw new UsageError(`--network must be one of ${Object.keys(BITCOIN_CHAINS).join(', ')}`);
  const prevouts = stringOption(args, 'prevouts');
  const remote = remotePrevouts(args, network);
  const progress = createProgressReporter({ io, quiet: Boolean(args.values.quiet), label: 'cluster' });
  let blocks;
  try {
    blocks = await loadBlockFiles({
      paths,
      network,
      ...(prevouts === undefined ? {} : { prevoutsPath: resolve(io.cwd, prevouts) }),
      ...(remote === undefined ? {} : { prevouts: remote }),
      signal: io.signal,
      onProgress: progress.onProgress,
    });
  } finally {
    progress.finish();
  }
  const transactions = blocks.flatMap((b) => b.transactions);
  if (!args.values.quiet) {
    const inputs = transactions.reduce((s, t) => s + t.inputs.length, 0);
    const unknown = transactions.reduce((s, t) => s + t.inputs.filter((i) => i.address === null).length, 0);
    io.stderr.write(`cluster: ${blocks.length} block(s), ${transactions.length} transactions, ${inputs} inputs\n`);
    if (unknown > 0) {
      io.stderr.write(`cluster: ${unknown} inputs spend outputs outside these blocks and have no holder; --prevouts values them\n`);
    }
  }
  return transactions;
}

/** The clustering options from `--heuristics`, `--no-coinjoin-guard` and `--supercluster-bound`. */
export function clusterOptions(args: ParsedArgs, io: CommandIO): ClusterOptions {
  const text = stringOption(args, 'heuristics') ?? 'common-input';
  const heuristics: HeuristicName[] = [];
  for (const name of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!isHeuristicName(name) || name === 'deposit-address') {
      throw new UsageError(`--heuristics takes common-input and change for Bitcoin blocks, got "${name}"`);
    }
    heuristics.push(name);
  }
  const bound = integerOption(args, 'supercluster-bound');
  const progress = createProgressReporter({ io, quiet: Boolean(args.values.quiet), label: 'cluster' });
  return {
    heuristics,
    onProgress: (p) => {
      progress.onProgress(p);
      if (p.total !== undefined && p.done === p.total) progress.finish();
    },
    ...(args.values['no-coinjoin-guard'] ? { coinjoin: false as const } : {}),
    ...(bound === undefined ? {} : { superclusterBound: bound }),
    signal: io.signal,
  };
}
