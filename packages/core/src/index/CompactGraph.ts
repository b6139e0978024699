import { ChaintrailError } from '../errors/ChaintrailError.ts';
import type { AccountTransfer, UtxoTransaction } from '../model/transaction.ts';
import type { ChainId } from '../model/chain.ts';
import { apportion } from '../trace/apportion.ts';
import { AddressInterner } from './AddressInterner.ts';
import { IdMap } from './IdMap.ts';

const U64_MAX = (1n << 64n) - 1n;
const MAX_EXACT = 1n << 52n;

/** One edge of the address graph: `value` base units moved from `from` to `to` at `time` (block height or Unix seconds). */
export interface CompactEdge {
  readonly from: string;
  readonly to: string;
  readonly value: bigint;
  readonly time?: number;
}

/**
 * The address graph in compressed sparse rows, both directions, for walks at tens of millions of edges:
 * 24 bytes per edge (forward: target u32, value u64, time u32; backward: source u32, edge index u32), plus 8 bytes
 * per address for the offsets. Values above 2^64−1 (large wei amounts) live in a side table, so every value stays
 * exact. Built by `CompactGraphBuilder`; read-only once built.
 *
 * @example
 * const g = new CompactGraphBuilder({ chain }).addEdge({ from: 'a', to: 'b', value: 5n }).build()
 * const b = g.id('b')
 * for (let k = g.inOffsets[b]; k < g.inOffsets[b + 1]; k++) console.log(g.address(g.inSource[k]), g.edgeValue(g.inEdge[k]))
 */
export class CompactGraph {
  readonly chain: ChainId;
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Forward CSR: out-edges of node v are edge indices outOffsets[v] … outOffsets[v+1]−1. */
  readonly outOffsets: Uint32Array;
  readonly outTarget: Uint32Array;
  readonly value: BigUint64Array;
  readonly time: Uint32Array;
  /** Backward CSR: in-edges of v are inSource/inEdge[inOffsets[v] … inOffsets[v+1]−1]. */
  readonly inOffsets: Uint32Array;
  readonly inSource: Uint32Array;
  readonly inEdge: Uint32Array;
  readonly #big: IdMap<bigint>;
  readonly #interner: AddressInterner;

  constructor(params: {
    chain: ChainId;
    interner: AddressInterner;
    outOffsets: Uint32Array;
    outTarget: Uint32Array;
    value: BigUint64Array;
    time: Uint32Array;
    inOffsets: Uint32Array;
    inSource: Uint32Array;
    inEdge: Uint32Array;
    /** Values of 2^64 and above by forward edge index (where `value` holds 2^64−1). */
    big: IdMap<bigint> | Iterable<readonly [number, bigint]>;
  }) {
    this.chain = params.chain;
    this.#interner = params.interner;
    this.nodeCount = params.outOffsets.length - 1;
    this.edgeCount = params.outTarget.length;
    this.outOffsets = params.outOffsets;
    this.outTarget = params.outTarget;
    this.value = params.value;
    this.time = params.time;
    this.inOffsets = params.inOffsets;
    this.inSource = params.inSource;
    this.inEdge = params.inEdge;
    if (params.big instanceof IdMap) this.#big = params.big;
    else {
      this.#big = new IdMap();
      for (const [e, v] of params.big) this.#big.set(e, v);
    }
    this.#inTotal = this.#totals('in');
    this.#outTotal = this.#totals('out');
    this.#fitsDouble = this.#inTotal.every((t) => t < MAX_EXACT) && this.#outTotal.every((t) => t < MAX_EXACT);
  }

  /**
   * A graph from saved parts (a store's saved index), checked first: consistent lengths, offsets that rise to the
   * edge count, ids below the node count, one name per node. Throws INVALID_ARGUMENT naming the first fault, so a
   * corrupted or truncated save is refused instead of walked.
   */
  static restore(parts: Omit<ConstructorParameters<typeof CompactGraph>[0], 'interner'> & { readonly addresses: readonly string[] }): CompactGraph {
    const fault = (what: string): never => {
      throw new ChaintrailError('INVALID_ARGUMENT', `Saved compact index of ${parts.chain} is inconsistent: ${what}.`, { meta: { chain: parts.chain } });
    };
    const n = parts.outOffsets.length - 1;
    const m = parts.outTarget.length;
    if (n < 0 || parts.inOffsets.length !== n + 1) fault('the two offset arrays differ in length');
    if (parts.addresses.length !== n) fault(`${parts.addresses.length} addresses for ${n} nodes`);
    for (const [name, a] of [['value', parts.value], ['time', parts.time], ['inSource', parts.inSource], ['inEdge', parts.inEdge]] as const) {
      if (a.length !== m) fault(`${name} holds ${a.length} entries for ${m} edges`);
    }
    for (const offsets of [parts.outOffsets, parts.inOffsets]) {
      if (offsets[0] !== 0 || offsets[n] !== m) fault('offsets do not run from 0 to the edge count');
      for (let v = 0; v < n; v++) if (offsets[v]! > offsets[v + 1]!) fault(`offsets fall at node ${v}`);
    }
    for (let k = 0; k < m; k++) {
      if (parts.outTarget[k]! >= n || parts.inSource[k]! >= n || parts.inEdge[k]! >= m) fault(`edge ${k} points past the arrays`);
    }
    const big = new IdMap<bigint>();
    for (const [e, v] of parts.big instanceof IdMap ? parts.big.entries() : parts.big) {
      if (e >= m || parts.value[e] !== U64_MAX || v < U64_MAX) fault(`large value of edge ${e} does not match the value array`);
      big.set(e, v);
    }
    return new CompactGraph({ ...parts, interner: AddressInterner.of(parts.addresses), big });
  }

  /** The id of an address, or -1 when the graph does not hold it. */
  id(address: string): number {
    return this.#interner.id(address);
  }

  address(id: number): string {
    return this.#interner.address(id);
  }

  /** Every address in id order: with the arrays and `bigValues()`, what a saved index holds. */
  addresses(): readonly string[] {
    return this.#interner.names;
  }

  /** The values of 2^64 and above, by forward edge index (`value` holds 2^64−1 there). */
  bigValues(): IterableIterator<[number, bigint]> {
    return this.#big.entries();
  }

  /** The exact value of edge `e` (forward order). */
  edgeValue(e: number): bigint {
    const v = this.value[e]!;
    return v === U64_MAX ? (this.#big.get(e) ?? v) : v;
  }

  // Each address's total inflow and outflow, clamped at 2^64−1, and whether every total fits a double: computed when the
  // graph is made (about a second at 10M edges), so a service pays it while it loads, not in its first request.
  readonly #inTotal: BigUint64Array;
  readonly #outTotal: BigUint64Array;
  readonly #fitsDouble: boolean;

  /** Each address's total inflow (backward) or outflow (forward), exact (totals above 2^64−1 are summed when read). */
  total(direction: 'in' | 'out', v: number): bigint {
    const t = (direction === 'in' ? this.#inTotal : this.#outTotal)[v]!;
    return t === U64_MAX ? this.#sum(direction, v) : t;
  }

  #sum(direction: 'in' | 'out', v: number): bigint {
    let sum = 0n;
    if (direction === 'in') for (let k = this.inOffsets[v]!; k < this.inOffsets[v + 1]!; k++) sum += this.edgeValue(this.inEdge[k]!);
    else for (let e = this.outOffsets[v]!; e < this.outOffsets[v + 1]!; e++) sum += this.edgeValue(e);
    return sum;
  }

  #totals(direction: 'in' | 'out'): BigUint64Array {
    const totals = new BigUint64Array(this.nodeCount);
    for (let v = 0; v < this.nodeCount; v++) totals[v] = clamp(this.#sum(direction, v));
    return totals;
  }

  /**
   * True when every address's total inflow and outflow is below 2^52, so every amount a walk can hold is an exact
   * double (always so for satoshi amounts: 21M BTC < 2^53 sat). Walks then run on doubles, checked exactly.
   */
  fitsDouble(): boolean {
    return this.#fitsDouble;
  }

  /** Bytes held by the adjacency arrays (not the address strings). */
  get byteLength(): number {
    return (
      this.outOffsets.byteLength + this.outTarget.byteLength + this.value.byteLength + this.time.byteLength +
      this.inOffsets.byteLength + this.inSource.byteLength + this.inEdge.byteLength
    );
  }
}

function clamp(v: bigint): bigint {
  return v >= U64_MAX ? U64_MAX : v;
}

/**
 * Collects edges and builds a `CompactGraph`. Takes plain edges (what a store streams out), UTXO transactions
 * (each output's value split over the inputs' holders by value, cumulative rounding, so every output's value is
 * accounted for exactly) or account transfers (one edge per successful transfer of the chosen asset).
 *
 * @example
 * const builder = new CompactGraphBuilder({ chain })
 * for (const tx of block.transactions) builder.addTransaction(tx)
 * const graph = builder.build()
 */
export class CompactGraphBuilder {
  readonly chain: ChainId;
  readonly interner = new AddressInterner();
  #from = new Uint32Array(1024);
  #to = new Uint32Array(1024);
  #value = new BigUint64Array(1024);
  #time = new Uint32Array(1024);
  readonly #big = new IdMap<bigint>();
  #count = 0;

  constructor(params: { readonly chain: ChainId }) {
    this.chain = params.chain;
  }

  get edgeCount(): number {
    return this.#count;
  }

  /** Adds one edge by address. Self-edges (change back to the payer) are skipped: they move no funds between holders. */
  addEdge(edge: CompactEdge): this {
    if (edge.from === edge.to) return this;
    return this.addEdgeIds(this.interner.intern(edge.from), this.interner.intern(edge.to), edge.value, edge.time ?? 0);
  }

  /** Adds one edge by interned ids (fast path for bulk loaders). */
  addEdgeIds(from: number, to: number, value: bigint, time = 0): this {
    if (value < 0n) throw new ChaintrailError('INVALID_ARGUMENT', `An edge value cannot be negative (${value}).`);
    if (this.#count === this.#from.length) this.#grow();
    const i = this.#count++;
    this.#from[i] = from;
    this.#to[i] = to;
    if (value >= U64_MAX) {
      this.#value[i] = U64_MAX;
      this.#big.set(i, value);
    } else this.#value[i] = value;
    this.#time[i] = time;
    return this;
  }

  /** Adds a UTXO transaction as edges from each input's holder to each output's holder. Coinbases add no edges. */
  addTransaction(tx: UtxoTransaction): this {
    if (tx.inputs.length === 0) return this;
    const values = tx.inputs.map((i) => i.value ?? 0n);
    const total = values.reduce((s, v) => s + v, 0n);
    if (total === 0n) return this;
    const time = tx.block?.height ?? 0;
    for (const output of tx.outputs) {
      const shares = apportion({ amount: output.value, weights: values, total });
      tx.inputs.forEach((input, k) => {
        if (input.address !== null && shares[k]! > 0n) this.addEdge({ from: input.address, to: output.address, value: shares[k]!, time });
      });
    }
    return this;
  }

  /** Adds an account transfer (skipped when failed, minted, burned, or of another asset than `asset` when given). */
  addTransfer(t: AccountTransfer, asset?: string): this {
    if (t.status === 'failed' || t.from === null || t.to === null || (asset !== undefined && t.asset !== asset)) return this;
    return this.addEdge({ from: t.from, to: t.to, value: t.value, time: t.block.number });
  }

  #grow(): void {
    const size = this.#from.length * 2;
    const grow = <T extends Uint32Array | BigUint64Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a as never);
      return b;
    };
    this.#from = grow(this.#from, (n) => new Uint32Array(n));
    this.#to = grow(this.#to, (n) => new Uint32Array(n));
    this.#value = grow(this.#value, (n) => new BigUint64Array(n));
    this.#time = grow(this.#time, (n) => new Uint32Array(n));
  }

  /** Sorts the edges into both CSR directions (counting sort, O(V + E)). The builder should not be reused. */
  build(): CompactGraph {
    const n = this.interner.size;
    const m = this.#count;
    const from = this.#from.subarray(0, m);
    const to = this.#to.subarray(0, m);
    const outOffsets = new Uint32Array(n + 1);
    const inOffsets = new Uint32Array(n + 1);
    for (let e = 0; e < m; e++) {
      outOffsets[from[e]! + 1]!++;
      inOffsets[to[e]! + 1]!++;
    }
    for (let v = 0; v < n; v++) {
      outOffsets[v + 1]! += outOffsets[v]!;
      inOffsets[v + 1]! += inOffsets[v]!;
    }
    const outTarget = new Uint32Array(m);
    const value = new BigUint64Array(m);
    const time = new Uint32Array(m);
    const big = new IdMap<bigint>();
    const cursor = outOffsets.slice(0, n);
    // Forward order: edges grouped by source, in insertion order within a source.
    const position = new Uint32Array(m);
    for (let e = 0; e < m; e++) {
      const at = cursor[from[e]!]!++;
      position[e] = at;
      outTarget[at] = to[e]!;
      value[at] = this.#value[e]!;
      time[at] = this.#time[e]!;
      const b = this.#big.get(e);
      if (b !== undefined) big.set(at, b);
    }
    const inSource = new Uint32Array(m);
    const inEdge = new Uint32Array(m);
    const inCursor = inOffsets.slice(0, n);
    for (let e = 0; e < m; e++) {
      const at = inCursor[to[e]!]!++;
      inSource[at] = from[e]!;
      inEdge[at] = position[e]!;
    }
    // Release the builder's arrays.
    this.#from = new Uint32Array(0);
    this.#to = new Uint32Array(0);
    this.#value = new BigUint64Array(0);
    this.#time = new Uint32Array(0);
    return new CompactGraph({ chain: this.chain, interner: this.interner, outOffsets, outTarget, value, time, inOffsets, inSource, inEdge, big });
  }
}
