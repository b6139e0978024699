import { join } from 'node:path';
import { loadBlockFiles } from '@chaintrail/adapters';
import { BITCOIN_CHAINS, CompactGraphBuilder, LabelStore, nativeAsset, screen, toJson, type CompactGraph } from '@chaintrail/core';
import { buildCompactIndex, openStore, type Store } from '@chaintrail/store';
import { describe, expect, it } from 'vitest';
import { accountFixture } from './support/dataSourceConformance.ts';
import { storeTestEnvironment } from './support/storeTestEnvironment.ts';
import { hasSharedData, sharedPath } from './support/sharedData.ts';

const BTC = BITCOIN_CHAINS.mainnet;
const { dir, postgres } = storeTestEnvironment('chaintrail-index-');
let databases = 0;

/** Every address with its in and out totals: equal for two indexes of the same edges, whatever the insertion order. */
function summary(g: CompactGraph): Map<string, [bigint, bigint]> {
  const out = new Map<string, [bigint, bigint]>();
  for (let v = 0; v < g.nodeCount; v++) out.set(g.address(v), [g.total('in', v), g.total('out', v)]);
  return out;
}

for (const [name, open] of [
  ['SQLite', async (): Promise<Store> => openStore({ url: join(dir, `x${Math.random().toString(36).slice(2)}.db`) })],
  ['PostgreSQL', async (): Promise<Store> => openStore({ url: await postgres().createDatabase(`x${++databases}`) })],
] as const) {
  describe(`${name}: the compact index built from a store`, () => {
    it.skipIf(!hasSharedData)('holds the same edges as one built from the parsed real block, and screen() answers alike', async () => {
      const [block] = await loadBlockFiles({
        paths: [sharedPath('bitcoin', 'blocks', 'block-277647.framed.dat')],
        prevoutsPath: sharedPath('bitcoin', 'blocks', 'block-277647.prevouts.json'),
      });
      const direct = new CompactGraphBuilder({ chain: BTC });
      for (const tx of block!.transactions) direct.addTransaction(tx);
      const expected = direct.build();
      const store = await open();
      try {
        await store.utxo(BTC).addBlock(block!);
        const index = await buildCompactIndex({ source: store.utxo(BTC) });
        expect(index.edgeCount).toBe(expected.edgeCount);
        expect(summary(index)).toEqual(summary(expected));

        // Label a payer, screen a payee of its: the verdicts agree.
        const tx = block!.transactions[1]!;
        const labels = new LabelStore();
        labels.add({ chain: BTC, address: tx.inputs[0]!.address!, category: 'sanctioned', source: 'test', confidence: 100 });
        const request = { address: tx.outputs[0]!.address, chain: BTC };
        const fromStore = await screen(request, { labels, index });
        expect(fromStore.coverage).toBe('index');
        expect(toJson(fromStore)).toBe(toJson(await screen(request, { labels, index: expected })));
        expect(fromStore.risk).not.toBe('none');
      } finally {
        await store.close();
      }
    });

    it('indexes one asset of an account chain, leaving failed, minted and burned transfers out', async () => {
      const transfers = accountFixture();
      const store = await open();
      try {
        await store.account('eip155:1').add(transfers);
        const asset = nativeAsset('eip155:1');
        const index = await buildCompactIndex({ source: store.account('eip155:1'), asset });
        const direct = new CompactGraphBuilder({ chain: 'eip155:1' });
        for (const t of transfers) direct.addTransfer(t, asset);
        expect(summary(index)).toEqual(summary(direct.build()));
        expect(index.edgeCount).toBe(4); // native a→b, internal b→c ×2, b→a (the self-transfer and the failed one left out)
      } finally {
        await store.close();
      }
    });
  });
}
