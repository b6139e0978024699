import type { UtxoOutput } from '../../../model/transaction.ts';

/** The most frequent output value and how often it occurs (the smaller value wins a tie, so the result is stable). */
export function mostCommonValue(outputs: readonly UtxoOutput[]): { value: bigint; count: number; distinct: number } {
  const counts = new Map<bigint, number>();
  for (const o of outputs) counts.set(o.value, (counts.get(o.value) ?? 0) + 1);
  let value = 0n;
  let count = 0;
  for (const [v, c] of counts) {
    if (c > count || (c === count && v < value)) {
      value = v;
      count = c;
    }
  }
  return { value, count, distinct: counts.size };
}

/** How many distinct input holders (unknown inputs are left out). */
export function distinctInputHolders(inputs: readonly { readonly address: string | null }[]): number {
  const set = new Set<string>();
  for (const i of inputs) if (i.address !== null) set.add(i.address);
  return set.size;
}
