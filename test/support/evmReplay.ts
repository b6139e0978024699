import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { sharedPath } from './sharedData.ts';
import { cutMidBody, startServer, type LocalServer } from './httpServer.ts';

/** A fault the replay server causes for one HTTP request (numbered from 1). */
export type Fault = '429' | '503' | 'cut' | 'malformed' | 'hang';

export interface EvmReplayParameters {
  /** What `eth_blockNumber` answers: the replayed node's tip (the recordings do not hold one). */
  readonly tip: number;
  readonly chainId?: number;
  /** Faults by request number (1 = the first HTTP request the server receives). */
  readonly faults?: ReadonlyMap<number, Fault>;
  /** Methods the replayed node lacks entirely (answered -32601), on top of those never recorded. */
  readonly lacks?: readonly string[];
  /** Answer every batch with one error object, as nodes and proxies that do not take batches do. */
  readonly refuseBatches?: boolean;
}

export interface EvmReplayServer extends LocalServer {
  /** JSON-RPC calls answered so far, by method. */
  readonly calls: Map<string, number>;
}

/**
 * A JSON-RPC server that answers from the recorded Ethereum mainnet responses in `../shared/data/evm/rpc`
 * (ethereum-etl's files, named `web3_response.<method>_<params joined by _>.json`). Batches are answered per call.
 * A method never recorded is answered -32601 (a node without it); a recorded method asked for other parameters is
 * answered -32000 (a node that pruned that data). `eth_getLogs` is served from the recorded
 * `eth_newFilter` + `eth_getFilterLogs` pair with the same filter, which is what it means.
 *
 * @example
 * const replay = await startEvmReplay({ tip: 2_000_000 })
 */
export async function startEvmReplay(params: EvmReplayParameters): Promise<EvmReplayServer> {
  const files = new Map<string, unknown>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.startsWith('web3_response.') && name.endsWith('.json')) {
        const key = name.slice('web3_response.'.length, -'.json'.length).toLowerCase();
        files.set(key, (JSON.parse(readFileSync(path, 'utf8')) as { result: unknown }).result);
      }
    }
  };
  walk(sharedPath('evm', 'rpc'));
  const recordedMethods = new Set([...files.keys()].map((k) => k.split('_').slice(0, 2).join('_')));
  const lacks = new Set(params.lacks ?? []);
  const calls = new Map<string, number>();

  const answer = (call: { id?: unknown; method?: unknown; params?: unknown }): unknown => {
    const method = String(call.method);
    calls.set(method, (calls.get(method) ?? 0) + 1);
    const ok = (result: unknown) => ({ jsonrpc: '2.0', id: call.id, result });
    const err = (code: number, message: string) => ({ jsonrpc: '2.0', id: call.id, error: { code, message } });
    if (lacks.has(method)) return err(-32601, `the method ${method} does not exist/is not available`);
    if (method === 'eth_blockNumber') return ok(`0x${params.tip.toString(16)}`);
    if (method === 'eth_chainId') return ok(`0x${(params.chainId ?? 1).toString(16)}`);
    const args = Array.isArray(call.params) ? call.params : [];
    if (method === 'eth_getLogs') {
      const filterId = files.get(key('eth_newFilter', args));
      if (filterId === undefined) return err(-32000, 'no recorded logs for this filter');
      return ok(files.get(key('eth_getFilterLogs', [filterId])));
    }
    const k = key(method, args);
    if (files.has(k)) return ok(files.get(k));
    if (!recordedMethods.has(method.toLowerCase().split('_').slice(0, 2).join('_'))) {
      return err(-32601, `the method ${method} does not exist/is not available`);
    }
    return err(-32000, `missing trie node (nothing recorded for ${k})`);
  };

  let requestNumber = 0;
  const server = await startServer((_req, res, body) => {
    const n = ++requestNumber;
    const fault = params.faults?.get(n);
    if (fault) return fail(res, fault);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return send(res, 200, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'parse error' } });
    }
    if (Array.isArray(parsed)) {
      if (params.refuseBatches) return send(res, 200, { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'batch requests are not supported' } });
      return send(res, 200, parsed.map((c) => answer(c as Record<string, unknown>)));
    }
    return send(res, 200, answer(parsed as Record<string, unknown>));
  });
  return Object.assign(server, { calls });
}

/** The recorded file's key for a call: the method and its parameters flattened, lower case. */
function key(method: string, args: readonly unknown[]): string {
  const parts: string[] = [method];
  const flat = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(flat);
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        parts.push(k);
        flat(x);
      }
    } else parts.push(String(v));
  };
  args.forEach(flat);
  return parts.join('_').toLowerCase();
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function fail(res: ServerResponse, fault: Fault): void {
  switch (fault) {
    case '429':
      res.writeHead(429, { 'retry-after': '0' });
      res.end('too many requests');
      return;
    case '503':
      res.writeHead(503);
      res.end('unavailable');
      return;
    case 'cut':
      cutMidBody(res, '{"jsonrpc":"2.0","id":1,"result":{"number":');
      return;
    case 'malformed':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"jsonrpc":"2.0","id":1,"result":');
      return;
    case 'hang':
      // Never answers: the client's timeout must fire.
      return;
    default:
      return;
  }
}
