import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checksum4, sha256dOf64Into, sha256Of32Into } from './sha256.ts';

function reference(bytes: Uint8Array): number {
  return createHash('sha256').update(createHash('sha256').update(bytes).digest()).digest().readUInt32BE(0);
}

describe('checksum4 (the JavaScript SHA-256 of address checksums) agrees with node:crypto', () => {
  it('on random inputs of every length it accepts, read from inside a larger buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 55 }), fc.nat(8), (bytes, offset) => {
        const padded = new Uint8Array(offset + bytes.length + 8).fill(0xee);
        padded.set(bytes, offset);
        expect(checksum4(padded, offset, offset + bytes.length)).toBe(reference(bytes));
      }),
      { seed: 5, numRuns: 1000 },
    );
  });

  it('on the empty input and the 55-byte limit, and refuses 56 bytes', () => {
    expect(checksum4(new Uint8Array(0), 0, 0)).toBe(0x5df6e0e2); // sha256d('') begins 5df6e0e2
    expect(checksum4(new Uint8Array(55).fill(0xff), 0, 55)).toBe(reference(new Uint8Array(55).fill(0xff)));
    expect(() => checksum4(new Uint8Array(56), 0, 56)).toThrow(RangeError);
  });
});

describe('sha256Of32Into and sha256dOf64Into agree with node:crypto', () => {
  const sha = (b: Uint8Array): Buffer => createHash('sha256').update(b).digest();
  it('on random digests and merkle pairs, read at an offset and written back in place', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), fc.nat(40), (bytes, offset) => {
        const buf = new Uint8Array(offset + 64);
        buf.set(bytes, offset);
        const out = new Uint8Array(32);
        sha256Of32Into(buf, offset, out, 0);
        expect(Buffer.from(out).toString('hex')).toBe(sha(bytes.subarray(0, 32)).toString('hex'));
        sha256dOf64Into(buf, offset, buf, offset); // in place, as the merkle fold writes
        expect(Buffer.from(buf.subarray(offset, offset + 32)).toString('hex')).toBe(sha(sha(bytes)).toString('hex'));
      }),
      { seed: 9, numRuns: 500 },
    );
  });
});
