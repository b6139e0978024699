import { ChaintrailError } from '../errors/ChaintrailError.ts';

const SHARDS = 16;
/** A V8 Map holds at most 2^24 entries; sharding by the key's last characters lifts the limit to 2^28. */
const MAP_LIMIT = 1 << 24;

/**
 * Dense integer ids for holder ids (addresses), in the order they are first seen: the union-find works on the ids,
 * this maps them back. Sharded over 16 Maps so it holds more than a single Map's 2^24 entries.
 *
 * @example
 * const index = new HolderIndex();
 * index.intern('bc1q…'); // 0
 * index.idOf('bc1q…'); // 0
 */
export class HolderIndex {
  readonly #shards: Map<string, number>[] = Array.from({ length: SHARDS }, () => new Map<string, number>());
  readonly #names: string[] = [];

  /** How many holders there are. */
  get size(): number {
    return this.#names.length;
  }

  #shard(holder: string): Map<string, number> {
    const n = holder.length;
    return this.#shards[(holder.charCodeAt(n - 1) * 31 + holder.charCodeAt(n - 2)) & (SHARDS - 1)]!;
  }

  /** The id of `holder`, adding it when new. */
  intern(holder: string): number {
    const shard = this.#shard(holder);
    const id = shard.get(holder);
    if (id !== undefined) return id;
    if (shard.size >= MAP_LIMIT - 1) {
      throw new ChaintrailError('BUDGET_EXCEEDED', `HolderIndex is full (${this.#names.length} holders).`);
    }
    const next = this.#names.length;
    shard.set(holder, next);
    this.#names.push(holder);
    return next;
  }

  /** The id of `holder`, or undefined when it was never seen. */
  idOf(holder: string): number | undefined {
    return holder.length === 0 ? undefined : this.#shard(holder).get(holder);
  }

  /** The holder with id `id`. */
  nameOf(id: number): string {
    const name = this.#names[id];
    if (name === undefined) throw new ChaintrailError('INVALID_ARGUMENT', `No holder has id ${id}.`, { meta: { id } });
    return name;
  }
}
