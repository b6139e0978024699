import { ChaintrailError } from '../errors/ChaintrailError.ts';
import type { Amount } from './amount.ts';
import type { AssetId } from './caip.ts';
import type { ChainId } from './chain.ts';

/**
 * Who holds an output or an account balance: a canonical address, or, for outputs without an address, a stable id
 * derived from the script (`p2pk:<pubkey hex>`, `multisig:<sha256 of script>`, `nulldata:<sha256 of script>`,
 * `script:<sha256 of script>`). Never dropped, so value is always accounted for.
 */
export type HolderId = string;

/** Prefixes of holder ids that are not addresses. */
export const SCRIPT_HOLDER_PREFIXES = ['p2pk:', 'multisig:', 'nulldata:', 'script:'] as const;

/** True when the holder id is a script-derived id rather than an address. */
export function isScriptHolder(holder: HolderId): boolean {
  return SCRIPT_HOLDER_PREFIXES.some((prefix) => holder.startsWith(prefix));
}

/** The output script types chaintrail classifies. */
export type ScriptType =
  | 'p2pkh'
  | 'p2sh'
  | 'p2wpkh'
  | 'p2wsh'
  | 'p2tr'
  | 'p2pk'
  | 'multisig'
  | 'nulldata'
  | 'witness_unknown'
  | 'nonstandard';

/** Where a transaction sits in a Bitcoin-like chain. `time` is the block header time, in Unix seconds. */
export interface UtxoBlockRef {
  readonly height: number;
  readonly hash: string;
  readonly time: number;
}

export interface UtxoInput {
  readonly prevTxid: string;
  readonly prevVout: number;
  /** The holder of the spent output; null when its prevout is not known to the source. */
  readonly address: HolderId | null;
  /** The value of the spent output; null when its prevout is not known to the source. */
  readonly value: Amount | null;
  readonly scriptType: ScriptType | null;
  readonly sequence: number;
}

export interface UtxoOutput {
  readonly n: number;
  readonly address: HolderId;
  readonly value: Amount;
  readonly scriptType: ScriptType;
}

/** What a coinbase input carries: the scriptSig, where miners write their tags, and the BIP34 height. */
export interface CoinbaseData {
  /** The scriptSig as hex. */
  readonly scriptSig: string;
  /** The scriptSig's printable ASCII runs, joined, for reading pool tags. */
  readonly text: string;
  /** The BIP34 height pushed first in the scriptSig, where present. */
  readonly height: number | null;
}

/**
 * A transaction of a UTXO chain (Bitcoin). A coinbase has no inputs and carries `coinbase` instead.
 * `fee` is null when an input's value is unknown; 0 for a coinbase.
 */
export interface UtxoTransaction {
  readonly chain: ChainId;
  readonly txid: string;
  /** Null for a transaction not yet in a block. */
  readonly block: UtxoBlockRef | null;
  /** Position in the block. */
  readonly index: number;
  readonly coinbase: CoinbaseData | null;
  readonly inputs: readonly UtxoInput[];
  readonly outputs: readonly UtxoOutput[];
  readonly fee: Amount | null;
  readonly version: number;
  readonly locktime: number;
  /** Virtual size in vbytes, where the source knows it. */
  readonly vsize?: number;
  /** True when the block is fewer confirmations deep than the source's reorg guard. */
  readonly unconfirmed?: boolean;
}

/** Where a transfer sits in an account chain (EVM). `time` is the block timestamp, in Unix seconds. */
export interface AccountBlockRef {
  readonly number: number;
  readonly hash: string;
  readonly time: number;
}

/**
 * What moved value: the transaction's own value, a call inside it, a token log, a block reward,
 * the fee its sender paid, or a beacon-chain withdrawal.
 */
export type TransferKind = 'native' | 'internal' | 'token' | 'nft' | 'reward' | 'fee' | 'withdrawal';

/** Whether the value really moved: failed transactions and reverted frames move none. */
export type TransferStatus = 'success' | 'failed' | 'unknown';

/**
 * One movement of value on an account chain. Rewards and withdrawals are minted (`from` null); a fee that is burned
 * has `to` null.
 */
export interface AccountTransfer {
  readonly chain: ChainId;
  readonly txHash: string;
  readonly block: AccountBlockRef;
  /** Position of the transaction in its block (-1 for block-level rewards and withdrawals). */
  readonly txIndex: number;
  readonly kind: TransferKind;
  /** Position of the call frame (internal transfers). */
  readonly traceAddress?: readonly number[];
  /** Position of the log (token and nft transfers). */
  readonly logIndex?: number;
  readonly from: HolderId | null;
  readonly to: HolderId | null;
  readonly asset: AssetId;
  /** Base units; for an nft, 1. */
  readonly value: Amount;
  /** ERC-721 token id, for nft transfers. */
  readonly tokenId?: bigint;
  readonly status: TransferStatus;
  readonly unconfirmed?: boolean;
}

/** `txid:vout`, the id of a transaction output. */
export type OutPoint = `${string}:${number}`;

/** The id of output `vout` of `txid`. */
export function outPoint(txid: string, vout: number): OutPoint {
  return `${txid}:${vout}`;
}

/** Splits `txid:vout`. Throws `INVALID_ARGUMENT` when it is not one. */
export function parseOutPoint(text: string): { txid: string; vout: number } {
  const m = /^([0-9a-fA-F]{64}):(\d{1,6})$/.exec(text);
  if (!m) {
    throw new ChaintrailError('INVALID_ARGUMENT', `"${text}" is not an outpoint: expected <64 hex txid>:<output index>.`, {
      meta: { text },
    });
  }
  return { txid: m[1]!.toLowerCase(), vout: Number(m[2]) };
}
