import { loadBlockFiles } from '@chaintrail/adapters';
import { attributeCoinbase, BITCOIN_CHAINS, type BitcoinNetwork, loadLabelFiles } from '@chaintrail/core';
import { type Command, stringOption, UsageError, writeJsonLine } from '../command.ts';
import { pathsAndRest, resolvePath } from './labelPaths.ts';

/** `chaintrail labels pool --blocks <files…> [--pools <files…>]`: the mining pool of each block, and the rule that named it. */
export const labelsPool: Command = {
  name: 'labels pool',
  summary: 'Name the mining pool of each block from its coinbase tag or payout address (one JSON line per block).',
  usage: 'labels pool --blocks <files…> [--pools <pool-list.json|folder…>] [--network mainnet|testnet|signet|regtest]',
  options: { blocks: { type: 'string', multiple: true }, pools: { type: 'string', multiple: true }, network: { type: 'string' } },
  async run(args, io) {
    const { paths: blocks, rest } = pathsAndRest(args, io, 'blocks');
    if (blocks.length === 0) throw new UsageError('give the block files with --blocks');
    if (rest.length > 0) throw new UsageError(`not a file: ${rest.join(', ')}`);
    const network = (stringOption(args, 'network') ?? 'mainnet') as BitcoinNetwork;
    if (!(network in BITCOIN_CHAINS)) throw new UsageError(`--network must be one of ${Object.keys(BITCOIN_CHAINS).join(', ')}`);
    // Pool definitions: --pools, or CHAINTRAIL_POOLS (a file or folder), since the CLI ships no data of its own.
    const poolPaths = (args.values['pools'] === undefined ? (io.env['CHAINTRAIL_POOLS']?.split(',') ?? []) : (args.values['pools'] as string[])).map((p) =>
      resolvePath(io, p),
    );
    if (poolPaths.length === 0) throw new UsageError('give the pool definitions with --pools (or set CHAINTRAIL_POOLS)');
    const { pools } = await loadLabelFiles({ paths: poolPaths, format: 'pools', signal: io.signal });
    if (pools.pools.length === 0) throw new UsageError(`no mining pools found in ${poolPaths.join(', ')}`);
    for (const block of await loadBlockFiles({ paths: blocks, network, signal: io.signal })) {
      const coinbase = block.transactions.find((tx) => tx.coinbase !== null);
      const result = coinbase ? attributeCoinbase({ tx: coinbase, pools }) : undefined;
      writeJsonLine(io, {
        height: block.height >= 0 ? block.height : null,
        hash: block.hash,
        pool: result?.pool?.name ?? null,
        matchedBy: result?.matchedBy ?? null,
        match: result?.match ?? null,
        matches: result?.matches.map((m) => ({ rule: m.matchedBy, pool: m.pool.name, match: m.match })) ?? [],
      });
    }
  },
};
