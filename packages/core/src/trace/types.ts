import type { AbstractGraph } from 'graphology-types';
import type { Category, LabelLookup } from '../labels/types.ts';
import type { CompactGraph } from '../index/CompactGraph.ts';
import type { AssetId } from '../model/caip.ts';
import type { DataSource } from '../source/DataSource.ts';
import type { ProgressListener } from '../source/progress.ts';
import type { TaintPolicy, TaintPolicyName } from './policies/types.ts';

/** What tracing needs of a clustering: an address's cluster and a cluster's members (see the cluster module). */
export interface ClusterLookup {
  clusterOf(address: string): string | number | undefined;
  members(clusterId: string | number): Iterable<string>;
}

/**
 * Where a trace starts. A string is an outpoint (`txid:vout`) or an address. Objects say more:
 * an outpoint with part of its value, every address of a cluster, of a category or of a labelled entity, the coinbase outputs of a
 * height range (optionally only those paying given addresses, e.g. a mining pool's), or one account-chain
 * transaction's transfers.
 */
export type TraceSeed =
  | string
  | { readonly outpoint: string; readonly amount?: bigint }
  /** Input `vin` of a transaction the source holds (forward only): for a prevout the source does not hold. */
  | { readonly input: { readonly txid: string; readonly vin: number }; readonly amount?: bigint }
  | { readonly address: string }
  | { readonly cluster: string | number }
  | { readonly addresses: readonly string[]; readonly name?: string }
  | { readonly coinbase: { readonly fromHeight: number; readonly toHeight: number; readonly addresses?: readonly string[] } }
  | { readonly txHash: string }
  /** Every address the `labels` put in a category (e.g. every OFAC-listed address of the chain); needs a label store that can list its addresses. */
  | { readonly category: Category; readonly entity?: string };

export interface TraceBound {
  /** Forward: do not follow spends in blocks above this height. Backward: do not go below it. */
  readonly height?: number;
  /** The same, in block time (Unix seconds). */
  readonly time?: number;
}

export interface TraceBudget {
  /** Most data-source calls to make. */
  readonly fetches?: number;
  /** Most transactions (UTXO) or transfers (account) to process; on the compact index, edges to read. */
  readonly nodes?: number;
}

export interface TraceParameters {
  /** Where to read transactions; optional when `index` can answer the trace. */
  readonly source?: DataSource;
  /**
   * The compact index of the chain. When given, haircut and poison traces from addresses run on it (no fetches,
   * address by address); anything else (FIFO, outpoint seeds, taintFees) needs `source`.
   */
  readonly index?: CompactGraph;
  readonly from: TraceSeed | readonly TraceSeed[];
  /** `forward` (where did the funds go; default) or `backward` (where did they come from). */
  readonly direction?: 'forward' | 'backward';
  readonly policy: TaintPolicyName | TaintPolicy;
  /** Most transactions to traverse from a seed (default 10). */
  readonly maxHops?: number;
  /** Taint below this (base units) on an output is dropped and counted as dust (default 0: keep everything). */
  readonly minValue?: bigint;
  /** Categories where the trace reports the entity and stops (default `['exchange']`). */
  readonly stopAt?: readonly Category[];
  /** Labels naming the entities the trace reaches. */
  readonly labels?: LabelLookup;
  /** A clustering, so an address inherits the labels of its cluster. */
  readonly clustering?: ClusterLookup;
  readonly until?: TraceBound;
  readonly budget?: TraceBudget;
  /** Whether taint paid as fees flows on into the coinbase that collects them (default false: fees are a sink). */
  readonly taintFees?: boolean;
  /** Data-source calls in flight at once (default 8). */
  readonly concurrency?: number;
  /** How many paths to return as evidence (default 10). */
  readonly maxPaths?: number;
  /** Account chains: the asset traced (default the chain's native asset). */
  readonly asset?: AssetId;
  /** Whether to build the graphology subgraph (default true). */
  readonly graph?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressListener;
}

/** Why taint stopped at a frontier entry. */
export type FrontierStatus =
  /** Forward: the output is unspent (or the account still holds it). */
  | 'unspent'
  /** The spend (or the source) lies beyond the height/time bound. */
  | 'bound'
  /** The hop limit was reached. */
  | 'hops'
  /** Backward: newly minted coins (a coinbase output, a block reward). */
  | 'coinbase'
  /** Backward: funds from before the data the source holds (an account's earlier balance, a transaction it lacks). */
  | 'unknown';

/** Where taint sits when the trace ends: a UTXO output, or an account's balance. */
export interface FrontierEntry {
  /** UTXO: the output's transaction; account: the transaction that last moved taint there. */
  readonly txid: string;
  /** UTXO: the output index; account: -1. */
  readonly vout: number;
  readonly address: string;
  /** UTXO: the output's value; account: the balance the trace computed for it. */
  readonly value: bigint;
  readonly taint: bigint;
  readonly hops: number;
  readonly status: FrontierStatus;
}

/** Why a label applies to an address: its own label, or one on a member of its cluster. */
export interface LabelEvidence {
  readonly address: string;
  readonly category: Category;
  readonly entity?: string;
  readonly source: string;
  readonly confidence: number;
  readonly via: 'label' | 'cluster';
  /** The cluster and the member carrying the label, when `via` is `cluster`. */
  readonly cluster?: string;
  readonly member?: string;
}

/** A labelled entity the taint reached, and how much taint it received. */
export interface ReachedEntity {
  /** The entity's name (label entity, else cluster id, else address). */
  readonly entity: string;
  readonly category: Category;
  readonly taint: bigint;
  /** True when the entity's category is in `stopAt`, so the trace stopped there. */
  readonly stopped: boolean;
  readonly addresses: readonly string[];
  readonly evidence: readonly LabelEvidence[];
  /** Fewest hops from a seed. */
  readonly hops: number;
}

/** One step of a path: the output (or transfer) that carried the funds, and the label naming its holder. */
export interface PathHop {
  readonly txid: string;
  /** UTXO output index; -1 on account chains. */
  readonly vout: number;
  readonly address: string;
  readonly amount: bigint;
  readonly label?: LabelEvidence;
}

/** A path from a seed to where taint ended, following the largest contribution at every step. */
export interface TracePath {
  readonly amount: bigint;
  readonly end: 'frontier' | 'entity' | 'dust';
  readonly hops: readonly PathHop[];
}

/**
 * The books of a trace, in base units. Always: `seeded + absorbed = frontier + fees + dust + stopped + truncated`.
 * `absorbed` is clean value poison declared tainted; `stopped` is taint that reached a `stopAt` entity.
 */
export interface TraceTotals {
  readonly seeded: bigint;
  readonly absorbed: bigint;
  readonly frontier: bigint;
  readonly fees: bigint;
  readonly dust: bigint;
  readonly stopped: bigint;
  readonly truncated: bigint;
}

/** What a budget left unfollowed. */
export interface TraceTruncation {
  readonly reason: 'budget';
  readonly fetches: number;
  readonly nodes: number;
  /** Outputs (or account transfers) that still held taint and were not followed. */
  readonly pending: readonly { readonly txid: string; readonly vout: number; readonly address: string; readonly taint: bigint }[];
  readonly taint: bigint;
}

export interface TraceResult {
  readonly policy: TaintPolicyName;
  readonly direction: 'forward' | 'backward';
  readonly chain: string;
  readonly frontier: readonly FrontierEntry[];
  readonly reached: readonly ReachedEntity[];
  readonly paths: readonly TracePath[];
  readonly totals: TraceTotals;
  readonly dust: { readonly count: number; readonly taint: bigint };
  readonly truncated: TraceTruncation | null;
  readonly stats: { readonly fetches: number; readonly nodes: number; readonly maxHops: number };
  /** The traced subgraph: transaction/account nodes and output/transfer nodes, edges carry `taint` and `value`. */
  readonly graph: AbstractGraph | null;
}
