import { resolve } from 'node:path';
import { loadBlockFiles } from '@chaintrail/adapters';
import { type BitcoinNetwork, BITCOIN_CHAINS, type ClusterOptions, type HeuristicName, isHeuristicName, type UtxoTransaction } from '@chaintrail/core';
import { type CommandIO, integerOption, listOption, type OptionsConfig, type ParsedArgs, stringOption, UsageError } from './command.ts';

/** The options `cluster` and `cluster explain` share. */
export const CLUSTER_INPUT_OPTIONS = {
  blocks: { type: 'string', multiple: true },
  prevouts: { type: 'string' },
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

/** Reads the blocks, valuing inputs from earlier blocks of the run and from `--prevouts`. */
export async function readTransactions(args: ParsedArgs, paths: readonly string[], io: CommandIO): Promise<UtxoTransaction[]> {
  const network = (stringOption(args, 'network') ?? 'mainnet') as BitcoinNetwork;
  if (!(network in BITCOIN_CHAINS)) throw new UsageError(`--network must be one of ${Object.keys(BITCOIN_CHAINS).join(', ')}`);
  const prevouts = stringOption(args, 'prevouts');
  const blocks = await loadBlockFiles({
    paths,
    network,
    ...(prevouts === undefined ? {} : { prevoutsPath: resolve(io.cwd, prevouts) }),
    signal: io.signal,
  });
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
  return {
    heuristics,
    ...(args.values['no-coinjoin-guard'] ? { coinjoin: false as const } : {}),
    ...(bound === undefined ? {} : { superclusterBound: bound }),
    signal: io.signal,
  };
}
