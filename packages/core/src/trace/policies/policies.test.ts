import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData, sharedPath } from '../../../../../test/support/sharedData.ts';
import { fifo } from './fifo.ts';
import { haircut } from './haircut.ts';
import { taintPolicy } from './index.ts';
import { poison } from './poison.ts';
import type { StepInput, TaintPolicy } from './types.ts';

const SAT = 100_000_000n;

interface WorkedExample {
  scenario: { deposits_in_order: { amount_btc: number; tainted: boolean }[] };
  expected: {
    poison: { tainted_amount_btc: number };
    haircut: { tainted_amount_btc: number; taint_fraction: number };
    fifo: { example_withdrawals_if_split_2_then_8: { amount_btc: number; tainted_btc: number }[] };
  };
}

describe.skipIf(!hasSharedData)('Anderson et al. 2018 worked example (3 stolen + 7 clean BTC)', () => {
  // Read in beforeAll: vitest runs a skipped describe's body too, and without the shared data there is no file.
  let example: WorkedExample;
  let deposits: StepInput[];
  let withdrawals: WorkedExample['expected']['fifo']['example_withdrawals_if_split_2_then_8'];
  beforeAll(() => {
    example = JSON.parse(readFileSync(sharedPath('taint', 'anderson2018_worked_example.json'), 'utf8')) as WorkedExample;
    deposits = example.scenario.deposits_in_order.map((d) => ({
      value: BigInt(d.amount_btc) * SAT,
      taint: d.tainted ? BigInt(d.amount_btc) * SAT : 0n,
    }));
    withdrawals = example.expected.fifo.example_withdrawals_if_split_2_then_8;
  });

  it('poison: the 10 BTC output is all stolen (UTXO and account)', () => {
    const step = poison.forward({ inputs: deposits, outputs: [10n * SAT], fee: 0n });
    expect(step.outputs).toEqual([BigInt(example.expected.poison.tainted_amount_btc) * SAT]);
    const pool = poison.pool();
    deposits.forEach((d, i) => pool.inflow(d.value, d.taint, i));
    expect(pool.outflow(10n * SAT).taint).toBe(BigInt(example.expected.poison.tainted_amount_btc) * SAT);
  });

  it('haircut: 10 BTC marked 30% stolen (UTXO and account)', () => {
    const step = haircut.forward({ inputs: deposits, outputs: [10n * SAT], fee: 0n });
    expect(step.outputs).toEqual([BigInt(example.expected.haircut.tainted_amount_btc) * SAT]);
    expect(Number(step.outputs[0]!) / Number(10n * SAT)).toBe(example.expected.haircut.taint_fraction);
    const pool = haircut.pool();
    deposits.forEach((d, i) => pool.inflow(d.value, d.taint, i));
    expect(pool.outflow(10n * SAT).taint).toBe(3n * SAT);
  });

  it('FIFO: withdrawals of 2 then 8 BTC carry 2 and 1 stolen BTC (UTXO and account)', () => {
    const outputs = withdrawals.map((w) => BigInt(w.amount_btc) * SAT);
    const step = fifo.forward({ inputs: deposits, outputs, fee: 0n });
    expect(step.outputs).toEqual(withdrawals.map((w) => BigInt(w.tainted_btc) * SAT));
    const pool = fifo.pool();
    deposits.forEach((d, i) => pool.inflow(d.value, d.taint, i));
    expect(outputs.map((o) => pool.outflow(o).taint)).toEqual(withdrawals.map((w) => BigInt(w.tainted_btc) * SAT));
  });

  it('backward: the 8 BTC withdrawal was funded by 1 stolen and 7 clean under FIFO, 2.4/5.6 under haircut', () => {
    const inputs = deposits.map((d) => d.value);
    const outputs = withdrawals.map((w) => BigInt(w.amount_btc) * SAT);
    expect(fifo.backward({ inputs, outputs, fee: 0n, amounts: [0n, 8n * SAT] }).inputs).toEqual([1n * SAT, 7n * SAT]);
    expect(haircut.backward({ inputs, outputs, fee: 0n, amounts: [0n, 8n * SAT] }).inputs).toEqual([240_000_000n, 560_000_000n]);
    expect(poison.backward({ inputs, outputs, fee: 0n, amounts: [0n, 8n * SAT] })).toEqual({ inputs, absorbed: 2n * SAT });
  });
});

const arbStep = fc
  .tuple(
    fc.array(fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 10n }), fc.nat({ max: 100 })), { minLength: 1, maxLength: 6 }),
    fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 6 }),
    fc.nat({ max: 50 }),
  )
  .map(([ins, outWeights, feePermille]) => {
    const inputs: StepInput[] = ins.map(([value, pct]) => ({ value, taint: (value * BigInt(pct)) / 100n }));
    const total = inputs.reduce((s, i) => s + i.value, 0n);
    const fee = (total * BigInt(feePermille)) / 1000n;
    const weights = outWeights.map((w) => BigInt(w + 1));
    const wsum = weights.reduce((s, w) => s + w, 0n);
    const outputs = weights.map((w) => ((total - fee) * w) / wsum);
    const rest = total - fee - outputs.reduce((s, o) => s + o, 0n);
    outputs[0] = outputs[0]! + rest;
    return { inputs, outputs, fee };
  });

describe('one step under each policy', () => {
  const policies: TaintPolicy[] = [poison, haircut, fifo];

  it('conserves taint: Σ input taint + absorbed = Σ output taint + fee taint; 0 ≤ taint ≤ value', () => {
    fc.assert(
      fc.property(arbStep, ({ inputs, outputs, fee }) => {
        const taintIn = inputs.reduce((s, i) => s + i.taint, 0n);
        for (const policy of policies) {
          const r = policy.forward({ inputs, outputs, fee });
          expect(taintIn + r.absorbed).toBe(r.outputs.reduce((s, o) => s + o, 0n) + r.fee);
          r.outputs.forEach((t, j) => expect(t >= 0n && t <= outputs[j]!).toBe(true));
          expect(r.fee >= 0n && r.fee <= fee).toBe(true);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('poison ≥ haircut ≥ 0 on every output; FIFO on one input equals haircut', () => {
    fc.assert(
      fc.property(arbStep, ({ inputs, outputs, fee }) => {
        const p = poison.forward({ inputs, outputs, fee });
        const h = haircut.forward({ inputs, outputs, fee });
        h.outputs.forEach((t, j) => expect(p.outputs[j]! >= t && t >= 0n).toBe(true));
        const one = [inputs[0]!];
        const oneTotal = one[0]!.value;
        const scaled = outputs.map((o) => (o * oneTotal) / (outputs.reduce((s, x) => s + x, 0n) + fee));
        const oneFee = oneTotal - scaled.reduce((s, o) => s + o, 0n);
        expect(fifo.forward({ inputs: one, outputs: scaled, fee: oneFee })).toEqual(haircut.forward({ inputs: one, outputs: scaled, fee: oneFee }));
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('backward attribution conserves the traced amount', () => {
    fc.assert(
      fc.property(arbStep, fc.nat({ max: 100 }), ({ inputs, outputs, fee }, pct) => {
        const amounts = outputs.map((o) => (o * BigInt(pct)) / 100n);
        const traced = amounts.reduce((s, a) => s + a, 0n);
        const values = inputs.map((i) => i.value);
        for (const policy of policies) {
          const r = policy.backward({ inputs: values, outputs, fee, amounts });
          expect(r.inputs.reduce((s, a) => s + a, 0n)).toBe(traced + r.absorbed);
          r.inputs.forEach((a, i) => expect(a >= 0n && a <= values[i]!).toBe(true));
        }
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('names each policy and rejects unknown names', () => {
    expect(taintPolicy('fifo')).toBe(fifo);
    expect(() => taintPolicy('lifo' as never)).toThrow(/Unknown taint policy/);
  });
});
