import type { HolderId, UtxoTransaction } from '../../model/transaction.ts';

/**
 * Common-input ownership (Reid & Harrigan 2011, "An Analysis of Anonymity in the Bitcoin System", §4; Meiklejohn et
 * al. 2013, "A Fistful of Bitcoins", §4.1 Heuristic 1; Nakamoto 2008 §10 already warns of it): spending several
 * outputs in one transaction needs every one's key, so all input holders have one owner. It does not hold for
 * CoinJoins, where each participant signs only their own inputs: the caller skips transactions a CoinJoin detector
 * flags. Returns the distinct known input holders, in input order; the clustering links each to the first.
 *
 * @example
 * commonInputHolders(tx) // ['1A…', '1B…']: one owner
 */
export function commonInputHolders(tx: UtxoTransaction): HolderId[] {
  const seen = new Set<HolderId>();
  for (const input of tx.inputs) if (input.address !== null) seen.add(input.address);
  return [...seen];
}
