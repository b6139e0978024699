import type { AssetId } from '../model/caip.ts';
import type { ChainId } from '../model/chain.ts';
import type { AccountTransfer, HolderId, UtxoBlockRef, UtxoTransaction } from '../model/transaction.ts';
import type { ProgressListener } from './progress.ts';

/** What every read takes: a signal to cancel it. */
export interface ReadParameters {
  readonly signal?: AbortSignal;
}

/** A page of results and the cursor of the next page (null on the last page). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly next: string | null;
}

export interface PageParameters extends ReadParameters {
  /** The `next` of the previous page; absent for the first page. */
  readonly cursor?: string;
  /** Items per page, a hint the source may lower. */
  readonly limit?: number;
}

export interface BlockRangeParameters extends ReadParameters {
  /** First height, inclusive. */
  readonly from: number;
  /** Last height, inclusive. */
  readonly to: number;
  readonly onProgress?: ProgressListener;
}

/** Who spent an output: the spending transaction and input index, or `spent: false`. */
export type Outspend =
  | { readonly spent: false }
  | { readonly spent: true; readonly txid: string; readonly vin: number; readonly block: UtxoBlockRef | null };

export interface UtxoBlock {
  readonly chain: ChainId;
  readonly height: number;
  readonly hash: string;
  readonly time: number;
  readonly transactions: readonly UtxoTransaction[];
}

export interface AccountBlock {
  readonly chain: ChainId;
  readonly number: number;
  readonly hash: string;
  readonly time: number;
  /** Every value movement of the block, in order (tx index, then trace/log position). */
  readonly transfers: readonly AccountTransfer[];
}

export interface NeighbourhoodParameters extends ReadParameters {
  /** Canonical addresses the walk starts from (hop 0). */
  readonly from: readonly string[];
  /** `forward`: where the addresses sent funds; `backward`: where their funds came from. */
  readonly direction: 'forward' | 'backward';
  /** Most hops from a start address (a whole number ≥ 0). */
  readonly maxHops: number;
  /**
   * An address with more edges than this on the walk's side (UTXO: transactions spending its outputs forward, paying
   * it backward; account: transfers out forward, in backward) is reached but not expanded, and listed in `hubs`.
   */
  readonly maxDegree: number;
  /** Account chains: the asset whose transfers are edges (failed transfers and mints/burns are not). */
  readonly asset?: AssetId;
}

/** One address a neighbourhood walk reached: its fewest hops and the edge it was first reached by. */
export interface NeighbourhoodEntry {
  readonly address: string;
  readonly hops: number;
  /**
   * The edge from an address one hop nearer (forward: the sender; backward: the receiver's funder) and the
   * transaction of it; null for a start address. Of several such edges, the least `parent`, then `txid`, in byte order.
   */
  readonly via: { readonly parent: string; readonly txid: string } | null;
}

/** Every address within the hop bound, each once (fewest hops first, then address), and the hubs not expanded. */
export interface Neighbourhood {
  readonly reached: readonly NeighbourhoodEntry[];
  /** Reached addresses nearer than `maxHops` that were not expanded for having more than `maxDegree` edges, sorted. */
  readonly hubs: readonly string[];
}

/**
 * An optional capability of a source: expanding a neighbourhood in one request (a store does it as one recursive SQL
 * query) with the same answer as `walkNeighbourhood`'s hop-by-hop walk over the source's ordinary reads.
 */
export interface NeighbourhoodExpander {
  expandNeighbourhood(params: NeighbourhoodParameters): Promise<Neighbourhood>;
}

/**
 * Where a UTXO chain's data comes from: raw blocks, a Bitcoin Core node, Esplora, a store, memory.
 * Only `getTransaction` is required; sources that cannot answer the rest leave them out, and algorithms that need
 * them say so with an `UNSUPPORTED` error.
 */
export interface UtxoDataSource extends Partial<NeighbourhoodExpander> {
  readonly model: 'utxo';
  readonly chain: ChainId;
  /** One transaction, inputs valued and addressed where the source can. `NOT_FOUND` when unknown. */
  getTransaction(params: { readonly txid: string } & ReadParameters): Promise<UtxoTransaction>;
  /** For each output of `txid`, who spent it: the forward edge tracing follows. */
  getOutspends?(params: { readonly txid: string } & ReadParameters): Promise<readonly Outspend[]>;
  /** Transactions that pay or spend `address`, newest first, paged. */
  getAddressHistory?(params: { readonly address: HolderId } & PageParameters): Promise<Page<UtxoTransaction>>;
  /** Blocks of a height range, in order. */
  getBlocks?(params: BlockRangeParameters): AsyncIterable<UtxoBlock>;
  /** Height of the best block. */
  getTipHeight?(params?: ReadParameters): Promise<number>;
}

export interface AddressTransfersParameters extends PageParameters {
  readonly address: HolderId;
  /** Inflows, outflows or both (default both). */
  readonly direction?: 'in' | 'out' | 'both';
  /** Lowest block number, inclusive. */
  readonly fromBlock?: number;
  /** Highest block number, inclusive. */
  readonly toBlock?: number;
}

/** Where an account chain's (EVM) data comes from: a JSON-RPC node, an explorer API, a store, memory. */
export interface AccountDataSource extends Partial<NeighbourhoodExpander> {
  readonly model: 'account';
  readonly chain: ChainId;
  /** Every transfer one transaction made (native, internal, token, fee…). `NOT_FOUND` when unknown. */
  getTransfers(params: { readonly txHash: string } & ReadParameters): Promise<readonly AccountTransfer[]>;
  /** Transfers to or from an address, oldest first, paged. */
  getAddressTransfers?(params: AddressTransfersParameters): Promise<Page<AccountTransfer>>;
  /** Blocks of a range with all their transfers, in order. */
  getBlocks?(params: BlockRangeParameters): AsyncIterable<AccountBlock>;
  getTipHeight?(params?: ReadParameters): Promise<number>;
}

/** Any source of chain data. Core's algorithms reach data only through this. */
export type DataSource = UtxoDataSource | AccountDataSource;
