import pLimit from 'p-limit';
import { ChaintrailError, abortError } from '@chaintrail/core';
import { sleep } from './sleep.ts';

export interface HttpClientParameters {
  /** The fetch to use (default: the global fetch). Network helpers take it from the caller, as noble does. */
  readonly fetch?: typeof globalThis.fetch;
  /** Requests in flight at once (default 4, polite to a public API). */
  readonly concurrency?: number;
  /** Per-attempt timeout in ms (default 30 000). */
  readonly timeoutMs?: number;
  /** Retries after the first attempt, for idempotent reads only (default 4). */
  readonly retries?: number;
  /** First backoff in ms, doubled each retry with jitter (default 250). */
  readonly backoffMs?: number;
  /** Longest wait between attempts, Retry-After included (default 30 000). */
  readonly maxBackoffMs?: number;
  /** Headers sent with every request (authorization, user agent). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Seeded jitter source in [0, 1) (default Math.random); tests pass a constant. */
  readonly random?: () => number;
  /** Told before each retry: what failed and how long the client will wait (for logs and progress). */
  readonly onRetry?: (info: RetryInfo) => void;
}

export interface RetryInfo {
  readonly label: string;
  /** 1 for the first retry. */
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: ChaintrailError;
}

export interface HttpRequest {
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  /** May the request be sent again after a failure? Default: true for GET, false for POST. */
  readonly idempotent?: boolean;
  /** Names the request in errors (an RPC method, an API path); default the URL. */
  readonly label?: string;
  /**
   * Looks at a non-2xx answer before the generic handling: return an error to throw it as is (not retried),
   * e.g. a JSON-RPC error object that Bitcoin Core sends with status 500.
   */
  readonly classifyError?: (status: number, text: string) => ChaintrailError | undefined;
  /** How `requestJson` parses the body (default `JSON.parse`); `parseJsonLossless` keeps decimals as text. */
  readonly parse?: (text: string) => unknown;
}

export interface HttpResponse {
  readonly status: number;
  readonly text: string;
  readonly headers: Headers;
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * Fetch with the network discipline every adapter needs: bounded concurrency (p-limit), a timeout per attempt,
 * retries with exponential backoff for idempotent reads only (429 honours Retry-After; 5xx; resets and cut bodies),
 * and the caller's AbortSignal through every wait. Failures are ChaintrailErrors naming the request.
 *
 * @example
 * const http = new HttpClient({ concurrency: 4 })
 * const { text } = await http.request({ url: 'https://mempool.space/api/blocks/tip/height', signal })
 */
export class HttpClient {
  readonly #fetch: typeof globalThis.fetch;
  readonly #limit: ReturnType<typeof pLimit>;
  readonly #timeoutMs: number;
  readonly #retries: number;
  readonly #backoffMs: number;
  readonly #maxBackoffMs: number;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #random: () => number;
  readonly #onRetry: ((info: RetryInfo) => void) | undefined;
  #requests = 0;

  constructor(params: HttpClientParameters = {}) {
    this.#fetch = params.fetch ?? globalThis.fetch;
    this.#limit = pLimit(params.concurrency ?? 4);
    this.#timeoutMs = params.timeoutMs ?? 30_000;
    this.#retries = params.retries ?? 4;
    this.#backoffMs = params.backoffMs ?? 250;
    this.#maxBackoffMs = params.maxBackoffMs ?? 30_000;
    this.#headers = params.headers ?? {};
    this.#random = params.random ?? Math.random;
    this.#onRetry = params.onRetry;
  }

  /** Attempts sent so far (retries included): for progress and benchmarks. */
  get requestCount(): number {
    return this.#requests;
  }

  /** Sends the request under the concurrency bound; resolves with a 2xx answer's text. */
  request(req: HttpRequest): Promise<HttpResponse> {
    return this.#limit(() => this.#withRetries(req));
  }

  /** Sends the request and parses its body as JSON; malformed or truncated JSON is INVALID_RESPONSE. */
  async requestJson<T = unknown>(req: HttpRequest): Promise<T> {
    const res = await this.request(req);
    try {
      return (req.parse ?? JSON.parse)(res.text) as T;
    } catch (cause) {
      throw new ChaintrailError('INVALID_RESPONSE', `${req.label ?? req.url} answered with malformed JSON.`, {
        details: `The body (${res.text.length} bytes) does not parse as JSON; it may have been truncated.`,
        cause,
        meta: { url: req.url, label: req.label, bytes: res.text.length },
      });
    }
  }

  async #withRetries(req: HttpRequest): Promise<HttpResponse> {
    const idempotent = req.idempotent ?? (req.method ?? 'GET') === 'GET';
    for (let attempt = 0; ; attempt++) {
      if (req.signal?.aborted) throw abortError(req.signal);
      try {
        return await this.#attempt(req);
      } catch (e) {
        const failure = e as AttemptFailure;
        if (!(e instanceof AttemptFailure) || !failure.retryable || !idempotent || attempt >= this.#retries) {
          throw e instanceof AttemptFailure ? failure.error : e;
        }
        const backoff = Math.min(this.#maxBackoffMs, this.#backoffMs * 2 ** attempt * (0.5 + this.#random()));
        const delayMs = Math.round(Math.min(this.#maxBackoffMs, failure.retryAfterMs ?? backoff));
        this.#onRetry?.({ label: req.label ?? req.url, attempt: attempt + 1, delayMs, error: failure.error });
        await sleep(delayMs, req.signal);
      }
    }
  }

  async #attempt(req: HttpRequest): Promise<HttpResponse> {
    const label = req.label ?? req.url;
    const meta = { url: req.url, label };
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    this.#requests++;
    let res: Response;
    let text: string;
    try {
      const init: RequestInit = { method: req.method ?? 'GET', headers: { ...this.#headers, ...req.headers }, signal };
      if (req.body !== undefined) init.body = req.body;
      res = await this.#fetch(req.url, init);
      text = await res.text();
    } catch (cause) {
      if (req.signal?.aborted) throw abortError(req.signal);
      if (timeout.aborted) {
        throw new AttemptFailure(
          new ChaintrailError('TIMEOUT', `${label} did not answer within ${this.#timeoutMs} ms.`, { cause, meta }),
          true,
        );
      }
      throw new AttemptFailure(
        new ChaintrailError('NETWORK_ERROR', `${label} failed: the connection was refused, reset or cut.`, {
          details: cause instanceof Error ? `${cause.message}${cause.cause instanceof Error ? `: ${cause.cause.message}` : ''}` : String(cause),
          cause,
          meta,
        }),
        true,
      );
    }
    if (res.ok) return { status: res.status, text, headers: res.headers };
    const classified = req.classifyError?.(res.status, text);
    if (classified) throw classified;
    if (res.status === 429) {
      throw new AttemptFailure(
        new ChaintrailError('RATE_LIMITED', `${label} is rate limited (429) and retries ran out.`, {
          details: 'Lower the concurrency or use your own node / an API key.',
          meta: { ...meta, status: 429 },
        }),
        true,
        parseRetryAfter(res.headers.get('retry-after')),
      );
    }
    throw new AttemptFailure(
      new ChaintrailError('HTTP_ERROR', `${label} answered HTTP ${res.status}.`, {
        details: text.slice(0, 300),
        meta: { ...meta, status: res.status },
      }),
      RETRYABLE_STATUS.has(res.status),
    );
  }
}

class AttemptFailure extends Error {
  constructor(
    readonly error: ChaintrailError,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(error.message);
  }
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
