import type { UtxoTransaction } from '../model/transaction.ts';
import type { MiningPool, PoolSet } from './loaders/loadPools.ts';

/** Which rule named the pool: a tag in the coinbase scriptSig, or a payout address among the outputs. */
export type PoolRule = 'tag' | 'address';

export interface PoolMatch {
  readonly pool: MiningPool;
  readonly matchedBy: PoolRule;
  /** The tag found, or the payout address paid. */
  readonly match: string;
}

export interface CoinbaseAttribution {
  /** The pool named by the first rule that matched (tag before address), or null. */
  readonly pool: MiningPool | null;
  readonly matchedBy: PoolRule | null;
  readonly match: string | null;
  /** Every match, tag first: both rules may name the pool, or disagree (then `conflict` is true). */
  readonly matches: readonly PoolMatch[];
  readonly conflict: boolean;
}

export interface AttributeCoinbaseParameters {
  /** A coinbase transaction (one whose `coinbase` is set). */
  readonly tx: UtxoTransaction;
  readonly pools: PoolSet;
}

function containsHexAligned(haystack: string, needle: string): boolean {
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) if (at % 2 === 0) return true;
  return false;
}

/**
 * Names the mining pool of a block from its coinbase transaction, the way blockchain explorers do (mempool's and
 * bitcoin-data's mining-pools rules): first a pool's coinbase tag as a byte substring of the scriptSig (the longest
 * tag wins), then a pool's known payout address among the outputs. Both rules are reported, since tags are often
 * missing or spoofed while payout addresses are stable (block 413567 says "Mined by chenguan" but pays F2Pool).
 *
 * @example
 * attributeCoinbase({ tx: block.transactions[0], pools }) // { pool: { name: 'BTC.com', … }, matchedBy: 'tag', match: '/BTC.COM/', … }
 */
export function attributeCoinbase({ tx, pools }: AttributeCoinbaseParameters): CoinbaseAttribution {
  const matches: PoolMatch[] = [];
  if (tx.coinbase) {
    const script = tx.coinbase.scriptSig.toLowerCase();
    const tag = pools.tags.find((t) => containsHexAligned(script, t.hex));
    if (tag) matches.push({ pool: tag.pool, matchedBy: 'tag', match: tag.tag });
    const seen = new Set<string>();
    for (const output of tx.outputs) {
      const pool = pools.byAddress.get(output.address);
      if (pool && !seen.has(output.address)) {
        seen.add(output.address);
        matches.push({ pool, matchedBy: 'address', match: output.address });
      }
    }
  }
  const first = matches[0];
  return {
    pool: first?.pool ?? null,
    matchedBy: first?.matchedBy ?? null,
    match: first?.match ?? null,
    matches,
    conflict: new Set(matches.map((m) => m.pool.name)).size > 1,
  };
}
