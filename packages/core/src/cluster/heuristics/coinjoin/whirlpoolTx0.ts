import type { UtxoTransaction } from '../../../model/transaction.ts';
import type { CoinJoinVerdict } from './types.ts';
import { premixAllowance, WHIRLPOOL_POOLS } from './whirlpool.ts';

/**
 * Samourai Whirlpool tx0, the transaction that splits one user's coins into premix outputs before mixing (Samourai
 * Wallet, "Whirlpool" documentation; OXT Research, "Understanding Bitcoin Privacy with OXT", part 4): k ≥ 1 equal
 * premix outputs worth a pool denomination plus a fee allowance, one OP_RETURN output (the encrypted fee payload),
 * and besides them at most a coordinator fee output and change outputs. It is one user's transaction, so the verdict
 * says `coinjoin: false`: common-input ownership holds; only change detection is held back (its change is "doxxic").
 *
 * @example
 * detectWhirlpoolTx0(tx) // { kind: 'whirlpool-tx0', coinjoin: false, denomination: 1000170n, equalOutputs: 7 } or null
 */
export function detectWhirlpoolTx0(tx: UtxoTransaction): CoinJoinVerdict | null {
  if (tx.inputs.length === 0 || tx.outputs.length < 3) return null;
  if (tx.outputs.filter((o) => o.scriptType === 'nulldata').length !== 1) return null;
  for (const pool of WHIRLPOOL_POOLS) {
    const max = pool + premixAllowance(pool);
    const premix = tx.outputs.filter((o) => o.value > pool && o.value <= max);
    if (premix.length === 0) continue;
    const value = premix[0]!.value;
    if (premix.some((o) => o.value !== value || o.scriptType !== 'p2wpkh')) continue;
    // premixes + OP_RETURN + fee + change (some wallets split change in up to three outputs)
    if (tx.outputs.length - premix.length > 5) continue;
    return { kind: 'whirlpool-tx0', coinjoin: false, denomination: value, equalOutputs: premix.length };
  }
  return null;
}
