import { readFileSync } from 'node:fs';
import { EsploraSource, loadBlockFiles, splitBlockFile } from '@chaintrail/adapters';
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

/**
 * Block 277647 as Esplora serves it (`/block-height/:h`, `/block/:hash`, `/block/:hash/txs/:start` in pages of 25),
 * built from the real block decoded by bitcoinjs-lib and its real prevouts. No Esplora block pages are recorded in
 * ../shared/data, so this is built from the real block rather than recorded.
 */
function esploraBlock(): { hash: string; routes: Map<string, string>; txCount: number } {
  const bytes = splitBlockFile({ bytes: readFileSync(sharedPath('bitcoin', 'blocks', 'block-277647.framed.dat')) }).blocks[0]!;
  const block = Block.fromBuffer(bytes);
  const prevouts = JSON.parse(readFileSync(sharedPath('bitcoin', 'blocks', 'block-277647.prevouts.json'), 'utf8')) as Record<
    string,
    { value: number; scriptPubKey: string }
  >;
  const hash = block.getId();
  const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
  const status = { confirmed: true, block_height: 277647, block_hash: hash, block_time: block.timestamp };
  const txs = block.transactions!.map((tx, i) => {
    let fee = 0;
    const vin = tx.ins.map((input) => {
      const txid = Buffer.from(input.hash).reverse().toString('hex');
      if (i === 0) return { txid, vout: 4294967295, prevout: null, scriptsig: hex(input.script), witness: [], is_coinbase: true, sequence: input.sequence };
      const p = prevouts[`${txid}:${input.index}`]!;
      fee += p.value;
      return { txid, vout: input.index, prevout: { scriptpubkey: p.scriptPubKey, value: p.value }, scriptsig: hex(input.script), is_coinbase: false, sequence: input.sequence };
    });
    const vout = tx.outs.map((o) => ({ scriptpubkey: hex(o.script), value: Number(o.value) }));
    if (i > 0) for (const o of vout) fee -= o.value;
    return { txid: tx.getId(), version: tx.version, locktime: tx.locktime, vin, vout, size: tx.byteLength(), weight: tx.weight(), fee, status };
  });
  const routes = new Map<string, string>();
  routes.set('/blocks/tip/height', '900000');
  routes.set('/block-height/277647', hash);
  routes.set(`/block/${hash}`, JSON.stringify({ id: hash, height: 277647, tx_count: txs.length, timestamp: block.timestamp }));
  for (let start = 0; start < txs.length; start += 25) routes.set(`/block/${hash}/txs/${start}`, JSON.stringify(txs.slice(start, start + 25)));
  return { hash, routes, txCount: txs.length };
}

describe.skipIf(!hasSharedData)('EsploraSource block pages', () => {
  it('reads every page of block 277647 in order, valued, agreeing with the raw block parser', async () => {
    const { routes, txCount } = esploraBlock();
    server = await startServer((req, res) => {
      const body = routes.get((req.url ?? '').replace(/^\/api/, ''));
      res.writeHead(body === undefined ? 404 : 200);
      res.end(body ?? 'not found');
    });
    const source = new EsploraSource({ url: `${server.url}/api` });
    const got: UtxoBlock[] = [];
    for await (const block of source.getBlocks({ from: 277647, to: 277647 })) got.push(block);
    expect(got[0]!.transactions).toHaveLength(txCount);
    expect(server.requests.filter((r) => r.url.includes('/txs/'))).toHaveLength(Math.ceil(txCount / 25));
    const [raw] = await loadBlockFiles({
      paths: [sharedPath('bitcoin', 'blocks', 'block-277647.framed.dat')],
      prevoutsPath: sharedPath('bitcoin', 'blocks', 'block-277647.prevouts.json'),
    });
    const shape = (b: UtxoBlock) => b.transactions.map((t) => ({ txid: t.txid, index: t.index, fee: t.fee, inputs: t.inputs, outputs: t.outputs, coinbase: t.coinbase }));
    expect(shape(got[0]!)).toEqual(shape(raw!));
  });

  it('rejects a short page as INVALID_RESPONSE rather than returning a partial block', async () => {
    const { hash, routes } = esploraBlock();
    const page = JSON.parse(routes.get(`/block/${hash}/txs/25`)!) as unknown[];
    routes.set(`/block/${hash}/txs/25`, JSON.stringify(page.slice(0, 24)));
    server = await startServer((req, res) => {
      const body = routes.get((req.url ?? '').replace(/^\/api/, ''));
      res.writeHead(body === undefined ? 404 : 200);
      res.end(body ?? 'not found');
    });
    const source = new EsploraSource({ url: `${server.url}/api` });
    const error = await source.getBlockTransactions({ hash }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE' });
    expect((error as Error).message).toContain(`/block/${hash}/txs/25`);
  });
});
