import { ChaintrailError } from '@chaintrail/core';
import { HttpClient, type HttpClientParameters } from './HttpClient.ts';

export interface JsonRpcClientParameters extends HttpClientParameters {
  readonly url: string;
  /** Most calls sent in one batch request (default 50). A node that refuses a batch with an error object gets single calls from then on. */
  readonly batchSize?: number;
  /** How answers are parsed (default `JSON.parse`); Bitcoin Core's BTC amounts need `parseJsonLossless`. */
  readonly parseJson?: (text: string) => unknown;
}

export interface JsonRpcCall {
  readonly method: string;
  readonly params: readonly unknown[];
}

interface Envelope {
  readonly id?: unknown;
  readonly result?: unknown;
  readonly error?: { readonly code?: unknown; readonly message?: unknown; readonly data?: unknown } | null;
}

/**
 * JSON-RPC 2.0 over HTTP (Bitcoin Core, EVM nodes) with batching, on HttpClient's retries, timeouts and abort.
 * Every call here is a read, so every call is retried on transient failures. Node errors are `RPC_ERROR` with the
 * node's code in `meta.rpcCode`; a malformed envelope is `INVALID_RESPONSE` naming the method.
 *
 * @example
 * const rpc = new JsonRpcClient({ url: 'http://127.0.0.1:8545' })
 * const height = await rpc.call<string>('eth_blockNumber', [], { signal })
 */
export class JsonRpcClient {
  readonly url: string;
  readonly http: HttpClient;
  #batchSize: number;
  readonly #parse: ((text: string) => unknown) | undefined;
  #nextId = 1;

  constructor(params: JsonRpcClientParameters) {
    this.url = params.url;
    this.http = new HttpClient(params);
    this.#batchSize = Math.max(1, params.batchSize ?? 50);
    this.#parse = params.parseJson;
  }

  /** Calls one method; resolves with its `result`. */
  async call<T = unknown>(method: string, params: readonly unknown[], options: { signal?: AbortSignal } = {}): Promise<T> {
    const id = this.#nextId++;
    const envelope = await this.#post(JSON.stringify({ jsonrpc: '2.0', id, method, params }), method, options.signal);
    if (Array.isArray(envelope) || typeof envelope !== 'object' || envelope === null) {
      throw invalid(method, this.url, 'the answer is not a JSON-RPC object');
    }
    return unwrap<T>(envelope as Envelope, method, this.url);
  }

  /**
   * Calls several methods in batches; resolves with results in call order. A failed call rejects the whole batch
   * with that call's error (callers that want per-call tolerance use `batchSettled`).
   */
  async batch<T = unknown>(calls: readonly JsonRpcCall[], options: { signal?: AbortSignal } = {}): Promise<T[]> {
    const settled = await this.batchSettled<T>(calls, options);
    return settled.map((s) => {
      if (s.ok) return s.value;
      throw s.error;
    });
  }

  /** Like `batch`, but each call settles on its own: `{ ok: true, value }` or `{ ok: false, error }`. */
  async batchSettled<T = unknown>(
    calls: readonly JsonRpcCall[],
    options: { signal?: AbortSignal } = {},
  ): Promise<({ ok: true; value: T } | { ok: false; error: ChaintrailError })[]> {
    const chunks: JsonRpcCall[][] = [];
    for (let i = 0; i < calls.length; i += this.#batchSize) chunks.push(calls.slice(i, i + this.#batchSize));
    const results = await Promise.all(chunks.map((chunk) => this.#batchChunk<T>(chunk, options.signal)));
    return results.flat();
  }

  async #batchChunk<T>(
    calls: readonly JsonRpcCall[],
    signal: AbortSignal | undefined,
  ): Promise<({ ok: true; value: T } | { ok: false; error: ChaintrailError })[]> {
    if (calls.length === 1) {
      const [only] = calls;
      try {
        return [{ ok: true, value: await this.call<T>(only!.method, only!.params, signal ? { signal } : {}) }];
      } catch (e) {
        if (e instanceof ChaintrailError && e.code === 'RPC_ERROR') return [{ ok: false, error: e }];
        throw e;
      }
    }
    const first = this.#nextId;
    this.#nextId += calls.length;
    const body = JSON.stringify(calls.map((c, i) => ({ jsonrpc: '2.0', id: first + i, method: c.method, params: c.params })));
    const label = `batch of ${calls.length} (${[...new Set(calls.map((c) => c.method))].join(', ')})`;
    const answer = await this.#post(body, label, signal);
    if (!Array.isArray(answer)) {
      // Some nodes (and proxies) refuse batches with a single error object: send one call per request from now on.
      if (typeof answer === 'object' && answer !== null && (answer as Envelope).error) {
        this.#batchSize = 1;
        const settled = await Promise.all(calls.map((c) => this.#batchChunk<T>([c], signal)));
        return settled.flat();
      }
      throw invalid(label, this.url, 'a batch request must be answered with an array');
    }
    const byId = new Map<number, Envelope>();
    for (const e of answer as Envelope[]) if (typeof e === 'object' && e !== null && typeof e.id === 'number') byId.set(e.id, e);
    return calls.map((c, i) => {
      const envelope = byId.get(first + i);
      if (!envelope) throw invalid(c.method, this.url, `the batch answer has no response for call id ${first + i}`);
      try {
        return { ok: true, value: unwrap<T>(envelope, c.method, this.url) };
      } catch (e) {
        if (e instanceof ChaintrailError && e.code === 'RPC_ERROR') return { ok: false, error: e };
        throw e;
      }
    });
  }

  #post(body: string, label: string, signal: AbortSignal | undefined): Promise<unknown> {
    return this.http.requestJson({
      url: this.url,
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
      idempotent: true,
      label: `${label} at ${redact(this.url)}`,
      ...(this.#parse ? { parse: this.#parse } : {}),
      ...(signal ? { signal } : {}),
      // Bitcoin Core answers RPC errors with HTTP 500 (or 404 for an unknown method) and a JSON-RPC body.
      classifyError: (status, text) => {
        try {
          const parsed = JSON.parse(text) as Envelope;
          if (parsed && typeof parsed === 'object' && parsed.error) return rpcError(parsed.error, label, this.url, status);
        } catch {
          // Not JSON: the generic HTTP handling decides.
        }
        if (status === 401 || status === 403) {
          return new ChaintrailError('HTTP_ERROR', `${redact(this.url)} refused the credentials (HTTP ${status}).`, {
            details: 'Check the RPC user and password, or the cookie file.',
            meta: { url: redact(this.url), status },
          });
        }
        return undefined;
      },
    });
  }
}

function unwrap<T>(envelope: Envelope, method: string, url: string): T {
  if (envelope.error) throw rpcError(envelope.error, method, url);
  if (!('result' in envelope)) throw invalid(method, url, 'the answer has neither result nor error');
  return envelope.result as T;
}

function rpcError(error: NonNullable<Envelope['error']>, method: string, url: string, status?: number): ChaintrailError {
  const code = typeof error.code === 'number' ? error.code : undefined;
  const message = typeof error.message === 'string' ? error.message : 'unknown error';
  return new ChaintrailError('RPC_ERROR', `${method} failed at the node: ${message}${code !== undefined ? ` (code ${code})` : ''}.`, {
    meta: { method, url: redact(url), rpcCode: code, rpcMessage: message, rpcData: error.data, status },
  });
}

function invalid(method: string, url: string, why: string): ChaintrailError {
  return new ChaintrailError('INVALID_RESPONSE', `${method} at ${redact(url)}: ${why}.`, { meta: { method, url: redact(url) } });
}

/** The URL without credentials, for messages and logs. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = '';
      u.password = '';
    }
    return u.toString();
  } catch {
    return url;
  }
}
