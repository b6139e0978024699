import { hash } from 'node:crypto';
import { sha256Of32Into } from './sha256.ts';

// node:crypto (OpenSSL) one-shot hashes with string output: every txid needs two SHA-256 passes, so this is the
// parser's floor. A string digest written into a reused buffer avoids allocating a fresh ArrayBuffer per digest, which
// measured 3x slower here because of the garbage collector; latin1 (one character per byte, exact for all 256 values)
// encodes and decodes faster than hex ('binary' is Node's name for latin1).

/** SHA-256 of `data`, as hex in hash byte order. */
export function sha256Hex(data: Uint8Array): string {
  return hash('sha256', data, 'hex');
}

/** SHA-256 twice (Bitcoin's hash of transactions, headers, base58 checksums), as hex in hash byte order. */
export function sha256dHex(data: Uint8Array): string {
  DIGEST.write(hash('sha256', data, 'binary'), 0, 'latin1');
  return hash('sha256', DIGEST, 'hex');
}

/** SHA-256 twice of `data`, written as 32 bytes (hash byte order) at `out[at..at+32]`. */
export function sha256dInto(data: Uint8Array, out: Buffer, at: number): void {
  DIGEST.write(hash('sha256', data, 'binary'), 0, 'latin1');
  // The second pass is 32 bytes, one compression: in JavaScript, straight into `out`, with no second hex round trip.
  sha256Of32Into(DIGEST, 0, out, at);
}

// Scratch for the first digest and for byte reversal: reused by every call, never held across calls.
const DIGEST = Buffer.alloc(32);
const SCRATCH = Buffer.alloc(64);

/** RIPEMD-160 of SHA-256 (the hash a p2pkh address carries). */
export function hash160(data: Uint8Array): Buffer {
  return Buffer.from(hash('ripemd160', Buffer.from(hash('sha256', data, 'binary'), 'latin1'), 'binary'), 'latin1');
}

/** Reverses the byte order of a hex string: hash byte order to Bitcoin's display order and back. */
export function reverseHex(hex: string): string {
  if (hex.length > 128) return Buffer.from(hex, 'hex').reverse().toString('hex');
  const n = SCRATCH.write(hex, 0, 'hex');
  return reversedHex(SCRATCH, 0, n);
}

/** The bytes `start..end` of `bytes` in reversed order, as hex (how Bitcoin displays a 32-byte hash it stores). */
export function reversedHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  const n = end - start;
  const out = n <= REVERSED.length ? REVERSED : Buffer.alloc(n);
  for (let i = 0; i < n; i++) out[i] = bytes[end - 1 - i]!;
  // One flat string from a buffer: concatenating 32 two-character strings builds 32 cons strings for the GC.
  return out.toString('hex', 0, n);
}

const REVERSED = Buffer.alloc(64);
