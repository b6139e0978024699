import { describe, expect, it } from 'vitest';
import { ResponseCache } from './ResponseCache.ts';

describe('ResponseCache', () => {
  it('stores confirmed answers only', async () => {
    const cache = new ResponseCache<string>();
    let loads = 0;
    const load = (confirmed: boolean) => async () => {
      loads++;
      return { value: `v${loads}`, confirmed };
    };
    expect(await cache.getOrLoad('a', load(false))).toBe('v1');
    expect(await cache.getOrLoad('a', load(true))).toBe('v2');
    expect(await cache.getOrLoad('a', load(true))).toBe('v2');
    expect(loads).toBe(2);
    expect(cache.stats).toEqual({ hits: 1, misses: 2 });
  });

  it('shares one load between concurrent callers and stores nothing when it fails', async () => {
    const cache = new ResponseCache<number>();
    let loads = 0;
    const slow = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 5));
      return { value: 7, confirmed: true };
    };
    expect(await Promise.all([cache.getOrLoad('k', slow), cache.getOrLoad('k', slow)])).toEqual([7, 7]);
    expect(loads).toBe(1);
    await expect(cache.getOrLoad('bad', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(cache.get('bad')).toBeUndefined();
  });

  it('drops the least recently used entry beyond its size', () => {
    const cache = new ResponseCache<number>({ maxEntries: 2 });
    cache.set('a', 1, true);
    cache.set('b', 2, true);
    cache.get('a');
    cache.set('c', 3, true);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });
});
