import { describe, expect, it } from 'vitest';
import { AbiCoder, encodeBytes32String } from 'ethers';
import { decodeDecimals, decodeText } from './tokenMetadata.ts';

const abi = AbiCoder.defaultAbiCoder();

describe('decodeText', () => {
  it.each([
    { description: 'an ABI string', raw: abi.encode(['string'], ['USDC']), expected: 'USDC' },
    { description: 'a bytes32 string (MKR style)', raw: encodeBytes32String('MKR'), expected: 'MKR' },
    { description: 'an empty answer (no such method, or an account without code)', raw: '0x', expected: null },
    { description: 'an ABI string that is empty', raw: abi.encode(['string'], ['']), expected: null },
    { description: 'bytes32 of control characters', raw: `0x01020304${'00'.repeat(28)}`, expected: null },
    { description: 'bytes that are not UTF-8', raw: `0xfffefd${'00'.repeat(29)}`, expected: null },
    { description: 'a number where a string belongs', raw: abi.encode(['uint256'], [18n]), expected: null },
    { description: 'not hex at all', raw: 'hello', expected: null },
    { description: 'a non-string', raw: 42, expected: null },
  ])('$description', ({ raw, expected }) => {
    expect(decodeText(raw)).toBe(expected);
  });
});

describe('decodeDecimals', () => {
  it.each([
    { description: 'a uint8 in a word', raw: abi.encode(['uint8'], [6]), expected: 6 },
    { description: '255, the largest', raw: abi.encode(['uint256'], [255n]), expected: 255 },
    { description: 'out of uint8 range', raw: abi.encode(['uint256'], [256n]), expected: null },
    { description: 'an empty answer', raw: '0x', expected: null },
  ])('$description', ({ raw, expected }) => {
    expect(decodeDecimals(raw)).toBe(expected);
  });
});
