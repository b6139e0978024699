import { join } from 'node:path';
import { loadBlockFiles } from '@chaintrail/adapters';
import { BITCOIN_CHAINS, cluster, type Label, type UtxoTransaction } from '@chaintrail/core';
import { openStore, type Store } from '@chaintrail/store';
import { describe, expect, it } from 'vitest';
import { storeTestEnvironment } from './support/storeTestEnvironment.ts';
import { hasSharedData, sharedPath } from './support/sharedData.ts';

const BTC = BITCOIN_CHAINS.mainnet;
const { dir, postgres } = storeTestEnvironment('chaintrail-clusters-');

for (const [name, open] of [
  ['SQLite', async (): Promise<Store> => openStore({ url: join(dir, 'c.db') })],
  ['PostgreSQL', async (): Promise<Store> => openStore({ url: await postgres().createDatabase('clusters') })],
] as const) {
  describe.skipIf(!hasSharedData)(`${name}: clusters and labels persist`, () => {
    it('stores a clustering of real block 277647 computed from the store, and labels with their evidence', async () => {
      const store = await open();
      try {
        const [block] = await loadBlockFiles({
          paths: [sharedPath('bitcoin', 'blocks', 'block-277647.framed.dat')],
          prevoutsPath: sharedPath('bitcoin', 'blocks', 'block-277647.prevouts.json'),
        });
        const btc = store.utxo(BTC);
        await btc.addBlock(block!);
        const stored: UtxoTransaction[] = [];
        for await (const b of btc.getBlocks({ from: 277647, to: 277647 })) stored.push(...b.transactions);
        const clustering = cluster(stored);
        const count = await store.putClusters({ chain: BTC, assignments: clustering.entries() });
        expect(count).toBeGreaterThan(0);
        const multi = [...clustering.entries()].find(([address]) => clustering.members(clustering.clusterOf(address)!).length > 1);
        expect(multi, 'block 277647 has a multi-input spend').toBeDefined();
        const [address, id] = multi!;
        expect(await store.getCluster({ chain: BTC, address })).toBe(id);
        expect(await store.getClusterMembers({ chain: BTC, cluster: id })).toEqual([...clustering.members(id)].sort());
        // Replacing the clustering drops the old assignments.
        await store.putClusters({ chain: BTC, assignments: [[address, 7]] });
        expect(await store.getClusterMembers({ chain: BTC, cluster: id === 7 ? -1 : id })).toEqual([]);

        const label: Label = {
          chain: BTC, address, category: 'mining_pool', entity: 'BTC Guild', source: 'test:pools', confidence: 80,
          record: { tag: 'Mined by BTC Guild' },
        };
        const unnamed: Label = { chain: BTC, address, category: 'other', source: 'test:other', confidence: 50 };
        await store.putLabels([label, label, unnamed]);
        // Sorted by source; an absent entity stays absent, the record comes back as it went in.
        expect(await store.getLabels({ chain: BTC, address })).toEqual([unnamed, label]);
      } finally {
        await store.close();
      }
    });
  });
}
