import type { UtxoTransaction } from '../../../model/transaction.ts';
import { type ChangeContext, type ChangeVote, onlyIndex } from './types.ts';

/**
 * Fresh (one-time) change address (Meiklejohn et al. 2013, "A Fistful of Bitcoins: Characterizing Payments Among Men
 * with No Names", IMC, §4.2 Heuristic 2): wallets send change to a new address, so when exactly one output's address
 * first appears in this transaction and every other output's address was seen earlier, that output is change.
 * "Earlier" is chain order within the data given, so a short window of blocks gives weak evidence.
 *
 * @example
 * freshAddress(tx, context) // { signal: 'fresh-address', change: 0, confidence: 60 }
 */
export function freshAddress(tx: UtxoTransaction, context: ChangeContext): ChangeVote | null {
  if (tx.outputs.length < 2) return null;
  const here = context.positionOf(tx);
  const inputs = new Set(tx.inputs.map((i) => i.address));
  const fresh = (address: string): boolean => !inputs.has(address) && context.firstSeen(address) === here;
  const change = onlyIndex(tx.outputs, (o) => fresh(o.address));
  if (change === -1) return null;
  return { signal: 'fresh-address', change, confidence: 60 };
}
