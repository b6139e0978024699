import type { ChainId } from '../model/chain.ts';
import { isEvmChain } from '../model/chain.ts';
import { CATEGORIES, type Category, type Label, type LabelLookup } from './types.ts';

const BIT = new Map<Category, number>(CATEGORIES.map((c, i) => [c, 1 << i]));

/** Categories that sit beside any other without contradicting it (a sanctioned exchange is both). */
const COMPATIBLE: ReadonlySet<Category> = new Set(['sanctioned', 'other', 'user', 'service']);

interface Entry {
  labels: Label[];
  /** One bit per category (CATEGORIES order), for O(1) category questions. */
  mask: number;
}

/** Two or more sources say different things about one address: kept, and reported. */
export interface LabelConflict {
  readonly chain: ChainId;
  readonly address: string;
  readonly categories: readonly Category[];
  readonly labels: readonly { readonly source: string; readonly category: Category; readonly entity?: string }[];
}

/** Counts of what a store holds. */
export interface LabelStoreStats {
  readonly labels: number;
  readonly addresses: number;
  /** Labels dropped because the same source said the same thing about the same address again (case variants…). */
  readonly duplicates: number;
  readonly bySource: Readonly<Record<string, number>>;
  readonly byCategory: Readonly<Record<string, number>>;
}

/**
 * Every label, by chain and canonical address: O(1) lookups (one Map per chain), every label kept with its source,
 * date, confidence and original record. Labels that disagree are all kept ({@link LabelStore.conflicts} reports
 * them); the same statement from the same source twice (an address written in two cases) is stored once.
 *
 * @example
 * const store = new LabelStore();
 * store.addAll(loadOfacList({ file, text }).labels);
 * store.lookup('eip155:1', '0x8589427373d6d84e98730d7795d8f6f8731fda16'); // every label of the address
 * store.hasCategory('eip155:1', '0x8589…', 'sanctioned'); // true
 */
export class LabelStore implements LabelLookup {
  readonly #chains = new Map<ChainId, Map<string, Entry>>();
  #labels = 0;
  #addresses = 0;
  #duplicates = 0;
  readonly #bySource = new Map<string, number>();
  readonly #byCategory = new Map<string, number>();

  /** Adds one label; false when the same source already said the same of this address. */
  add(label: Label): boolean {
    let chain = this.#chains.get(label.chain);
    if (!chain) this.#chains.set(label.chain, (chain = new Map()));
    let entry = chain.get(label.address);
    if (!entry) {
      chain.set(label.address, (entry = { labels: [], mask: 0 }));
      this.#addresses++;
    }
    for (const l of entry.labels) {
      if (l.source === label.source && l.category === label.category && l.entity === label.entity && l.derived === label.derived) {
        this.#duplicates++;
        return false;
      }
    }
    entry.labels.push(label);
    entry.mask |= BIT.get(label.category) ?? 0;
    this.#labels++;
    this.#bySource.set(label.source, (this.#bySource.get(label.source) ?? 0) + 1);
    this.#byCategory.set(label.category, (this.#byCategory.get(label.category) ?? 0) + 1);
    return true;
  }

  /** Adds many labels; returns how many were new. */
  addAll(labels: Iterable<Label>): number {
    let added = 0;
    for (const label of labels) if (this.add(label)) added++;
    return added;
  }

  #entry(chain: ChainId, address: string): Entry | undefined {
    const byAddress = this.#chains.get(chain);
    if (!byAddress) return undefined;
    const hit = byAddress.get(address);
    if (hit || !isEvmChain(chain)) return hit;
    // EVM keys are lower case; accept a checksummed form without a second canonicalisation pass by the caller.
    return byAddress.get(address.toLowerCase());
  }

  /** Every label of the canonical `address` on `chain` (empty when none). */
  lookup(chain: ChainId, address: string): readonly Label[] {
    return this.#entry(chain, address)?.labels ?? [];
  }

  /** The categories of an address, from a bit mask kept as labels are added. */
  categoriesOf(chain: ChainId, address: string): Category[] {
    const mask = this.#entry(chain, address)?.mask ?? 0;
    return mask === 0 ? [] : CATEGORIES.filter((c) => (mask & BIT.get(c)!) !== 0);
  }

  /** True when some label puts the address in `category`: one Map lookup and a bit test. */
  hasCategory(chain: ChainId, address: string, category: Category): boolean {
    return ((this.#entry(chain, address)?.mask ?? 0) & BIT.get(category)!) !== 0;
  }

  /**
   * The entity behind an address: the entity named by its most confident label (a sanctioned label first on ties,
   * since that is the name a screening decision must cite).
   */
  entityOf(chain: ChainId, address: string): string | undefined {
    let best: Label | undefined;
    for (const label of this.lookup(chain, address)) {
      if (label.entity === undefined) continue;
      if (
        !best ||
        label.confidence > best.confidence ||
        (label.confidence === best.confidence && label.category === 'sanctioned' && best.category !== 'sanctioned')
      ) {
        best = label;
      }
    }
    return best?.entity;
  }

  /** Chains that hold labels. */
  chains(): ChainId[] {
    return [...this.#chains.keys()];
  }

  /** Every labelled address of a chain. */
  *addresses(chain: ChainId): IterableIterator<string> {
    yield* this.#chains.get(chain)?.keys() ?? [];
  }

  /**
   * Addresses whose labels disagree on what the address is (two categories that cannot both hold, such as exchange
   * and mixer). A sanctioned label is never a conflict by itself: sanctions sit on exchanges, pools and mixers alike.
   */
  conflicts(): LabelConflict[] {
    const out: LabelConflict[] = [];
    for (const [chain, byAddress] of this.#chains) {
      for (const [address, entry] of byAddress) {
        if (entry.labels.length < 2) continue;
        const kinds = new Set(entry.labels.map((l) => l.category).filter((c) => !COMPATIBLE.has(c)));
        if (kinds.size < 2) continue;
        out.push({
          chain,
          address,
          categories: [...kinds],
          labels: entry.labels.map((l) => ({ source: l.source, category: l.category, ...(l.entity === undefined ? {} : { entity: l.entity }) })),
        });
      }
    }
    return out;
  }

  stats(): LabelStoreStats {
    return {
      labels: this.#labels,
      addresses: this.#addresses,
      duplicates: this.#duplicates,
      bySource: Object.fromEntries([...this.#bySource].sort(([a], [b]) => a.localeCompare(b))),
      byCategory: Object.fromEntries([...this.#byCategory].sort(([a], [b]) => a.localeCompare(b))),
    };
  }
}
