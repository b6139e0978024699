import { describe, expect, it } from 'vitest';
import { clusterEntities } from './clusterEntities.ts';
import { LabelStore } from './LabelStore.ts';

const BTC = 'bip122:000000000019d6689c085ae165831e93' as const;

describe('clusterEntities', () => {
  const store = new LabelStore();
  store.addAll([
    { chain: BTC, address: 'a1', category: 'exchange', entity: 'Bitstamp', source: 'tagpack:x', confidence: 80 },
    { chain: BTC, address: 'a2', category: 'exchange', entity: 'bitstamp ', source: 'user:y', confidence: 100 },
    { chain: BTC, address: 'a3', category: 'exchange', entity: 'Kraken', source: 'tagpack:x', confidence: 80 },
    { chain: BTC, address: 'b1', category: 'sanctioned', entity: 'HYDRA MARKET', source: 'ofac-sdn:sdn.csv', confidence: 100 },
  ]);
  const groups: Record<string, string[]> = { c1: ['a1', 'a2', 'a3', 'a4'], c2: ['b1', 'b2'], c3: ['z'] };
  const clustering = { members: (id: string) => groups[id] ?? [] };

  it('names a cluster by its labelled members and surfaces conflicting names', () => {
    const [c1, c2, c3] = [...clusterEntities({ labels: store, chain: BTC, clusters: ['c1', 'c2', 'c3'], clustering })];
    expect(c1).toMatchObject({ clusterId: 'c1', size: 4, labelledMembers: 3, entity: 'Bitstamp', conflict: true, categories: { exchange: 3 } });
    expect(c1!.candidates.map((c) => [c.entity, c.members])).toEqual([
      ['Bitstamp', 2],
      ['Kraken', 1],
    ]);
    expect(c2).toMatchObject({ entity: 'HYDRA MARKET', conflict: false, sanctionedMembers: ['b1'] });
    expect(c3).toMatchObject({ entity: null, labelledMembers: 0, conflict: false });
  });
});
