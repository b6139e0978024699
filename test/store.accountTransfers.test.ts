// Account transfers keyed by tid (schema version 2): ties between equal sort keys are ordered the same on both engines
// and paged without loss or repeat; re-adds add nothing; scans page by row id within one chain.
import { join } from 'node:path';
import { compareTransfers, isChaintrailError, nativeAsset, type AccountTransfer, type ChainId } from '@chaintrail/core';
import { openStore, type Store } from '@chaintrail/store';
import { describe, expect, it } from 'vitest';
import { storeTestEnvironment } from './support/storeTestEnvironment.ts';

const { dir, postgres } = storeTestEnvironment('chaintrail-transfers-');
const ETH = 'eip155:1' as const;
const HUB = '0x00000000000000000000000000000000000000aa';
const addr = (i: number) => `0x${i.toString(16).padStart(40, '0')}`;

function transfers(chain: ChainId): AccountTransfer[] {
  const out: AccountTransfer[] = [];
  const block = (n: number) => ({ number: n, hash: `0x${n.toString(16).padStart(64, 'b')}`, time: n * 12 });
  for (let n = 1; n <= 3; n++) {
    // Block-level transfers at one position: equal sort keys, told apart only by the tie-break.
    for (let i = 0; i < 5; i++) {
      out.push({ chain, txHash: `0x${n.toString(16).padStart(64, 'c')}`, block: block(n), txIndex: -1, kind: i % 2 ? 'reward' : 'withdrawal', from: HUB, to: addr(10 * n + i), asset: nativeAsset(chain), value: BigInt(i + 1), status: 'success' });
    }
    for (let i = 0; i < 4; i++) {
      out.push({ chain, txHash: `0x${(100 * n + i).toString(16).padStart(64, '0')}`, block: block(n), txIndex: i, kind: 'native', from: i % 2 ? HUB : addr(i), to: i % 2 ? addr(i) : HUB, asset: nativeAsset(chain), value: 7n, status: 'success' });
    }
  }
  return out;
}

async function addressPages(store: Store, direction: 'in' | 'out' | 'both', limit: number): Promise<AccountTransfer[]> {
  const items: AccountTransfer[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.account(ETH).getAddressTransfers({ address: HUB, direction, limit, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.next ?? undefined;
  } while (cursor);
  return items;
}

describe('account transfers keyed by tid', () => {
  it('orders equal sort keys alike on SQLite and PostgreSQL, pages them without loss or repeat, and adds idempotently', async () => {
    const stores = [await openStore({ url: join(dir, 'ties.db') }), await openStore({ url: await postgres().createDatabase('ties') })];
    try {
      const seen: string[][] = [];
      for (const store of stores) {
        const eth = store.account(ETH);
        // Reversed, then again in order and on another chain: the stored order depends on neither.
        await eth.add(transfers(ETH).reverse());
        await eth.add(transfers(ETH));
        await store.account('eip155:10').add(transfers('eip155:10'));
        expect(await eth.count()).toBe(transfers(ETH).length);
        for (const direction of ['in', 'out', 'both'] as const) {
          const all = (await store.account(ETH).getAddressTransfers({ address: HUB, direction, limit: 1000 })).items;
          expect(all.length).toBe(transfers(ETH).filter((t) => (direction !== 'in' && t.from === HUB) || (direction !== 'out' && t.to === HUB)).length);
          for (let i = 1; i < all.length; i++) expect(compareTransfers(all[i - 1]!, all[i]!)).toBeLessThanOrEqual(0);
          for (const limit of [1, 2, 3]) expect(await addressPages(store, direction, limit)).toEqual(all);
          seen.push(all.map((t) => `${t.kind} ${t.to} ${t.value}`));
        }
        const withdrawals = await eth.getTransfers({ txHash: `0x${(2).toString(16).padStart(64, 'c')}` });
        seen.push(withdrawals.map((t) => `${t.kind} ${t.to}`));
        await expect(eth.getAddressTransfers({ address: HUB, cursor: 'not-a-cursor' })).rejects.toSatisfy((e) => isChaintrailError(e, 'INVALID_ARGUMENT'));
        const scanned: AccountTransfer[] = [];
        for await (const batch of eth.scanTransfers({ batchSize: 4 })) scanned.push(...batch);
        // Every transfer of this chain once (the other chain's rows interleave in the row ids).
        expect(scanned.map((t) => `${t.txHash} ${t.to}`).sort()).toEqual(transfers(ETH).map((t) => `${t.txHash} ${t.to}`).sort());
        let edges = 0;
        for await (const batch of eth.scanEdges({ batchSize: 4 })) edges += batch.length;
        expect(edges).toBe(transfers(ETH).length);
      }
      expect(seen.slice(0, seen.length / 2)).toEqual(seen.slice(seen.length / 2));
    } finally {
      for (const store of stores) await store.close();
    }
  });
});
