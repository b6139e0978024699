// Attribute the coinbases of the real mainnet blocks in ../shared/data to mining pools (coinbase tags and payout
// addresses from mempool's pool list), then follow one pool's payout forward with the haircut policy.
// Run: pnpm exec tsx examples/01-pool-coinbases/poolCoinbases.ts [shared data folder]
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBlockFiles } from '@chaintrail/adapters';
import { BTC_DECIMALS, MemoryUtxoSource, attributeCoinbase, cluster, formatUnits, loadPools, trace } from '@chaintrail/core';

const data = process.argv[2] ?? fileURLToPath(new URL('../../../shared/data', import.meta.url));
const blocksDir = join(data, 'bitcoin', 'blocks');
const blocks = await loadBlockFiles({
  paths: ['block-13b8a.hex', 'block-277647.framed.dat', 'block-413567.raw', 'block-574200.raw'].map((f) => join(blocksDir, f)),
  prevoutsPath: join(blocksDir, 'block-277647.prevouts.json'),
});
const poolsFile = join(data, 'labels', 'mining-pools', 'mempool', 'pools-v2.json');
const { pools } = loadPools({ text: await readFile(poolsFile, 'utf8'), file: poolsFile });

// 1. Who mined each block.
const payout = new Map<string, string>(); // payout address → pool
for (const block of blocks) {
  const coinbase = block.transactions[0]!;
  const a = attributeCoinbase({ tx: coinbase, pools });
  const reward = coinbase.outputs.reduce((s, o) => s + o.value, 0n);
  console.log(`block ${block.height >= 0 ? block.height : `${block.hash.slice(0, 16)}… (height not in the coinbase)`}: ${a.pool ? `${a.pool.name} (by ${a.matchedBy}: ${a.match})` : 'no known pool'}, coinbase pays ${formatUnits(reward, BTC_DECIMALS)} BTC to ${coinbase.outputs[0]?.address}`);
}
for (const pool of pools.byAddress.values()) for (const address of pool.addresses) payout.set(address, pool.name);

// 2. Common-input clustering of the blocks' transactions (CoinJoins guarded).
const transactions = blocks.flatMap((b) => b.transactions);
const clustering = cluster(transactions);
console.log(`clustering: ${clustering.summary().addresses} addresses in ${clustering.summary().clusters} clusters`);

// 3. Follow one pool's payout: BTC Guild's coinbase of block 277647 (the block whose inputs are all valued), forward
// under haircut. A coinbase output cannot be spent for 100 blocks, so within these four blocks the funds rest at the
// payout address: the trace says so (status "unspent"). With a node or Esplora (`chaintrail trace --esplora …`) the same
// call follows them further.
const source = new MemoryUtxoSource({ chain: blocks[0]!.chain, transactions });
const spendsFromPools = transactions.filter((tx) => tx.inputs.some((i) => i.address !== null && payout.has(i.address)));
console.log(`transactions in these blocks spending from a known pool payout address: ${spendsFromPools.length}`);
const result = await trace({ source, from: { coinbase: { fromHeight: 277647, toHeight: 277647 } }, policy: 'haircut', maxHops: 5 });
console.log(`BTC Guild coinbase of 277647: ${formatUnits(result.totals.seeded, BTC_DECIMALS)} BTC followed`);
for (const f of result.frontier) console.log(`  ${formatUnits(f.taint, BTC_DECIMALS)} BTC at ${f.address} (${payout.get(f.address) ?? 'unknown'}), ${f.status} after ${f.hops} hops`);
