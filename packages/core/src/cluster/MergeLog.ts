import { HEURISTICS, type HeuristicName } from './heuristics/types.ts';

/** One merge in an explanation: `from` and `to` were joined because of `heuristic` on `txid`. */
export interface Merge {
  readonly from: string;
  readonly to: string;
  readonly txid: string;
  readonly heuristic: HeuristicName;
  /** 0-100. */
  readonly confidence: number;
  readonly detail?: string;
}

/** The merge forest as compressed rows: the neighbours of element i are neighbours[offsets[i] … offsets[i+1]). */
interface Adjacency {
  readonly offsets: Int32Array;
  readonly neighbours: Int32Array;
  readonly rows: Int32Array;
}

/**
 * The merges that joined two clusters, as compact parallel typed arrays (one row per effective union: at most n - 1),
 * so a clustering of millions of addresses keeps its evidence cheaply. The rows form a spanning forest of each
 * cluster; `path` walks it to explain why two holders share a cluster.
 */
export class MergeLog {
  #a = new Int32Array(1024);
  #b = new Int32Array(1024);
  #tx = new Int32Array(1024);
  #heuristic = new Uint8Array(1024);
  #confidence = new Uint8Array(1024);
  #count = 0;
  readonly #txids: string[] = [];
  /** Resolves numeric tx references (compact inputs); string txids are kept in #txids instead. */
  readonly #txidOf: ((tx: number) => string) | undefined;
  /** Bit 30 of a tx reference marks an index into #txids rather than a caller's tx number. */
  static readonly #OWN = 0x40000000;

  constructor(options: { txidOf?: (tx: number) => string } = {}) {
    this.#txidOf = options.txidOf;
  }
  readonly #details = new Map<number, string>();
  #adjacency: Adjacency | undefined;

  get count(): number {
    return this.#count;
  }

  /** Bytes held by the rows (not the txid strings). */
  get bytes(): number {
    return this.#a.byteLength * 3 + this.#heuristic.byteLength * 2;
  }

  /** Records that `a` and `b` were joined by `heuristic` on `tx` (a txid, or a number the `txidOf` option resolves). */
  push(a: number, b: number, tx: string | number, heuristic: HeuristicName, confidence: number, detail?: string): void {
    if (this.#count === this.#a.length) this.#grow();
    const row = this.#count++;
    let ref: number;
    if (typeof tx === 'number') ref = tx;
    else {
      if (this.#txids[this.#txids.length - 1] !== tx) this.#txids.push(tx);
      ref = (this.#txids.length - 1) | MergeLog.#OWN;
    }
    this.#a[row] = a;
    this.#b[row] = b;
    this.#tx[row] = ref;
    this.#heuristic[row] = HEURISTICS.indexOf(heuristic);
    this.#confidence[row] = confidence;
    if (detail !== undefined) this.#details.set(row, detail);
    this.#adjacency = undefined;
  }

  #grow(): void {
    const size = this.#a.length * 2;
    const grow = <T extends Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.#a = grow(this.#a, (n) => new Int32Array(n));
    this.#b = grow(this.#b, (n) => new Int32Array(n));
    this.#tx = grow(this.#tx, (n) => new Int32Array(n));
    this.#heuristic = grow(this.#heuristic, (n) => new Uint8Array(n));
    this.#confidence = grow(this.#confidence, (n) => new Uint8Array(n));
  }

  /** Row `row` as a Merge, with holder names from `nameOf`, oriented from `from`. */
  merge(row: number, from: number, nameOf: (id: number) => string): Merge {
    const a = this.#a[row]!;
    const b = this.#b[row]!;
    const detail = this.#details.get(row);
    return {
      from: nameOf(from),
      to: nameOf(from === a ? b : a),
      txid: this.#txid(this.#tx[row]!),
      heuristic: HEURISTICS[this.#heuristic[row]!]!,
      confidence: this.#confidence[row]!,
      ...(detail === undefined ? {} : { detail }),
    };
  }

  #txid(ref: number): string {
    if (ref & MergeLog.#OWN) return this.#txids[ref & ~MergeLog.#OWN]!;
    return this.#txidOf ? this.#txidOf(ref) : String(ref);
  }

  /** Every row, as `[a, b]` id pairs (for checks). */
  *pairs(): IterableIterator<[number, number, number]> {
    for (let row = 0; row < this.#count; row++) yield [this.#a[row]!, this.#b[row]!, row];
  }

  #buildAdjacency(elements: number): Adjacency {
    const offsets = new Int32Array(elements + 1);
    for (let row = 0; row < this.#count; row++) {
      offsets[this.#a[row]! + 1]!++;
      offsets[this.#b[row]! + 1]!++;
    }
    for (let i = 0; i < elements; i++) offsets[i + 1] = offsets[i + 1]! + offsets[i]!;
    const fill = offsets.slice(0, elements);
    const neighbours = new Int32Array(this.#count * 2);
    const rows = new Int32Array(this.#count * 2);
    for (let row = 0; row < this.#count; row++) {
      const a = this.#a[row]!;
      const b = this.#b[row]!;
      neighbours[fill[a]!] = b;
      rows[fill[a]!++] = row;
      neighbours[fill[b]!] = a;
      rows[fill[b]!++] = row;
    }
    return { offsets, neighbours, rows };
  }

  /**
   * The rows on the forest path from `a` to `b` (ids), in order, or null when they are not connected by merges.
   * Breadth-first over the merge forest, visiting only `a`'s cluster.
   */
  path(a: number, b: number, elements: number): { row: number; from: number }[] | null {
    if (a === b) return [];
    this.#adjacency ??= this.#buildAdjacency(elements);
    const { offsets, neighbours, rows } = this.#adjacency;
    const via = new Map<number, { row: number; from: number }>();
    via.set(a, { row: -1, from: -1 });
    const queue = [a];
    for (let head = 0; head < queue.length; head++) {
      const x = queue[head]!;
      for (let k = offsets[x]!; k < offsets[x + 1]!; k++) {
        const y = neighbours[k]!;
        if (via.has(y)) continue;
        via.set(y, { row: rows[k]!, from: x });
        if (y === b) {
          const steps: { row: number; from: number }[] = [];
          for (let at = b; at !== a; ) {
            const step = via.get(at)!;
            steps.push(step);
            at = step.from;
          }
          return steps.reverse();
        }
        queue.push(y);
      }
    }
    return null;
  }
}
