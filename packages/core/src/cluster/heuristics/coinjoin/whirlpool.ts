import type { UtxoTransaction } from '../../../model/transaction.ts';
import type { CoinJoinVerdict } from './types.ts';

/** Samourai Whirlpool's pool denominations, in satoshi: 0.001, 0.01, 0.05 and 0.5 BTC. */
export const WHIRLPOOL_POOLS = [100_000n, 1_000_000n, 5_000_000n, 50_000_000n] as const;

/** What a premix output may carry above the pool denomination: the mix's miner fee share (at most 10%, at most 0.01 BTC). */
export function premixAllowance(pool: bigint): bigint {
  const tenth = pool / 10n;
  return tenth < 1_000_000n ? tenth : 1_000_000n;
}

/**
 * Samourai Whirlpool mix transactions (Samourai Wallet, "Whirlpool" documentation and the zerolink-based protocol
 * description, 2019; the shape OXT Research describes in "Understanding Bitcoin Privacy with OXT", part 4): 5 inputs and
 * 5 outputs (later versions up to 8 × 8), every output exactly one pool denomination to a distinct P2WPKH address,
 * every input between the denomination (a remix) and the denomination plus the premix's fee allowance.
 *
 * @example
 * detectWhirlpool(tx) // { kind: 'whirlpool', coinjoin: true, denomination: 1000000n, equalOutputs: 5 } or null
 */
export function detectWhirlpool(tx: UtxoTransaction): CoinJoinVerdict | null {
  const n = tx.outputs.length;
  if (n < 5 || n > 8 || tx.inputs.length !== n) return null;
  const pool = tx.outputs[0]!.value;
  if (!WHIRLPOOL_POOLS.includes(pool as (typeof WHIRLPOOL_POOLS)[number])) return null;
  const addresses = new Set<string>();
  for (const o of tx.outputs) {
    if (o.value !== pool || o.scriptType !== 'p2wpkh') return null;
    addresses.add(o.address);
  }
  if (addresses.size !== n) return null;
  const max = pool + premixAllowance(pool);
  for (const i of tx.inputs) {
    if (i.value === null || i.value < pool || i.value > max) return null;
  }
  return { kind: 'whirlpool', coinjoin: true, denomination: pool, equalOutputs: n };
}
