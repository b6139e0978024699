export interface ResponseCacheParameters {
  /** Most entries kept; the least recently used go first (default 10,000). */
  readonly maxEntries?: number;
}

/** What a loader returns: the value, and whether it is final (confirmed deeply enough to never change). */
export interface Loaded<T> {
  readonly value: T;
  readonly confirmed: boolean;
}

/**
 * A cache of answers keyed by id (txid, block hash, `chain:txid`), for confirmed data only: a confirmed transaction
 * never changes, while data under the reorg guard (fewer confirmations than the source's limit) or in the mempool may,
 * so it is returned but never stored. Concurrent loads of one key share one request. Least recently used entries are
 * dropped beyond `maxEntries`. Chain-agnostic: the Bitcoin and EVM adapters both use it.
 *
 * @example
 * const cache = new ResponseCache<UtxoTransaction>()
 * const tx = await cache.getOrLoad(txid, async () => ({ value: await fetchTx(txid), confirmed: true }))
 */
export class ResponseCache<T> {
  readonly #max: number;
  readonly #entries = new Map<string, T>();
  readonly #inFlight = new Map<string, Promise<Loaded<T>>>();
  #hits = 0;
  #misses = 0;

  constructor(params: ResponseCacheParameters = {}) {
    this.#max = Math.max(1, params.maxEntries ?? 10_000);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Hits and misses so far (a miss is a call to the loader). */
  get stats(): { hits: number; misses: number } {
    return { hits: this.#hits, misses: this.#misses };
  }

  get(key: string): T | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    // Map order is insertion order: re-inserting marks the entry most recently used.
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  /** Stores `value` when it is confirmed; does nothing otherwise. */
  set(key: string, value: T, confirmed: boolean): void {
    if (!confirmed) return;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    while (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value as string);
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** The cached value, or the loader's (stored only when confirmed). A failed load stores nothing. */
  async getOrLoad(key: string, load: () => Promise<Loaded<T>>): Promise<T> {
    const cached = this.get(key);
    if (cached !== undefined) {
      this.#hits++;
      return cached;
    }
    let pending = this.#inFlight.get(key);
    if (!pending) {
      this.#misses++;
      pending = load().then(
        (loaded) => {
          this.set(key, loaded.value, loaded.confirmed);
          return loaded;
        },
      );
      const cleanup = (): void => {
        this.#inFlight.delete(key);
      };
      pending.then(cleanup, cleanup);
      this.#inFlight.set(key, pending);
    } else {
      this.#hits++;
    }
    return (await pending).value;
  }
}
