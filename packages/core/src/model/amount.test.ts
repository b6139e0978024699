import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isChaintrailError } from '../errors/ChaintrailError.ts';
import { formatUnits, parseUnits } from './amount.ts';

describe('parseUnits', () => {
  const valid = [
    { description: 'one satoshi', text: '0.00000001', decimals: 8, value: 1n },
    { description: 'the 21M supply minus change, beyond a double\'s exact cents', text: '20999999.97690001', decimals: 8, value: 2099999997690001n },
    { description: 'a value whose float product is off by one (0.29 * 1e8 = 28999999.999999996)', text: '0.29', decimals: 8, value: 29000000n },
    { description: 'exponent form as JSON may print it', text: '1e-8', decimals: 8, value: 1n },
    { description: 'upper-case exponent with trailing zeros', text: '1.50E+2', decimals: 8, value: 15000000000n },
    { description: 'wei beyond 2^64', text: '123456789.123456789123456789', decimals: 18, value: 123456789123456789123456789n },
    { description: 'negative', text: '-0.5', decimals: 8, value: -50000000n },
    { description: 'trailing zeros past the unit', text: '1.100000000000', decimals: 8, value: 110000000n },
  ];
  for (const f of valid) it(`parses ${f.description}`, () => expect(parseUnits(f.text, f.decimals)).toBe(f.value));

  const invalid = [
    { description: 'more decimals than the unit', text: '0.000000001', decimals: 8 },
    { description: 'not a number', text: '12abc', decimals: 8 },
    { description: 'empty', text: '', decimals: 8 },
    { description: 'NaN', text: 'NaN', decimals: 8 },
  ];
  for (const f of invalid) {
    it(`rejects ${f.description} with INVALID_AMOUNT`, () => {
      expect(() => parseUnits(f.text, f.decimals)).toThrow();
      try {
        parseUnits(f.text, f.decimals);
      } catch (e) {
        expect(isChaintrailError(e, 'INVALID_AMOUNT')).toBe(true);
      }
    });
  }

  it('round-trips with formatUnits for any amount (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 18 }), (value, decimals) => {
        expect(parseUnits(formatUnits(value, decimals), decimals)).toBe(value);
      }),
      { seed: 42 },
    );
  });
});

describe('formatUnits', () => {
  it('drops trailing zeros and keeps whole numbers whole', () => {
    expect(formatUnits(2500000000n, 8)).toBe('25');
    expect(formatUnits(1n, 18)).toBe('0.000000000000000001');
    expect(formatUnits(-123456789n, 8)).toBe('-1.23456789');
  });
});
