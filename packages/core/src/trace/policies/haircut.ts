import { apportion } from '../apportion.ts';
import { inputTotals } from './inputTotals.ts';
import type { PoolLot, PoolOutflow, TaintPolicy, TaintPool } from './types.ts';

/**
 * **Haircut**: every output carries taint in proportion to the tainted share of the transaction's inputs, so taint
 * is diluted by clean value and never created. Möser, Böhme & Breuker, "Towards Risk Scoring of Bitcoin
 * Transactions" (FC 2014 workshops), section 3 ("haircut" vs "poison"). Amounts are split with cumulative rounding
 * (see `apportion`): outputs in order, the fee last.
 *
 * On an account, the pool's taint share is the value-weighted mix of all its inflows; an outflow of `a` from a
 * balance `B` holding taint `T` carries `floor(a·T / B)`, the rest stays, and the account's last outflow takes what
 * is left, so nothing is lost to rounding.
 *
 * @example
 * haircut.forward({ inputs: [{ value: 3n, taint: 3n }, { value: 7n, taint: 0n }], outputs: [10n], fee: 0n })
 * // { outputs: [3n], fee: 0n, absorbed: 0n }
 */
export const haircut: TaintPolicy = {
  name: 'haircut',
  source: 'Möser, Böhme & Breuker 2014, "Towards Risk Scoring of Bitcoin Transactions", §3',
  forward({ inputs, outputs, fee }) {
    const { taint, total } = inputTotals(inputs);
    const shares = apportion({ amount: taint, weights: [...outputs, fee], total });
    const feeShare = shares.pop() ?? 0n;
    return { outputs: shares, fee: feeShare, absorbed: 0n };
  },
  backward({ inputs, amounts }) {
    // Every output is the same mix of the inputs, so the traced amounts can be summed before splitting.
    const traced = amounts.reduce((sum, a) => sum + a, 0n);
    return { inputs: apportion({ amount: traced, weights: inputs }), absorbed: 0n };
  },
  pool: () => new HaircutPool(),
};

class HaircutPool implements TaintPool {
  balance = 0n;
  taint = 0n;
  // Every inflow, kept so an outflow can be attributed back to them in proportion (the pool is their mix).
  readonly #lots: PoolLot[] = [];
  #inflowTotal = 0n;

  inflow(amount: bigint, taint: bigint, tag: number): void {
    this.balance += amount;
    this.taint += taint;
    this.#lots.push({ amount, taint, tag });
    this.#inflowTotal += amount;
  }

  outflow(amount: bigint): PoolOutflow {
    if (amount > this.balance) {
      const missing = amount - this.balance;
      this.balance += missing;
      this.#lots.unshift({ amount: missing, taint: 0n, tag: -1 });
      this.#inflowTotal += missing;
    }
    const [taken = 0n] = apportion({ amount: this.taint, weights: [amount, this.balance - amount], total: this.balance });
    this.balance -= amount;
    this.taint -= taken;
    const shares = apportion({ amount, weights: this.#lots.map((l) => l.amount), total: this.#inflowTotal });
    const funding = this.#lots.map((l, i) => ({ tag: l.tag, amount: shares[i]! })).filter((f) => f.amount > 0n);
    return { taint: taken, absorbed: 0n, funding };
  }
}
