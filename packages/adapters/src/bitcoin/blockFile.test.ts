import { readFileSync } from 'node:fs';
import { isChaintrailError } from '@chaintrail/core';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedPath } from '../../../../test/support/sharedData.ts';
import { splitBlockFile } from './blockFile.ts';

const read = (file: string): Buffer => readFileSync(sharedPath('bitcoin', 'blocks', file));

function frame(magic: string, block: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32LE(block.length);
  return Buffer.concat([Buffer.from(magic, 'hex'), len, block]);
}

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isChaintrailError(e) ? e.code : 'NOT_A_CHAINTRAIL_ERROR';
  }
  return undefined;
}

describe.skipIf(!hasSharedData)('splitBlockFile', () => {
  it('recognises raw, hex and framed files', () => {
    expect(splitBlockFile({ bytes: read('block-574200.raw') }).format).toBe('raw');
    expect(splitBlockFile({ bytes: read('block-13b8a.hex') }).format).toBe('hex');
    const framed = splitBlockFile({ bytes: read('block-277647.framed.dat') });
    expect(framed.format).toBe('framed');
    expect(framed.blocks).toHaveLength(1);
  });

  it('splits several framed blocks and stops at the zero padding Bitcoin Core preallocates', () => {
    const a = read('block-413567.raw');
    const b = read('block-574200.raw');
    const file = Buffer.concat([frame('f9beb4d9', a), frame('f9beb4d9', b), Buffer.alloc(4096)]);
    const { blocks } = splitBlockFile({ bytes: file });
    expect(blocks.map((x) => x.length)).toEqual([a.length, b.length]);
    expect(blocks[1]!.equals(b)).toBe(true);
  });

  it('uses the magic of the network asked for', () => {
    const testnetFile = frame('0b110907', read('block-574200.raw'));
    expect(splitBlockFile({ bytes: testnetFile, network: 'testnet' }).blocks).toHaveLength(1);
    expect(code(() => splitBlockFile({ bytes: testnetFile, network: 'mainnet' }))).toBe('PARSE_ERROR');
    const regtest = frame('fabfb5da', read('block-574200.raw'));
    expect(splitBlockFile({ bytes: regtest, network: 'regtest' }).blocks).toHaveLength(1);
    const signet = frame('0a03cf40', read('block-574200.raw'));
    expect(splitBlockFile({ bytes: signet, network: 'signet' }).blocks).toHaveLength(1);
  });

  it('rejects a truncated framed file, junk between frames, odd hex and non-hex text', () => {
    const framed = read('block-277647.framed.dat');
    expect(code(() => splitBlockFile({ bytes: framed.subarray(0, framed.length - 10) }))).toBe('PARSE_ERROR');
    expect(code(() => splitBlockFile({ bytes: Buffer.concat([framed, Buffer.from('junk')]) }))).toBe('PARSE_ERROR');
    const hex = read('block-13b8a.hex').toString('latin1').trim();
    expect(code(() => splitBlockFile({ bytes: Buffer.from(hex.slice(0, -1)) }))).toBe('PARSE_ERROR');
    expect(code(() => splitBlockFile({ bytes: Buffer.from(`${hex.slice(0, 200)}zz${hex.slice(202)}`) }))).toBe('PARSE_ERROR');
    expect(code(() => splitBlockFile({ bytes: Buffer.alloc(10, 1) }))).toBe('PARSE_ERROR');
  });
});
