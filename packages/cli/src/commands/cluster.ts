import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { cluster } from '@chaintrail/core';
import { type Command, stringOption, writeJsonLine } from '../command.ts';
import { blockPaths, CLUSTER_INPUT_OPTIONS, clusterOptions, readTransactions } from '../clusterInput.ts';

/**
 * `chaintrail cluster --blocks <files…>`: clusters the addresses of Bitcoin block files and prints one JSON document
 * `{ addresses, clusters, largest: { id, size }, merges, suspect }`; `--out` writes `{ address, cluster }` per line.
 *
 * @example
 * chaintrail cluster --blocks block-277647.framed.dat --prevouts block-277647.prevouts.json --out clusters.jsonl
 */
export const clusterCommand: Command = {
  name: 'cluster',
  summary: 'Cluster the addresses of Bitcoin blocks into entities, with evidence for every merge.',
  usage:
    'cluster --blocks <file> [--blocks <file>…] [--prevouts <json>] [--rpc <url> [--cookie <file>] | --esplora <url>]\n' +
    '       [--network mainnet|testnet|signet|regtest]\n' +
    '       [--heuristics common-input,change] [--no-coinjoin-guard] [--supercluster-bound <n>] [--out <clusters.jsonl>]',
  options: { ...CLUSTER_INPUT_OPTIONS, out: { type: 'string' } },
  async run(args, io) {
    const paths = blockPaths(args, args.positionals, io);
    const options = clusterOptions(args, io);
    const transactions = await readTransactions(args, paths, io);
    const clustering = cluster(transactions, options);
    const out = stringOption(args, 'out');
    if (out !== undefined) {
      const file = createWriteStream(resolve(io.cwd, out));
      for (const [address, id] of clustering.entries()) {
        if (!file.write(`${JSON.stringify({ address, cluster: id })}\n`)) await new Promise<void>((r) => file.once('drain', () => r()));
      }
      file.end();
      await finished(file);
    }
    if (!args.values.quiet) {
      const { coinjoins, changeOutputs, mergesBy } = clustering.stats;
      io.stderr.write(`cluster: merges by heuristic ${JSON.stringify(mergesBy)}, CoinJoins ${JSON.stringify(coinjoins)}, change outputs ${changeOutputs}\n`);
    }
    const { addresses, clusters, largest, merges, suspect } = clustering.summary();
    writeJsonLine(io, { addresses, clusters, largest, merges, suspect });
  },
};
