import { hash } from 'node:crypto';

// Address encoders written out for speed: bitcoinjs-lib's address.fromOutputScript tries every payment type in turn
// (80-240 µs per output); encoding the classified program directly costs a few µs.

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/**
 * Base58Check of a version byte and a 20-byte hash (p2pkh, p2sh addresses).
 *
 * @example
 * toBase58Check(0x00, hash160) // '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa' for the genesis key
 */
export function toBase58Check(version: number, hash20: Uint8Array): string {
  const payload = PAYLOAD;
  payload[0] = version;
  payload.set(hash20, 1);
  const view = PAYLOAD_VIEW.subarray(0, 21);
  const checksum = hash('sha256', Buffer.from(hash('sha256', view, 'hex'), 'hex'), 'hex');
  for (let i = 0; i < 4; i++) payload[21 + i] = parseInt(checksum.slice(2 * i, 2 * i + 2), 16);
  return base58(payload);
}

// Scratch space reused by every call: the parser encodes thousands of addresses per block, one at a time.
const PAYLOAD = new Uint8Array(25);
const PAYLOAD_VIEW = Buffer.from(PAYLOAD.buffer, PAYLOAD.byteOffset, PAYLOAD.byteLength);
const DIGITS = new Uint8Array(64);
// Characters are written into a buffer and read as one string: `+=` per character leaves cons strings for the GC.
const TEXT = Buffer.alloc(128);
const BASE58_CODES = Buffer.from(BASE58, 'latin1');
const CHARSET_CODES = Buffer.from('qpzry9x8gf2tvdw0s3jn54khce6mua7l', 'latin1');

// Base58 of exactly 25 bytes (version, 20-byte hash, checksum).
function base58(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  const size = (((bytes.length - zeros) * 138) / 100 + 1) | 0;
  const digits = DIGITS;
  digits.fill(0, 0, size);
  let length = 0;
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i]!;
    let j = 0;
    for (let k = size - 1; (carry !== 0 || j < length) && k >= 0; k--, j++) {
      carry += 256 * digits[k]!;
      digits[k] = carry % 58;
      carry = (carry / 58) | 0;
    }
    length = j;
  }
  let start = size - length;
  while (start < size && digits[start] === 0) start++;
  const text = TEXT;
  let len = 0;
  for (let i = 0; i < zeros; i++) text[len++] = 0x31; // '1'
  for (let i = start; i < size; i++) text[len++] = BASE58_CODES[digits[i]!]!;
  return text.toString('latin1', 0, len);
}

const GENERATORS = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3] as const;

function polymodStep(chk: number, value: number): number {
  const top = chk >>> 25;
  chk = ((chk & 0x1ffffff) << 5) ^ value;
  for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GENERATORS[i]!;
  return chk;
}

const hrpChecksumState = new Map<string, number>();

function hrpState(hrp: string): number {
  let chk = hrpChecksumState.get(hrp);
  if (chk === undefined) {
    chk = 1;
    for (let i = 0; i < hrp.length; i++) chk = polymodStep(chk, hrp.charCodeAt(i) >> 5);
    chk = polymodStep(chk, 0);
    for (let i = 0; i < hrp.length; i++) chk = polymodStep(chk, hrp.charCodeAt(i) & 31);
    hrpChecksumState.set(hrp, chk);
  }
  return chk;
}

/**
 * A segwit address (BIP173 bech32 for version 0, BIP350 bech32m for version 1+) of a witness program.
 *
 * @example
 * toSegwitAddress('bc', 0, program20) // 'bc1q…'
 */
export function toSegwitAddress(hrp: string, version: number, program: Uint8Array): string {
  const words: number[] = [version];
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < program.length; i++) {
    acc = ((acc << 8) | program[i]!) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      words.push((acc >> bits) & 31);
    }
  }
  if (bits > 0) words.push((acc << (5 - bits)) & 31);
  let chk = hrpState(hrp);
  const text = TEXT;
  let len = text.write(hrp, 0, 'latin1');
  text[len++] = 0x31; // '1'
  for (const w of words) {
    chk = polymodStep(chk, w);
    text[len++] = CHARSET_CODES[w]!;
  }
  for (let i = 0; i < 6; i++) chk = polymodStep(chk, 0);
  chk = (chk ^ (version === 0 ? 1 : 0x2bc830a3)) >>> 0;
  for (let i = 0; i < 6; i++) text[len++] = CHARSET_CODES[(chk >>> (5 * (5 - i))) & 31]!;
  return text.toString('latin1', 0, len);
}
