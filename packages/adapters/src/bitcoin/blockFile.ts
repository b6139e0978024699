import { ChaintrailError } from '@chaintrail/core';
import { bitcoinNetwork, type BitcoinNetworkParams, networkOfMagic } from './network.ts';
import type { BitcoinNetwork } from '@chaintrail/core';

/** How a block file is written. */
export type BlockFileFormat = 'raw' | 'hex' | 'framed';

export interface SplitBlockFileParameters {
  readonly bytes: Uint8Array;
  readonly network?: BitcoinNetwork | BitcoinNetworkParams;
  /** File name, for error messages. */
  readonly source?: string;
}

export interface SplitBlockFileResult {
  readonly format: BlockFileFormat;
  /** Each block's consensus bytes, in file order. */
  readonly blocks: readonly Buffer[];
}

/**
 * Splits a block file into blocks: a raw block (consensus bytes), hex text of one block (or of a framed file), or a
 * `blk*.dat` file (network magic + u32le length + block, several blocks, zero padding at the end as Bitcoin Core
 * preallocates). Throws `PARSE_ERROR` naming the file for an odd-length or non-hex text, another network's magic,
 * a length running past the end, or bytes between frames.
 *
 * @example
 * splitBlockFile({ bytes: readFileSync('blk00000.dat'), network: 'mainnet' }).blocks.length
 */
export function splitBlockFile(params: SplitBlockFileParameters): SplitBlockFileResult {
  const network = typeof params.network === 'object' ? params.network : bitcoinNetwork(params.network ?? 'mainnet');
  const source = params.source ?? 'block file';
  let buf = toBuffer(params.bytes);
  let hex = false;
  if (looksLikeHex(buf)) {
    buf = decodeHex(buf, source);
    hex = true;
  }
  if (buf.length >= 4) {
    const magic = buf.toString('hex', 0, 4);
    const other = networkOfMagic(magic);
    if (other !== undefined) {
      if (magic !== network.magic) {
        throw new ChaintrailError('PARSE_ERROR', `${source}: the blocks are framed with ${other}'s magic ${magic}, not ${network.name}'s ${network.magic} (use network ${other}, --network ${other}).`, {
          details: `Pass --network ${other} (network: '${other}') if this is a ${other} file.`,
          meta: { source, magic, expected: network.magic },
        });
      }
      return { format: 'framed', blocks: splitFramed(buf, network, source) };
    }
  }
  if (buf.length < 80) {
    throw new ChaintrailError('PARSE_ERROR', `${source}: ${buf.length} bytes are too few for a block (a header alone is 80).`, {
      meta: { source, length: buf.length },
    });
  }
  return { format: hex ? 'hex' : 'raw', blocks: [buf] };
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function isHexChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

// A raw block starts with a little-endian version whose bytes are not all hex digits; a framed file with the magic.
function looksLikeHex(buf: Buffer): boolean {
  const probe = Math.min(buf.length, 160);
  if (probe === 0) return false;
  for (let i = 0; i < probe; i++) if (!isHexChar(buf[i]!) && !isSpace(buf[i]!)) return false;
  return true;
}

function decodeHex(buf: Buffer, source: string): Buffer {
  const text = buf.toString('latin1').replace(/\s+/g, '');
  const bad = /[^0-9a-fA-F]/.exec(text);
  if (bad) {
    throw new ChaintrailError('PARSE_ERROR', `${source}: "${bad[0]}" at character ${bad.index} is not a hex digit.`, {
      meta: { source, offset: bad.index },
    });
  }
  if (text.length % 2 !== 0) {
    throw new ChaintrailError('PARSE_ERROR', `${source}: the hex text has an odd number of digits (${text.length}), so it is cut or corrupted.`, {
      meta: { source, digits: text.length },
    });
  }
  return Buffer.from(text, 'hex');
}

function splitFramed(buf: Buffer, network: BitcoinNetworkParams, source: string): Buffer[] {
  const blocks: Buffer[] = [];
  const magic = Buffer.from(network.magic, 'hex');
  let pos = 0;
  while (pos < buf.length) {
    // Bitcoin Core preallocates blk files with zeros: the rest of the file after the last block is padding.
    if (buf[pos] === 0 && isZeros(buf, pos)) break;
    if (pos + 8 > buf.length || buf.compare(magic, 0, 4, pos, pos + 4) !== 0) {
      throw new ChaintrailError('PARSE_ERROR', `${source}: expected the magic ${network.magic} at byte ${pos}, found ${buf.toString('hex', pos, Math.min(pos + 4, buf.length))}.`, {
        details: 'The file is corrupted, truncated, or not a blk*.dat file of this network.',
        meta: { source, offset: pos, block: blocks.length },
      });
    }
    const length = buf.readUInt32LE(pos + 4);
    const start = pos + 8;
    if (start + length > buf.length) {
      throw new ChaintrailError('PARSE_ERROR', `${source}: block ${blocks.length} at byte ${pos} declares ${length} bytes but only ${buf.length - start} remain.`, {
        details: 'The file is truncated (a copy cut short, or a node still writing it).',
        meta: { source, offset: pos, block: blocks.length, declared: length },
      });
    }
    blocks.push(buf.subarray(start, start + length));
    pos = start + length;
  }
  return blocks;
}

function isZeros(buf: Buffer, from: number): boolean {
  for (let i = from; i < buf.length; i++) if (buf[i] !== 0) return false;
  return true;
}
