import type { HolderId } from '../../model/transaction.ts';

/** The clustering heuristics, by the name the CLI and options use. */
export const HEURISTICS = ['common-input', 'change', 'deposit-address'] as const;
export type HeuristicName = (typeof HEURISTICS)[number];

/**
 * True when `text` names a clustering heuristic.
 *
 * @example
 * isHeuristicName('common-input') // true
 */
export function isHeuristicName(text: string): text is HeuristicName {
  return (HEURISTICS as readonly string[]).includes(text);
}

/**
 * One claim that two holders have one owner: which heuristic, on which transaction, how sure (0-100, as label
 * confidences) and, where the heuristic has one, a short reason (the change signals that agreed, the deposit address).
 */
export interface Link {
  readonly a: HolderId;
  readonly b: HolderId;
  readonly txid: string;
  readonly heuristic: HeuristicName;
  readonly confidence: number;
  readonly detail?: string;
}
