import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isChaintrailError } from '../errors/ChaintrailError.ts';
import { apportion } from './apportion.ts';

describe('apportion', () => {
  it('splits by cumulative rounding', () => {
    expect(apportion({ amount: 300000000n, weights: [200000000n, 800000000n] })).toEqual([60000000n, 240000000n]);
    expect(apportion({ amount: 1n, weights: [1n, 1n, 1n] })).toEqual([0n, 0n, 1n]);
    expect(apportion({ amount: 2n, weights: [1n, 1n, 1n] })).toEqual([0n, 1n, 1n]);
    expect(apportion({ amount: 0n, weights: [5n] })).toEqual([0n]);
  });

  it('refuses a negative amount or an empty weight total', () => {
    expect(() => apportion({ amount: -1n, weights: [1n] })).toThrow();
    try {
      apportion({ amount: 1n, weights: [0n, 0n] });
      expect.unreachable();
    } catch (e) {
      expect(isChaintrailError(e, 'INVALID_ARGUMENT')).toBe(true);
    }
  });

  it('conserves the amount and stays within floor/ceil of each exact share', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 16n }), { minLength: 1, maxLength: 12 }), fc.double({ min: 0, max: 1, noNaN: true }), (weights, f) => {
        const total = weights.reduce((s, w) => s + w, 0n);
        fc.pre(total > 0n);
        const amount = (total * BigInt(Math.floor(f * 1e6))) / 1_000_000n;
        const shares = apportion({ amount, weights });
        expect(shares.reduce((s, x) => s + x, 0n)).toBe(amount);
        shares.forEach((s, k) => {
          const exactFloor = (amount * weights[k]!) / total;
          expect(s >= exactFloor && s <= exactFloor + 1n).toBe(true);
          expect(s <= weights[k]!).toBe(true);
        });
      }),
      { seed: 9, numRuns: 300 },
    );
  });
});
