import { BITCOIN_CHAINS, type BitcoinNetwork, canonicalAddress, cluster, isValidAddress } from '@chaintrail/core';
import { type Command, stringOption, UsageError, writeJsonLine } from '../command.ts';
import { blockPaths, CLUSTER_INPUT_OPTIONS, clusterOptions, readTransactions } from '../clusterInput.ts';

/**
 * `chaintrail cluster explain <a> <b> --blocks …`: why two addresses share a cluster, as the chain of merges
 * (transaction, heuristic, confidence) from a to b. Prints `{ a, b, cluster, chain }`; `chain` is null (and `cluster`
 * null) when they are not in one cluster.
 *
 * @example
 * chaintrail cluster explain 1A… 1B… --blocks block-277647.framed.dat --prevouts block-277647.prevouts.json
 */
export const clusterExplainCommand: Command = {
  name: 'cluster explain',
  summary: 'Explain why two addresses are in one cluster: the merges, transaction by transaction.',
  usage: 'cluster explain <addressA> <addressB> --blocks <file> [--blocks <file>…] [--prevouts <json>] [--rpc <url> | --esplora <url>] [--heuristics …]',
  options: CLUSTER_INPUT_OPTIONS,
  async run(args, io) {
    const [rawA, rawB, ...extra] = args.positionals;
    if (rawA === undefined || rawB === undefined) throw new UsageError('needs two addresses: cluster explain <addressA> <addressB>');
    const paths = blockPaths(args, extra, io);
    const chain = BITCOIN_CHAINS[(stringOption(args, 'network') ?? 'mainnet') as BitcoinNetwork] ?? BITCOIN_CHAINS.mainnet;
    // Script holder ids (p2pk:…) are not addresses; they are taken as written.
    const canonical = (text: string): string => (isValidAddress(chain, text) ? canonicalAddress(chain, text) : text);
    const a = canonical(rawA);
    const b = canonical(rawB);
    const options = clusterOptions(args, io);
    const clustering = cluster(await readTransactions(args, paths, io), options);
    for (const address of [a, b]) {
      if (clustering.clusterOf(address) === undefined && !args.values.quiet) io.stderr.write(`cluster explain: ${address} does not appear in these blocks\n`);
    }
    const merges = clustering.explain(a, b);
    writeJsonLine(io, { a, b, cluster: merges === null ? null : clustering.clusterOf(a), chain: merges });
  },
};
