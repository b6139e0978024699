import { readFileSync } from 'node:fs';
import { address as btcAddress, Block, networks } from 'bitcoinjs-lib';
import fc from 'fast-check';
import { isChaintrailError } from '@chaintrail/core';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedPath } from '../../../../test/support/sharedData.ts';
import { bip34Height, merkleRoot, parseBlock, printableText } from './block.ts';
import { splitBlockFile } from './blockFile.ts';

const FILES = ['block-413567.raw', 'block-574200.raw', 'block-277647.framed.dat', 'block-13b8a.hex'];

function blockBytes(file: string): Buffer {
  return splitBlockFile({ bytes: readFileSync(sharedPath('bitcoin', 'blocks', file)), source: file }).blocks[0]!;
}

describe.skipIf(!hasSharedData)('parseBlock on every real block in ../shared/data/bitcoin/blocks', () => {
  for (const file of FILES) {
    it(`${file}: txids rebuild the merkle root; counts, values, vsizes and addresses match bitcoinjs-lib`, () => {
      const bytes = blockBytes(file);
      const block = parseBlock(bytes, { source: file });
      const reference = Block.fromBuffer(bytes);
      // Our txids rebuild the header's merkle root (and bitcoinjs-lib, from its own txids, agrees it is the header's).
      expect(merkleRoot(block.transactions.map((t) => t.txid))).toBe(block.header.merkleRoot);
      expect(Buffer.from(reference.merkleRoot!).reverse().toString('hex')).toBe(block.header.merkleRoot);
      expect(reference.checkTxRoots()).toBe(true);
      expect(block.hash).toBe(reference.getId());
      expect(block.transactions).toHaveLength(reference.transactions!.length);
      // Compared as whole lists (one expect per block): tens of thousands of expect calls would slow the suite.
      const ours: unknown[] = [];
      const theirs: unknown[] = [];
      let withAddress = 0;
      reference.transactions!.forEach((ref, i) => {
        const tx = block.transactions[i]!;
        ours.push([tx.txid, tx.vsize, tx.inputs.length, tx.outputs.length]);
        theirs.push([ref.getId(), ref.virtualSize(), i === 0 ? 0 : ref.ins.length, ref.outs.length]);
        ref.outs.forEach((out, n) => {
          const o = tx.outputs[n]!;
          let expected: string;
          try {
            expected = btcAddress.fromOutputScript(out.script, networks.bitcoin);
            withAddress++;
          } catch {
            // No address (p2pk, multisig, OP_RETURN, nonstandard): a script-derived id.
            expected = /^(p2pk|multisig|nulldata|script):[0-9a-f]+$/.test(o.address) ? o.address : 'a script-derived id';
          }
          ours.push([o.value, o.address]);
          theirs.push([BigInt(out.value), expected]);
        });
        if (i > 0) {
          ref.ins.forEach((input, k) => {
            const mine = tx.inputs[k]!;
            ours.push([mine.prevTxid, mine.prevVout, mine.value, mine.sequence]);
            theirs.push([Buffer.from(input.hash).reverse().toString('hex'), input.index, null, input.sequence]);
          });
        }
      });
      expect(ours).toEqual(theirs);
      expect(withAddress).toBeGreaterThan(0);
    });
  }

  it('reads coinbase tags and BIP34 heights', () => {
    const b574200 = parseBlock(blockBytes('block-574200.raw'));
    expect(b574200.height).toBe(574200);
    expect(b574200.transactions[0]!.coinbase!.text).toContain('/BTC.COM/');
    const b277647 = parseBlock(blockBytes('block-277647.framed.dat'));
    expect(b277647.height).toBe(277647);
    expect(b277647.transactions[0]!.coinbase!.text).toContain('Mined by BTC Guild');
    const b413567 = parseBlock(blockBytes('block-413567.raw'));
    expect(b413567.transactions[0]!.coinbase!.text).toContain('🐟'); // read as UTF-8, so emoji tags match
    // 2010, version 1: no BIP34 height, so the height is unknown unless given.
    const old = parseBlock(blockBytes('block-13b8a.hex'));
    expect(old.transactions[0]!.coinbase!.height).toBeNull();
    expect(old.height).toBe(-1);
    expect(parseBlock(blockBytes('block-13b8a.hex'), { height: 96000 }).transactions[1]!.block!.height).toBe(96000);
  });

  it('returns plain data: own keys in the documented order, as JSON lines print them, and p2pk aliases', () => {
    // The parser builds its objects with constructors (for the garbage collector): they must still look like literals.
    const block = parseBlock(blockBytes('block-277647.framed.dat'));
    const tx = block.transactions[1]!;
    expect(Object.keys(tx)).toEqual(['chain', 'txid', 'block', 'index', 'coinbase', 'inputs', 'outputs', 'fee', 'version', 'locktime', 'vsize']);
    expect(Object.keys(tx.inputs[0]!)).toEqual(['prevTxid', 'prevVout', 'address', 'value', 'scriptType', 'sequence']);
    expect(Object.keys(tx.outputs[0]!)).toEqual(['n', 'address', 'value', 'scriptType']);
    expect(tx.inputs[0]).toMatchObject({ address: null, value: null, scriptType: null });
    const p2pk = parseBlock(blockBytes('block-13b8a.hex')).transactions[0]!.outputs[0]!;
    expect(Object.keys(p2pk)).toEqual(['n', 'address', 'value', 'scriptType', 'alias']);
    expect(p2pk).toMatchObject({ scriptType: 'p2pk', alias: expect.stringMatching(/^1/) });
  });

  it('throws PARSE_ERROR, never anything else, for every truncation and for random corruption', () => {
    const bytes = blockBytes('block-13b8a.hex');
    for (let cut = 0; cut < bytes.length; cut += 7) {
      let error: unknown;
      try {
        parseBlock(bytes.subarray(0, cut));
      } catch (e) {
        error = e;
      }
      expect(isChaintrailError(error, 'PARSE_ERROR')).toBe(true);
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const copy = Buffer.from(bytes);
        copy[at] = copy[at]! ^ flip;
        try {
          parseBlock(copy);
        } catch (e) {
          return isChaintrailError(e, 'PARSE_ERROR');
        }
        // A flip that still parses can only be in the header's version, previous hash, time, bits or nonce: the merkle root is checked.
        return at < 36 || (at >= 68 && at < 80);
      }),
      { seed: 4, numRuns: 300 },
    );
  });
});

describe('bip34Height and printableText', () => {
  it('reads the first push as a little-endian height', () => {
    expect(bip34Height(Buffer.from('03f8c208', 'hex'))).toBe(574200);
    expect(bip34Height(Buffer.from('51', 'hex'))).toBe(1);
    expect(bip34Height(Buffer.from('', 'hex'))).toBeNull();
    expect(bip34Height(Buffer.from('4c01ff', 'hex'))).toBeNull();
  });
  it('keeps printable runs of two or more characters', () => {
    expect(printableText(Buffer.from('0301020a2f4632506f6f6c2f00ff41', 'hex'))).toBe('/F2Pool/');
  });
});

describe('parseBlock on bad input', () => {
  it('rejects garbage and a block without transactions', () => {
    const garbage = Buffer.alloc(200, 0xab);
    expect(() => parseBlock(garbage)).toThrow(expect.objectContaining({ code: 'PARSE_ERROR' }));
    const empty = Buffer.concat([Buffer.alloc(80), Buffer.from([0])]);
    expect(() => parseBlock(empty)).toThrow(expect.objectContaining({ code: 'PARSE_ERROR' }));
  });
});
