import type { HolderId, UtxoTransaction } from '../../../model/transaction.ts';

/** The change signals, each a module of its own. */
export const CHANGE_SIGNALS = [
  'address-reuse',
  'script-type',
  'optimal-change',
  'round-amount',
  'fresh-address',
  'wallet-fingerprint',
  'peeling-chain',
] as const;
export type ChangeSignalName = (typeof CHANGE_SIGNALS)[number];

/**
 * One signal's opinion on a transaction: which output (array index) it takes for change, how sure (0-100), and which
 * outputs it takes for payments (a contradiction when another signal calls one of them change).
 */
export interface ChangeVote {
  readonly signal: ChangeSignalName;
  readonly change: number;
  readonly confidence: number;
  readonly payments?: readonly number[];
}

/**
 * What signals may ask about the rest of the data, so they stay pure functions. Positions are chain order
 * (block height, then index in block), so answers do not depend on the order transactions were given in.
 */
export interface ChangeContext {
  /** The chain position where `holder` first appears (as input or output), or undefined when never seen. */
  firstSeen(holder: HolderId): number | undefined;
  /** The chain position of `tx`. */
  positionOf(tx: UtxoTransaction): number;
  /** The transaction in the data set that spends output `vout` of `txid`, if any. */
  spenderOf(txid: string, vout: number): UtxoTransaction | undefined;
}

export interface ChangeSignalOptions {
  /** A value is round when it is a multiple of 10^roundDigits base units (default 5: 0.001 BTC). */
  readonly roundDigits?: number;
}

export type ChangeSignal = (tx: UtxoTransaction, context: ChangeContext, options: ChangeSignalOptions) => ChangeVote | null;

/** The index of the one element that satisfies `test`, or -1 when none or several do. */
export function onlyIndex<T>(list: readonly T[], test: (item: T, index: number) => boolean): number {
  let found = -1;
  for (let i = 0; i < list.length; i++) {
    if (!test(list[i]!, i)) continue;
    if (found !== -1) return -1;
    found = i;
  }
  return found;
}
