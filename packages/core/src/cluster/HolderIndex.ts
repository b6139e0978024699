import { ChaintrailError } from '../errors/ChaintrailError.ts';

/** A V8 Map holds at most 2^24 entries: a full one is kept and a new one opened. */
const MAP_LIMIT = (1 << 24) - 1;
const MAX_MAPS = 16;

/** What a clustering needs of its holder names: id ↔ name. */
export interface HolderNames {
  readonly size: number;
  idOf(holder: string): number | undefined;
  nameOf(id: number): string;
}

/**
 * Dense integer ids for holder ids (addresses), in the order they are first seen: the union-find works on the ids,
 * this maps them back. Up to 16 Maps of 2^24 - 1 entries each, so it holds more than one V8 Map can; below 16.7M
 * holders a lookup is a single Map.get.
 *
 * @example
 * const index = new HolderIndex();
 * index.intern('bc1q…'); // 0
 * index.idOf('bc1q…'); // 0
 */
export class HolderIndex implements HolderNames {
  readonly #maps: Map<string, number>[] = [new Map<string, number>()];
  readonly #names: string[] = [];

  /** How many holders there are. */
  get size(): number {
    return this.#names.length;
  }

  /** The id of `holder`, adding it when new. */
  intern(holder: string): number {
    const id = this.idOf(holder);
    if (id !== undefined) return id;
    let last = this.#maps[this.#maps.length - 1]!;
    if (last.size >= MAP_LIMIT) {
      if (this.#maps.length === MAX_MAPS) {
        throw new ChaintrailError('BUDGET_EXCEEDED', `HolderIndex is full (${this.#names.length} holders).`);
      }
      last = new Map<string, number>();
      this.#maps.push(last);
    }
    const next = this.#names.length;
    last.set(holder, next);
    this.#names.push(holder);
    return next;
  }

  /** The id of `holder`, or undefined when it was never seen. */
  idOf(holder: string): number | undefined {
    const maps = this.#maps;
    for (let i = 0; i < maps.length; i++) {
      const id = maps[i]!.get(holder);
      if (id !== undefined) return id;
    }
    return undefined;
  }

  /** The holder with id `id`. */
  nameOf(id: number): string {
    const name = this.#names[id];
    if (name === undefined) throw new ChaintrailError('INVALID_ARGUMENT', `No holder has id ${id}.`, { meta: { id } });
    return name;
  }
}
