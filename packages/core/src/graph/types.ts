import type { MultiDirectedGraph } from 'graphology';
import type { AssetId } from '../model/caip.ts';
import type { ChainId } from '../model/chain.ts';
import type { AccountBlockRef, HolderId, ScriptType, TransferKind, UtxoBlockRef } from '../model/transaction.ts';

// Type aliases rather than interfaces: graphology's attribute parameters need an index-signature-compatible type.

/** A holder: an address or a script-derived holder id, on one chain. */
export type HolderNodeAttributes = {
  readonly kind: 'holder';
  readonly chain: ChainId;
  readonly holder: HolderId;
};

/**
 * A UTXO transaction. It sits between its input holders and its output holders, so a transaction with m inputs and
 * n outputs costs m + n edges, not m × n. It keeps what the clustering heuristics read (version, locktime, fee…).
 */
export type TxNodeAttributes = {
  readonly kind: 'tx';
  readonly chain: ChainId;
  readonly txid: string;
  readonly block: UtxoBlockRef | null;
  readonly index: number;
  readonly coinbase: boolean;
  readonly version: number;
  readonly locktime: number;
  readonly fee: bigint | null;
  readonly inputCount: number;
  readonly outputCount: number;
  readonly vsize?: number;
};

export type NodeAttributes = HolderNodeAttributes | TxNodeAttributes;

/** Holder → tx: the holder spent output `prevTxid:prevVout` as input `position` of `txid`. */
export type InputEdgeAttributes = {
  readonly kind: 'input';
  readonly chain: ChainId;
  readonly txid: string;
  /** The input's index (vin). */
  readonly position: number;
  readonly value: bigint;
  readonly asset: AssetId;
  readonly prevTxid: string;
  readonly prevVout: number;
  readonly scriptType: ScriptType | null;
  readonly sequence: number;
};

/** Tx → holder: output `position` (vout) of `txid` pays the holder. */
export type OutputEdgeAttributes = {
  readonly kind: 'output';
  readonly chain: ChainId;
  readonly txid: string;
  /** The output's index (vout). */
  readonly position: number;
  readonly value: bigint;
  readonly asset: AssetId;
  readonly scriptType: ScriptType;
};

/** Holder → holder: one account-chain transfer (native, internal, token, nft…). */
export type TransferEdgeAttributes = {
  readonly kind: 'transfer';
  readonly chain: ChainId;
  readonly txid: string;
  /** The transaction's index in its block. */
  readonly position: number;
  readonly transferKind: TransferKind;
  /** The log index, for token and nft transfers. */
  readonly logIndex?: number;
  /** The call frame path, for internal transfers. */
  readonly traceAddress?: readonly number[];
  readonly value: bigint;
  readonly asset: AssetId;
  readonly block: AccountBlockRef;
  readonly tokenId?: bigint;
};

export type EdgeAttributes = InputEdgeAttributes | OutputEdgeAttributes | TransferEdgeAttributes;

/** The public transaction graph: a graphology MultiDirectedGraph with chaintrail's typed attributes. */
export type TransactionGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;
