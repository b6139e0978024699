import type { UtxoTransaction } from '../../../model/transaction.ts';
import { type ChangeVote, onlyIndex } from './types.ts';

/**
 * Script-type match (Ermilov, Panov, Yanovich 2017, "Automatic Bitcoin Address Clustering", ICMLA; the "address
 * type" change heuristic of BlockSci, Kalodner et al. 2020 §4.4): a wallet's change uses the same script type as the
 * inputs it spends, so when all inputs have one type and exactly one output has it, that output is change.
 *
 * @example
 * scriptType(tx) // { signal: 'script-type', change: 0, confidence: 60 }
 */
export function scriptType(tx: UtxoTransaction): ChangeVote | null {
  const types = new Set(tx.inputs.map((i) => i.scriptType));
  if (types.size !== 1) return null;
  const [type] = types;
  if (type === null || type === undefined) return null;
  const change = onlyIndex(tx.outputs, (o) => o.scriptType === type);
  if (change === -1) return null;
  return { signal: 'script-type', change, confidence: 60 };
}
