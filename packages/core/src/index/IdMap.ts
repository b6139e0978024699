/** Shards: V8 refuses a Map past 2^24 entries; 64 of them hold a billion ids. */
const SHARDS = 64;

/**
 * A Map from integer ids (edge or address indices) to values, spread over 64 Maps by the id's low bits, so it never
 * meets V8's 2^24-entry limit of one Map. The compact index keeps its amounts of 2^64 and above here: on an EVM chain
 * (18.45 ETH is 2^64 wei) they can be millions.
 *
 * @example
 * const big = new IdMap<bigint>()
 * big.set(70_000_000, 2n ** 70n)
 * big.get(70_000_000) // 1180591620717411303424n
 */
export class IdMap<V> {
  readonly #shards: Map<number, V>[] = Array.from({ length: SHARDS }, () => new Map());
  #size = 0;

  get size(): number {
    return this.#size;
  }

  get(id: number): V | undefined {
    return this.#shards[id & (SHARDS - 1)]!.get(id);
  }

  set(id: number, value: V): this {
    const shard = this.#shards[id & (SHARDS - 1)]!;
    if (!shard.has(id)) this.#size++;
    shard.set(id, value);
    return this;
  }

  delete(id: number): boolean {
    const removed = this.#shards[id & (SHARDS - 1)]!.delete(id);
    if (removed) this.#size--;
    return removed;
  }

  clear(): void {
    for (const shard of this.#shards) shard.clear();
    this.#size = 0;
  }

  /** Every entry, shard by shard (not in id order). */
  *entries(): IterableIterator<[number, V]> {
    for (const shard of this.#shards) yield* shard.entries();
  }
}
