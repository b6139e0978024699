import { ChaintrailError } from '../errors/ChaintrailError.ts';

/** Shards of a growing interner: each a Map well below V8's 2^24-entry limit for up to 2^30 addresses. */
const SHARDS = 64;
/** Names per shard `of` aims at: half of V8's limit, so a restored interner can still double. */
const SHARD_TARGET = 1 << 23;

/**
 * Gives every address a dense integer id (0, 1, 2, …) and back. Ids index the compact graph's typed arrays.
 * Addresses are spread over 64 Maps by an FNV-1a hash, so no single Map grows past V8's 2^24-entry limit
 * before the interner holds about a billion addresses; `AddressInterner.of(names)` (a saved index's list) uses as
 * few Maps as its names need.
 *
 * @example
 * const interner = new AddressInterner()
 * interner.intern('bc1q…') // 0
 * interner.address(0)      // 'bc1q…'
 */
export class AddressInterner {
  readonly #shards: Map<string, number>[];
  readonly #mask: number;
  #names: string[] = [];

  /** `shards` (a power of two, default 64) bounds how many names it can hold: about 2^24 per shard. */
  constructor(shards = SHARDS) {
    if (!Number.isInteger(shards) || shards < 1 || (shards & (shards - 1)) !== 0) {
      throw new ChaintrailError('INVALID_ARGUMENT', `An interner's shard count must be a power of two, not ${shards}.`);
    }
    this.#shards = Array.from({ length: shards }, () => new Map());
    this.#mask = shards - 1;
  }

  get size(): number {
    return this.#names.length;
  }

  /** The id of `address`, assigning the next one if it is new. */
  intern(address: string): number {
    const shard = this.#shards[this.#shardOf(address)]!;
    const known = shard.get(address);
    if (known !== undefined) return known;
    const id = this.#names.length;
    shard.set(address, id);
    this.#names.push(address);
    return id;
  }

  /** The id of `address`, or -1 when it was never interned. */
  id(address: string): number {
    return this.#shards[this.#shardOf(address)]!.get(address) ?? -1;
  }

  /** Every address in id order (what a saved index stores; `AddressInterner.of` reads it back). */
  get names(): readonly string[] {
    return this.#names;
  }

  /** An interner holding `names` under ids 0, 1, 2, … in that order. Throws INVALID_ARGUMENT on a repeated name. */
  static of(names: readonly string[]): AddressInterner {
    // As few shards as the names need (one Map up to 8M names), and no lookup before each insert: 40% less time than
    // interning one by one into 64 shards (2.5M addresses, A/B), and interning is a large part of a saved index's load.
    let shards = 1;
    while (shards < SHARDS && names.length > shards * SHARD_TARGET) shards *= 2;
    const interner = new AddressInterner(shards);
    interner.#names = names.slice();
    for (let id = 0; id < names.length; id++) {
      const name = names[id]!;
      const shard = interner.#shards[interner.#shardOf(name)]!;
      const before = shard.size;
      shard.set(name, id);
      if (shard.size === before) {
        throw new ChaintrailError('INVALID_ARGUMENT', `Address ${name} appears twice in the list of interned names.`, { meta: { address: name } });
      }
    }
    return interner;
  }

  /** The address of `id`. */
  address(id: number): string {
    const name = this.#names[id];
    if (name === undefined) throw new RangeError(`No address has id ${id}.`);
    return name;
  }

  #shardOf(text: string): number {
    if (this.#mask === 0) return 0;
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return h & this.#mask;
  }
}
