import type { UtxoTransaction } from '../../../model/transaction.ts';
import { addressReuse } from './addressReuse.ts';
import { type ChangeConsensus, type ChangeDecision, conservativeConsensus } from './consensus.ts';
import { freshAddress } from './freshAddress.ts';
import { optimalChange } from './optimalChange.ts';
import { peelingChain } from './peelingChain.ts';
import { roundAmount } from './roundAmount.ts';
import { scriptType } from './scriptType.ts';
import {
  CHANGE_SIGNALS,
  type ChangeContext,
  type ChangeSignal,
  type ChangeSignalName,
  type ChangeSignalOptions,
  type ChangeVote,
} from './types.ts';
import { walletFingerprint } from './walletFingerprint.ts';

const SIGNALS: Readonly<Record<ChangeSignalName, ChangeSignal>> = {
  'address-reuse': addressReuse,
  'script-type': scriptType,
  'optimal-change': optimalChange,
  'round-amount': roundAmount,
  'fresh-address': freshAddress,
  'wallet-fingerprint': walletFingerprint,
  'peeling-chain': peelingChain,
};

export interface ChangeOptions extends ChangeSignalOptions {
  /** Which signals run (default all). */
  readonly signals?: readonly ChangeSignalName[];
  /** How votes combine (default `conservativeConsensus()`: two signals agree, none contradicts). */
  readonly consensus?: ChangeConsensus;
}

export interface DetectChangeParameters extends ChangeOptions {
  readonly tx: UtxoTransaction;
  readonly context: ChangeContext;
}

export interface ChangeDetection {
  readonly votes: readonly ChangeVote[];
  readonly decision: ChangeDecision | null;
}

const defaultConsensus = conservativeConsensus();

/**
 * Runs the change signals on one transaction and combines their votes. Callers skip coinbases and CoinJoins (whose
 * outputs belong to many owners); this function only refuses transactions with fewer than two outputs.
 *
 * @example
 * detectChange({ tx, context }).decision // { change: 1, confidence: 80, signals: ['round-amount', 'script-type'] }
 */
export function detectChange({ tx, context, signals = CHANGE_SIGNALS, consensus = defaultConsensus, ...options }: DetectChangeParameters): ChangeDetection {
  if (tx.outputs.length < 2 || tx.inputs.length === 0) return { votes: [], decision: null };
  const votes: ChangeVote[] = [];
  for (const name of signals) {
    const vote = SIGNALS[name](tx, context, options);
    if (vote) votes.push(vote);
  }
  return { votes, decision: consensus(votes) };
}
