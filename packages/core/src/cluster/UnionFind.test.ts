import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnionFind } from './UnionFind.ts';

describe('UnionFind', () => {
  it('joins sets, counts them and grows past its first capacity', () => {
    const uf = new UnionFind(16);
    uf.grow(100);
    expect(uf.count).toBe(100);
    expect(uf.union(1, 2)).not.toBe(-1);
    expect(uf.union(2, 1)).toBe(-1);
    uf.union(3, 99);
    uf.union(2, 99);
    expect(uf.connected(1, 3)).toBe(true);
    expect(uf.connected(1, 4)).toBe(false);
    expect(uf.sizeOf(99)).toBe(4);
    expect(uf.sets).toBe(97);
    expect(uf.bytes).toBe(100 * 4);
  });

  it('agrees with a naive labelling on random unions', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(49), fc.nat(49)), { maxLength: 80 }), (pairs) => {
        const uf = new UnionFind(16);
        uf.grow(50);
        const label = Array.from({ length: 50 }, (_, i) => i);
        for (const [a, b] of pairs) {
          uf.union(a, b);
          const from = label[b]!;
          const to = label[a]!;
          for (let i = 0; i < 50; i++) if (label[i] === from) label[i] = to;
        }
        for (let i = 0; i < 50; i++) {
          for (let j = 0; j < 50; j++) expect(uf.connected(i, j)).toBe(label[i] === label[j]);
          expect(uf.sizeOf(i)).toBe(label.filter((l) => l === label[i]).length);
        }
        expect(uf.sets).toBe(new Set(label).size);
        // label(): dense ids in order of each set's first element, sizes by id.
        const ids = new Int32Array(50);
        const sizes = new Int32Array(50);
        const count = uf.label(ids, sizes);
        const firsts = [...new Set(label)];
        expect(count).toBe(firsts.length);
        for (let i = 0; i < 50; i++) {
          expect(ids[i]).toBe(firsts.indexOf(label[i]!));
          expect(sizes[ids[i]!]).toBe(label.filter((l) => l === label[i]).length);
        }
      }),
      { seed: 8, numRuns: 60 },
    );
  });
});
