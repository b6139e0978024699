import type { HolderId, UtxoTransaction } from '../model/transaction.ts';
import type { ChangeContext } from './heuristics/change/types.ts';

/** Chain position: height × 2^20 + index (a block holds fewer than 2^20 transactions); unconfirmed last. */
const UNCONFIRMED_HEIGHT = 2 ** 32;

export function positionOf(tx: UtxoTransaction): number {
  return (tx.block?.height ?? UNCONFIRMED_HEIGHT) * 2 ** 20 + tx.index;
}

/**
 * Indexes a data set for the change signals: where each holder first appears (in chain order, so the answer does not
 * depend on the order of `transactions`) and which transaction spends each output.
 *
 * @example
 * detectChange({ tx, context: changeContext(transactions) })
 */
export function changeContext(transactions: readonly UtxoTransaction[]): ChangeContext {
  const firstSeen = new Map<HolderId, number>();
  const spenders = new Map<string, UtxoTransaction>();
  const see = (holder: HolderId | null, at: number): void => {
    if (holder === null) return;
    const seen = firstSeen.get(holder);
    if (seen === undefined || at < seen) firstSeen.set(holder, at);
  };
  for (const tx of transactions) {
    const at = positionOf(tx);
    for (const input of tx.inputs) {
      see(input.address, at);
      spenders.set(`${input.prevTxid}:${input.prevVout}`, tx);
    }
    for (const output of tx.outputs) see(output.address, at);
  }
  return {
    firstSeen: (holder) => firstSeen.get(holder),
    positionOf,
    spenderOf: (txid, vout) => spenders.get(`${txid}:${vout}`),
  };
}

