import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHAIN, EVM, transfer, utxoTx } from '../trace/testFixtures.ts';
import { AddressInterner } from './AddressInterner.ts';
import { CompactGraphBuilder } from './CompactGraph.ts';
import { walkCompact } from './walkCompact.ts';
import { floorMulDiv } from './walkNumeric.ts';

describe('CompactGraph', () => {
  it('interns addresses densely and back', () => {
    const interner = new AddressInterner();
    expect([interner.intern('a'), interner.intern('b'), interner.intern('a')]).toEqual([0, 1, 0]);
    expect(interner.address(1)).toBe('b');
    expect(interner.id('zz')).toBe(-1);
    expect(() => interner.address(9)).toThrow(RangeError);
  });

  it('holds both directions, exact values above 2^64, in 24 bytes per edge', () => {
    const builder = new CompactGraphBuilder({ chain: EVM });
    const big = 10n ** 21n; // 1000 ETH in wei, above 2^64
    for (let i = 0; i < 3000; i++) builder.addEdge({ from: `a${i % 100}`, to: `b${i % 7}`, value: BigInt(i), time: i });
    builder.addEdge({ from: 'whale', to: 'b0', value: big, time: 5 });
    builder.addEdge({ from: 'self', to: 'self', value: 1n });
    const g = builder.build();
    expect(g.edgeCount).toBe(3001);
    const b0 = g.id('b0');
    const sources: string[] = [];
    let total = 0n;
    for (let k = g.inOffsets[b0]!; k < g.inOffsets[b0 + 1]!; k++) {
      sources.push(g.address(g.inSource[k]!));
      total += g.edgeValue(g.inEdge[k]!);
    }
    expect(sources).toContain('whale');
    expect(total).toBe(big + [...Array(3000).keys()].filter((i) => i % 7 === 0).reduce((s, i) => s + BigInt(i), 0n));
    const adjacencyBytes = g.byteLength - g.outOffsets.byteLength - g.inOffsets.byteLength;
    expect(adjacencyBytes / g.edgeCount).toBe(24);
  });

  it('knows every address\'s totals, exact (above 2^64 too), and whether they fit a double', () => {
    const builder = new CompactGraphBuilder({ chain: EVM });
    const big = (1n << 64n) + 5n;
    builder.addEdge({ from: 'whale', to: 'x', value: big }).addEdge({ from: 'whale', to: 'x', value: big });
    builder.addEdge({ from: 'a', to: 'x', value: 3n }).addEdge({ from: 'x', to: 'a', value: 2n });
    const g = builder.build();
    const x = g.id('x');
    expect(g.total('in', x)).toBe(2n * big + 3n);
    expect(g.total('out', g.id('whale'))).toBe(2n * big);
    expect(g.total('out', x)).toBe(2n);
    expect(g.fitsDouble()).toBe(false);
    const small = new CompactGraphBuilder({ chain: EVM }).addEdge({ from: 'a', to: 'b', value: 7n }).build();
    expect(small.fitsDouble()).toBe(true);
    expect(new CompactGraphBuilder({ chain: EVM }).build().nodeCount).toBe(0);
  });

  it('splits each UTXO output over the inputs exactly', () => {
    const tx = utxoTx({ name: 't', height: 5, index: 1, inputs: [['p', 0, 'X', 3n], ['q', 0, 'W', 7n]], outputs: [['Y', 2n], ['Z', 7n]] });
    const g = new CompactGraphBuilder({ chain: CHAIN }).addTransaction(tx).build();
    const edges: [string, string, bigint][] = [];
    for (let v = 0; v < g.nodeCount; v++) {
      for (let e = g.outOffsets[v]!; e < g.outOffsets[v + 1]!; e++) edges.push([g.address(v), g.address(g.outTarget[e]!), g.edgeValue(e)]);
    }
    expect(edges.sort()).toEqual([['W', 'Y', 2n], ['W', 'Z', 5n], ['X', 'Z', 2n]]);
  });
});

describe('walkCompact', () => {
  const transfers = [transfer('s', 'x', 3n, 1), transfer('q', 'x', 7n, 2), transfer('x', 'y', 2n, 3), transfer('x', 'z', 8n, 4), transfer('m', 's', 3n, 0)];
  const build = () => {
    const b = new CompactGraphBuilder({ chain: EVM });
    for (const t of transfers) b.addTransfer(t);
    return b.build();
  };

  it('attributes backward by haircut and stops at labelled addresses', () => {
    const g = build();
    const s = g.id('s');
    const r = walkCompact({ graph: g, from: [{ id: g.id('z') }], direction: 'backward', policy: 'haircut', maxHops: 3, classify: (id) => (id === s ? 'stop' : undefined) });
    expect(r.seeded).toBe(8n);
    expect(r.stopped.get(s)).toBe(2n); // floor(8·3/10)
    expect(r.unknown.get(g.id('q'))).toBe(6n);
    expect(r.steps.get(s)).toMatchObject({ parent: g.id('x'), hops: 2 });
    expect(() => walkCompact({ graph: g, from: [], direction: 'backward', policy: 'fifo', maxHops: 1 })).toThrow(/FIFO/);
  });

  it('balances its books on random graphs, both directions, haircut and poison', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: 30 }), fc.nat({ max: 30 }), fc.bigInt({ min: 1n, max: 10n ** 12n })), { minLength: 1, maxLength: 120 }),
        fc.nat({ max: 30 }),
        fc.nat({ max: 5 }),
        fc.constantFrom('haircut' as const, 'poison' as const),
        fc.constantFrom('forward' as const, 'backward' as const),
        fc.nat({ max: 400 }),
        (edges, seed, maxHops, policy, direction, maxEdges) => {
          const b = new CompactGraphBuilder({ chain: EVM });
          for (const [f, t, v] of edges) b.addEdge({ from: `n${f}`, to: `n${t}`, value: v });
          const g = b.build();
          const stop = g.id('n1');
          const r = walkCompact({ graph: g, from: [{ id: g.id(`n${seed}`) }], direction, policy, maxHops, maxEdges, minValue: 1000n, classify: (id) => (id === stop ? 'stop' : undefined) });
          const sum = (m: Map<number, bigint>) => [...m.values()].reduce((s, v) => s + v, 0n);
          expect(r.seeded + r.absorbed).toBe(sum(r.stopped) + sum(r.frontier) + sum(r.unknown) + r.dust + r.truncated);
        },
      ),
      { seed: 5, numRuns: 300 },
    );
  });

  it('gives the same results on doubles as on bigints, to the unit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: 25 }), fc.nat({ max: 25 }), fc.bigInt({ min: 1n, max: 10n ** 13n }), fc.nat({ max: 9 })), { minLength: 1, maxLength: 150 }),
        fc.array(fc.nat({ max: 25 }), { minLength: 1, maxLength: 3 }),
        fc.nat({ max: 5 }),
        fc.constantFrom('haircut' as const, 'poison' as const),
        fc.constantFrom('forward' as const, 'backward' as const),
        fc.option(fc.nat({ max: 9 }), { nil: undefined }),
        fc.bigInt({ min: 0n, max: 10n ** 9n }),
        (edges, seeds, maxHops, policy, direction, until, minValue) => {
          const b = new CompactGraphBuilder({ chain: EVM });
          for (const [f, t, v, time] of edges) b.addEdge({ from: `n${f}`, to: `n${t}`, value: v, time });
          const g = b.build();
          expect(g.fitsDouble()).toBe(true);
          const stop = g.id('n1');
          const params = {
            graph: g,
            from: seeds.map((s) => ({ id: g.id(`n${s}`) })),
            direction,
            policy,
            maxHops,
            minValue,
            ...(until !== undefined ? { until } : {}),
            classify: (id: number) => (id === stop ? ('stop' as const) : id % 3 === 0 ? ('record' as const) : undefined),
          };
          expect(walkCompact({ ...params, numeric: true })).toEqual(walkCompact({ ...params, numeric: false }));
        },
      ),
      { seed: 17, numRuns: 300 },
    );
  });

  it('floorMulDiv is exact up to 2^52', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: (1n << 52n) - 1n }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (t, x, y) => {
        const a = BigInt(Math.floor(Number(t) * x));
        const c = BigInt(Math.floor(Number(t) * y));
        expect(floorMulDiv(Number(a), Number(c), Number(t))).toBe(Number((a * c) / t));
      }),
      { seed: 3, numRuns: 2000 },
    );
    expect(floorMulDiv(3, 10, 10)).toBe(3);
    expect(floorMulDiv(2 ** 51, 2 ** 51 - 1, 2 ** 51)).toBe(2 ** 51 - 1);
  });
});
