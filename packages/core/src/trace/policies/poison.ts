import { inputTotals } from './inputTotals.ts';
import type { PoolLot, PoolOutflow, TaintPolicy, TaintPool } from './types.ts';

/**
 * **Poison**: any tainted input taints every output in full (and the fee). The strictest policy, the one that
 * "taints the whole graph within a few hops"; the clean value it declares tainted is counted as `absorbed`, so the
 * books still balance. Möser, Böhme & Breuker, "Towards Risk Scoring of Bitcoin Transactions" (FC 2014
 * workshops), §3; the worked example of Anderson, Shumailov, Ahmed & Rietmann, "Bitcoin Redux" (WEIS 2018).
 *
 * Backward, every input of a traced transaction counts in full as a source.
 *
 * @example
 * poison.forward({ inputs: [{ value: 3n, taint: 3n }, { value: 7n, taint: 0n }], outputs: [2n, 8n], fee: 0n })
 * // { outputs: [2n, 8n], fee: 0n, absorbed: 7n }
 */
export const poison: TaintPolicy = {
  name: 'poison',
  source: 'Möser, Böhme & Breuker 2014, §3; Anderson et al. 2018, "Bitcoin Redux"',
  forward({ inputs, outputs, fee }) {
    const { taint, total } = inputTotals(inputs);
    if (taint === 0n) return { outputs: outputs.map(() => 0n), fee: 0n, absorbed: 0n };
    return { outputs: [...outputs], fee, absorbed: total - taint };
  },
  backward({ inputs, amounts }) {
    const traced = amounts.reduce((sum, a) => sum + a, 0n);
    if (traced === 0n) return { inputs: inputs.map(() => 0n), absorbed: 0n };
    const total = inputs.reduce((sum, v) => sum + v, 0n);
    return { inputs: [...inputs], absorbed: total - traced };
  },
  pool: () => new PoisonPool(),
};

class PoisonPool implements TaintPool {
  balance = 0n;
  taint = 0n;
  readonly #lots: PoolLot[] = [];

  inflow(amount: bigint, taint: bigint, tag: number): void {
    this.#lots.push({ amount, taint, tag });
    this.balance += amount;
    this.taint += taint;
  }

  outflow(amount: bigint): PoolOutflow {
    let absorbed = 0n;
    if (amount > this.balance) {
      this.#lots.unshift({ amount: amount - this.balance, taint: 0n, tag: -1 });
      this.balance = amount;
    }
    if (this.taint > 0n && this.taint < this.balance) {
      // Poison: the first tainted unit in the pool taints all of it.
      absorbed = this.balance - this.taint;
      this.taint = this.balance;
    }
    const taken = this.taint > 0n ? amount : 0n;
    this.balance -= amount;
    this.taint -= taken;
    // Backward, every inflow so far is a source in full.
    const funding = this.#lots.filter((l) => l.amount > 0n).map((l) => ({ tag: l.tag, amount: l.amount }));
    return { taint: taken, absorbed, funding };
  }
}
