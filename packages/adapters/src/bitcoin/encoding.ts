import { checksum4 } from './sha256.ts';

// Address encoders written out for speed: bitcoinjs-lib's address.fromOutputScript tries every payment type in turn
// (80-240 µs per output); encoding the classified program directly costs about a microsecond. They read a byte range
// of the caller's buffer and write into scratch space, so encoding allocates nothing but the result string.

const BASE58_CODES = Buffer.from('123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz', 'latin1');
const CHARSET_CODES = Buffer.from('qpzry9x8gf2tvdw0s3jn54khce6mua7l', 'latin1');

// Scratch space reused by every call (single-threaded, never held across calls).
const PAYLOAD = Buffer.alloc(25);
const LIMBS = new Int32Array(32); // each limb < 58^3 < 2^18; 32 limbs hold 70 bytes
// Characters are written into a buffer and read as one string: `+=` per character leaves cons strings for the GC.
const TEXT = Buffer.alloc(128);

/**
 * Base58Check of a version byte and a 20-byte hash (p2pkh, p2sh addresses), the hash read from `bytes[start..start+20]`.
 *
 * @example
 * toBase58Check(0x00, hash160) // '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa' for the genesis key
 */
export function toBase58Check(version: number, bytes: Uint8Array, start = 0): string {
  // Exchanges and pools are paid over and over (a quarter of a 2019 block's outputs repeat an address in it): a
  // repeat costs a map lookup instead of two SHA-256 compressions and a base58 conversion.
  const key = String.fromCharCode(version) + Buffer.prototype.latin1Slice.call(bytes, start, start + 20);
  const known = RECENT.get(key);
  if (known !== undefined) return known;
  const address = encodeBase58Check(version, bytes, start);
  if (RECENT.size >= RECENT_MAX) RECENT.clear();
  RECENT.set(key, address);
  return address;
}

// Recently encoded addresses by version byte + hash (latin1). Cleared when full: bounded, and cheaper than an LRU.
const RECENT = new Map<string, string>();
const RECENT_MAX = 1 << 14; // ~2.5 MB at most, more than a block's outputs

function encodeBase58Check(version: number, bytes: Uint8Array, start: number): string {
  PAYLOAD[0] = version;
  for (let i = 0; i < 20; i++) PAYLOAD[1 + i] = bytes[start + i]!;
  const check = checksum4(PAYLOAD, 0, 21);
  PAYLOAD[21] = check >>> 24;
  PAYLOAD[22] = check >>> 16;
  PAYLOAD[23] = check >>> 8;
  PAYLOAD[24] = check;
  return base58(PAYLOAD);
}

// 58^3: three base58 digits per limb. A limb shifted by one byte plus a carry stays below 2^26, so every step is
// int32 arithmetic and V8 turns the division by the constant into a multiply (the former 58^5 limbs needed float
// division, which measured about 1 µs per address).
const LIMB = 195_112;

// Base58 of a short byte string (an address payload, at most 64 bytes).
function base58(bytes: Uint8Array): string {
  const length = bytes.length;
  let zeros = 0;
  while (zeros < length && bytes[zeros] === 0) zeros++;
  const limbs = LIMBS;
  let used = 0; // limbs in use, least significant first
  for (let i = zeros; i < length; i++) {
    let carry = bytes[i]!;
    for (let k = 0; k < used; k++) {
      const v = (limbs[k]! << 8) + carry;
      carry = (v / LIMB) | 0;
      limbs[k] = v - carry * LIMB;
    }
    while (carry > 0) {
      const q = (carry / LIMB) | 0;
      limbs[used++] = carry - q * LIMB;
      carry = q;
    }
  }
  const text = TEXT;
  let len = 0;
  for (let i = 0; i < zeros; i++) text[len++] = 0x31; // '1' per leading zero byte
  // The top limb is never zero; only its leading zero digits are dropped. Every lower limb gives exactly 3 digits.
  for (let k = used - 1; k >= 0; k--) {
    const v = limbs[k]!;
    const hi = (v / 3364) | 0; // 58^2
    const rest = v - hi * 3364;
    const mid = (rest / 58) | 0;
    const lo = rest - mid * 58;
    if (k < used - 1 || hi > 0) {
      text[len++] = BASE58_CODES[hi]!;
      text[len++] = BASE58_CODES[mid]!;
    } else if (mid > 0) {
      text[len++] = BASE58_CODES[mid]!;
    }
    text[len++] = BASE58_CODES[lo]!;
  }
  return text.toString('latin1', 0, len);
}

const GENERATORS = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3] as const;

function polymodStep(chk: number, value: number): number {
  const top = chk >>> 25;
  chk = ((chk & 0x1ffffff) << 5) ^ value;
  if (top & 1) chk ^= GENERATORS[0];
  if (top & 2) chk ^= GENERATORS[1];
  if (top & 4) chk ^= GENERATORS[2];
  if (top & 8) chk ^= GENERATORS[3];
  if (top & 16) chk ^= GENERATORS[4];
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
 * A segwit address (BIP173 bech32 for version 0, BIP350 bech32m for version 1+) of the witness program
 * `bytes[start..end]`.
 *
 * @example
 * toSegwitAddress('bc', 0, program20) // 'bc1q…'
 */
export function toSegwitAddress(hrp: string, version: number, bytes: Uint8Array, start = 0, end = bytes.length): string {
  let chk = hrpState(hrp);
  const text = TEXT;
  let len = text.write(hrp, 0, 'latin1');
  text[len++] = 0x31; // '1'
  chk = polymodStep(chk, version);
  text[len++] = CHARSET_CODES[version]!;
  let acc = 0;
  let bits = 0;
  for (let i = start; i < end; i++) {
    acc = ((acc << 8) | bytes[i]!) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      const w = (acc >> bits) & 31;
      chk = polymodStep(chk, w);
      text[len++] = CHARSET_CODES[w]!;
    }
  }
  if (bits > 0) {
    const w = (acc << (5 - bits)) & 31;
    chk = polymodStep(chk, w);
    text[len++] = CHARSET_CODES[w]!;
  }
  for (let i = 0; i < 6; i++) chk = polymodStep(chk, 0);
  chk = (chk ^ (version === 0 ? 1 : 0x2bc830a3)) >>> 0;
  for (let i = 0; i < 6; i++) text[len++] = CHARSET_CODES[(chk >>> (5 * (5 - i))) & 31]!;
  return text.toString('latin1', 0, len);
}
