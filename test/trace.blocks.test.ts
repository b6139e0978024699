import { loadBlockFiles } from '@chaintrail/adapters';
import { BITCOIN_CHAINS, cluster, type Label, MemoryUtxoSource, screen, trace, type TraceResult, type UtxoTransaction } from '@chaintrail/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData, NO_SHARED_DATA, sharedPath } from './support/sharedData.ts';

function balanced(r: TraceResult): void {
  const t = r.totals;
  expect(t.seeded + t.absorbed).toBe(t.frontier + t.fees + t.dust + t.stopped + t.truncated);
}

describe.skipIf(!hasSharedData)(`tracing through real block 277647, fully valued ${hasSharedData ? '' : NO_SHARED_DATA}`, () => {
  let source: MemoryUtxoSource;
  let txs: readonly UtxoTransaction[];
  let coinbase: UtxoTransaction;
  // A transaction whose output is spent later in the same block, so taint crosses more than one hop in the block.
  let first: UtxoTransaction;

  beforeAll(async () => {
    const [block] = await loadBlockFiles({
      paths: [sharedPath('bitcoin', 'blocks', 'block-277647.framed.dat')],
      prevoutsPath: sharedPath('bitcoin', 'blocks', 'block-277647.prevouts.json'),
    });
    txs = block!.transactions;
    source = new MemoryUtxoSource({ chain: BITCOIN_CHAINS.mainnet, transactions: txs });
    coinbase = txs[0]!;
    const ids = new Set(txs.map((t) => t.txid));
    const spentInBlock = new Set(txs.flatMap((t) => t.inputs.filter((i) => ids.has(i.prevTxid)).map((i) => i.prevTxid)));
    first = txs.find((t) => !t.coinbase && spentInBlock.has(t.txid) && t.inputs.every((i) => !ids.has(i.prevTxid)))!;
    expect(first).toBeDefined();
  });

  it('conserves taint to the satoshi through the block and into the coinbase (taintFees), under each policy', async () => {
    for (const policy of ['poison', 'haircut', 'fifo'] as const) {
      const seed = { input: { txid: first.txid, vin: 0 } };
      const without = await trace({ source, from: [seed], policy, maxHops: 10, taintFees: false });
      balanced(without);
      expect(without.totals.fees).toBeGreaterThan(0n);
      expect(without.stats.maxHops).toBeGreaterThanOrEqual(2);

      const r = await trace({ source, from: [seed], policy, maxHops: 10, taintFees: true });
      balanced(r);
      expect(r.totals.seeded).toBe(first.inputs[0]!.value);
      // Every fee share went on into the coinbase, which pays 25 BTC + the block's 4,737,355 sat of fees.
      expect(r.totals.fees).toBe(0n);
      const minted = r.frontier.filter((f) => f.txid === coinbase.txid);
      // Poison taints the whole coinbase; haircut and FIFO pass on exactly the fee share.
      const coinbaseValue = coinbase.outputs.reduce((s, o) => s + o.value, 0n);
      expect(minted.reduce((s, f) => s + f.taint, 0n)).toBe(policy === 'poison' ? coinbaseValue : without.totals.fees);
      expect(coinbase.outputs.reduce((s, o) => s + o.value, 0n)).toBe(2_500_000_000n + 4_737_355n);
      for (const f of r.frontier) expect(f.taint <= f.value).toBe(true);
      expect(r.totals.seeded + r.totals.absorbed).toBe(r.totals.frontier);
    }
  });

  it('poison ≥ haircut on every output of the block, and FIFO equals haircut on one-input hops', async () => {
    const seed = { input: { txid: first.txid, vin: 0 } };
    const [poisoned, haircut] = await Promise.all(
      (['poison', 'haircut'] as const).map((policy) => trace({ source, from: [seed], policy, maxHops: 10, taintFees: true })),
    );
    const poisonAt = new Map(poisoned!.frontier.map((f) => [`${f.txid}:${f.vout}`, f.taint]));
    for (const f of haircut!.frontier) expect(poisonAt.get(`${f.txid}:${f.vout}`)! >= f.taint).toBe(true);
    const oneInput = txs.find((t) => !t.coinbase && t.inputs.length === 1 && t.outputs.length > 1)!;
    const results = await Promise.all(
      (['haircut', 'fifo'] as const).map((policy) => trace({ source, from: [{ input: { txid: oneInput.txid, vin: 0 } }], policy, maxHops: 1 })),
    );
    expect(results[1]!.frontier).toEqual(results[0]!.frontier);
  });

  it('traces an output of the block back to the prevouts that funded it', async () => {
    const spender = txs.find((t) => t.inputs.some((i) => i.prevTxid === first.txid))!;
    const r = await trace({ source, from: [`${spender.txid}:0`], policy: 'haircut', direction: 'backward', maxHops: 10 });
    balanced(r);
    expect(r.totals.seeded).toBe(spender.outputs[0]!.value);
    // The walk ends at outputs made before this block: the source does not hold their transactions.
    expect(r.truncated).toBeNull();
    expect(r.frontier.length).toBeGreaterThan(0);
    for (const f of r.frontier) expect(f.status).toBe('unknown');
    expect(r.frontier.some((f) => f.txid === first.inputs[0]!.prevTxid)).toBe(true);
  });

  it('screens with the real clustering of the block: a cluster-mate of a sanctioned input is directly exposed', async () => {
    const clustering = cluster(txs);
    const multi = txs.find((t) => !t.coinbase && new Set(t.inputs.map((i) => i.address)).size > 1)!;
    const [listed, mate] = [...new Set(multi.inputs.map((i) => i.address!))] as [string, string];
    expect(clustering.clusterOf(listed)).toBe(clustering.clusterOf(mate));
    const label: Label = { chain: BITCOIN_CHAINS.mainnet, address: listed, category: 'sanctioned', entity: 'Test SDN', source: 'test', confidence: 100 };
    const labels = { lookup: (_c: string, a: string) => (a === listed ? [label] : []) };
    const r = await screen({ address: mate, chain: 'btc' }, { labels, clustering, dataSource: source, hops: 2 });
    expect(r.risk).toBe('severe');
    expect(r.evidence.labels[0]).toMatchObject({ via: 'cluster', member: listed, address: mate });
  });
});
