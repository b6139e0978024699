import { ChaintrailError } from '../errors/ChaintrailError.ts';

/** Shards: each a Map well below V8's 2^24-entry limit for up to 2^30 addresses. */
const SHARDS = 64;

/**
 * Gives every address a dense integer id (0, 1, 2, …) and back. Ids index the compact graph's typed arrays.
 * Addresses are spread over 64 Maps by an FNV-1a hash, so no single Map grows past V8's 2^24-entry limit
 * before the interner holds about a billion addresses.
 *
 * @example
 * const interner = new AddressInterner()
 * interner.intern('bc1q…') // 0
 * interner.address(0)      // 'bc1q…'
 */
export class AddressInterner {
  readonly #shards: Map<string, number>[] = Array.from({ length: SHARDS }, () => new Map());
  readonly #names: string[] = [];

  get size(): number {
    return this.#names.length;
  }

  /** The id of `address`, assigning the next one if it is new. */
  intern(address: string): number {
    const shard = this.#shards[shardOf(address)]!;
    const known = shard.get(address);
    if (known !== undefined) return known;
    const id = this.#names.length;
    shard.set(address, id);
    this.#names.push(address);
    return id;
  }

  /** The id of `address`, or -1 when it was never interned. */
  id(address: string): number {
    return this.#shards[shardOf(address)]!.get(address) ?? -1;
  }

  /** Every address in id order (what a saved index stores; `AddressInterner.of` reads it back). */
  get names(): readonly string[] {
    return this.#names;
  }

  /** An interner holding `names` under ids 0, 1, 2, … in that order. Throws INVALID_ARGUMENT on a repeated name. */
  static of(names: Iterable<string>): AddressInterner {
    const interner = new AddressInterner();
    for (const name of names) {
      const size = interner.size;
      if (interner.intern(name) !== size) {
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
}

function shardOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % SHARDS;
}
