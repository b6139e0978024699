import { sha256 } from '@noble/hashes/sha2.js';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
/** Digit of each ASCII character, -1 for characters outside the alphabet. */
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET.charCodeAt(i)] = i;

/**
 * Decodes Base58Check; returns the payload (version byte first) or a reason string. Converts base 58 to base 256 in
 * a byte array (no bigint): label files hold a hundred thousand legacy addresses, and this runs for each.
 */
export function decodeBase58Check(text: string): Uint8Array | string {
  if (text.length === 0 || text.length > 120) return 'empty or too long for base58';
  // log(58) / log(256) < 0.733 bytes per character.
  const size = Math.ceil((text.length * 733) / 1000) + 1;
  const b256 = new Uint8Array(size);
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? DIGIT[c]! : -1;
    if (v < 0) return `invalid base58 character "${String.fromCodePoint(text.codePointAt(i)!)}"`;
    let carry = v;
    let j = 0;
    for (let k = size - 1; (carry !== 0 || j < length) && k >= 0; k--, j++) {
      carry += 58 * b256[k]!;
      b256[k] = carry & 0xff;
      carry >>>= 8;
    }
    length = j;
  }
  let start = size - length;
  while (start < size && b256[start] === 0) start++;
  let zeros = 0;
  while (text[zeros] === '1') zeros++;
  const bytes = new Uint8Array(zeros + size - start);
  bytes.set(b256.subarray(start), zeros);
  if (bytes.length < 5) return 'too short for base58check';
  const payload = bytes.subarray(0, bytes.length - 4);
  const checksum = sha256(sha256(payload)).subarray(0, 4);
  for (let i = 0; i < 4; i++) if (checksum[i] !== bytes[payload.length + i]) return 'bad base58 checksum';
  return payload;
}
