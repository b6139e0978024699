import { readFileSync } from 'node:fs';
import { BitcoinCoreSource, loadBlockFiles, splitBlockFile } from '@chaintrail/adapters';
import type { UtxoBlock } from '@chaintrail/core';
import { Block } from 'bitcoinjs-lib';
import { afterEach, describe, expect, it } from 'vitest';
import { type LocalServer, startServer } from './support/httpServer.ts';
import { hasSharedData, sharedPath } from './support/sharedData.ts';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// Satoshi as Bitcoin Core prints BTC: 8 decimals, written from integers (no float anywhere).
const btc = (sat: bigint): string => `${sat / 100_000_000n}.${(sat % 100_000_000n).toString().padStart(8, '0')}`;

/**
 * Block 277647 as Bitcoin Core 23+ answers `getblock <hash> 3`: the transactions decoded by bitcoinjs-lib from the
 * real block, each input with its real prevout from block-277647.prevouts.json. No recorded verbosity-3 answer is in
 * ../shared/data, so this is built from the real block rather than recorded.
 */
function verbosity3Answer(): { hash: string; text: string } {
  const bytes = splitBlockFile({ bytes: readFileSync(sharedPath('bitcoin', 'blocks', 'block-277647.framed.dat')) }).blocks[0]!;
  const block = Block.fromBuffer(bytes);
  const prevouts = JSON.parse(readFileSync(sharedPath('bitcoin', 'blocks', 'block-277647.prevouts.json'), 'utf8')) as Record<
    string,
    { value: number; scriptPubKey: string; height: number; coinbase: boolean }
  >;
  const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
  const txs = block.transactions!.map((tx, i) => {
    const vin = tx.ins.map((input) => {
      if (i === 0) return `{"coinbase":"${hex(input.script)}","sequence":${input.sequence}}`;
      const txid = Buffer.from(input.hash).reverse().toString('hex');
      const p = prevouts[`${txid}:${input.index}`]!;
      return `{"txid":"${txid}","vout":${input.index},"scriptSig":{"asm":"","hex":"${hex(input.script)}"},"prevout":{"generated":${p.coinbase},"height":${p.height},"value":${btc(BigInt(p.value))},"scriptPubKey":{"hex":"${p.scriptPubKey}"}},"sequence":${input.sequence}}`;
    });
    const vout = tx.outs.map((o, n) => `{"value":${btc(BigInt(o.value))},"n":${n},"scriptPubKey":{"hex":"${hex(o.script)}"}}`);
    return `{"txid":"${tx.getId()}","hash":"${tx.getId()}","version":${tx.version},"size":${tx.byteLength()},"vsize":${tx.virtualSize()},"locktime":${tx.locktime},"vin":[${vin.join(',')}],"vout":[${vout.join(',')}]}`;
  });
  const hash = block.getId();
  const merkle = Buffer.from(block.merkleRoot!).reverse().toString('hex');
  const text = `{"hash":"${hash}","confirmations":600000,"height":277647,"version":${block.version},"merkleroot":"${merkle}","time":${block.timestamp},"nonce":${block.nonce},"bits":"${block.bits.toString(16)}","nTx":${txs.length},"previousblockhash":"${Buffer.from(block.prevHash!).reverse().toString('hex')}","tx":[${txs.join(',')}]}`;
  return { hash, text };
}

describe.skipIf(!hasSharedData)('BitcoinCoreSource on a verbosity-3 node', () => {
  it('values every input from the answer alone, and agrees with the raw block parser on every transaction', async () => {
    const { hash, text } = verbosity3Answer();
    const methods: string[] = [];
    server = await startServer((_req, res, body) => {
      const calls = JSON.parse(body) as { id: number; method: string; params: unknown[] } | { id: number; method: string; params: unknown[] }[];
      const answer = (c: { id: number; method: string; params: unknown[] }): string => {
        methods.push(c.method);
        if (c.method === 'getblockhash') return `{"result":"${hash}","error":null,"id":${c.id}}`;
        if (c.method === 'getblock' && c.params[1] === 3) return `{"result":${text},"error":null,"id":${c.id}}`;
        return `{"result":null,"error":{"code":-32601,"message":"Method not found"},"id":${c.id}}`;
      };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(Array.isArray(calls) ? `[${calls.map(answer).join(',')}]` : answer(calls));
    });
    const source = new BitcoinCoreSource({ url: server.url });
    const got: UtxoBlock[] = [];
    for await (const block of source.getBlocks({ from: 277647, to: 277647 })) got.push(block);
    const block = got[0]!;
    expect(methods).toEqual(['getblockhash', 'getblock']); // no getrawtransaction: the prevouts came with the block
    expect(block.transactions.reduce((sum, tx) => sum + tx.fee!, 0n)).toBe(4_737_355n);
    const [raw] = await loadBlockFiles({
      paths: [sharedPath('bitcoin', 'blocks', 'block-277647.framed.dat')],
      prevoutsPath: sharedPath('bitcoin', 'blocks', 'block-277647.prevouts.json'),
    });
    const shape = (b: UtxoBlock) => b.transactions.map((t) => ({ txid: t.txid, fee: t.fee, inputs: t.inputs, outputs: t.outputs, coinbase: t.coinbase }));
    expect(shape(block)).toEqual(shape(raw!));
  });
});
