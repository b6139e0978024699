import { ChaintrailError } from '../errors/ChaintrailError.ts';

/**
 * Disjoint sets over the integers 0…n-1 in one `Int32Array`: 4 bytes per element. A non-negative entry is the
 * parent; a root holds minus its set's size, so union by size needs no second array (Tarjan & van Leeuwen 1984,
 * "Worst-case analysis of set union algorithms": union by size with path halving runs in near-constant amortised
 * time). The array grows by doubling, so it serves 10M+ elements without knowing n ahead.
 *
 * @example
 * const uf = new UnionFind();
 * const a = uf.add(), b = uf.add();
 * uf.union(a, b); // the new root
 * uf.connected(a, b); // true
 */
export class UnionFind {
  #parent: Int32Array;
  #count = 0;
  #sets = 0;

  constructor(capacity = 1024) {
    this.#parent = new Int32Array(Math.max(16, capacity));
  }

  /** How many elements there are. */
  get count(): number {
    return this.#count;
  }

  /** How many disjoint sets there are. */
  get sets(): number {
    return this.#sets;
  }

  /** Bytes the structure holds (its one array, including unused capacity). */
  get bytes(): number {
    return this.#parent.byteLength;
  }

  /** Adds a new singleton element and returns its id. */
  add(): number {
    if (this.#count === this.#parent.length) {
      if (this.#count >= 0x7fffffff) throw new ChaintrailError('BUDGET_EXCEEDED', 'UnionFind is full (2^31 - 1 elements).');
      const grown = new Int32Array(Math.min(0x7fffffff, this.#parent.length * 2));
      grown.set(this.#parent);
      this.#parent = grown;
    }
    this.#parent[this.#count] = -1;
    this.#sets++;
    return this.#count++;
  }

  /** Adds elements until there are `count`. */
  grow(count: number): void {
    if (count <= this.#count) return;
    if (count > this.#parent.length) {
      if (count > 0x7fffffff) throw new ChaintrailError('BUDGET_EXCEEDED', 'UnionFind is full (2^31 - 1 elements).');
      const grown = new Int32Array(Math.min(0x7fffffff, Math.max(count, this.#parent.length * 2)));
      grown.set(this.#parent);
      this.#parent = grown;
    }
    this.#parent.fill(-1, this.#count, count);
    this.#sets += count - this.#count;
    this.#count = count;
  }

  /** The root of `x`'s set. */
  find(x: number): number {
    const p = this.#parent;
    let i = x;
    // Path halving: every other node on the path skips to its grandparent.
    while (p[i]! >= 0) {
      const parent = p[i]!;
      const grand = p[parent]!;
      if (grand >= 0) p[i] = grand;
      i = grand >= 0 ? grand : parent;
    }
    return i;
  }

  /** The size of `x`'s set. */
  sizeOf(x: number): number {
    return -this.#parent[this.find(x)]!;
  }

  /** The size of the set whose root is `root` (no find: callers that hold a root save one). */
  rootSize(root: number): number {
    return -this.#parent[root]!;
  }

  /**
   * Labels every element with a dense set id, 0 … sets-1, numbered in order of each set's first element, into
   * `labels`; writes each set's size into `sizes` when given (length ≥ sets). One pass, compressing paths fully as it
   * goes, so it is much cheaper than a `find` per element. Returns the number of sets.
   */
  label(labels: Int32Array, sizes?: Int32Array): number {
    const p = this.#parent;
    const n = this.#count;
    labels.fill(-1, 0, n);
    let next = 0;
    for (let i = 0; i < n; i++) {
      let root = i;
      while (p[root]! >= 0) root = p[root]!;
      for (let j = i; p[j]! >= 0; ) {
        const up = p[j]!;
        p[j] = root;
        j = up;
      }
      // A root's own label is its set id: assigned here when first met, read by every later member.
      let id = labels[root]!;
      if (id === -1) {
        id = next++;
        labels[root] = id;
        if (sizes) sizes[id] = -p[root]!;
      }
      labels[i] = id;
    }
    return next;
  }

  /** True when `a` and `b` are in one set. */
  connected(a: number, b: number): boolean {
    return this.find(a) === this.find(b);
  }

  /** Joins the sets of two roots (callers that already hold roots skip two finds). Returns the new root. */
  unionRoots(ra: number, rb: number): number {
    const p = this.#parent;
    if (ra === rb) return ra;
    this.#sets--;
    // Sizes are negative: the more negative root is the larger set and stays root.
    if (p[ra]! <= p[rb]!) {
      p[ra] = p[ra]! + p[rb]!;
      p[rb] = ra;
      return ra;
    }
    p[rb] = p[rb]! + p[ra]!;
    p[ra] = rb;
    return rb;
  }

  /** Joins the sets of `a` and `b`. Returns the new root, or -1 when they were already one set. */
  union(a: number, b: number): number {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return -1;
    return this.unionRoots(ra, rb);
  }
}
