import { describe, expect, it } from 'vitest';
import { isChaintrailError } from '../errors/ChaintrailError.ts';
import { AddressInterner } from './AddressInterner.ts';

describe('AddressInterner', () => {
  it('of(names) gives ids in list order, looks them up, and keeps interning after them', () => {
    const names = Array.from({ length: 5000 }, (_, i) => `addr${i}`);
    const interner = AddressInterner.of(names);
    names.push('not in the interner'); // of() copies the list
    expect(interner.size).toBe(5000);
    expect([interner.id('addr0'), interner.id('addr4999'), interner.id('zz')]).toEqual([0, 4999, -1]);
    expect(interner.address(1234)).toBe('addr1234');
    expect(interner.intern('addr17')).toBe(17);
    expect(interner.intern('new')).toBe(5000);
    expect(interner.names).toHaveLength(5001);
  });

  it('of(names) refuses a repeated name, naming it', () => {
    let error: unknown;
    try {
      AddressInterner.of(['a', 'b', 'a']);
    } catch (e) {
      error = e;
    }
    expect(isChaintrailError(error, 'INVALID_ARGUMENT')).toBe(true);
    expect((error as Error).message).toContain('Address a appears twice');
  });

  it('spreads names over any power-of-two number of shards, and refuses other counts', () => {
    for (const shards of [1, 2, 64]) {
      const interner = new AddressInterner(shards);
      for (let i = 0; i < 1000; i++) expect(interner.intern(`x${i % 700}`)).toBe(i % 700);
      expect(interner.size).toBe(700);
    }
    for (const bad of [0, 3, 1.5, -2]) expect(() => new AddressInterner(bad)).toThrow(/power of two/);
  });
});
