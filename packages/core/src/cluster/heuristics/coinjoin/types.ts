import type { UtxoTransaction } from '../../../model/transaction.ts';

/** The CoinJoin shapes chaintrail recognises. */
export const COINJOIN_KINDS = ['whirlpool', 'whirlpool-tx0', 'wasabi2', 'wasabi1', 'joinmarket', 'equal-output'] as const;
export type CoinJoinKind = (typeof COINJOIN_KINDS)[number];

/**
 * What a detector found. `coinjoin` is false for shapes that belong to a CoinJoin protocol but are one user's
 * transaction (a Whirlpool tx0): their inputs do share an owner, so common-input ownership still applies.
 */
export interface CoinJoinVerdict {
  readonly kind: CoinJoinKind;
  readonly coinjoin: boolean;
  /** The equal output value that mixes. */
  readonly denomination: bigint;
  /** How many outputs carry the denomination. */
  readonly equalOutputs: number;
}

export type CoinJoinDetector = (tx: UtxoTransaction) => CoinJoinVerdict | null;
