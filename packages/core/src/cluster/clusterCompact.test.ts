import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { UtxoTransaction } from '../model/transaction.ts';
import type { Clustering } from './Clustering.ts';
import { HolderIndex } from './HolderIndex.ts';
import { cluster } from './cluster.ts';
import { clusterCompact } from './clusterCompact.ts';
import { craftTx } from './craft.ts';

function compactOf(txs: readonly UtxoTransaction[]): { index: HolderIndex; inputOffsets: Int32Array; inputHolders: Int32Array } {
  const index = new HolderIndex();
  const offsets = [0];
  const holders: number[] = [];
  for (const tx of txs) {
    for (const i of tx.inputs) holders.push(i.address === null ? -1 : index.intern(i.address));
    for (const o of tx.outputs) index.intern(o.address);
    offsets.push(holders.length);
  }
  return { index, inputOffsets: Int32Array.from(offsets), inputHolders: Int32Array.from(holders) };
}

const partition = (c: Clustering): string[][] => {
  const groups = new Map<number, string[]>();
  for (const [a, id] of c.entries()) groups.set(id, [...(groups.get(id) ?? []), a]);
  return [...groups.values()].map((g) => g.sort()).sort((x, y) => (x[0]! < y[0]! ? -1 : 1));
};

describe('clusterCompact', () => {
  it('gives the same partition as cluster() without the guard, and explains merges by txid', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(fc.option(fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F')), { minLength: 1, maxLength: 4 }), fc.constantFrom('X', 'Y', 'A')), { maxLength: 10 }),
        (specs) => {
          const txs = specs.map(([ins, out], i) =>
            craftTx({ txid: `c${i}`, inputs: ins.map((a) => (a === null ? { address: null, value: null } : [a, 5n] as const)), outputs: [[out, 1n]] }),
          );
          const { index, inputOffsets, inputHolders } = compactOf(txs);
          const compact = clusterCompact({ transactions: { inputOffsets, inputHolders, holderCount: index.size }, names: index, txidOf: (i) => txs[i]!.txid });
          expect(partition(compact)).toEqual(partition(cluster(txs, { coinjoin: false })));
          for (const [a] of compact.entries()) {
            for (const [b] of compact.entries()) {
              const chain = compact.explain(a, b);
              if (compact.clusterOf(a) !== compact.clusterOf(b)) expect(chain).toBeNull();
              else for (const m of chain!) expect(txs.map((t) => t.txid)).toContain(m.txid);
            }
          }
        },
      ),
      { seed: 3, numRuns: 100 },
    );
  });

  it('skips flagged transactions, names holders #id by default and guards superclusters', () => {
    const transactions = { inputOffsets: Int32Array.from([0, 2, 4, 6]), inputHolders: Int32Array.from([0, 1, 2, 3, 1, 3]), holderCount: 5 };
    const c = clusterCompact({ transactions, superclusterBound: 1 });
    expect(c.summary()).toEqual({ addresses: 5, clusters: 3, largest: { id: 0, size: 2 }, merges: 2, suspect: 1 });
    expect(c.suspects[0]).toMatchObject({ a: '#1', b: '#3', txid: '2', sizes: [2, 2] });
    expect(c.explain('#0', '#1')).toEqual([{ from: '#0', to: '#1', txid: '0', heuristic: 'common-input', confidence: 90 }]);
    const skipped = clusterCompact({ transactions: { ...transactions, skip: Uint8Array.from([0, 1, 0]) } });
    expect(skipped.clusterOf('#2')).not.toBe(skipped.clusterOf('#3'));
    expect(skipped.clusterOf('#0')).toBe(skipped.clusterOf('#3'));
  });
});
