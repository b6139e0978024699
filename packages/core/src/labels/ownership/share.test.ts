import { describe, expect, it } from 'vitest';
import { isChaintrailError } from '../../errors/ChaintrailError.ts';
import { addShares, compareShares, formatShare, HALF, parseShare } from './share.ts';

describe('shares', () => {
  it.each([
    ['60%', 3n, 5n],
    ['33.3333%', 333333n, 1000000n],
    ['1/3', 1n, 3n],
    ['0.5', 1n, 2n],
    ['5000bp', 1n, 2n],
    ['100%', 1n, 1n],
  ])('parses %s exactly', (text, num, den) => expect(parseShare(text)).toEqual({ num, den }));
  it.each(['150%', '-1%', '2/1', '1/0', 'half', '0.5.1'])('rejects %s', (text) => {
    try {
      parseShare(text);
      expect.unreachable();
    } catch (e) {
      expect(isChaintrailError(e, 'INVALID_ARGUMENT')).toBe(true);
    }
  });
  it('adds and compares exactly where floats would not', () => {
    const third = parseShare('1/3');
    expect(compareShares(addShares(addShares(third, third), third), parseShare('100%'))).toBe(0);
    expect(compareShares(addShares(parseShare('0.1'), parseShare('0.4')), HALF)).toBe(0);
    expect(compareShares(parseShare('49.9999%'), HALF)).toBe(-1);
    expect(formatShare(third)).toBe('33.33%');
    expect(formatShare(HALF)).toBe('50%');
  });
});
