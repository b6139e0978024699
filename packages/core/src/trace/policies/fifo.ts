import { apportion } from '../apportion.ts';
import type { PoolLot, PoolOutflow, TaintPolicy, TaintPool } from './types.ts';

/**
 * **FIFO** (Clayton's case, Devaynes v Noble, 1816): outputs are filled from the inputs in order, the first unit in
 * going to the first unit out, and the fee is paid last. Anderson, Shumailov, Ahmed & Rietmann, "Bitcoin Redux:
 * Tracing Stolen Bitcoin" (WEIS 2018), §3. Within one input, taint is spread evenly over the segments it funds
 * (cumulative rounding, see `apportion`), so a one-input transaction under FIFO is exactly haircut.
 *
 * On an account, the pool is a queue of inflow lots; each outflow takes from the oldest lots first.
 *
 * @example
 * fifo.forward({ inputs: [{ value: 3n, taint: 3n }, { value: 7n, taint: 0n }], outputs: [2n, 8n], fee: 0n })
 * // { outputs: [2n, 1n], fee: 0n, absorbed: 0n }
 */
export const fifo: TaintPolicy = {
  name: 'fifo',
  source: 'Anderson et al. 2018, "Bitcoin Redux: Tracing Stolen Bitcoin" (WEIS 2018), §3 (Clayton\'s case)',
  forward({ inputs, outputs, fee }) {
    const parts = [...outputs, fee];
    const taint = parts.map(() => 0n);
    forEachSegment(
      inputs.map((i) => i.value),
      parts,
      (i) => inputs[i]!.taint > 0n,
      (i, segments) => {
        const shares = apportion({ amount: inputs[i]!.taint, weights: segments.map((s) => s.amount), total: inputs[i]!.value });
        segments.forEach((s, k) => (taint[s.part] = taint[s.part]! + shares[k]!));
      },
    );
    const feeShare = taint.pop() ?? 0n;
    return { outputs: taint, fee: feeShare, absorbed: 0n };
  },
  backward({ inputs, outputs, fee, amounts }) {
    // Column view: which input segments filled each traced output.
    const columns = outputs.map(() => [] as { input: number; amount: bigint }[]);
    forEachSegment(inputs, [...outputs, fee], () => true, (i, segments) => {
      for (const s of segments) if (s.part < outputs.length) columns[s.part]!.push({ input: i, amount: s.amount });
    });
    const attributed = inputs.map(() => 0n);
    amounts.forEach((amount, j) => {
      if (amount === 0n) return;
      const column = columns[j]!;
      const shares = apportion({ amount, weights: column.map((c) => c.amount), total: outputs[j]! });
      column.forEach((c, k) => (attributed[c.input] = attributed[c.input]! + shares[k]!));
    });
    return { inputs: attributed, absorbed: 0n };
  },
  pool: () => new FifoPool(),
};

/** Walks the input value line against the output (+fee) value line: for each wanted input, the parts it funds. */
function forEachSegment(
  inputs: readonly bigint[],
  parts: readonly bigint[],
  wanted: (input: number) => boolean,
  visit: (input: number, segments: { part: number; amount: bigint }[]) => void,
): void {
  let part = 0;
  let partLeft = parts[0] ?? 0n;
  for (let i = 0; i < inputs.length; i++) {
    let inputLeft = inputs[i]!;
    const segments: { part: number; amount: bigint }[] = [];
    while (inputLeft > 0n && part < parts.length) {
      if (partLeft === 0n) {
        part++;
        partLeft = parts[part] ?? 0n;
        continue;
      }
      const take = inputLeft < partLeft ? inputLeft : partLeft;
      segments.push({ part, amount: take });
      inputLeft -= take;
      partLeft -= take;
    }
    if (wanted(i) && segments.length > 0) visit(i, segments);
  }
}

class FifoPool implements TaintPool {
  balance = 0n;
  taint = 0n;
  readonly #lots: PoolLot[] = [];
  #head = 0;

  inflow(amount: bigint, taint: bigint, tag: number): void {
    if (amount === 0n) return;
    this.#lots.push({ amount, taint, tag });
    this.balance += amount;
    this.taint += taint;
  }

  outflow(amount: bigint): PoolOutflow {
    if (amount > this.balance) {
      // Value the account held before the window is older than anything seen: it goes out first.
      const missing = amount - this.balance;
      this.#lots.splice(this.#head, 0, { amount: missing, taint: 0n, tag: -1 });
      this.balance += missing;
    }
    let left = amount;
    let taken = 0n;
    const funding: { tag: number; amount: bigint }[] = [];
    while (left > 0n) {
      const lot = this.#lots[this.#head]!;
      const take = lot.amount < left ? lot.amount : left;
      const [lotTaint = 0n] = apportion({ amount: lot.taint, weights: [take, lot.amount - take], total: lot.amount });
      lot.amount -= take;
      lot.taint -= lotTaint;
      taken += lotTaint;
      left -= take;
      funding.push({ tag: lot.tag, amount: take });
      if (lot.amount === 0n) this.#head++;
    }
    if (this.#head > 1024 && this.#head * 2 > this.#lots.length) {
      this.#lots.splice(0, this.#head);
      this.#head = 0;
    }
    this.balance -= amount;
    this.taint -= taken;
    return { taint: taken, absorbed: 0n, funding };
  }
}
