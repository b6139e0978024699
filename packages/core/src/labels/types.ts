import type { ChainId } from '../model/chain.ts';

/**
 * chaintrail's one category taxonomy. Every source's own categories map onto these (see labels/taxonomy.ts);
 * screening rules are written against them.
 */
export const CATEGORIES = [
  'sanctioned',
  'mining_pool',
  'exchange',
  'mixer',
  'coinjoin',
  'ransomware',
  'darknet_market',
  'scam',
  'theft',
  'gambling',
  'bridge',
  'defi',
  'payment_processor',
  'service',
  'user',
  'other',
] as const;

export type Category = (typeof CATEGORIES)[number];

/** True when `text` is one of chaintrail's categories. */
export function isCategory(text: string): text is Category {
  return (CATEGORIES as readonly string[]).includes(text);
}

/**
 * One statement that an address belongs to something: who said it (`source`), when, how sure, and the original
 * record, so a screening decision can cite it.
 */
export interface Label {
  readonly chain: ChainId;
  /** Canonical address (see canonicalAddress). */
  readonly address: string;
  readonly category: Category;
  /** The entity behind the address, as the source names it (an SDN name, a pool, an exchange). */
  readonly entity?: string;
  /** The source's own category text, before mapping. */
  readonly sourceCategory?: string;
  /** Where the label came from: a file, a list name (`ofac:sanctioned_addresses_XBT.txt`, `tagpack:ofac.yaml`). */
  readonly source: string;
  /** When the source says it was true (ISO date), where it says. */
  readonly date?: string;
  /** 0-100, as TagPacks grade it; sources without a grade get their documented default. */
  readonly confidence: number;
  /** The original record, kept for evidence. */
  readonly record?: unknown;
  /**
   * Set when the label was not stated by a source but derived (OFAC's 50 Percent Rule through ownership links):
   * the rule and the chain of ownership that caused it.
   */
  readonly derived?: DerivedExplanation;
}

/** Why a derived label holds: the rule applied and the ownership chain(s) from a blocked person to the entity. */
export interface DerivedExplanation {
  /** `ofac_50_percent` (owned 50% or more in aggregate by blocked persons) or `control` (when the caller opts in). */
  readonly rule: 'ofac_50_percent' | 'control';
  /** One sentence a screening decision can quote. */
  readonly explanation: string;
  /** Entity ids from a directly blocked person down to the labelled entity, one list per chain of ownership. */
  readonly chains: readonly (readonly string[])[];
}

/** What screening and tracing need of a label store: every label of an address. */
export interface LabelLookup {
  /** Every label on the canonical `address` of `chain` (empty when none). */
  lookup(chain: ChainId, address: string): readonly Label[];
}
