import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isChaintrailError } from '../errors/ChaintrailError.ts';
import type { UtxoTransaction } from '../model/transaction.ts';
import { LabelStore } from '../labels/LabelStore.ts';
import { MemoryAccountSource } from '../source/MemoryAccountSource.ts';
import { MemoryUtxoSource } from '../source/MemoryUtxoSource.ts';
import { CHAIN, EVM, mapLabels, transfer, txid, utxoTx } from './testFixtures.ts';
import { trace } from './trace.ts';
import type { TraceResult } from './types.ts';

const BTC = 100_000_000n;

function balanced(r: TraceResult): void {
  const t = r.totals;
  expect(t.seeded + t.absorbed).toBe(t.frontier + t.fees + t.dust + t.stopped + t.truncated);
  expect(r.frontier.reduce((s, f) => s + f.taint, 0n)).toBe(t.frontier);
}

// Anderson et al.'s example on a UTXO chain: 3 stolen BTC and 7 clean BTC paid to X, then X pays 2 to Y and 8 to Z.
function anderson(fee = 0n) {
  return new MemoryUtxoSource({
    chain: CHAIN,
    transactions: [
      utxoTx({ name: 'stolen', height: 1, index: 0, inputs: [], outputs: [['X', 3n * BTC]] }),
      utxoTx({ name: 'mined', height: 2, index: 0, inputs: [], outputs: [['X', 7n * BTC]] }),
      utxoTx({ name: 'cb3', height: 3, index: 0, inputs: [], outputs: [['miner', 50n * BTC + fee]] }),
      utxoTx({
        name: 'spend',
        height: 3,
        index: 1,
        inputs: [['stolen', 0, 'X', 3n * BTC], ['mined', 0, 'X', 7n * BTC]],
        outputs: [['Y', 2n * BTC], ['Z', 8n * BTC - fee]],
      }),
    ],
  });
}

describe('trace() on a UTXO chain', () => {
  const stolen = `${txid('stolen')}:0`;

  it('follows the worked example forward under each policy', async () => {
    const source = anderson();
    const byPolicy = async (policy: 'poison' | 'haircut' | 'fifo') => {
      const r = await trace({ source, from: [stolen], policy });
      balanced(r);
      return Object.fromEntries(r.frontier.map((f) => [f.address, f.taint]));
    };
    expect(await byPolicy('poison')).toEqual({ Y: 2n * BTC, Z: 8n * BTC });
    expect(await byPolicy('haircut')).toEqual({ Y: 60_000_000n, Z: 240_000_000n });
    expect(await byPolicy('fifo')).toEqual({ Y: 2n * BTC, Z: 1n * BTC });
    const poisoned = await trace({ source, from: [stolen], policy: 'poison' });
    expect(poisoned.totals.absorbed).toBe(7n * BTC);
    expect(poisoned.frontier[0]).toMatchObject({ txid: txid('spend'), vout: 1, status: 'unspent', hops: 1, value: 8n * BTC });
  });

  it('stops at an exchange, reports it with the taint it received and a path as evidence', async () => {
    const labels = mapLabels(CHAIN, [['Z', 'exchange', 'Kraken']]);
    const r = await trace({ source: anderson(), from: [stolen], policy: 'fifo', labels });
    balanced(r);
    expect(r.reached).toEqual([
      expect.objectContaining({ entity: 'Kraken', category: 'exchange', taint: 1n * BTC, stopped: true, addresses: ['Z'], hops: 1 }),
    ]);
    expect(r.totals.stopped).toBe(1n * BTC);
    expect(r.frontier.map((f) => f.address)).toEqual(['Y']);
    expect(r.paths[0]).toMatchObject({ end: 'entity', amount: 1n * BTC });
    expect(r.paths[0]!.hops.map((h) => h.address)).toEqual(['X', 'Z']);
    expect(r.paths[0]!.hops[1]!.label).toMatchObject({ category: 'exchange', entity: 'Kraken', via: 'label' });
    expect(r.graph!.order).toBeGreaterThan(2);
  });

  it('takes the label of a cluster member', async () => {
    const labels = mapLabels(CHAIN, [['Z2', 'mixer', 'Wasabi']]);
    const clustering = { clusterOf: (a: string) => (a === 'Z' || a === 'Z2' ? 'c1' : undefined), members: () => ['Z', 'Z2'] };
    const r = await trace({ source: anderson(), from: [stolen], policy: 'haircut', labels, clustering, stopAt: ['mixer'] });
    expect(r.reached[0]).toMatchObject({ entity: 'Wasabi', category: 'mixer', taint: 240_000_000n });
    expect(r.reached[0]!.evidence[0]).toMatchObject({ via: 'cluster', cluster: 'c1', member: 'Z2', address: 'Z' });
  });

  it('traces backward to the coinbase outputs that funded an output', async () => {
    const r = await trace({ source: anderson(), from: [`${txid('spend')}:1`], policy: 'fifo', direction: 'backward' });
    balanced(r);
    expect(r.frontier.map((f) => [f.txid, f.taint, f.status])).toEqual([
      [txid('mined'), 7n * BTC, 'coinbase'],
      [txid('stolen'), 1n * BTC, 'coinbase'],
    ]);
    const h = await trace({ source: anderson(), from: [`${txid('spend')}:1`], policy: 'haircut', direction: 'backward', maxHops: 1 });
    expect(h.frontier.map((f) => [f.address, f.taint, f.status])).toEqual([
      ['X', 560_000_000n, 'hops'],
      ['X', 240_000_000n, 'hops'],
    ]);
  });

  it('sends the fee share into the coinbase with taintFees, conserving every unit', async () => {
    const source = anderson(1000n);
    const without = await trace({ source, from: [stolen], policy: 'haircut' });
    balanced(without);
    expect(without.totals.fees).toBe(300n); // 30% of the 1000 sat fee
    const withFees = await trace({ source, from: [stolen], policy: 'haircut', taintFees: true });
    balanced(withFees);
    expect(withFees.totals.fees).toBe(0n);
    expect(withFees.frontier.find((f) => f.address === 'miner')).toMatchObject({ taint: 300n, txid: txid('cb3'), hops: 2 });
  });

  it('drops dust, honours the height bound and the budget, and reports what was not followed', async () => {
    const source = anderson();
    const dust = await trace({ source, from: [stolen], policy: 'haircut', minValue: 100_000_000n });
    balanced(dust);
    expect(dust.dust).toEqual({ count: 1, taint: 60_000_000n });
    const bound = await trace({ source, from: [stolen], policy: 'haircut', until: { height: 2 } });
    expect(bound.frontier).toEqual([expect.objectContaining({ txid: txid('stolen'), status: 'bound', taint: 3n * BTC })]);
    const budget = await trace({ source, from: [stolen], policy: 'haircut', budget: { nodes: 0 } });
    balanced(budget);
    expect(budget.truncated).toMatchObject({ reason: 'budget', taint: 3n * BTC });
    const fetches = await trace({ source, from: [stolen], policy: 'haircut', budget: { fetches: 1 } });
    balanced(fetches);
    expect(fetches.truncated?.pending).toEqual([{ txid: txid('stolen'), vout: 0, address: 'X', taint: 3n * BTC }]);
  });

  it('seeds a mining pool’s coinbase outputs over a height range, and every address of a cluster', async () => {
    const pool = await trace({ source: anderson(1000n), from: [{ coinbase: { fromHeight: 2, toHeight: 3, addresses: ['X'] } }], policy: 'haircut' });
    expect(pool.totals.seeded).toBe(7n * BTC); // only block 2's coinbase pays X
    expect(pool.frontier.map((f) => [f.address, f.taint])).toEqual([['Z', 5_600_000_000n / 10n - 700n], ['Y', 140_000_000n]]);
    const clustering = { clusterOf: () => 'c', members: () => ['X'] };
    const cluster = await trace({ source: anderson(), from: [{ cluster: 'c' }], policy: 'poison', clustering });
    expect(cluster.totals.seeded).toBe(10n * BTC);
  });

  it('seeds every address a label store puts in a category', async () => {
    const labels = new LabelStore();
    labels.add({ chain: CHAIN, address: 'X', category: 'theft', entity: 'Thief', source: 'test', confidence: 100 });
    const r = await trace({ source: anderson(), from: [{ category: 'theft' }], policy: 'fifo', labels });
    expect(r.totals.seeded).toBe(10n * BTC);
    await expect(trace({ source: anderson(), from: [{ category: 'mixer' }], policy: 'fifo', labels })).rejects.toSatisfy((e) => isChaintrailError(e, 'NOT_FOUND'));
    await expect(trace({ source: anderson(), from: [{ category: 'theft' }], policy: 'fifo', labels: mapLabels(CHAIN, []) })).rejects.toSatisfy((e) =>
      isChaintrailError(e, 'INVALID_ARGUMENT'),
    );
  });

  it('seeds every output paid to an address, and stops on an aborted signal', async () => {
    const r = await trace({ source: anderson(), from: ['X'], policy: 'haircut' });
    expect(r.totals.seeded).toBe(10n * BTC);
    expect(r.totals.frontier).toBe(10n * BTC);
    const controller = new AbortController();
    controller.abort();
    await expect(trace({ source: anderson(), from: [stolen], policy: 'poison', signal: controller.signal })).rejects.toSatisfy((e) =>
      isChaintrailError(e, 'ABORTED'),
    );
  });
});

// Random transaction graphs: funding coinbases, then transactions spending random unspent outputs.
const arbGraph = fc
  .record({
    coinbases: fc.array(fc.bigInt({ min: 1000n, max: 10n ** 10n }), { minLength: 1, maxLength: 4 }),
    txs: fc.array(
      fc.record({
        picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
        outs: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 4 }),
        feePermille: fc.nat({ max: 30 }),
        block: fc.boolean(),
      }),
      { minLength: 1, maxLength: 25 },
    ),
    seeds: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
    seedPct: fc.integer({ min: 1, max: 100 }),
  })
  .map(({ coinbases, txs, seeds, seedPct }) => {
    const all: UtxoTransaction[] = [];
    const unspent: [string, number, string, bigint][] = [];
    let height = 1;
    let index = 1;
    coinbases.forEach((value, i) => {
      all.push(utxoTx({ name: `cb${i}`, height, index: 0, inputs: [], outputs: [[`a${i}`, value]] }));
      unspent.push([`cb${i}`, 0, `a${i}`, value]);
      height++;
    });
    txs.forEach((spec, k) => {
      if (unspent.length === 0) return;
      const inputs = [...new Set(spec.picks.map((p) => p % unspent.length))].sort((a, b) => b - a).map((i) => unspent.splice(i, 1)[0]!);
      const total = inputs.reduce((s, i) => s + i[3], 0n);
      const fee = (total * BigInt(spec.feePermille)) / 1000n;
      const wsum = BigInt(spec.outs.reduce((s, w) => s + w, 0));
      const values = spec.outs.map((w) => ((total - fee) * BigInt(w)) / wsum);
      values[0] = values[0]! + (total - fee - values.reduce((s, v) => s + v, 0n));
      if (spec.block) {
        height++;
        index = 1;
      }
      const name = `t${k}`;
      all.push(utxoTx({ name, height, index: index++, inputs, outputs: values.map((v, n) => [`o${k}.${n}`, v] as const) }));
      values.forEach((v, n) => unspent.push([name, n, `o${k}.${n}`, v]));
    });
    // Seeds are coinbase outputs (partly tainted), so no seed descends from another.
    const outpoints = all.filter((t) => t.coinbase).flatMap((t) => t.outputs.map((o) => ({ key: `${t.txid}:${o.n}`, value: o.value })));
    const seedOutputs = [...new Map(seeds.map((s) => outpoints[s % outpoints.length]!).map((o) => [o.key, o])).values()];
    return { all, seeds: seedOutputs.map((o) => ({ outpoint: o.key, amount: (o.value * BigInt(seedPct)) / 100n })) };
  });

describe('conservation on random transaction graphs (fast-check)', () => {
  it('taint in = taint in the frontier + fees, exactly, for every policy; poison ≥ haircut ≥ 0; FIFO = haircut on one-input chains', async () => {
    await fc.assert(
      fc.asyncProperty(arbGraph, async ({ all, seeds }) => {
        const source = new MemoryUtxoSource({ chain: CHAIN, transactions: all });
        const results: Record<string, TraceResult> = {};
        for (const policy of ['poison', 'haircut', 'fifo'] as const) {
          const r = await trace({ source, from: seeds, policy, maxHops: 100, graph: false });
          expect(r.totals.seeded + r.totals.absorbed).toBe(r.totals.frontier + r.totals.fees);
          for (const f of r.frontier) expect(f.taint > 0n && f.taint <= f.value).toBe(true);
          results[policy] = r;
        }
        const poisonAt = new Map(results.poison!.frontier.map((f) => [`${f.txid}:${f.vout}`, f.taint]));
        for (const f of results.haircut!.frontier) expect((poisonAt.get(`${f.txid}:${f.vout}`) ?? 0n) >= f.taint).toBe(true);
        if (all.every((t) => t.inputs.length <= 1)) expect(results.fifo!.frontier).toEqual(results.haircut!.frontier);
        const backward = await trace({ source, from: seeds, policy: 'haircut', direction: 'backward', maxHops: 100, graph: false });
        expect(backward.totals.seeded).toBe(backward.totals.frontier);
        // Sources that do not give a transaction's position in its block (Esplora) must give the same result.
        const unindexed = new MemoryUtxoSource({ chain: CHAIN, transactions: [...all].reverse().map((t) => ({ ...t, index: t.coinbase ? 0 : -1 })) });
        for (const policy of ['poison', 'haircut', 'fifo'] as const) {
          const r = await trace({ source: unindexed, from: seeds, policy, maxHops: 100, graph: false });
          expect(r.frontier).toEqual(results[policy]!.frontier);
        }
        const unindexedBack = await trace({ source: unindexed, from: seeds, policy: 'haircut', direction: 'backward', maxHops: 100, graph: false });
        expect(unindexedBack.frontier).toEqual(backward.frontier);
      }),
      { seed: 20261123, numRuns: 60 },
    );
  });

  it('keeps the books balanced with dust, stops and budgets', async () => {
    await fc.assert(
      fc.asyncProperty(arbGraph, fc.nat({ max: 10 }), fc.bigInt({ min: 0n, max: 10n ** 9n }), async ({ all, seeds }, nodes, minValue) => {
        const source = new MemoryUtxoSource({ chain: CHAIN, transactions: all });
        const labels = mapLabels(CHAIN, [['o1.0', 'exchange'], ['o3.1', 'exchange']]);
        for (const policy of ['poison', 'haircut', 'fifo'] as const) {
          const r = await trace({ source, from: seeds, policy, maxHops: 3, minValue, labels, budget: { nodes }, taintFees: true, graph: false });
          balanced(r);
        }
      }),
      { seed: 77, numRuns: 40 },
    );
  });
});

describe('trace() on an account chain', () => {
  // S steals 3 ETH-units into X; Q pays X 7 clean; X pays Y 2, then Z 8; Z pays back to X (a cycle).
  const theft = transfer('s', 'x', 3n, 10, 0);
  const stream = [
    transfer(null, 's', 3n, 9, -1, 'reward'),
    theft,
    transfer('q', 'x', 7n, 11, 0),
    transfer('x', 'y', 2n, 12, 0),
    transfer('x', 'z', 8n, 12, 1),
    transfer('z', 'x', 4n, 13, 0),
    transfer('x', 'w', 4n, 14, 0),
  ];
  const source = () => new MemoryAccountSource({ chain: EVM, transfers: stream });

  it('runs FIFO over each account stream, through a cycle', async () => {
    const r = await trace({ source: source(), from: [theft.txHash], policy: 'fifo' });
    balanced(r);
    const at = Object.fromEntries(r.frontier.map((f) => [f.address, f.taint]));
    // X pays out its 3 stolen first: 2 to Y, then 1 stolen + 7 clean to Z. Z's one lot of 8 holds 1 stolen spread
    // evenly, so the 4 it sends back carry floor(1·4/8) = 0, and X's payment to W is clean.
    expect(at).toEqual({ y: 2n, z: 1n });
    expect(r.frontier.find((f) => f.address === 'z')).toMatchObject({ value: 4n, status: 'unspent' });
  });

  it('haircut and poison on accounts conserve taint', async () => {
    for (const policy of ['haircut', 'poison'] as const) {
      const r = await trace({ source: source(), from: [theft.txHash], policy });
      balanced(r);
    }
    const p = await trace({ source: source(), from: ['s'], policy: 'poison' });
    balanced(p);
    expect(p.totals.seeded).toBe(3n);
  });

  it('attributes an account outflow backward to the inflows that funded it', async () => {
    const r = await trace({ source: source(), from: ['y'], policy: 'fifo', direction: 'backward' });
    balanced(r);
    expect(r.frontier).toEqual([expect.objectContaining({ address: 'reward', taint: 2n, status: 'coinbase' })]);
    const labels = mapLabels(EVM, [['s', 'sanctioned', 'Thief']]);
    const h = await trace({ source: source(), from: ['z'], policy: 'haircut', direction: 'backward', labels, stopAt: ['sanctioned'] });
    balanced(h);
    expect(h.reached).toEqual([expect.objectContaining({ entity: 'Thief', taint: 2n, hops: 2 })]);
  });
});
