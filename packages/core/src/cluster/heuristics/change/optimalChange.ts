import type { UtxoTransaction } from '../../../model/transaction.ts';
import { type ChangeVote, onlyIndex } from './types.ts';

/**
 * Optimal change and unnecessary input (Nick 2015, "Data-Driven De-Anonymization in Bitcoin", ETH Zürich master's
 * thesis, §3.3.2; the "optimal change" heuristic of BlockSci, Kalodner et al. 2020 §4.4): a wallet picks inputs to
 * cover the payment, so an output smaller than every input is change (else the smallest input was not needed), and
 * an output that the inputs would cover even without the smallest one is not the payment. The two rules must agree
 * on a single output. Needs every input's value.
 *
 * @example
 * optimalChange(tx) // { signal: 'optimal-change', change: 1, confidence: 60 }
 */
export function optimalChange(tx: UtxoTransaction): ChangeVote | null {
  if (tx.inputs.length === 0 || tx.outputs.length < 2 || tx.fee === null) return null;
  let min = -1n;
  let sum = 0n;
  for (const i of tx.inputs) {
    if (i.value === null) return null;
    sum += i.value;
    if (min < 0n || i.value < min) min = i.value;
  }
  const optimal = onlyIndex(tx.outputs, (o) => o.value < min);
  const fee = tx.fee;
  const unnecessary = tx.inputs.length > 1 ? onlyIndex(tx.outputs, (o) => sum - min >= o.value + fee) : -1;
  const change = optimal !== -1 ? optimal : unnecessary;
  if (change === -1 || (optimal !== -1 && unnecessary !== -1 && optimal !== unnecessary)) return null;
  return { signal: 'optimal-change', change, confidence: 60 };
}
