import { sha256 } from '@noble/hashes/sha2.js';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

/** Decodes Base58Check; returns the payload (version byte first) or a reason string. */
export function decodeBase58Check(text: string): Uint8Array | string {
  if (text.length === 0 || text.length > 120) return 'empty or too long for base58';
  let n = 0n;
  for (const ch of text) {
    const v = INDEX.get(ch);
    if (v === undefined) return `invalid base58 character "${ch}"`;
    n = n * 58n + BigInt(v);
  }
  const body: number[] = [];
  while (n > 0n) {
    body.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  let zeros = 0;
  while (text[zeros] === '1') zeros++;
  const bytes = new Uint8Array(zeros + body.length);
  bytes.set(body, zeros);
  if (bytes.length < 5) return 'too short for base58check';
  const payload = bytes.subarray(0, bytes.length - 4);
  const checksum = sha256(sha256(payload)).subarray(0, 4);
  for (let i = 0; i < 4; i++) if (checksum[i] !== bytes[payload.length + i]) return 'bad base58 checksum';
  return payload;
}
