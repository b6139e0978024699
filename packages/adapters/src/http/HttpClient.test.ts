import { afterEach, describe, expect, it } from 'vitest';
import { isChaintrailError } from '@chaintrail/core';
import { cutMidBody, type LocalServer, startServer } from '../../../../test/support/httpServer.ts';
import { HttpClient, parseRetryAfter } from './HttpClient.ts';
import { JsonRpcClient } from './JsonRpcClient.ts';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const fast = { backoffMs: 5, random: () => 0.5 };

describe('HttpClient against a real local server', () => {
  it('honours Retry-After on 429, then succeeds', async () => {
    let n = 0;
    server = await startServer((_req, res) => {
      if (n++ === 0) {
        res.writeHead(429, { 'retry-after': '1' });
        res.end('slow down');
      } else res.end('{"ok":true}');
    });
    const retries: { delayMs: number; code: string }[] = [];
    const http = new HttpClient({ ...fast, onRetry: (r) => retries.push({ delayMs: r.delayMs, code: r.error.code }) });
    const body = await http.requestJson({ url: `${server.url}/x` });
    expect(body).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
    // The backoff alone would be 5 ms; Retry-After: 1 sets the wait to one second.
    expect(retries).toEqual([{ delayMs: 1000, code: 'RATE_LIMITED' }]);
  });

  it('retries 500 then succeeds, and gives up with HTTP_ERROR after the retries', async () => {
    let n = 0;
    server = await startServer((_req, res) => {
      res.statusCode = n++ < 2 ? 500 : 200;
      res.end(n <= 2 ? 'boom' : '"fine"');
    });
    expect(await new HttpClient(fast).requestJson({ url: server.url })).toBe('fine');
    await server.close();
    server = await startServer((_req, res) => {
      res.statusCode = 503;
      res.end('down');
    });
    const error = await new HttpClient({ ...fast, retries: 2 }).request({ url: server.url }).catch((e: unknown) => e);
    expect(isChaintrailError(error, 'HTTP_ERROR')).toBe(true);
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a non-idempotent POST', async () => {
    server = await startServer((_req, res) => {
      res.statusCode = 503;
      res.end();
    });
    await expect(new HttpClient(fast).request({ url: server.url, method: 'POST', body: 'x' })).rejects.toSatisfy((e) =>
      isChaintrailError(e, 'HTTP_ERROR'),
    );
    expect(server.requests).toHaveLength(1);
  });

  it('retries a connection cut mid-body and reports NETWORK_ERROR when it keeps happening', async () => {
    let n = 0;
    server = await startServer((_req, res) => {
      if (n++ === 0) cutMidBody(res, '{"txid":"ab');
      else res.end('{"txid":"abcd"}');
    });
    expect(await new HttpClient(fast).requestJson({ url: server.url })).toEqual({ txid: 'abcd' });
    await server.close();
    server = await startServer((_req, res) => cutMidBody(res, '{"txid":"ab'));
    const error = await new HttpClient({ ...fast, retries: 1 }).request({ url: server.url }).catch((e: unknown) => e);
    expect(isChaintrailError(error, 'NETWORK_ERROR')).toBe(true);
  });

  it('reports truncated JSON as INVALID_RESPONSE naming the URL', async () => {
    server = await startServer((_req, res) => {
      res.end('{"vout":[{"value":1');
    });
    const error = await new HttpClient(fast).requestJson({ url: `${server.url}/tx/1` }).catch((e: unknown) => e);
    expect(isChaintrailError(error, 'INVALID_RESPONSE')).toBe(true);
    expect((error as { meta: { url: string } }).meta.url).toBe(`${server.url}/tx/1`);
  });

  it('times out a hung request with TIMEOUT', async () => {
    server = await startServer(() => {
      // Never answers.
    });
    const error = await new HttpClient({ ...fast, timeoutMs: 200, retries: 1 }).request({ url: server.url }).catch((e: unknown) => e);
    expect(isChaintrailError(error, 'TIMEOUT')).toBe(true);
    expect(server.requests).toHaveLength(2);
  });

  it('stops at once on abort, also while waiting to retry', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(429, { 'retry-after': '60' });
      res.end();
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await new HttpClient(fast).request({ url: server.url, signal: controller.signal }).catch((e: unknown) => e);
    expect(isChaintrailError(error, 'ABORTED')).toBe(true);
  });

  it('bounds concurrency', async () => {
    let inFlight = 0;
    let most = 0;
    server = await startServer(async (_req, res) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      res.end('1');
    });
    const http = new HttpClient({ concurrency: 2 });
    await Promise.all(Array.from({ length: 8 }, () => http.request({ url: server!.url })));
    expect(most).toBe(2);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('JsonRpcClient against a real local server', () => {
  const rpcServer = () =>
    startServer((_req, res, body) => {
      const answer = (c: { id: number; method: string; params: unknown[] }) =>
        c.method === 'echo' ? { jsonrpc: '2.0', id: c.id, result: c.params[0] } : { jsonrpc: '2.0', id: c.id, error: { code: -32601, message: 'Method not found' } };
      const parsed = JSON.parse(body) as unknown;
      const out = Array.isArray(parsed) ? [...parsed].reverse().map(answer) : answer(parsed as never);
      // Bitcoin Core style: a lone error is sent with HTTP 500.
      res.statusCode = !Array.isArray(out) && 'error' in out ? 500 : 200;
      res.end(JSON.stringify(out));
    });

  it('matches batch answers by id whatever their order, and splits into batches', async () => {
    server = await rpcServer();
    const rpc = new JsonRpcClient({ url: server.url, batchSize: 3 });
    const calls = Array.from({ length: 7 }, (_, i) => ({ method: 'echo', params: [i] }));
    expect(await rpc.batch(calls)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(server.requests).toHaveLength(3);
  });

  it('turns a node error (HTTP 500 with a JSON-RPC body) into RPC_ERROR without retrying', async () => {
    server = await rpcServer();
    const rpc = new JsonRpcClient({ url: server.url, ...fast });
    const error = await rpc.call('nope', []).catch((e: unknown) => e);
    expect(isChaintrailError(error, 'RPC_ERROR')).toBe(true);
    expect((error as { meta: { rpcCode: number } }).meta.rpcCode).toBe(-32601);
    expect(server.requests).toHaveLength(1);
    const settled = await rpc.batchSettled([{ method: 'echo', params: ['a'] }, { method: 'nope', params: [] }]);
    expect(settled[0]).toEqual({ ok: true, value: 'a' });
    expect(settled[1]?.ok).toBe(false);
  });
});
