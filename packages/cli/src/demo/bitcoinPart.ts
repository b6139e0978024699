import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBlockFiles } from '@chaintrail/adapters';
import { BTC_DECIMALS, MemoryUtxoSource, attributeCoinbase, cluster, formatUnits, loadPools, trace } from '@chaintrail/core';

/** `../shared/data` beside the repository, where the real mainnet blocks and pool lists are (absent on some machines). */
export const DEFAULT_SHARED_DATA = fileURLToPath(new URL('../../../../../shared/data', import.meta.url));

export interface BitcoinPartResult {
  readonly blocks: readonly { readonly height: number; readonly hash: string; readonly pool: string | null; readonly matchedBy: string | null; readonly reward: bigint; readonly payTo: string }[];
  readonly addresses: number;
  readonly clusters: number;
  /** BTC Guild's coinbase of block 277647, traced forward under haircut. */
  readonly traced: { readonly seeded: bigint; readonly frontier: readonly { readonly address: string; readonly taint: bigint; readonly status: string }[] };
}

/**
 * The demo's Bitcoin part, on the real mainnet blocks of the shared data folder: attribute each coinbase to a mining
 * pool (mempool's pool list), cluster the blocks' transactions (common-input, CoinJoins guarded), trace BTC Guild's
 * coinbase of block 277647 forward. Returns null when the folder is absent.
 *
 * @example
 * const btc = await runBitcoinPart({ dataDir: '../shared/data' });
 */
export async function runBitcoinPart({ dataDir = DEFAULT_SHARED_DATA, signal }: { dataDir?: string; signal?: AbortSignal } = {}): Promise<BitcoinPartResult | null> {
  const blocksDir = join(dataDir, 'bitcoin', 'blocks');
  const poolsFile = join(dataDir, 'labels', 'mining-pools', 'mempool', 'pools-v2.json');
  if (!existsSync(blocksDir) || !existsSync(poolsFile)) return null;
  const blocks = await loadBlockFiles({
    paths: ['block-277647.framed.dat', 'block-413567.raw', 'block-574200.raw'].map((f) => join(blocksDir, f)),
    prevoutsPath: join(blocksDir, 'block-277647.prevouts.json'),
    ...(signal ? { signal } : {}),
  });
  const { pools } = loadPools({ text: await readFile(poolsFile, 'utf8'), file: poolsFile });
  const transactions = blocks.flatMap((b) => b.transactions);
  const clustering = cluster(transactions, signal ? { signal } : {});
  const summary = clustering.summary();
  const result = await trace({
    source: new MemoryUtxoSource({ chain: blocks[0]!.chain, transactions }),
    from: { coinbase: { fromHeight: 277647, toHeight: 277647 } },
    policy: 'haircut',
    ...(signal ? { signal } : {}),
  });
  return {
    blocks: blocks.map((b) => {
      const coinbase = b.transactions[0]!;
      const a = attributeCoinbase({ tx: coinbase, pools });
      return {
        height: b.height,
        hash: b.hash,
        pool: a.pool?.name ?? null,
        matchedBy: a.matchedBy,
        reward: coinbase.outputs.reduce((s, o) => s + o.value, 0n),
        payTo: coinbase.outputs[0]?.address ?? '',
      };
    }),
    addresses: summary.addresses,
    clusters: summary.clusters,
    traced: { seeded: result.totals.seeded, frontier: result.frontier.map((f) => ({ address: f.address, taint: f.taint, status: f.status })) },
  };
}

/** The Bitcoin part's lines for the demo summary. */
export function bitcoinSummary(result: BitcoinPartResult): string[] {
  const btc = (v: bigint): string => `${formatUnits(v, BTC_DECIMALS)} BTC`;
  return [
    'Bitcoin part (real mainnet blocks from ../shared/data):',
    ...result.blocks.map((b) => `  block ${b.height}: ${b.pool ?? 'no known pool'}${b.matchedBy ? ` (by ${b.matchedBy})` : ''}, coinbase ${btc(b.reward)} to ${b.payTo}`),
    `  clustering (common-input): ${result.addresses} addresses in ${result.clusters} clusters`,
    `  BTC Guild's coinbase of 277647 traced forward (haircut): ${btc(result.traced.seeded)}; ${result.traced.frontier
      .map((f) => `${btc(f.taint)} ${f.status} at ${f.address}`)
      .join('; ')} (coinbase outputs mature after 100 blocks, beyond these blocks)`,
  ];
}
