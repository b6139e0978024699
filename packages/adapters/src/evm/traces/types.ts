/**
 * One call frame that may move value, in either trace format, reduced to what a transfer needs. Frames of both
 * formats become this shape, so geth and Parity traces of the same block give the same internal transfers.
 */
export interface ValueFrame {
  readonly txHash: string | null;
  /** Position of the transaction in its block. */
  readonly txIndex: number;
  /** Position in the call tree: [] for the transaction's own call, [1, 0] for the first call of its second call. */
  readonly traceAddress: readonly number[];
  /** `call` moves value; `create` covers CREATE and CREATE2; `selfdestruct` sends the whole balance. */
  readonly type: 'call' | 'create' | 'selfdestruct' | 'delegatecall' | 'staticcall' | 'callcode';
  readonly from: string;
  /** For a create, the new contract (null when the creation failed). */
  readonly to: string | null;
  readonly value: bigint;
  /** The frame failed or one of its ancestors did: it moved nothing. */
  readonly reverted: boolean;
  /** The frame itself failed (its own error). */
  readonly failed: boolean;
}

/** A block or uncle reward from Parity-style traces. */
export interface RewardTrace {
  readonly author: string;
  readonly value: bigint;
  readonly rewardType: string;
}

/** The trace formats a node may answer. */
export type TraceFormat = 'geth' | 'parity';

/** Frame types that move value: DELEGATECALL and STATICCALL carry none; CALLCODE moves value from a contract to itself. */
export function movesValue(frame: ValueFrame): boolean {
  return !frame.reverted && frame.value > 0n && (frame.type === 'call' || frame.type === 'create' || frame.type === 'selfdestruct');
}

/** True when `prefix` is an ancestor of (or equal to) `address` in a call tree. */
export function isPrefix(prefix: readonly number[], address: readonly number[]): boolean {
  if (prefix.length > address.length) return false;
  for (let i = 0; i < prefix.length; i++) if (prefix[i] !== address[i]) return false;
  return true;
}
