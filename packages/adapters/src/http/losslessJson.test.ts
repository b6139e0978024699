import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BTC_DECIMALS, parseUnits } from '@chaintrail/core';
import { decimalText, parseJsonLossless } from './losslessJson.ts';

describe('parseJsonLossless', () => {
  it('keeps decimals as their text and integers as numbers, strings untouched', () => {
    const text = '{"id":7,"value":92233720.36854775,"fee":-1e-8,"s":"1.5 \\" 2.5","a":[0.1,2],"big":123456789012345678901}';
    expect(parseJsonLossless(text)).toEqual({ id: 7, value: '92233720.36854775', fee: '-1e-8', s: '1.5 " 2.5', a: ['0.1', 2], big: '123456789012345678901' });
  });

  it('gives an exact satoshi value a double cannot hold', () => {
    // 9223372036854775 sat is above 2^53: through a float it becomes …776.
    expect(BigInt(Math.round(Number('92233720.36854775') * 1e8))).not.toBe(9223372036854775n);
    const parsed = parseJsonLossless('{"value": 92233720.36854775}') as { value: unknown };
    expect(parseUnits(decimalText(parsed.value, 'test'), BTC_DECIMALS)).toBe(9223372036854775n);
  });

  it('reads any JSON as JSON.parse does, except that inexact numbers arrive as their exact text', () => {
    const same = (reference: unknown, parsed: unknown): boolean => {
      if (typeof reference === 'number') {
        if (Number.isSafeInteger(reference)) return parsed === reference;
        return typeof parsed === 'string' && Number(parsed) === reference;
      }
      if (Array.isArray(reference)) return Array.isArray(parsed) && parsed.length === reference.length && reference.every((x, i) => same(x, parsed[i]));
      if (reference !== null && typeof reference === 'object') {
        if (parsed === null || typeof parsed !== 'object') return false;
        const keys = Object.keys(reference);
        return keys.length === Object.keys(parsed).length && keys.every((k) => same((reference as Record<string, unknown>)[k], (parsed as Record<string, unknown>)[k]));
      }
      return reference === parsed;
    };
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        return same(JSON.parse(text), parseJsonLossless(text));
      }),
      { seed: 11, numRuns: 500 },
    );
  });

  it('throws on malformed and truncated JSON', () => {
    expect(() => parseJsonLossless('{"value": 1.5')).toThrow(SyntaxError);
    expect(() => parseJsonLossless('{"value": 1.5.6}')).toThrow(SyntaxError);
  });
});
