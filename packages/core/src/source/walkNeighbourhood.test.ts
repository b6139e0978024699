import { describe, expect, it } from 'vitest';
import { nativeAsset } from '../model/caip.ts';
import type { AccountTransfer } from '../model/transaction.ts';
import { expandNeighbourhood } from './expandNeighbourhood.ts';
import { MemoryAccountSource } from './MemoryAccountSource.ts';
import { walkNeighbourhood } from './walkNeighbourhood.ts';

const ETH = 'eip155:1' as const;
let n = 0;
const t = (from: string, to: string, status: AccountTransfer['status'] = 'success'): AccountTransfer => ({
  chain: ETH, txHash: `0x${(++n).toString(16).padStart(64, '0')}`, block: { number: n, hash: `0x${n}`, time: n }, txIndex: 0, kind: 'native',
  from, to, asset: nativeAsset(ETH), value: 1n, status,
});

// a → b → c → a (a cycle), a → h, h → w, x, y, z (a hub of degree 4), b → d and c → d (two ways into d at hop 2), a → f failed.
const source = new MemoryAccountSource({
  chain: ETH,
  transfers: [t('a', 'b'), t('b', 'c'), t('c', 'a'), t('a', 'c'), t('a', 'h'), t('h', 'x'), t('h', 'y'), t('h', 'z'), t('h', 'w'), t('c', 'd'), t('b', 'd'), t('a', 'f', 'failed')],
});

describe('walkNeighbourhood', () => {
  it('reaches each address once at its fewest hops, by the least edge, ends cycles and does not expand hubs', async () => {
    const r = await walkNeighbourhood({ source, from: ['a'], direction: 'forward', maxHops: 3, maxDegree: 3 });
    expect(r.reached.map((e) => [e.address, e.hops, e.via?.parent ?? null])).toEqual([
      ['a', 0, null],
      ['b', 1, 'a'],
      ['c', 1, 'a'],
      ['h', 1, 'a'],
      ['d', 2, 'b'],
    ]);
    expect(r.hubs).toEqual(['h']);
  });

  it('walks backward, and expandNeighbourhood falls back to it on a source without the capability', async () => {
    const params = { source, from: ['d'], direction: 'backward' as const, maxHops: 2 };
    const r = await expandNeighbourhood(params);
    expect(r).toEqual(await walkNeighbourhood({ ...params, maxDegree: 1000 }));
    expect(r.reached.map((e) => `${e.address}:${e.hops}`)).toEqual(['d:0', 'b:1', 'c:1', 'a:2']);
    await expect(expandNeighbourhood({ ...params, maxHops: -1 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
