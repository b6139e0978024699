import type { HolderId, ScriptType } from '@chaintrail/core';
import { toBase58Check, toSegwitAddress } from './encoding.ts';
import { hash160, sha256Hex } from './hash.ts';
import type { BitcoinNetworkParams } from './network.ts';

/** Who holds an output: its script type, its holder id (address or script-derived id) and, for p2pk, an alias. */
export interface ScriptHolder {
  readonly scriptType: ScriptType;
  readonly holder: HolderId;
  /** For p2pk: the p2pkh address of the same key, which wallets and explorers show for it. */
  readonly alias?: string;
}

export interface ClassifyScriptParameters {
  /** The output script (scriptPubKey) bytes. */
  readonly script: Uint8Array;
  readonly network: BitcoinNetworkParams;
}

const OP_0 = 0x00;
const OP_1 = 0x51;
const OP_16 = 0x60;
const OP_RETURN = 0x6a;
const OP_DUP = 0x76;
const OP_EQUAL = 0x87;
const OP_EQUALVERIFY = 0x88;
const OP_HASH160 = 0xa9;
const OP_CHECKSIG = 0xac;
const OP_CHECKMULTISIG = 0xae;
const OP_PUSHDATA1 = 0x4c;
const OP_PUSHDATA2 = 0x4d;
const OP_PUSHDATA4 = 0x4e;

/**
 * Classifies an output script as Bitcoin Core's `Solver` does and derives its holder: an address for p2pkh, p2sh,
 * p2wpkh, p2wsh, p2tr and other witness versions; `p2pk:<pubkey>` (with the key's p2pkh address as `alias`);
 * `multisig:`, `nulldata:` or `script:` followed by the script's SHA-256 for the rest. Reads the bytes directly, so no
 * ECC library is needed (p2tr is the bech32m of the 32-byte program).
 *
 * @example
 * classifyScript({ script: Buffer.from('0014751e76e8199196d454941c45d1b3a323f1433bd6', 'hex'), network: bitcoinNetwork('mainnet') })
 * // { scriptType: 'p2wpkh', holder: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4' }
 */
export function classifyScript({ script, network }: ClassifyScriptParameters): ScriptHolder {
  return classifyScriptRange(script, 0, script.length, network);
}

/**
 * `classifyScript` over `bytes[start..end]`, for the block parser: reading the script in place spares a view object
 * per output.
 */
export function classifyScriptRange(b: Uint8Array, start: number, end: number, network: BitcoinNetworkParams): ScriptHolder {
  const n = end - start;
  const o = start;
  if (n === 25 && b[o] === OP_DUP && b[o + 1] === OP_HASH160 && b[o + 2] === 20 && b[o + 23] === OP_EQUALVERIFY && b[o + 24] === OP_CHECKSIG) {
    return { scriptType: 'p2pkh', holder: toBase58Check(network.p2pkh, b, o + 3) };
  }
  if (n === 23 && b[o] === OP_HASH160 && b[o + 1] === 20 && b[o + 22] === OP_EQUAL) {
    return { scriptType: 'p2sh', holder: toBase58Check(network.p2sh, b, o + 2) };
  }
  const first = b[o]!;
  if (n >= 4 && n <= 42 && (first === OP_0 || (first >= OP_1 && first <= OP_16)) && b[o + 1] === n - 2) {
    const version = first === OP_0 ? 0 : first - OP_1 + 1;
    if (version === 0) {
      if (n === 22) return { scriptType: 'p2wpkh', holder: toSegwitAddress(network.hrp, 0, b, o + 2, end) };
      if (n === 34) return { scriptType: 'p2wsh', holder: toSegwitAddress(network.hrp, 0, b, o + 2, end) };
      // A version 0 program of another length cannot be spent: nonstandard, below.
    } else if (version === 1 && n === 34) {
      return { scriptType: 'p2tr', holder: toSegwitAddress(network.hrp, 1, b, o + 2, end) };
    } else {
      return { scriptType: 'witness_unknown', holder: toSegwitAddress(network.hrp, version, b, o + 2, end) };
    }
  }
  const s = b.subarray(start, end);
  if (s[n - 1] === OP_CHECKSIG && ((n === 35 && s[0] === 33) || (n === 67 && s[0] === 65)) && isPubkey(s, 1, n - 1)) {
    const pubkey = s.subarray(1, n - 1);
    return {
      scriptType: 'p2pk',
      holder: `p2pk:${Buffer.from(pubkey.buffer, pubkey.byteOffset, pubkey.length).toString('hex')}`,
      alias: toBase58Check(network.p2pkh, hash160(pubkey)),
    };
  }
  if (n > 0 && s[0] === OP_RETURN && isPushOnly(s, 1)) {
    return { scriptType: 'nulldata', holder: `nulldata:${sha256Hex(s)}` };
  }
  if (isMultisig(s)) return { scriptType: 'multisig', holder: `multisig:${sha256Hex(s)}` };
  return { scriptType: 'nonstandard', holder: `script:${sha256Hex(s)}` };
}

/**
 * The p2pkh address of a `p2pk:<pubkey>` holder id: the alias under which wallets and explorers list the key.
 * Undefined for any other holder.
 *
 * @example
 * p2pkAlias({ holder: 'p2pk:04678afdb0…', network: bitcoinNetwork() }) // '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'
 */
export function p2pkAlias({ holder, network }: { readonly holder: HolderId; readonly network: BitcoinNetworkParams }): string | undefined {
  if (!holder.startsWith('p2pk:')) return undefined;
  const key = Buffer.from(holder.slice(5), 'hex');
  if (key.length !== 33 && key.length !== 65) return undefined;
  return toBase58Check(network.p2pkh, hash160(key));
}

// Bitcoin Core's CPubKey::ValidSize: the first byte fixes the length (33 compressed, 65 uncompressed or hybrid).
function isPubkey(s: Uint8Array, start: number, end: number): boolean {
  const len = end - start;
  const header = s[start];
  if (len === 33) return header === 2 || header === 3;
  if (len === 65) return header === 4 || header === 6 || header === 7;
  return false;
}

function isPushOnly(s: Uint8Array, start: number): boolean {
  let i = start;
  while (i < s.length) {
    const op = s[i++]!;
    if (op > OP_16) return false;
    let len = 0;
    if (op < OP_PUSHDATA1) len = op;
    else if (op === OP_PUSHDATA1) {
      if (i + 1 > s.length) return false;
      len = s[i]!;
      i += 1;
    } else if (op === OP_PUSHDATA2) {
      if (i + 2 > s.length) return false;
      len = s[i]! | (s[i + 1]! << 8);
      i += 2;
    } else if (op === OP_PUSHDATA4) {
      if (i + 4 > s.length) return false;
      len = (s[i]! | (s[i + 1]! << 8) | (s[i + 2]! << 16) | (s[i + 3]! << 24)) >>> 0;
      i += 4;
    }
    if (i + len > s.length) return false;
    i += len;
  }
  return true;
}

// OP_m <pubkey>… OP_n OP_CHECKMULTISIG with 1 <= m <= n <= 16, as Bitcoin Core's Solver accepts bare multisig.
function isMultisig(s: Uint8Array): boolean {
  const n = s.length;
  if (n < 37 || s[n - 1] !== OP_CHECKMULTISIG) return false;
  const m = s[0]! - OP_1 + 1;
  const keys = s[n - 2]! - OP_1 + 1;
  if (m < 1 || m > 16 || keys < 1 || keys > 16 || m > keys) return false;
  let i = 1;
  let count = 0;
  while (i < n - 2) {
    const len = s[i]!;
    if ((len !== 33 && len !== 65) || i + 1 + len > n - 2 || !isPubkey(s, i + 1, i + 1 + len)) return false;
    i += 1 + len;
    count++;
  }
  return i === n - 2 && count === keys;
}
