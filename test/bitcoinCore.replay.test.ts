import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BitcoinCoreSource, parseTransaction } from '@chaintrail/adapters';
import { isChaintrailError, type UtxoBlock } from '@chaintrail/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startBitcoinRpcReplay, type BitcoinRpcReplayOptions } from './support/bitcoinRpcReplay.ts';
import { cutMidBody, type LocalServer } from './support/httpServer.ts';
import { hasSharedData, sharedPath } from './support/sharedData.ts';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const fast = { backoffMs: 5, retries: 3 };

async function node(opts: BitcoinRpcReplayOptions = {}, source: Partial<ConstructorParameters<typeof BitcoinCoreSource>[0]> = {}) {
  server = await startBitcoinRpcReplay(opts);
  return new BitcoinCoreSource({ url: server.url, ...fast, ...source });
}

async function collect(iterable: AsyncIterable<UtxoBlock>, into: UtxoBlock[] = []): Promise<UtxoBlock[]> {
  for await (const block of iterable) into.push(block);
  return into;
}

function recordedBlock(height: number): { hash: string; confirmations: number; tx: { txid: string; hex: string }[] } {
  const dir = height <= 1 ? `block_${height}` : height === 50000 ? 'block_without_transactions' : 'block_with_transactions';
  const hash = JSON.parse(readFileSync(sharedPath('bitcoin', 'rpc', dir, `rpc_response_getblockhash_${height}.json`), 'utf8')) as string;
  return JSON.parse(readFileSync(sharedPath('bitcoin', 'rpc', dir, `rpc_response_getblock_${hash}_2.json`), 'utf8'));
}

describe.skipIf(!hasSharedData)('BitcoinCoreSource against a replay of recorded Bitcoin Core answers', () => {
  it('reads blocks 0-1: the genesis p2pk output, exact values, txids matching the raw bytes Core sent', async () => {
    const source = await node();
    const blocks = await collect(source.getBlocks({ from: 0, to: 1 }));
    expect(blocks.map((b) => b.height)).toEqual([0, 1]);
    const genesis = blocks[0]!.transactions[0]!;
    expect(genesis.outputs[0]).toMatchObject({ value: 5_000_000_000n, scriptType: 'p2pk', alias: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa' });
    expect(genesis.coinbase!.text).toContain('The Times 03/Jan/2009 Chancellor on brink of second bailout for banks');
    for (const height of [0, 1]) {
      const rec = recordedBlock(height);
      const block = blocks[height]!;
      rec.tx.forEach((t, i) => {
        const raw = parseTransaction(Buffer.from(t.hex, 'hex'));
        expect(block.transactions[i]!.txid).toBe(raw.txid);
        expect(block.transactions[i]!.outputs).toEqual(raw.outputs);
      });
    }
    // The range's hashes went out as one batch request.
    const batches = server!.requests.filter((r) => r.body.startsWith('['));
    expect(batches).toHaveLength(1);
    expect(JSON.parse(batches[0]!.body)).toHaveLength(2);
  });

  it('says clearly that -txindex is missing when a verbosity-2 node cannot give prevouts, after yielding only complete blocks', async () => {
    const source = await node();
    const got: UtxoBlock[] = [];
    const error = await collect(source.getBlocks({ from: 50000, to: 50002 }), got).catch((e: unknown) => e);
    expect(isChaintrailError(error, 'UNSUPPORTED')).toBe(true);
    expect((error as Error).message).toContain('-txindex');
    expect(got.map((b) => b.height)).toEqual([50000]);
  });

  it('with allowUnvalued, leaves inputs it cannot value null and their fee null', async () => {
    const source = await node({}, { allowUnvalued: true });
    const blocks = await collect(source.getBlocks({ from: 50000, to: 50002 }));
    expect(blocks.map((b) => b.height)).toEqual([50000, 50001, 50002]);
    const spend = blocks[1]!.transactions[1]!;
    expect(spend.inputs.length).toBe(2);
    expect(spend.inputs.every((i) => i.value === null && i.address === null)).toBe(true);
    expect(spend.fee).toBeNull();
    expect(blocks[1]!.transactions[0]!.outputs.reduce((s, o) => s + o.value, 0n)).toBe(5_000_000_000n);
  });

  it('gets a transaction with -txindex, with its block height, and caches it once confirmed', async () => {
    const source = await node({ txindex: true });
    const rec = recordedBlock(50002);
    const tx = await source.getTransaction({ txid: rec.tx[0]!.txid });
    expect(tx.block).toMatchObject({ height: 50002, hash: rec.hash });
    expect(tx.fee).toBe(0n);
    const before = server!.requests.length;
    await source.getTransaction({ txid: rec.tx[0]!.txid });
    expect(server!.requests.length).toBe(before);
    const missing = await source.getTransaction({ txid: '11'.repeat(32) }).catch((e: unknown) => e);
    expect(isChaintrailError(missing, 'NOT_FOUND')).toBe(true);
  });

  it('converts BTC amounts from their text exactly, even one a double cannot hold', async () => {
    const hash = recordedBlock(0).hash;
    const source = await node({
      fault: (_n, _req, res, body) => {
        if (!body.includes('"getblock"')) return false;
        const text = readFileSync(sharedPath('bitcoin', 'rpc', 'block_0', `rpc_response_getblock_${hash}_2.json`), 'utf8');
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`{"result":${text.replace('"value": 50.00000000', '"value": 92233720.36854775')},"error":null,"id":${JSON.parse(body).id}}`);
        return true;
      },
    });
    const block = await source.getBlock({ hash });
    expect(block.transactions[0]!.outputs[0]!.value).toBe(9_223_372_036_854_775n);
  });

  it('marks blocks under the reorg guard unconfirmed and does not cache them', async () => {
    const hash = recordedBlock(1).hash;
    const source = await node({
      fault: (_n, _req, res, body) => {
        if (!body.includes('"getblock"')) return false;
        const text = readFileSync(sharedPath('bitcoin', 'rpc', 'block_1', `rpc_response_getblock_${hash}_2.json`), 'utf8');
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`{"result":${text.replace(/"confirmations": \d+/, '"confirmations": 2')},"error":null,"id":${JSON.parse(body).id}}`);
        return true;
      },
    });
    const block = await source.getBlock({ hash });
    expect(block.transactions[0]!.unconfirmed).toBe(true);
    expect(source.cache.size).toBe(0);
    const deep = await node();
    await deep.getBlock({ hash });
    expect(deep.cache.size).toBe(1);
  });

  it('authenticates with URL credentials and with a cookie file, and names refused credentials', async () => {
    server = await startBitcoinRpcReplay({ auth: '__cookie__:s3cret' });
    const url = new URL(server.url);
    url.username = '__cookie__';
    url.password = 's3cret';
    expect(await new BitcoinCoreSource({ url: url.toString(), ...fast }).getTipHeight()).toBeGreaterThan(50002);
    const dir = mkdtempSync(join(tmpdir(), 'ct-cookie-'));
    writeFileSync(join(dir, '.cookie'), '__cookie__:s3cret');
    expect(await new BitcoinCoreSource({ url: server.url, cookieFile: join(dir, '.cookie'), ...fast }).getTipHeight()).toBeGreaterThan(50002);
    const refused = await new BitcoinCoreSource({ url: server.url, user: 'x', password: 'y', ...fast }).getTipHeight().catch((e: unknown) => e);
    expect(isChaintrailError(refused, 'HTTP_ERROR')).toBe(true);
    expect((refused as Error).message).toContain('credentials');
  });
});

describe.skipIf(!hasSharedData)('BitcoinCoreSource under real faults', () => {
  // Request 0 is the batch of block hashes; the fault hits request 1, the first getblock, once.
  const once = (fault: (res: ServerResponse, body: string) => void) => (n: number, _req: unknown, res: ServerResponse, body: string) => {
    if (n !== 1) return false;
    fault(res, body);
    return true;
  };

  it('retries a 429 honouring Retry-After, then completes', async () => {
    const source = await node({ fault: once((res) => { res.writeHead(429, { 'retry-after': '0' }); res.end(); }) });
    const blocks = await collect(source.getBlocks({ from: 0, to: 1 }));
    expect(blocks).toHaveLength(2);
    expect(server!.requests).toHaveLength(4); // hashes, faulted getblock, its retry, second getblock
  });

  it('retries a 500 that carries no JSON-RPC error, then completes', async () => {
    const source = await node({ fault: once((res) => { res.writeHead(500); res.end('Internal error'); }) });
    expect(await collect(source.getBlocks({ from: 0, to: 1 }))).toHaveLength(2);
    expect(server!.requests).toHaveLength(4);
  });

  it('retries a connection cut mid-body, then completes', async () => {
    const source = await node({ fault: once((res) => cutMidBody(res, '{"result":{"hash":"000')) });
    expect(await collect(source.getBlocks({ from: 0, to: 1 }))).toHaveLength(2);
    expect(server!.requests).toHaveLength(4);
  });

  it('fails with INVALID_RESPONSE naming getblock for truncated JSON, yielding nothing', async () => {
    const source = await node({
      fault: (_n, _req, res, body) => {
        if (!body.includes('"getblock"')) return false;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"result":{"hash":"000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f","tx":[{"txid":');
        return true;
      },
    });
    const got: UtxoBlock[] = [];
    const error = await collect(source.getBlocks({ from: 0, to: 1 }), got).catch((e: unknown) => e);
    expect(isChaintrailError(error, 'INVALID_RESPONSE')).toBe(true);
    expect((error as Error).message).toContain('getblock');
    expect(got).toHaveLength(0);
  });

  it('fails with INVALID_RESPONSE for a well-formed answer that is not a block', async () => {
    const source = await node({
      fault: (_n, _req, res, body) => {
        if (!body.includes('"getblock"')) return false;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`{"result":{"hash":"${'00'.repeat(32)}"},"error":null,"id":${JSON.parse(body).id}}`);
        return true;
      },
    });
    const error = await collect(source.getBlocks({ from: 0, to: 0 })).catch((e: unknown) => e);
    expect(isChaintrailError(error, 'INVALID_RESPONSE')).toBe(true);
  });

  it('times out a hung request with TIMEOUT after its retries', async () => {
    const source = await node({ fault: (n) => n >= 1 }, { timeoutMs: 150, retries: 1 });
    const error = await collect(source.getBlocks({ from: 0, to: 1 })).catch((e: unknown) => e);
    expect(isChaintrailError(error, 'TIMEOUT')).toBe(true);
  });

  it('stops with ABORTED when the caller aborts during a hung request', async () => {
    const controller = new AbortController();
    const source = await node({
      fault: (n) => {
        if (n >= 1) setTimeout(() => controller.abort(), 20);
        return n >= 1;
      },
    });
    const got: UtxoBlock[] = [];
    const error = await collect(source.getBlocks({ from: 0, to: 1, signal: controller.signal }), got).catch((e: unknown) => e);
    expect(isChaintrailError(error, 'ABORTED')).toBe(true);
    expect(got).toHaveLength(0);
  });
});
