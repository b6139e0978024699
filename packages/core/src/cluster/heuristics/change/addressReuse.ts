import type { UtxoTransaction } from '../../../model/transaction.ts';
import { type ChangeVote, onlyIndex } from './types.ts';

/**
 * Address reuse as change (Androulaki et al. 2013, "Evaluating User Privacy in Bitcoin", FC, §4.1 "shadow
 * addresses", and Meiklejohn et al. 2013 §4.2, which excludes self-change from the fresh-address rule): an output
 * paying back to one of the transaction's own input addresses is change; the other outputs are payments.
 *
 * @example
 * addressReuse(tx) // { signal: 'address-reuse', change: 1, confidence: 90, payments: [0] }
 */
export function addressReuse(tx: UtxoTransaction): ChangeVote | null {
  const inputs = new Set(tx.inputs.map((i) => i.address));
  const change = onlyIndex(tx.outputs, (o) => inputs.has(o.address));
  if (change === -1) return null;
  const payments = tx.outputs.map((_, i) => i).filter((i) => i !== change);
  return { signal: 'address-reuse', change, confidence: 90, payments };
}
