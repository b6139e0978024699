import type { UtxoTransaction } from '../../../model/transaction.ts';
import { detectEqualOutput } from './equalOutput.ts';
import { detectJoinMarket } from './joinMarket.ts';
import type { CoinJoinDetector, CoinJoinKind, CoinJoinVerdict } from './types.ts';
import { detectWasabi1 } from './wasabi1.ts';
import { detectWasabi2 } from './wasabi2.ts';
import { detectWhirlpool } from './whirlpool.ts';
import { detectWhirlpoolTx0 } from './whirlpoolTx0.ts';

/** Detectors from the most specific shape to the most generic: the first that fires names the transaction. */
const DETECTORS: Readonly<Record<CoinJoinKind, CoinJoinDetector>> = {
  whirlpool: detectWhirlpool,
  'whirlpool-tx0': detectWhirlpoolTx0,
  wasabi2: detectWasabi2,
  wasabi1: detectWasabi1,
  joinmarket: detectJoinMarket,
  'equal-output': detectEqualOutput,
};

const ORDERED = Object.entries(DETECTORS) as [CoinJoinKind, CoinJoinDetector][];

export interface DetectCoinJoinParameters {
  readonly tx: UtxoTransaction;
  /** Which detectors run (default all), always in the order specific → generic. */
  readonly kinds?: readonly CoinJoinKind[];
}

/**
 * Names the CoinJoin shape of a transaction, or null when none fits. See each detector for its source.
 *
 * @example
 * detectCoinJoin({ tx })?.kind // 'whirlpool'
 */
export function detectCoinJoin({ tx, kinds }: DetectCoinJoinParameters): CoinJoinVerdict | null {
  if (tx.coinbase !== null || (tx.inputs.length < 2 && tx.outputs.length < 3)) return null;
  for (const [kind, detect] of ORDERED) {
    if (kinds !== undefined && !kinds.includes(kind)) continue;
    const verdict = detect(tx);
    if (verdict) return verdict;
  }
  return null;
}
