import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isChaintrailError } from '../../errors/ChaintrailError.ts';
import { LabelStore } from '../LabelStore.ts';
import { blockedLabels, deriveBlocked } from './deriveBlocked.ts';
import { EntityRegistry } from './EntityRegistry.ts';

const SDN = { source: 'ofac-sdn', program: 'CYBER2' };

function registry(designated: string[], others: string[], owns: [string, string, string][], controls: [string, string][] = []): EntityRegistry {
  const r = new EntityRegistry();
  for (const id of designated) r.addEntity({ id, designation: SDN });
  for (const id of others) r.addEntity({ id });
  for (const [owner, owned, share] of owns) r.addOwnership({ owner, owned, share });
  for (const [controller, controlled] of controls) r.addControl({ controller, controlled });
  return r;
}

const statusOf = (r: EntityRegistry, options: { treatControlAsBlocking?: boolean } = {}) =>
  Object.fromEntries([...deriveBlocked({ registry: r, ...options })].map(([id, s]) => [id, s.status]));

describe('deriveBlocked (OFAC 50 Percent Rule)', () => {
  it('blocks an entity owned 50% or more by one blocked person, not one owned 49.99%', () => {
    const r = registry(['A'], ['B', 'C'], [['A', 'B', '50%'], ['A', 'C', '49.99%']]);
    expect(statusOf(r)).toEqual({ A: 'designated', B: 'blocked_50_percent', C: 'clear' });
  });

  it('aggregates the holdings of several blocked owners (OFAC FAQ 399: 25% + 25%)', () => {
    const r = registry(['X', 'Y'], ['Z', 'W'], [['X', 'Z', '25%'], ['Y', 'Z', '25%'], ['X', 'W', '20%'], ['Y', 'W', '20%']]);
    const status = deriveBlocked({ registry: r });
    expect(status.get('Z')).toMatchObject({ status: 'blocked_50_percent', blockedOwnership: { num: 1n, den: 2n } });
    expect(status.get('Z')!.chains).toEqual([['X', 'Z'], ['Y', 'Z']]);
    expect(status.get('W')).toMatchObject({ status: 'clear', blocked: false });
    expect(status.get('W')!.explanation).toMatch(/own 40% of it, under 50%/);
  });

  it('follows a chain of subsidiaries without multiplying shares down it (A 50% B, B 50% C, C 100% D)', () => {
    const r = registry(['A'], ['B', 'C', 'D'], [['A', 'B', '50%'], ['B', 'C', '50%'], ['C', 'D', '100%']]);
    const status = deriveBlocked({ registry: r });
    expect(status.get('D')).toMatchObject({ status: 'blocked_50_percent', chains: [['A', 'B', 'C', 'D']] });
    expect(status.get('D')!.explanation).toContain('A → B → C → D');
  });

  it('does not count the holdings of an owner that is not itself blocked (A 40% B, B 100% C)', () => {
    const r = registry(['A'], ['B', 'C'], [['A', 'B', '40%'], ['B', 'C', '100%']]);
    expect(statusOf(r)).toEqual({ A: 'designated', B: 'clear', C: 'clear' });
  });

  it('combines a direct holding with one through a blocked subsidiary (OFAC FAQ 401)', () => {
    // A owns 50% of B (so B is blocked) and 25% of C; B owns 25% of C: C is 50% owned by blocked persons.
    const r = registry(['A'], ['B', 'C'], [['A', 'B', '50%'], ['A', 'C', '25%'], ['B', 'C', '25%']]);
    const c = deriveBlocked({ registry: r }).get('C')!;
    expect(c.status).toBe('blocked_50_percent');
    expect(c.chains).toEqual([['A', 'C'], ['A', 'B', 'C']]);
  });

  it('terminates on cycles of ownership, and a cycle alone blocks nobody', () => {
    // B and C own each other; A's direct 30% plus C's 20% (once C is blocked) reaches 50% of B.
    const cyc = registry(['A'], ['B', 'C'], [['A', 'B', '30%'], ['A', 'C', '50%'], ['C', 'B', '20%'], ['B', 'C', '10%']]);
    const status = deriveBlocked({ registry: cyc });
    expect(status.get('C')!.status).toBe('blocked_50_percent');
    expect(status.get('B')).toMatchObject({ status: 'blocked_50_percent', chains: [['A', 'B'], ['A', 'C', 'B']] });
    const closed = registry(['A'], ['P', 'Q'], [['P', 'Q', '60%'], ['Q', 'P', '60%'], ['A', 'P', '10%']]);
    expect(statusOf(closed)).toEqual({ A: 'designated', P: 'clear', Q: 'clear' });
  });

  it('reports control without blocking, unless the policy treats control as blocking', () => {
    const r = registry(['A'], ['B', 'C'], [['B', 'C', '100%']], [['A', 'B']]);
    expect(statusOf(r)).toEqual({ A: 'designated', B: 'controlled_by_blocked', C: 'clear' });
    const strict = deriveBlocked({ registry: r, treatControlAsBlocking: true });
    expect(strict.get('B')).toMatchObject({ status: 'blocked_control', chains: [['A', 'B']] });
    expect(strict.get('C')).toMatchObject({ status: 'blocked_50_percent', chains: [['A', 'B', 'C']] });
  });

  it('designates an entity whose linked address carries a sanctioned label, and labels the addresses it blocks', () => {
    const r = new EntityRegistry();
    r.addEntity({ id: 'garantex', name: 'Garantex Europe OU' });
    r.addEntity({ id: 'sg', name: 'Mailbox Pte Ltd (Singapore)' });
    r.linkAddress({ entity: 'garantex', chain: 'eip155:1', address: '0x6F1cA141A28907F78Ebaa64fb83A9088b02A8352' });
    r.linkAddress({ entity: 'sg', chain: 'eip155:1', address: '0x8589427373D6D84E98730D7795D8f6f8731FDA16' });
    r.addOwnership({ owner: 'garantex', owned: 'sg', share: '6000bp' });
    const store = new LabelStore();
    store.add({ chain: 'eip155:1', address: '0x6f1ca141a28907f78ebaa64fb83a9088b02a8352', category: 'sanctioned', source: 'ofac:sanctioned_addresses_ETH.txt', confidence: 100 });
    const statuses = deriveBlocked({ registry: r, labels: store });
    expect(statuses.get('garantex')).toMatchObject({ status: 'designated', designation: { source: 'ofac:sanctioned_addresses_ETH.txt' } });
    const labels = blockedLabels({ registry: r, statuses });
    const derived = labels.find((l) => l.address === '0x8589427373d6d84e98730d7795d8f6f8731fda16')!;
    expect(derived).toMatchObject({ category: 'sanctioned', entity: 'Mailbox Pte Ltd (Singapore)', source: 'entities:blocked_50_percent' });
    expect(derived.derived).toMatchObject({ rule: 'ofac_50_percent', chains: [['garantex', 'sg']] });
    expect(derived.derived!.explanation).toMatch(/owns? 60%|own 60%/);
    store.addAll(labels);
    expect(store.hasCategory('eip155:1', '0x8589427373d6d84e98730d7795d8f6f8731fda16', 'sanctioned')).toBe(true);
  });

  it('refuses recorded shares of one entity above 100% and unknown entities', () => {
    const r = registry([], ['A', 'B', 'C'], [['A', 'C', '60%']]);
    for (const call of [() => r.addOwnership({ owner: 'B', owned: 'C', share: '41%' }), () => r.addOwnership({ owner: 'Q', owned: 'C', share: '1%' })]) {
      try {
        call();
        expect.unreachable();
      } catch (e) {
        expect(isChaintrailError(e, 'INVALID_ARGUMENT')).toBe(true);
      }
    }
  });

  it('gives the same statuses whatever order links are recorded in (property, seeded)', () => {
    const ids = ['A', 'B', 'C', 'D', 'E', 'F'];
    const link = fc.record({ owner: fc.constantFrom(...ids), owned: fc.constantFrom(...ids), bp: fc.integer({ min: 1, max: 3000 }) });
    fc.assert(
      fc.property(fc.array(link, { maxLength: 14 }), fc.subarray(ids, { minLength: 1, maxLength: 2 }), (links, designated) => {
        const valid = links.filter((l) => l.owner !== l.owned);
        const build = (order: typeof valid) => {
          const r = new EntityRegistry();
          for (const id of ids) r.addEntity({ id, ...(designated.includes(id) ? { designation: SDN } : {}) });
          for (const l of order) r.addOwnership({ owner: l.owner, owned: l.owned, share: `${l.bp}bp` });
          return r;
        };
        // only link sets whose recorded shares stay within 100%, which every order accepts alike
        const totals = new Map<string, number>();
        for (const l of valid) totals.set(l.owned, (totals.get(l.owned) ?? 0) + l.bp);
        if ([...totals.values()].some((t) => t > 10_000)) return;
        const a = statusOf(build(valid));
        const b = statusOf(build([...valid].reverse()));
        expect(b).toEqual(a);
      }),
      { seed: 20261123, numRuns: 200 },
    );
  });
});
