import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blockedLabels, deriveBlocked, EntityRegistry, LabelStore, loadOfacList, screen } from '@chaintrail/core';
import { hasSharedData, sharedPath } from './support/sharedData.ts';

describe.skipIf(!hasSharedData)('screening sees 50%-rule derived sanctions through the LabelLookup', () => {
  it('blocks a withdrawal to the subsidiary of an entity holding an OFAC-listed address', async () => {
    const store = new LabelStore();
    const file = 'sanctioned_addresses_ETH.txt';
    store.addAll(loadOfacList({ file, text: readFileSync(sharedPath('labels', 'ofac-lists', file), 'utf8') }).labels);
    const listed = store.addresses('eip155:1').next().value as string;

    const registry = new EntityRegistry();
    registry.addEntity({ id: 'exchange', name: 'Sanctioned Exchange' });
    registry.addEntity({ id: 'sub', name: 'Subsidiary Ltd' });
    registry.addEntity({ id: 'mailbox', name: 'Mailbox Pte Ltd (Singapore)' });
    registry.linkAddress({ entity: 'exchange', chain: 'eip155:1', address: listed });
    registry.linkAddress({ entity: 'mailbox', chain: 'eip155:1', address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' });
    registry.addOwnership({ owner: 'exchange', owned: 'sub', share: '100%' });
    registry.addOwnership({ owner: 'sub', owned: 'mailbox', share: '51%' });

    const clean = await screen({ address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', chain: 'eth' }, { labels: store });
    expect(clean.evidence.labels).toEqual([]);

    const statuses = deriveBlocked({ registry, labels: store });
    expect(statuses.get('mailbox')!.chains).toEqual([['exchange', 'sub', 'mailbox']]);
    store.addAll(blockedLabels({ registry, statuses }));
    const verdict = await screen({ address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', chain: 'eth' }, { labels: store });
    expect(verdict.exposures.map((e) => [e.category, e.kind])).toEqual([['sanctioned', 'direct']]);
    expect(verdict.risk).not.toBe(clean.risk);
    expect(verdict.evidence.labels[0]).toMatchObject({ source: 'entities:blocked_50_percent', entity: 'Mailbox Pte Ltd (Singapore)' });
    const label = store.lookup('eip155:1', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed')[0]!;
    expect(label.derived?.explanation).toMatch(/Sanctioned Exchange → Subsidiary Ltd → Mailbox/);
  });
});
