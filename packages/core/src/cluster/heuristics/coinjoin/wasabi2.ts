import type { UtxoTransaction } from '../../../model/transaction.ts';
import type { CoinJoinVerdict } from './types.ts';
import { mostCommonValue } from './valueCounts.ts';

/** Wasabi 2.0's smallest allowed output (sat). */
const MIN_OUTPUT = 5_000n;
const MAX_DENOMINATION = 137_438_953_472n; // 2^37 sat, above any round's largest standard denomination

/**
 * The standard denominations of Wasabi 2.0 (WabiSabi): powers of 2, 3 and 10, twice a power of 3, and 2 or 5 times a
 * power of 10, from 5000 sat (zkSNACKs, WalletWasabi `DenominationBuilder`).
 */
export const WASABI2_DENOMINATIONS: ReadonlySet<bigint> = (() => {
  const set = new Set<bigint>();
  const add = (v: bigint): void => {
    if (v >= MIN_OUTPUT && v <= MAX_DENOMINATION) set.add(v);
  };
  for (let v = 1n; v <= MAX_DENOMINATION; v *= 2n) add(v);
  for (let v = 1n; v <= MAX_DENOMINATION; v *= 3n) {
    add(v);
    add(2n * v);
  }
  for (let v = 1n; v <= MAX_DENOMINATION; v *= 10n) {
    add(v);
    add(2n * v);
    add(5n * v);
  }
  return set;
})();

/**
 * Wasabi 2.0 WabiSabi CoinJoins (Ficsór, Kogman, Seres, Ontivero 2021, "WabiSabi: Centrally Coordinated CoinJoins
 * with Variable Amounts", IACR ePrint 2021/206; denominations from WalletWasabi): many inputs and outputs (at least
 * 50 each), at least 70% of the outputs on the standard denomination list, one denomination repeated, every output
 * a SegWit script (P2WPKH or P2TR).
 *
 * @example
 * detectWasabi2(tx) // { kind: 'wasabi2', coinjoin: true, denomination: 5000000n, equalOutputs: 12 } or null
 */
export function detectWasabi2(tx: UtxoTransaction): CoinJoinVerdict | null {
  if (tx.inputs.length < 50 || tx.outputs.length < 50) return null;
  let standard = 0;
  for (const o of tx.outputs) {
    if (o.scriptType !== 'p2wpkh' && o.scriptType !== 'p2tr') return null;
    if (WASABI2_DENOMINATIONS.has(o.value)) standard++;
  }
  if (standard * 10 < tx.outputs.length * 7) return null;
  const { value, count } = mostCommonValue(tx.outputs.filter((o) => WASABI2_DENOMINATIONS.has(o.value)));
  if (count < 2) return null;
  return { kind: 'wasabi2', coinjoin: true, denomination: value, equalOutputs: count };
}
