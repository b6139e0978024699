import { describe, expect, it } from 'vitest';
import { IdMap } from './IdMap.ts';

describe('IdMap', () => {
  it('agrees with a Map on sets, overwrites, deletes and clear', () => {
    const ids = new IdMap<bigint>();
    const reference = new Map<number, bigint>();
    for (let i = 0; i < 5000; i++) {
      const id = (i * 7919) % 3001; // revisits ids, so some sets overwrite
      ids.set(id, BigInt(i) << 64n);
      reference.set(id, BigInt(i) << 64n);
      if (i % 5 === 0) expect(ids.delete(id + 1)).toBe(reference.delete(id + 1));
    }
    expect(ids.size).toBe(reference.size);
    for (let id = 0; id < 3002; id++) expect(ids.get(id)).toBe(reference.get(id));
    ids.clear();
    expect(ids.size).toBe(0);
    expect(ids.get(7)).toBeUndefined();
  });

  // V8 throws "Map maximum size exceeded" past 2^24 entries; the shards keep each Map at a 64th of the ids.
  it('holds more ids than one Map can', () => {
    const ids = new IdMap<number>();
    const n = (1 << 24) + 10;
    for (let id = 0; id < n; id++) ids.set(id, id);
    expect(ids.size).toBe(n);
    expect(ids.get(n - 1)).toBe(n - 1);
  }, 120_000);
});
