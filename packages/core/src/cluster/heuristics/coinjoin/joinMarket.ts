import type { UtxoTransaction } from '../../../model/transaction.ts';
import type { CoinJoinVerdict } from './types.ts';
import { distinctInputHolders, mostCommonValue } from './valueCounts.ts';

/**
 * JoinMarket CoinJoins (Möser & Böhme 2017, "Anonymous Alone? Measuring Bitcoin's Second-Generation Anonymization
 * Techniques", IEEE EuroS&PW, §4.1): a taker and makers each put in inputs and take one output of the CoinJoin amount,
 * makers (and usually the taker) take a change output. So k ≥ 3 equal outputs, between k and 2k outputs in all, at
 * least k distinct input holders, no OP_RETURN. (Whirlpool's 5 × 5 on a pool amount is tried first and named Whirlpool.)
 * Two-party joins (k = 2) are left out: two equal payments from two addresses are too common to call a CoinJoin.
 *
 * @example
 * detectJoinMarket(tx) // { kind: 'joinmarket', coinjoin: true, denomination: 12345678n, equalOutputs: 4 } or null
 */
export function detectJoinMarket(tx: UtxoTransaction): CoinJoinVerdict | null {
  if (tx.inputs.length < 3 || tx.outputs.length < 3) return null;
  const { value, count } = mostCommonValue(tx.outputs);
  if (count < 3 || tx.outputs.length > 2 * count) return null;
  if (tx.outputs.some((o) => o.scriptType === 'nulldata')) return null;
  if (distinctInputHolders(tx.inputs) < count) return null;
  const equal = tx.outputs.filter((o) => o.value === value);
  if (new Set(equal.map((o) => o.address)).size !== count) return null;
  return { kind: 'joinmarket', coinjoin: true, denomination: value, equalOutputs: count };
}
