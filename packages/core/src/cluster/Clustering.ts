import type { HolderId } from '../model/transaction.ts';
import type { HolderNames } from './HolderIndex.ts';
import type { Merge, MergeLog } from './MergeLog.ts';
import type { UnionFind } from './UnionFind.ts';
import type { CoinJoinKind } from './heuristics/coinjoin/types.ts';
import type { DepositAddress } from './heuristics/depositAddress.ts';
import type { HeuristicName, Link } from './heuristics/types.ts';

/** A cluster's id: dense, 0 … clusters-1, numbered in the order their first holder was seen. */
export type ClusterId = number;

/** A merge the supercluster guard refused: both sides were above the size bound. */
export interface SuspectMerge extends Link {
  /** The sizes of the two clusters the merge would have joined. */
  readonly sizes: readonly [number, number];
}

/** What each heuristic did, for reports. */
export interface ClusteringStats {
  readonly transactions: number;
  readonly inputs: number;
  readonly coinjoins: Readonly<Partial<Record<CoinJoinKind, number>>>;
  readonly changeOutputs: number;
  readonly deposits: readonly DepositAddress[];
  readonly mergesBy: Readonly<Partial<Record<HeuristicName, number>>>;
}

/** The short summary the CLI prints. */
export interface ClusteringSummary {
  readonly addresses: number;
  readonly clusters: number;
  readonly largest: { readonly id: ClusterId; readonly size: number } | null;
  readonly merges: number;
  readonly suspect: number;
}

export interface ClusteringParts {
  readonly index: HolderNames;
  readonly unionFind: UnionFind;
  readonly log: MergeLog;
  readonly suspects: readonly SuspectMerge[];
  readonly stats: ClusteringStats;
}

/**
 * The result of `cluster`: which cluster each holder is in, each cluster's members and size, and for any two holders
 * of one cluster the chain of merges that joined them.
 *
 * @example
 * const c = cluster(transactions);
 * c.clusterOf('1A…') === c.clusterOf('1B…'); // same owner?
 * c.explain('1A…', '1B…'); // [{ from: '1A…', to: '1C…', txid, heuristic: 'common-input', confidence: 90 }, …]
 */
export class Clustering {
  readonly #index: HolderNames;
  readonly #log: MergeLog;
  readonly #unionFind: UnionFind;
  /** Cluster id of each holder id. */
  readonly #clusterOf: Int32Array;
  /** Holder ids grouped by cluster: members of c are #members[#offsets[c] … #offsets[c+1]). */
  #offsets: Int32Array | undefined;
  #members: Int32Array | undefined;
  /** Size of each cluster, by cluster id. */
  readonly sizes: Int32Array;
  readonly suspects: readonly SuspectMerge[];
  readonly stats: ClusteringStats;

  constructor({ index, unionFind, log, suspects, stats }: ClusteringParts) {
    this.#index = index;
    this.#log = log;
    this.#unionFind = unionFind;
    this.suspects = suspects;
    this.stats = stats;
    const n = index.size;
    this.#clusterOf = new Int32Array(n);
    const sizes = new Int32Array(unionFind.sets);
    const clusters = unionFind.label(this.#clusterOf, sizes);
    this.sizes = clusters === sizes.length ? sizes : sizes.slice(0, clusters);
  }

  /** How many holders (addresses and script holders) were seen. */
  get addresses(): number {
    return this.#index.size;
  }

  /** How many clusters there are (singletons included). */
  get clusters(): number {
    return this.sizes.length;
  }

  /** How many merges joined two clusters. */
  get merges(): number {
    return this.#log.count;
  }

  /** The bytes of the union-find array itself. */
  get unionFindBytes(): number {
    return this.#unionFind.bytes;
  }

  /** The cluster of `address`, or undefined when it never appeared. */
  clusterOf(address: HolderId): ClusterId | undefined {
    const id = this.#index.idOf(address);
    return id === undefined ? undefined : this.#clusterOf[id];
  }

  /** The holders of cluster `cluster`, in the order they were first seen (empty for an unknown id). */
  members(cluster: ClusterId): HolderId[] {
    if (!Number.isInteger(cluster) || cluster < 0 || cluster >= this.sizes.length) return [];
    if (this.#offsets === undefined || this.#members === undefined) {
      const offsets = new Int32Array(this.sizes.length + 1);
      for (let c = 0; c < this.sizes.length; c++) offsets[c + 1] = offsets[c]! + this.sizes[c]!;
      const fill = offsets.slice(0, this.sizes.length);
      const members = new Int32Array(this.#index.size);
      for (let i = 0; i < this.#index.size; i++) members[fill[this.#clusterOf[i]!]!++] = i;
      this.#offsets = offsets;
      this.#members = members;
    }
    const result: HolderId[] = [];
    for (let k = this.#offsets[cluster]!; k < this.#offsets[cluster + 1]!; k++) result.push(this.#index.nameOf(this.#members[k]!));
    return result;
  }

  /** The largest cluster (the first seen wins a tie), or null when there are no holders. */
  largest(): { id: ClusterId; size: number } | null {
    let id = -1;
    let size = 0;
    for (let c = 0; c < this.sizes.length; c++) {
      if (this.sizes[c]! > size) {
        size = this.sizes[c]!;
        id = c;
      }
    }
    return id === -1 ? null : { id, size };
  }

  /**
   * Why `a` and `b` are in one cluster: the chain of merges from `a` to `b`, each naming the transaction, the
   * heuristic and its confidence. [] when a = b; null when they are not in one cluster (or one was never seen).
   */
  explain(a: HolderId, b: HolderId): Merge[] | null {
    const ia = this.#index.idOf(a);
    const ib = this.#index.idOf(b);
    if (ia === undefined || ib === undefined || this.#clusterOf[ia] !== this.#clusterOf[ib]) return null;
    const path = this.#log.path(ia, ib, this.#index.size);
    if (path === null) return null;
    return path.map(({ row, from }) => this.#log.merge(row, from, (id) => this.#index.nameOf(id)));
  }

  /** Every holder with its cluster, in the order holders were first seen. */
  *entries(): IterableIterator<[HolderId, ClusterId]> {
    for (let i = 0; i < this.#index.size; i++) yield [this.#index.nameOf(i), this.#clusterOf[i]!];
  }

  /** The numbers the CLI prints. */
  summary(): ClusteringSummary {
    return { addresses: this.addresses, clusters: this.clusters, largest: this.largest(), merges: this.merges, suspect: this.suspects.length };
  }
}
