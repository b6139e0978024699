import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addUtxoTransaction } from '../graph/addUtxoTransaction.ts';
import { createTransactionGraph } from '../graph/createTransactionGraph.ts';
import type { UtxoTransaction } from '../model/transaction.ts';
import type { Clustering } from './Clustering.ts';
import { cluster } from './cluster.ts';
import { craftTx } from './craft.ts';
import type { HeuristicName } from './heuristics/types.ts';

const BTC = 100_000_000n;

/** The partition as sorted lists of sorted members: equal partitions give equal values whatever the cluster ids. */
function partition(c: Clustering): string[][] {
  const groups = new Map<number, string[]>();
  for (const [address, id] of c.entries()) groups.set(id, [...(groups.get(id) ?? []), address]);
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/** Checks that `explain(a, b)` is a chain of merges from a to b. */
function expectValidChain(c: Clustering, a: string, b: string): void {
  const chain = c.explain(a, b);
  expect(chain).not.toBeNull();
  let at = a;
  for (const merge of chain!) {
    expect(merge.from).toBe(at);
    expect(merge.txid).toMatch(/^[0-9a-f]{64}$/);
    expect(merge.confidence).toBeGreaterThan(0);
    at = merge.to;
  }
  expect(at).toBe(b);
}

describe('cluster', () => {
  const t1 = craftTx({ txid: 't1', height: 1, inputs: [['A', BTC], ['B', BTC]], outputs: [['X', 2n * BTC - 1000n]] });
  const t2 = craftTx({ txid: 't2', height: 2, inputs: [['B', BTC], ['C', BTC]], outputs: [['Y', 2n * BTC - 1000n]] });
  const t3 = craftTx({ txid: 't3', height: 3, inputs: [['D', BTC]], outputs: [['A', BTC - 1000n]] });
  // A Whirlpool mix: its inputs must stay apart.
  const mix = craftTx({
    txid: 'mix',
    height: 4,
    inputs: ['P', 'Q', 'R', 'S', 'T'].map((a) => [a, 1_000_170n] as const),
    outputs: [1, 2, 3, 4, 5].map((i) => [`bc1qmix${i}`, 1_000_000n] as const),
  });

  it('links common inputs, explains each link, and keeps CoinJoin inputs apart', () => {
    const c = cluster([t1, t2, t3, mix]);
    expect(c.clusterOf('A')).toBe(c.clusterOf('C'));
    expect(c.clusterOf('A')).not.toBe(c.clusterOf('D'));
    expect(c.clusterOf('P')).not.toBe(c.clusterOf('Q'));
    expect(c.stats.coinjoins).toEqual({ whirlpool: 1 });
    expect(c.members(c.clusterOf('A')!).sort()).toEqual(['A', 'B', 'C']);
    expect(c.summary()).toEqual({ addresses: 16, clusters: 14, largest: { id: c.clusterOf('A'), size: 3 }, merges: 2, suspect: 0 });
    expect(c.explain('A', 'C')).toEqual([
      { from: 'A', to: 'B', txid: t1.txid, heuristic: 'common-input', confidence: 90 },
      { from: 'B', to: 'C', txid: t2.txid, heuristic: 'common-input', confidence: 90 },
    ]);
    expect(c.explain('A', 'A')).toEqual([]);
    expect(c.explain('A', 'D')).toBeNull();
    expect(c.explain('A', 'nowhere')).toBeNull();
    expect(c.clusterOf('nowhere')).toBeUndefined();
    expect(c.members(99)).toEqual([]);
    // With the guard off, the mix's inputs collapse into one cluster: the guard matters.
    expect(cluster([mix], { coinjoin: false }).clusters).toBe(6);
  });

  it('reads a graph the same as the transactions', () => {
    const graph = createTransactionGraph();
    for (const tx of [t1, t2, t3, mix]) addUtxoTransaction(graph, tx);
    expect(partition(cluster(graph))).toEqual(partition(cluster([t1, t2, t3, mix])));
  });

  it('links change when the signals agree, with the signals as the detail', () => {
    const earlier = craftTx({ txid: 'e', height: 1, inputs: [['bc1qx', BTC]], outputs: [{ address: '1Shop', value: BTC, scriptType: 'p2pkh' }] });
    const pay = craftTx({
      txid: 'pay',
      height: 2,
      inputs: [['bc1qme', 150_000_000n]],
      outputs: [
        { address: '1Shop', value: BTC, scriptType: 'p2pkh' },
        { address: 'bc1qmychange', value: 49_990_000n },
      ],
    });
    const c = cluster([earlier, pay], { heuristics: ['common-input', 'change'] });
    expect(c.clusterOf('bc1qme')).toBe(c.clusterOf('bc1qmychange'));
    expect(c.clusterOf('bc1qme')).not.toBe(c.clusterOf('1Shop'));
    expect(c.explain('bc1qme', 'bc1qmychange')).toEqual([
      { from: 'bc1qme', to: 'bc1qmychange', txid: pay.txid, heuristic: 'change', confidence: 92, detail: 'output 1: script-type, round-amount, fresh-address' },
    ]);
    expect(c.stats.changeOutputs).toBe(1);
    // Common-input alone does not link change.
    expect(cluster([earlier, pay]).clusterOf('bc1qmychange')).not.toBe(cluster([earlier, pay]).clusterOf('bc1qme'));
  });

  it('records a merge of two big clusters as suspect instead of making it', () => {
    const left = craftTx({ txid: 'l', inputs: ['a1', 'a2', 'a3'].map((a) => [a, BTC] as const), outputs: [['o1', BTC]] });
    const right = craftTx({ txid: 'r', inputs: ['b1', 'b2', 'b3'].map((a) => [a, BTC] as const), outputs: [['o2', BTC]] });
    const bridge = craftTx({ txid: 'bridge', inputs: [['a1', BTC], ['b1', BTC]], outputs: [['o3', BTC]] });
    const c = cluster([left, right, bridge], { superclusterBound: 2 });
    expect(c.clusterOf('a1')).not.toBe(c.clusterOf('b1'));
    expect(c.suspects).toEqual([{ a: 'a1', b: 'b1', txid: bridge.txid, heuristic: 'common-input', confidence: 90, sizes: [3, 3] }]);
    expect(cluster([left, right, bridge]).clusterOf('a1')).toBe(cluster([left, right, bridge]).clusterOf('b1'));
  });

  it('stops on abort and reports progress', () => {
    const controller = new AbortController();
    controller.abort();
    expect(() => cluster([t1], { signal: controller.signal })).toThrow(expect.objectContaining({ code: 'ABORTED' }));
    const seen: number[] = [];
    cluster([t1, t2], { onProgress: (p) => seen.push(p.done) });
    expect(seen).toEqual([2]);
    expect(() => cluster([t1], { heuristics: ['deposit-address'] })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('cluster properties', () => {
  const addresses = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
  const arbTx = fc.record({
    inputs: fc.array(fc.tuple(fc.constantFrom(...addresses), fc.bigInt({ min: 1000n, max: 10n * BTC })), { minLength: 1, maxLength: 4 }),
    outputs: fc.array(fc.tuple(fc.constantFrom(...addresses, 'X', 'Y', 'Z'), fc.bigInt({ min: 600n, max: 5n * BTC })), { minLength: 1, maxLength: 4 }),
    height: fc.nat(50),
  });
  const arbTxs = fc.array(arbTx, { maxLength: 12 }).map((list) =>
    list.map((t, i): UtxoTransaction => craftTx({ txid: `p${i}`, height: t.height, index: i + 1, inputs: t.inputs, outputs: t.outputs })),
  );
  const heuristics: HeuristicName[][] = [['common-input'], ['common-input', 'change']];

  it('does not depend on the order transactions arrive in, nor on seeing them twice', () => {
    fc.assert(
      fc.property(arbTxs, fc.integer(), fc.constantFrom(...heuristics), (txs, seed, h) => {
        const shuffled = [...txs].sort((a, b) => ((a.txid.charCodeAt(2) * seed) % 7) - ((b.txid.charCodeAt(2) * seed) % 7));
        const base = partition(cluster(txs, { heuristics: h }));
        expect(partition(cluster(shuffled, { heuristics: h }))).toEqual(base);
        expect(partition(cluster([...txs, ...txs], { heuristics: h }))).toEqual(base);
      }),
      { seed: 20261123, numRuns: 200 },
    );
  });

  it('explains every pair of a cluster with a valid chain, and the merges count the joins', () => {
    fc.assert(
      fc.property(arbTxs, fc.constantFrom(...heuristics), (txs, h) => {
        const c = cluster(txs, { heuristics: h });
        expect(c.merges).toBe(c.addresses - c.clusters);
        for (let id = 0; id < c.clusters; id++) {
          const members = c.members(id);
          for (const a of members) for (const b of members) expectValidChain(c, a, b);
        }
      }),
      { seed: 8, numRuns: 100 },
    );
  });
});
