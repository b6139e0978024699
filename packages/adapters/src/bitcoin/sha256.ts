// SHA-256 (FIPS 180-4) in JavaScript, for the short fixed-size inputs of the parser (address checksums, merkle pairs,
// the second pass of a txid): a node:crypto call costs a fixed few hundred nanoseconds plus a hex round trip to get
// the bytes back, more than the one to three compressions here. Whole transactions still go to node:crypto.

const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = Int32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

// Scratch reused by every call (single-threaded, never held across calls).
const W = new Int32Array(64);
const H = new Int32Array(8);

// One compression of the 16 words in W[0..15] from the chaining value `iv` (IV or H itself) into H.
function compressOneBlock(iv: Int32Array = IV): void {
  const w = W;
  for (let t = 16; t < 64; t++) {
    const x = w[t - 15]!;
    const y = w[t - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
  }
  let a = iv[0]!, b = iv[1]!, c = iv[2]!, d = iv[3]!, e = iv[4]!, f = iv[5]!, g = iv[6]!, h = iv[7]!;
  for (let t = 0; t < 64; t++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[t]! + w[t]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  H[0] = (iv[0]! + a) | 0;
  H[1] = (iv[1]! + b) | 0;
  H[2] = (iv[2]! + c) | 0;
  H[3] = (iv[3]! + d) | 0;
  H[4] = (iv[4]! + e) | 0;
  H[5] = (iv[5]! + f) | 0;
  H[6] = (iv[6]! + g) | 0;
  H[7] = (iv[7]! + h) | 0;
}

/**
 * The first four bytes of SHA-256(SHA-256(`data[start..end]`)), as one big-endian uint32: Base58Check's checksum.
 * The input must fit one block with its padding (at most 55 bytes).
 */
export function checksum4(data: Uint8Array, start: number, end: number): number {
  const len = end - start;
  if (len > 55) throw new RangeError('checksum4 hashes at most 55 bytes');
  const w = W;
  w.fill(0, 0, 16);
  for (let i = 0; i < len; i++) w[i >> 2]! |= data[start + i]! << (24 - 8 * (i & 3));
  w[len >> 2]! |= 0x80 << (24 - 8 * (len & 3));
  w[15] = len * 8;
  compressOneBlock();
  // The second pass hashes the 32-byte digest: its words are H's, then the padding of a 256-bit message.
  for (let i = 0; i < 8; i++) w[i] = H[i]!;
  w[8] = 0x80000000 | 0;
  for (let i = 9; i < 15; i++) w[i] = 0;
  w[15] = 256;
  compressOneBlock();
  return H[0]! >>> 0;
}

function loadWords(data: Uint8Array, at: number, words: number): void {
  for (let i = 0; i < words; i++, at += 4) W[i] = (data[at]! << 24) | (data[at + 1]! << 16) | (data[at + 2]! << 8) | data[at + 3]!;
}

// The second pass of a double SHA-256: hash H (a 32-byte digest) from the initial value.
function secondPass(): void {
  const w = W;
  for (let i = 0; i < 8; i++) w[i] = H[i]!;
  w[8] = 0x80000000 | 0;
  for (let i = 9; i < 15; i++) w[i] = 0;
  w[15] = 256;
  compressOneBlock();
}

function storeH(out: Uint8Array, at: number): void {
  for (let i = 0; i < 8; i++, at += 4) {
    const v = H[i]!;
    out[at] = v >>> 24;
    out[at + 1] = v >>> 16;
    out[at + 2] = v >>> 8;
    out[at + 3] = v;
  }
}

/** SHA-256 of the 32 bytes `data[at..at+32]`, written at `out[outAt..outAt+32]` (out may overlap data). */
export function sha256Of32Into(data: Uint8Array, at: number, out: Uint8Array, outAt: number): void {
  loadWords(data, at, 8);
  const w = W;
  w[8] = 0x80000000 | 0;
  for (let i = 9; i < 15; i++) w[i] = 0;
  w[15] = 256;
  compressOneBlock();
  storeH(out, outAt);
}

/** SHA-256(SHA-256(`data[at..at+64]`)), a merkle pair, written at `out[outAt..outAt+32]` (out may overlap data). */
export function sha256dOf64Into(data: Uint8Array, at: number, out: Uint8Array, outAt: number): void {
  loadWords(data, at, 16);
  compressOneBlock();
  // A 64-byte message pads to a second block of its own: the marker and the length 512.
  const w = W;
  w[0] = 0x80000000 | 0;
  for (let i = 1; i < 15; i++) w[i] = 0;
  w[15] = 512;
  compressOneBlock(H);
  secondPass();
  storeH(out, outAt);
}
