import type { ChangeSignalName, ChangeVote } from './types.ts';

/** The change output a consensus rule settles on, with the signals behind it. */
export interface ChangeDecision {
  /** Array index of the change output. */
  readonly change: number;
  readonly confidence: number;
  readonly signals: readonly ChangeSignalName[];
}

/** Combines the votes of the signals that fired into one decision, or null for "no change found". */
export type ChangeConsensus = (votes: readonly ChangeVote[]) => ChangeDecision | null;

export interface ConservativeConsensusParameters {
  /** How many signals must name the same output (default 2). */
  readonly minSignals?: number;
}

/**
 * The default, conservative rule: change only when at least `minSignals` signals name the same output, no signal
 * names another output, and no signal takes that output for a payment. One wrong change merge joins two unrelated
 * clusters and, repeated, makes a supercluster (Meiklejohn et al. 2013 §4.2 saw exactly this and added exceptions;
 * Kappos et al. 2022 §6 measure how false positives snowball), so agreement is required rather than a vote.
 * Confidence: the chance that not every signal is wrong, treating them as independent, capped at 99.
 *
 * @example
 * conservativeConsensus()([{ signal: 'round-amount', change: 1, confidence: 50 }, { signal: 'script-type', change: 1, confidence: 60 }])
 * // { change: 1, confidence: 80, signals: ['round-amount', 'script-type'] }
 */
export function conservativeConsensus({ minSignals = 2 }: ConservativeConsensusParameters = {}): ChangeConsensus {
  return (votes) => {
    if (votes.length < minSignals) return null;
    const change = votes[0]!.change;
    if (votes.some((v) => v.change !== change || v.payments?.includes(change))) return null;
    let wrong = 1;
    for (const v of votes) wrong *= 1 - v.confidence / 100;
    return { change, confidence: Math.min(99, Math.round((1 - wrong) * 100)), signals: votes.map((v) => v.signal) };
  };
}
