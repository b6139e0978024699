import { address } from 'bitcoinjs-lib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toBase58Check, toSegwitAddress } from './encoding.ts';

describe('address encoders agree with bitcoinjs-lib on random programs', () => {
  it('toBase58Check', () => {
    fc.assert(
      fc.property(fc.constantFrom(0x00, 0x05, 0x6f, 0xc4, 0x30), fc.uint8Array({ minLength: 20, maxLength: 20 }), (version, hash) => {
        expect(toBase58Check(version, hash)).toBe(address.toBase58Check(hash, version));
      }),
      { seed: 7, numRuns: 500 },
    );
    // Leading zero bytes (each a '1') and every version byte: the limb arithmetic's edge cases.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 20 }), fc.uint8Array({ minLength: 20, maxLength: 20 }), (version, zeroed, hash) => {
        hash.fill(0, 0, zeroed);
        expect(toBase58Check(version, hash)).toBe(address.toBase58Check(hash, version));
      }),
      { seed: 11, numRuns: 1000 },
    );
    const zeros = new Uint8Array(20);
    expect(toBase58Check(0, zeros)).toBe(address.toBase58Check(zeros, 0));
    expect(toBase58Check(0, zeros)).toBe('1111111111111111111114oLvT2');
  });

  it('toSegwitAddress (bech32 and bech32m)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('bc', 'tb', 'bcrt'),
        fc.integer({ min: 0, max: 16 }),
        fc.uint8Array({ minLength: 2, maxLength: 40 }),
        (hrp, version, program) => {
          expect(toSegwitAddress(hrp, version, program)).toBe(address.toBech32(program, version, hrp));
        },
      ),
      { seed: 7, numRuns: 500 },
    );
  });
});
