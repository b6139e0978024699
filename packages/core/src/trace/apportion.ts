import { ChaintrailError } from '../errors/ChaintrailError.ts';

export interface ApportionParameters {
  /** What is split, in base units; at most `total` (or the sum of `weights`). */
  readonly amount: bigint;
  /** The parts' weights, in order (values in base units). */
  readonly weights: readonly bigint[];
  /** Sum of `weights`, when the caller already has it. */
  readonly total?: bigint;
}

/**
 * Splits `amount` over parts in proportion to `weights`, exactly, with chaintrail's one rounding rule for taint:
 * **cumulative rounding**. Part k gets `floor(amount·C_k / W) − floor(amount·C_{k−1} / W)`, where `C_k` is the sum
 * of the first k weights and `W` their total. The shares telescope to exactly `amount` (taint is conserved to the
 * unit), each share is `floor` or `ceil` of its exact proportion (so never above its weight when `amount ≤ W`),
 * rounding never drifts towards one end, and it costs one multiplication and one division per part, in order,
 * with no sorting. A part of weight 0 gets 0.
 *
 * @example
 * apportion({ amount: 3n, weights: [2n, 8n] }) // [0n, 3n]: 0.6 → 0, 3 → 3 (floor(3·2/10)=0, floor(3·10/10)=3)
 * apportion({ amount: 300000000n, weights: [200000000n, 800000000n] }) // [60000000n, 240000000n]
 */
export function apportion(params: ApportionParameters): bigint[] {
  const { amount, weights } = params;
  const total = params.total ?? weights.reduce((sum, w) => sum + w, 0n);
  if (amount < 0n) throw new ChaintrailError('INVALID_ARGUMENT', `Cannot apportion a negative amount (${amount}).`);
  if (amount === 0n) return weights.map(() => 0n);
  if (total <= 0n) {
    throw new ChaintrailError('INVALID_ARGUMENT', `Cannot apportion ${amount} over parts whose weights sum to ${total}.`);
  }
  const shares = new Array<bigint>(weights.length);
  let cumulative = 0n;
  let given = 0n;
  for (let k = 0; k < weights.length; k++) {
    cumulative += weights[k]!;
    const upTo = (amount * cumulative) / total; // bigint division floors for non-negative operands
    shares[k] = upTo - given;
    given = upTo;
  }
  return shares;
}
