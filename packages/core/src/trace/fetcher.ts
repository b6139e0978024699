import pLimit, { type LimitFunction } from 'p-limit';
import { throwIfAborted } from '../errors/abort.ts';

/**
 * Every data-source call of a trace goes through here: deduplicated (one call per key), run under p-limit, counted
 * against the fetch budget, and cancelled by the trace's signal. When the budget is spent, `get` answers
 * `undefined` and the caller reports what it could not follow.
 */
export class Fetcher {
  fetches = 0;
  readonly #cache = new Map<string, Promise<unknown>>();
  readonly #limit: LimitFunction;
  readonly #maxFetches: number;
  readonly #signal: AbortSignal | undefined;

  constructor(params: { concurrency: number; maxFetches: number; signal: AbortSignal | undefined }) {
    this.#limit = pLimit(params.concurrency);
    this.#maxFetches = params.maxFetches;
    this.#signal = params.signal;
  }

  get exhausted(): boolean {
    return this.fetches >= this.#maxFetches;
  }

  get<T>(key: string, call: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> | undefined {
    const cached = this.#cache.get(key) as Promise<T> | undefined;
    if (cached) return cached;
    if (this.exhausted) return undefined;
    this.fetches++;
    const promise = this.#limit(() => {
      throwIfAborted(this.#signal);
      return call(this.#signal);
    });
    this.#cache.set(key, promise);
    return promise;
  }
}
