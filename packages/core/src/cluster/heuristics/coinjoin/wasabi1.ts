import type { UtxoTransaction } from '../../../model/transaction.ts';
import type { CoinJoinVerdict } from './types.ts';
import { distinctInputHolders, mostCommonValue } from './valueCounts.ts';

/** The Wasabi 1.x base denomination moved around 0.1 BTC as the coordinator adjusted it. */
const MIN = 9_000_000n;
const MAX = 11_000_000n;

/**
 * Wasabi Wallet 1.x ZeroLink CoinJoins (Ficsór, Kogman, Ontivero, Seres 2017, "ZeroLink: The Bitcoin Fungibility
 * Framework"; the ≈0.1 BTC base denomination of Wasabi's coordinator, described in Stockinger et al. 2021, "Pitfalls of
 * Bitcoin's Zerolink" §2): at least 10 outputs of one value near 0.1 BTC (the base mixing level), all to distinct
 * addresses, from at least as many distinct input holders.
 *
 * @example
 * detectWasabi1(tx) // { kind: 'wasabi1', coinjoin: true, denomination: 9969310n, equalOutputs: 53 } or null
 */
export function detectWasabi1(tx: UtxoTransaction): CoinJoinVerdict | null {
  if (tx.inputs.length < 10 || tx.outputs.length < 10) return null;
  const { value, count } = mostCommonValue(tx.outputs);
  if (count < 10 || value < MIN || value > MAX) return null;
  if (distinctInputHolders(tx.inputs) < count) return null;
  const equal = tx.outputs.filter((o) => o.value === value);
  if (new Set(equal.map((o) => o.address)).size !== count) return null;
  return { kind: 'wasabi1', coinjoin: true, denomination: value, equalOutputs: count };
}
