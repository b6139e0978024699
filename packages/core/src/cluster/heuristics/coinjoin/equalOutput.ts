import type { UtxoTransaction } from '../../../model/transaction.ts';
import type { CoinJoinVerdict } from './types.ts';
import { distinctInputHolders, mostCommonValue } from './valueCounts.ts';

/** Dust values that wallets pay in bulk (546 and 2730 sat): many equal outputs of these are not a CoinJoin. */
const DUST = new Set([546n, 2730n]);

/**
 * The generic equal-output CoinJoin detector of BlockSci (Kalodner et al. 2020, "BlockSci: Design and applications
 * of a blockchain analysis platform", USENIX Security, §4.4 and `heuristics::isCoinjoin`): each participant is assumed
 * to bring at least one input and take one mixed output and one change output, so with n outputs there are
 * p = ⌈n/2⌉ participants; it is a CoinJoin when there are at least 2 inputs, 3 outputs, p inputs from p distinct
 * holders, and the most common output value occurs exactly p times (and is not a dust value).
 *
 * @example
 * detectEqualOutput(tx) // { kind: 'equal-output', coinjoin: true, denomination: 1000000n, equalOutputs: 3 } or null
 */
export function detectEqualOutput(tx: UtxoTransaction): CoinJoinVerdict | null {
  if (tx.inputs.length < 2 || tx.outputs.length < 3) return null;
  const participants = (tx.outputs.length + 1) >> 1;
  if (participants > tx.inputs.length) return null;
  if (participants > distinctInputHolders(tx.inputs)) return null;
  const { value, count } = mostCommonValue(tx.outputs);
  if (count !== participants || DUST.has(value)) return null;
  return { kind: 'equal-output', coinjoin: true, denomination: value, equalOutputs: count };
}
