import { describe, expect, it } from 'vitest';
import { loadBlockFiles } from '@chaintrail/adapters';
import { BITCOIN_CHAINS, cluster, clusterEntities, loadLabelFiles } from '@chaintrail/core';
import { hasSharedData, sharedPath } from './support/sharedData.ts';

const BTC = BITCOIN_CHAINS.mainnet;

describe.skipIf(!hasSharedData)('labels propagate to the clusters of block 277647 (real clustering, real TagPacks)', () => {
  it('names the cluster of a labelled address by its label', async () => {
    const blocks = await loadBlockFiles({
      paths: [sharedPath('bitcoin', 'blocks', 'block-277647.framed.dat')],
      prevoutsPath: sharedPath('bitcoin', 'blocks', 'block-277647.prevouts.json'),
    });
    const clustering = cluster(blocks.flatMap((b) => b.transactions));
    const { store } = await loadLabelFiles({
      paths: [sharedPath('labels', 'graphsense-tagpacks', 'packs', 'walletexplorer.yaml')],
    });
    const gamblingAddress = '14ChPPM8rPYJeHnw6kMVUDnNNKx1KnjYW4';
    const [label] = store.lookup(BTC, gamblingAddress);
    expect(label).toMatchObject({ category: 'gambling', source: 'tagpack:walletexplorer.yaml' });
    const id = clustering.clusterOf(gamblingAddress)!;
    const [named] = [...clusterEntities({ labels: store, chain: BTC, clusters: [id], clustering })];
    expect(named!.size).toBe(clustering.members(id).length);
    expect(named!.size).toBeGreaterThan(1);
    // one labelled member names the whole cluster: its other members inherit the entity
    expect(named).toMatchObject({ clusterId: id, labelledMembers: 1, entity: label!.entity, conflict: false, categories: { gambling: 1 } });

  });
});
