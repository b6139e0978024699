import { describe, expect, it } from 'vitest';
import { LabelStore } from './LabelStore.ts';
import type { Label } from './types.ts';

const ETH = 'eip155:1' as const;
const A = '0x8589427373d6d84e98730d7795d8f6f8731fda16';
const label = (over: Partial<Label>): Label => ({ chain: ETH, address: A, category: 'exchange', source: 's1', confidence: 60, ...over });

describe('LabelStore', () => {
  it('keeps every label of an address with its source, and answers category questions', () => {
    const store = new LabelStore();
    store.addAll([label({ entity: 'Acme' }), label({ category: 'sanctioned', source: 'ofac', entity: 'ACME LTD', confidence: 100 })]);
    expect(store.lookup(ETH, A).map((l) => l.source)).toEqual(['s1', 'ofac']);
    expect(store.categoriesOf(ETH, A)).toEqual(['sanctioned', 'exchange']);
    expect(store.hasCategory(ETH, A, 'sanctioned')).toBe(true);
    expect(store.hasCategory(ETH, A, 'mixer')).toBe(false);
    expect(store.entityOf(ETH, A)).toBe('ACME LTD');
    expect(store.lookup(ETH, '0x8589427373D6D84E98730D7795D8f6f8731FDA16')).toHaveLength(2);
    expect(store.lookup('eip155:56', A)).toEqual([]);
  });
  it('stores the same statement from the same source once (case variants collapse upstream to one key)', () => {
    const store = new LabelStore();
    expect(store.add(label({}))).toBe(true);
    expect(store.add(label({ record: { different: 'record' } }))).toBe(false);
    expect(store.stats()).toMatchObject({ labels: 1, addresses: 1, duplicates: 1 });
  });
  it('reports conflicts instead of overwriting, but a sanction beside a kind is not a conflict', () => {
    const store = new LabelStore();
    store.addAll([label({}), label({ source: 's2', category: 'mixer' }), label({ address: '0x01', category: 'sanctioned' }), label({ address: '0x01', source: 's3' })]);
    const conflicts = store.conflicts();
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ chain: ETH, address: A, categories: ['exchange', 'mixer'] });
    expect(store.lookup(ETH, A)).toHaveLength(2);
  });
  it('counts labels per source and per category', () => {
    const store = new LabelStore();
    store.addAll([label({}), label({ address: '0x02', category: 'mixer' }), label({ address: '0x03', source: 's2' })]);
    expect(store.stats()).toEqual({
      labels: 3,
      addresses: 3,
      duplicates: 0,
      bySource: { s1: 2, s2: 1 },
      byCategory: { exchange: 2, mixer: 1 },
    });
  });
});
