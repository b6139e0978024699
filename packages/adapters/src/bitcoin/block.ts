import {
  ChaintrailError,
  type Amount,
  type ChainId,
  type CoinbaseData,
  type HolderId,
  type ScriptType,
  type UtxoBlock,
  type UtxoBlockRef,
  type UtxoInput,
  type UtxoOutput,
  type UtxoTransaction,
} from '@chaintrail/core';
import type { BitcoinNetwork } from '@chaintrail/core';
import { reverseHex, reversedHex, sha256dHex, sha256dInto } from './hash.ts';
import { bitcoinNetwork, type BitcoinNetworkParams } from './network.ts';
import { classifyScriptRange } from './script.ts';
import { sha256dOf64Into } from './sha256.ts';

/** An output as the Bitcoin parser returns it: the core shape, plus the p2pkh alias of a p2pk key. */
export interface BitcoinOutput extends UtxoOutput {
  readonly alias?: string;
}

/** The 80-byte block header, decoded. Hashes are in display (byte-reversed) hex. */
export interface BitcoinBlockHeader {
  readonly hash: string;
  readonly version: number;
  readonly prevHash: string;
  readonly merkleRoot: string;
  readonly time: number;
  readonly bits: number;
  readonly nonce: number;
}

/**
 * A parsed block: the core `UtxoBlock` plus its header and size. `height` is the BIP34 height from the coinbase, the
 * height the caller gave, or -1 when neither is known (blocks before BIP34, version 1).
 */
export interface BitcoinBlock extends UtxoBlock {
  readonly header: BitcoinBlockHeader;
  /** Serialized size in bytes. */
  readonly size: number;
}

export interface ParseBlockParameters {
  readonly network?: BitcoinNetwork | BitcoinNetworkParams;
  /** The height, when the caller knows it (a node said so); otherwise read from the coinbase (BIP34). */
  readonly height?: number;
  /** Check that the txids rebuild the header's merkle root (default true): catches corrupted and truncated files. */
  readonly verifyMerkleRoot?: boolean;
  /** Name of the file or source, for error messages. */
  readonly source?: string;
}

const ZERO_TXID = '0'.repeat(64);

// What the parser returns per transaction, input and output is built by constructors, not object literals, on
// purpose: V8 pretenures a literal's allocation site once the objects it made survive a young collection (a caller
// that keeps a parsed block, as ingestion does), and from then on every parse allocates those objects in the old
// generation; on block 574200 that ran at 0.55-0.7x, in some processes and not others. Instances from a constructor
// always start young. Each class is the plain interface's fields and nothing else (JSON, spread and toEqual see the
// same object a literal would give, keys in the same order).

class ParsedTransaction implements UtxoTransaction {
  constructor(
    readonly chain: ChainId,
    readonly txid: string,
    readonly block: UtxoBlockRef | null,
    readonly index: number,
    readonly coinbase: CoinbaseData | null,
    readonly inputs: readonly UtxoInput[],
    readonly outputs: readonly BitcoinOutput[],
    readonly fee: Amount | null,
    readonly version: number,
    readonly locktime: number,
    readonly vsize: number,
  ) {}
}

/** An input as read from the block: its prevout (address, value, type) is unknown until a prevout source fills it. */
class UnvaluedInput implements UtxoInput {
  constructor(
    readonly prevTxid: string,
    readonly prevVout: number,
    readonly address: null,
    readonly value: null,
    readonly scriptType: null,
    readonly sequence: number,
  ) {}
}

class ParsedOutput implements BitcoinOutput {
  constructor(
    readonly n: number,
    readonly address: HolderId,
    readonly value: Amount,
    readonly scriptType: ScriptType,
  ) {}
}

/** A p2pk output, with the p2pkh address of its key. */
class AliasedOutput extends ParsedOutput {
  constructor(
    n: number,
    address: HolderId,
    value: Amount,
    scriptType: ScriptType,
    readonly alias: string,
  ) {
    super(n, address, value, scriptType);
  }
}

/** Reads the consensus serialization, throwing `PARSE_ERROR` (with the offset) instead of reading past the end. */
class Reader {
  pos: number;
  constructor(
    readonly buf: Buffer,
    readonly source: string,
    start = 0,
  ) {
    this.pos = start;
  }

  fail(what: string): never {
    throw new ChaintrailError('PARSE_ERROR', `${this.source}: ${what} at byte ${this.pos} of ${this.buf.length}.`, {
      details: 'The block bytes are truncated or are not a consensus-serialized block.',
      meta: { source: this.source, offset: this.pos, length: this.buf.length },
    });
  }

  need(n: number): void {
    if (this.pos + n > this.buf.length) this.fail(`needs ${n} more bytes`);
  }

  u8(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }

  u32(): number {
    this.need(4);
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  i32(): number {
    this.need(4);
    const v = this.buf.readInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  u64(): bigint {
    this.need(8);
    const v = this.buf.readBigUInt64LE(this.pos);
    this.pos += 8;
    return v;
  }

  varint(): number {
    const first = this.u8();
    if (first < 0xfd) return first;
    if (first === 0xfd) {
      this.need(2);
      const v = this.buf.readUInt16LE(this.pos);
      this.pos += 2;
      return v;
    }
    if (first === 0xfe) return this.u32();
    this.need(8);
    const v = this.buf.readBigUInt64LE(this.pos);
    this.pos += 8;
    if (v > BigInt(this.buf.length)) this.fail(`count ${v} is larger than the data`);
    return Number(v);
  }

  /** A count of items of at least `minSize` bytes each: rejects counts the remaining bytes cannot hold. */
  count(minSize: number): number {
    const n = this.varint();
    if (n * minSize > this.buf.length - this.pos) this.fail(`count ${n} is larger than the remaining data allows`);
    return n;
  }

  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }
}

/**
 * Parses one consensus-serialized block (raw bytes, not framed, not hex) into transactions with txids, every output's
 * holder (see `classifyScript`), coinbase data (scriptSig, printable text, BIP34 height) and vsize. Inputs are left
 * unvalued (`value: null`); `valueBlock` or `loadBlockFiles` fills them from a prevout source.
 * Throws `PARSE_ERROR` for truncated or malformed bytes and, by default, when the merkle root does not match.
 *
 * @example
 * const block = parseBlock(readFileSync('block-574200.raw'), { network: 'mainnet' })
 * block.transactions.length // 3315
 */
export function parseBlock(bytes: Uint8Array, params: ParseBlockParameters = {}): BitcoinBlock {
  const network = typeof params.network === 'object' ? params.network : bitcoinNetwork(params.network ?? 'mainnet');
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const r = new Reader(buf, params.source ?? 'block');
  r.need(80);
  const header: BitcoinBlockHeader = {
    hash: reverseHex(sha256dHex(buf.subarray(0, 80))),
    version: buf.readInt32LE(0),
    prevHash: reversedHex(buf, 4, 36),
    merkleRoot: reversedHex(buf, 36, 68),
    time: buf.readUInt32LE(68),
    bits: buf.readUInt32LE(72),
    nonce: buf.readUInt32LE(76),
  };
  r.pos = 80;
  const txCount = r.count(60);
  if (txCount === 0) r.fail('a block without transactions');
  // Each transaction's hash (hash byte order) lands in one block-wide buffer, where the merkle check reads it as
  // bytes: no hex string per hash to write back, and the txid is read from the same bytes.
  const hashes = hashBuffer(txCount * 32);
  const transactions: UtxoTransaction[] = new Array(txCount);
  let bip34: number | null = null;
  let ref: { height: number; hash: string; time: number } | null = null;
  for (let i = 0; i < txCount; i++) {
    const t = readTransaction(r, network, hashes, i * 32);
    let coinbase: CoinbaseData | null = null;
    if (i === 0) {
      // The coinbase comes first, so the height every transaction's block reference carries is known from here on.
      bip34 = header.version >= 2 && t.coinbaseScript ? bip34Height(t.coinbaseScript) : null;
      ref = { height: params.height ?? bip34 ?? -1, hash: header.hash, time: header.time };
      if (t.coinbaseScript) {
        coinbase = { scriptSig: t.coinbaseScript.toString('hex'), text: printableText(t.coinbaseScript), height: bip34 };
      }
    }
    const inputs = coinbase ? [] : t.inputs;
    const fee = coinbase ? 0n : t.inputs.length === 0 ? 0n : null;
    transactions[i] = new ParsedTransaction(network.chain, t.txid, ref, i, coinbase, inputs, t.outputs, fee, t.version, t.locktime, t.vsize);
  }
  if (r.pos !== buf.length) r.fail(`${buf.length - r.pos} bytes follow the last transaction`);

  if (params.verifyMerkleRoot ?? true) {
    reduceMerkle(hashes, txCount);
    const root = reversedHex(hashes, 0, 32);
    if (root !== header.merkleRoot) {
      throw new ChaintrailError('PARSE_ERROR', `${r.source}: the transactions do not rebuild the header's merkle root.`, {
        details: `Header says ${header.merkleRoot}, transactions give ${root}: the block is corrupted or is not one block.`,
        meta: { source: r.source, block: header.hash },
      });
    }
  }
  const height = ref!.height;
  return { chain: network.chain, height, hash: header.hash, time: header.time, transactions, header, size: buf.length };
}

/**
 * Parses one consensus-serialized transaction (what `getrawtransaction` and Esplora's `/tx/:txid/hex` return) into the
 * UTXO shape, outside any block: `block: null`, `index: -1`, inputs unvalued. Throws `PARSE_ERROR` for bad bytes.
 *
 * @example
 * parseTransaction(Buffer.from(hex, 'hex'), { network: 'mainnet' }).txid
 */
export function parseTransaction(bytes: Uint8Array, params: Omit<ParseBlockParameters, 'height' | 'verifyMerkleRoot'> = {}): UtxoTransaction {
  const network = typeof params.network === 'object' ? params.network : bitcoinNetwork(params.network ?? 'mainnet');
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const r = new Reader(buf, params.source ?? 'transaction');
  const t = readTransaction(r, network, hashBuffer(32), 0);
  if (r.pos !== buf.length) r.fail(`${buf.length - r.pos} bytes follow the transaction`);
  const coinbase: CoinbaseData | null = t.coinbaseScript
    ? { scriptSig: t.coinbaseScript.toString('hex'), text: printableText(t.coinbaseScript), height: bip34Height(t.coinbaseScript) }
    : null;
  const inputs = coinbase ? [] : t.inputs;
  const fee = coinbase ? 0n : null;
  return new ParsedTransaction(network.chain, t.txid, null, -1, coinbase, inputs, t.outputs, fee, t.version, t.locktime, t.vsize);
}

/** A transaction's own fields, before parseBlock places it in its block (a constructor too: see ParsedTransaction). */
class RawTx {
  constructor(
    readonly txid: string,
    readonly version: number,
    readonly locktime: number,
    readonly vsize: number,
    readonly inputs: UtxoInput[],
    readonly outputs: BitcoinOutput[],
    /** The scriptSig when the transaction's only input spends the null outpoint. */
    readonly coinbaseScript: Buffer | null,
  ) {}
}

// Reads one transaction at the reader's position; its hash (hash byte order) is written at `hashes[at..at+32]`.
function readTransaction(r: Reader, network: BitcoinNetworkParams, hashes: Buffer, at: number): RawTx {
  const buf = r.buf;
  const start = r.pos;
  const version = r.i32();
  let segwit = false;
  r.need(2);
  if (buf[r.pos] === 0 && buf[r.pos + 1] === 1) {
    segwit = true;
    r.pos += 2;
  }
  const bodyStart = r.pos;
  const inCount = r.count(41);
  const inputs: UtxoInput[] = new Array(inCount);
  let coinbaseScript: Buffer | null = null;
  for (let i = 0; i < inCount; i++) {
    r.need(36);
    const prevTxid = reversedHex(buf, r.pos, r.pos + 32);
    r.pos += 32;
    const prevVout = r.u32();
    const scriptLen = r.varint();
    r.need(scriptLen);
    const scriptStart = r.pos;
    r.pos += scriptLen;
    const sequence = r.u32();
    if (inCount === 1 && prevVout === 0xffffffff && prevTxid === ZERO_TXID) {
      coinbaseScript = buf.subarray(scriptStart, scriptStart + scriptLen);
    }
    inputs[i] = new UnvaluedInput(prevTxid, prevVout, null, null, null, sequence);
  }
  const outCount = r.count(9);
  const outputs: BitcoinOutput[] = new Array(outCount);
  for (let n = 0; n < outCount; n++) {
    const value = r.u64();
    const scriptLen = r.varint();
    r.need(scriptLen);
    const h = classifyScriptRange(buf, r.pos, r.pos + scriptLen, network);
    r.pos += scriptLen;
    outputs[n] =
      h.alias === undefined
        ? new ParsedOutput(n, h.holder, value, h.scriptType)
        : new AliasedOutput(n, h.holder, value, h.scriptType, h.alias);
  }
  const bodyEnd = r.pos;
  if (segwit) {
    for (let i = 0; i < inCount; i++) {
      const items = r.count(1);
      for (let k = 0; k < items; k++) r.skip(r.varint());
    }
  }
  const witnessEnd = r.pos;
  const locktime = r.u32();
  const end = r.pos;
  let baseSize: number;
  if (segwit) {
    // The txid hashes the transaction without marker, flag and witness: join those slices in a scratch buffer.
    baseSize = 4 + (bodyEnd - bodyStart) + 4;
    const scratch = scratchBuffer(baseSize);
    buf.copy(scratch, 0, start, start + 4);
    buf.copy(scratch, 4, bodyStart, bodyEnd);
    buf.copy(scratch, baseSize - 4, witnessEnd, end);
    sha256dInto(scratch.subarray(0, baseSize), hashes, at);
  } else {
    sha256dInto(buf.subarray(start, end), hashes, at);
    baseSize = end - start;
  }
  const totalSize = end - start;
  const vsize = Math.ceil((baseSize * 3 + totalSize) / 4);
  return new RawTx(reversedHex(hashes, at, at + 32), version, locktime, vsize, inputs, outputs, coinbaseScript);
}

/**
 * The merkle root of a list of txids (display hex), as a block header carries it (display hex).
 *
 * @example
 * merkleRoot([coinbaseTxid]) // the coinbase txid itself
 */
export function merkleRoot(txids: readonly string[]): string {
  if (txids.length === 0) throw new ChaintrailError('INVALID_ARGUMENT', 'A merkle root needs at least one hash.');
  const hashes = Buffer.alloc(txids.length * 32);
  txids.forEach((txid, i) => hashes.write(reverseHex(txid), i * 32, 32, 'hex'));
  reduceMerkle(hashes, txids.length);
  return reversedHex(hashes, 0, 32);
}

// Folds `count` 32-byte hashes (hash byte order) in place, level by level, until the root is at `hashes[0..32]`.
// An odd level pairs its last hash with itself, as Bitcoin does.
function reduceMerkle(hashes: Buffer, count: number): void {
  const pair = PAIR;
  let n = count;
  while (n > 1) {
    let next = 0;
    for (let i = 0; i < n; i += 2) {
      const left = i * 32;
      const right = i + 1 < n ? left + 32 : left;
      if (right === left) {
        for (let k = 0; k < 32; k++) pair[k] = pair[32 + k] = hashes[left + k]!;
        sha256dOf64Into(pair, 0, hashes, next * 32);
      } else {
        // The pair lies in place (left, then right): hashed where it is.
        sha256dOf64Into(hashes, left, hashes, next * 32);
      }
      next++;
    }
    n = next;
  }
}

const PAIR = Buffer.alloc(64);
let hashScratch = Buffer.alloc(32 * 4096);

// Scratch for a block's transaction hashes: read only while parseBlock runs, never held across calls.
function hashBuffer(size: number): Buffer {
  if (hashScratch.length < size) hashScratch = Buffer.alloc(Math.max(size, hashScratch.length * 2));
  return hashScratch;
}

let scratch = Buffer.alloc(1 << 16);

function scratchBuffer(size: number): Buffer {
  if (scratch.length < size) scratch = Buffer.alloc(Math.max(size, scratch.length * 2));
  return scratch;
}

/**
 * The BIP34 height: the first push of a coinbase scriptSig, a little-endian script number (OP_0/OP_1..16 for the
 * first heights of regtest). Null when the first op is not a push of 1-5 bytes.
 */
export function bip34Height(scriptSig: Uint8Array): number | null {
  const op = scriptSig[0];
  if (op === undefined) return null;
  if (op === 0x00) return 0;
  if (op >= 0x51 && op <= 0x60) return op - 0x50;
  if (op < 1 || op > 5 || scriptSig.length < 1 + op) return null;
  let v = 0;
  for (let i = op; i >= 1; i--) v = v * 256 + scriptSig[i]!;
  // The top bit of the last byte is a sign: a negative height is not a height.
  if (scriptSig[op]! & 0x80) return null;
  return v;
}

/**
 * The printable runs of a coinbase scriptSig, read as UTF-8 (pool tags include emoji and CJK), joined by one space.
 * Runs shorter than 2 characters are dropped: they are mostly extranonce bytes that happen to be printable.
 */
export function printableText(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const runs = text.split(/[\u0000-\u001f\u007f-\u009f\ufffd]+/u);
  return runs
    .filter((run) => run.length >= 2)
    .join(' ');
}
