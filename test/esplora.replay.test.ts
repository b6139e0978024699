import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { EsploraSource } from '@chaintrail/adapters';
import { isChaintrailError } from '@chaintrail/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type EsploraReplayOptions, startEsploraReplay } from './support/esploraReplay.ts';
import { cutMidBody, type LocalServer } from './support/httpServer.ts';
import { hasSharedData, sharedPath } from './support/sharedData.ts';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ADDRESS = 'bc1qvhykeqcpdzu0pdvy99xnh9ckhwzcfskct6h6l2';
const TXID = '5e0668bf1cd24f2f8656ee82d4886f5303a06b26838e24b7db73afc59e228985';

async function esplora(opts: EsploraReplayOptions = {}, params: Partial<ConstructorParameters<typeof EsploraSource>[0]> = {}) {
  server = await startEsploraReplay(opts);
  return new EsploraSource({ url: `${server.url}/api`, backoffMs: 5, retries: 3, ...params });
}

function recordedHistory(): { txid: string; fee: number; weight: number; vin: { prevout: { value: number; scriptpubkey_address: string } }[] }[] {
  return JSON.parse(readFileSync(sharedPath('bitcoin', 'esplora', `mempool.space_api_address_${ADDRESS}_txs.json`), 'utf8'));
}

describe.skipIf(!hasSharedData)('EsploraSource against a replay of recorded mempool.space answers', () => {
  it('gets a transaction with valued inputs, its fee checked against Esplora’s, and caches it', async () => {
    const source = await esplora();
    const tx = await source.getTransaction({ txid: TXID });
    const rec = recordedHistory().find((t) => t.txid === TXID)!;
    expect(tx.fee).toBe(BigInt(rec.fee));
    expect(tx.vsize).toBe(Math.ceil(rec.weight / 4));
    expect(tx.inputs.map((i) => [i.address, i.value])).toEqual(rec.vin.map((v) => [v.prevout.scriptpubkey_address, BigInt(v.prevout.value)]));
    expect(tx.block!.height).toBe(674358);
    expect(tx.unconfirmed).toBeUndefined();
    const requests = server!.requests.length;
    await source.getTransaction({ txid: TXID });
    expect(server!.requests.length).toBe(requests);
  });

  it('pages an address history newest first and ends when the chain page is short', async () => {
    const source = await esplora();
    const page = await source.getAddressHistory({ address: ADDRESS });
    expect(page.items.map((t) => t.txid)).toEqual(recordedHistory().map((t) => t.txid));
    expect(page.next).toBeNull();
    expect(page.items.every((t) => t.inputs.some((i) => i.address === ADDRESS) || t.outputs.some((o) => o.address === ADDRESS))).toBe(true);
  });

  it('reads outspends, the forward edge', async () => {
    const source = await esplora();
    const spends = await source.getOutspends({ txid: TXID });
    expect(spends).toEqual([
      { spent: true, txid: '4da22eff957b855c8bde2d8b61bdb9e10add799a04c709dd7142cc796cee0b65', vin: 1, block: expect.objectContaining({ height: 674365 }) },
      { spent: true, txid: '61585c400d8cfe490d3d3c6e1e3177edb9b6f43e337772530ab32ea4e54db3b4', vin: 0, block: expect.objectContaining({ height: 797168 }) },
    ]);
  });

  it('marks transactions under the reorg guard unconfirmed and does not cache them', async () => {
    const source = await esplora({ tip: 674360 });
    const tx = await source.getTransaction({ txid: TXID });
    expect(tx.unconfirmed).toBe(true);
    expect(source.cache.size).toBe(0);
  });

  it('answers NOT_FOUND for an unknown transaction', async () => {
    const source = await esplora();
    const error = await source.getTransaction({ txid: 'ab'.repeat(32) }).catch((e: unknown) => e);
    expect(isChaintrailError(error, 'NOT_FOUND')).toBe(true);
  });
});

describe.skipIf(!hasSharedData)('EsploraSource under real faults', () => {
  const first = (fault: (res: ServerResponse) => void) => (n: number, _req: unknown, res: ServerResponse) => {
    if (n !== 0) return false;
    fault(res);
    return true;
  };

  it('retries 429 with Retry-After, 500, and a cut body, then answers', async () => {
    for (const fault of [
      (res: ServerResponse) => {
        res.writeHead(429, { 'retry-after': '0' });
        res.end('Too Many Requests');
      },
      (res: ServerResponse) => {
        res.writeHead(500);
        res.end('oops');
      },
      (res: ServerResponse) => cutMidBody(res, '[{"txid":"5e06'),
    ]) {
      const source = await esplora({ fault: first(fault) });
      const page = await source.getAddressHistory({ address: ADDRESS });
      expect(page.items).toHaveLength(2);
      await server!.close();
      server = undefined;
    }
  });

  it('fails with INVALID_RESPONSE naming the URL for truncated JSON and for an inconsistent answer', async () => {
    const body = readFileSync(sharedPath('bitcoin', 'esplora', `mempool.space_api_address_${ADDRESS}_txs.json`), 'utf8');
    let source = await esplora({
      fault: (_n, req, res) => {
        if (!req.url!.includes('/address/')) return false;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(body.slice(0, body.length / 2));
        return true;
      },
    });
    let error = await source.getAddressHistory({ address: ADDRESS }).catch((e: unknown) => e);
    expect(isChaintrailError(error, 'INVALID_RESPONSE')).toBe(true);
    expect((error as Error).message).toContain(`/address/${ADDRESS}/txs`);
    await server!.close();
    source = await esplora({
      fault: (_n, req, res) => {
        if (!req.url!.includes('/address/')) return false;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(body.replace('"fee": 23938', '"fee": 23939'));
        return true;
      },
    });
    error = await source.getAddressHistory({ address: ADDRESS }).catch((e: unknown) => e);
    expect(isChaintrailError(error, 'INVALID_RESPONSE')).toBe(true);
    expect(source.cache.size).toBe(0);
  });

  it('times out a hung request, and stops with ABORTED when aborted', async () => {
    let source = await esplora({ fault: () => true }, { timeoutMs: 100, retries: 1 });
    expect(isChaintrailError(await source.getOutspends({ txid: TXID }).catch((e: unknown) => e), 'TIMEOUT')).toBe(true);
    await server!.close();
    source = await esplora({ fault: () => true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    expect(isChaintrailError(await source.getOutspends({ txid: TXID, signal: controller.signal }).catch((e: unknown) => e), 'ABORTED')).toBe(true);
  });
});
