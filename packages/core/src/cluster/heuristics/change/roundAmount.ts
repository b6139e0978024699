import type { UtxoTransaction } from '../../../model/transaction.ts';
import { type ChangeSignalOptions, type ChangeVote, onlyIndex } from './types.ts';

/**
 * Round amounts (Androulaki et al. 2013, "Evaluating User Privacy in Bitcoin", §4; Nick 2015, §3.3.1; BlockSci's
 * power-of-ten change heuristic, Kalodner et al. 2020 §4.4): people pay round amounts, so when every output but one is
 * a multiple of 10^digits base units, the one that is not is change and the round ones are payments.
 *
 * @example
 * roundAmount(tx, context, { roundDigits: 5 }) // { signal: 'round-amount', change: 1, confidence: 50, payments: [0] }
 */
export function roundAmount(tx: UtxoTransaction, _context: unknown, options: ChangeSignalOptions = {}): ChangeVote | null {
  if (tx.outputs.length < 2) return null;
  const unit = 10n ** BigInt(options.roundDigits ?? 5);
  const round = (v: bigint): boolean => v > 0n && v % unit === 0n;
  const change = onlyIndex(tx.outputs, (o) => !round(o.value));
  if (change === -1) return null;
  const payments = tx.outputs.map((_, i) => i).filter((i) => i !== change);
  return { signal: 'round-amount', change, confidence: 50, payments };
}
