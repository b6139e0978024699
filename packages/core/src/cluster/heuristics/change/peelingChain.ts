import type { UtxoTransaction } from '../../../model/transaction.ts';
import { type ChangeContext, type ChangeVote, onlyIndex } from './types.ts';

/** A peel: one or two inputs, exactly two outputs. */
function isPeel(tx: UtxoTransaction): boolean {
  return tx.inputs.length >= 1 && tx.inputs.length <= 2 && tx.outputs.length === 2;
}

/**
 * Peeling chains (Meiklejohn et al. 2013, "A Fistful of Bitcoins", §5.2; Kappos et al. 2022, "How to Peel a Million",
 * §3): a large amount is peeled by a chain of transactions, each paying a small output and passing the large rest on
 * to the next peel. So in a peel-shaped transaction whose larger output is itself spent by a peel-shaped transaction
 * (and no other output is), the larger output is change.
 *
 * @example
 * peelingChain(tx, context) // { signal: 'peeling-chain', change: 0, confidence: 50 }
 */
export function peelingChain(tx: UtxoTransaction, context: ChangeContext): ChangeVote | null {
  if (!isPeel(tx)) return null;
  const [a, b] = tx.outputs as [UtxoTransaction['outputs'][number], UtxoTransaction['outputs'][number]];
  if (a.value === b.value) return null;
  const larger = a.value > b.value ? 0 : 1;
  const change = onlyIndex(tx.outputs, (o) => {
    const spender = context.spenderOf(tx.txid, o.n);
    return spender !== undefined && isPeel(spender);
  });
  if (change !== larger) return null;
  return { signal: 'peeling-chain', change, confidence: 50 };
}
