import type { UtxoTransaction } from '../../../model/transaction.ts';
import { type ChangeContext, type ChangeVote, onlyIndex } from './types.ts';

/** A wallet's habits visible in a transaction: nVersion, nLockTime style and RBF signalling. */
export function fingerprintOf(tx: UtxoTransaction): string {
  const height = tx.block?.height;
  // Anti-fee-sniping (Bitcoin Core since 0.11): nLockTime set to the tip height, sometimes up to 100 blocks back.
  const locktime =
    tx.locktime === 0 ? 'zero' : height !== undefined && tx.locktime <= height && tx.locktime >= height - 100 ? 'anti-fee-sniping' : 'other';
  const rbf = tx.inputs.some((i) => i.sequence < 0xfffffffe);
  return `${tx.version}/${locktime}/${rbf ? 'rbf' : 'final'}`;
}

/**
 * Wallet fingerprint (Kappos et al. 2022, "How to Peel a Million: Validating and Expanding Bitcoin Clusters", USENIX
 * Security, §4.3; Misra 2024, "Wallet Fingerprints: Detection & Analysis"): the change output is later spent by the
 * same wallet, so its spending transaction shows the same nVersion, nLockTime (anti-fee-sniping or not) and RBF
 * signalling. When exactly one output's spender matches this transaction's fingerprint and another output's spender
 * does not, that output is change. Needs the spenders in the data set.
 *
 * @example
 * walletFingerprint(tx, context) // { signal: 'wallet-fingerprint', change: 1, confidence: 60 }
 */
export function walletFingerprint(tx: UtxoTransaction, context: ChangeContext): ChangeVote | null {
  if (tx.outputs.length < 2) return null;
  const own = fingerprintOf(tx);
  const spenders = tx.outputs.map((o) => context.spenderOf(tx.txid, o.n));
  const change = onlyIndex(spenders, (s) => s !== undefined && fingerprintOf(s) === own);
  if (change === -1) return null;
  if (!spenders.some((s, i) => i !== change && s !== undefined && fingerprintOf(s) !== own)) return null;
  return { signal: 'wallet-fingerprint', change, confidence: 60 };
}
