import { describe, expect, it } from 'vitest';
import type { UtxoTransaction } from '../../../model/transaction.ts';
import { craftTx } from '../../craft.ts';
import { detectCoinJoin } from './detectCoinJoin.ts';
import { WASABI2_DENOMINATIONS } from './wasabi2.ts';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const addr = (tag: string, i: number): string => `bc1q${tag}${i}`;

const whirlpoolMix = (pool: bigint, inputs: readonly bigint[]): UtxoTransaction =>
  craftTx({
    txid: `wp${pool}`,
    inputs: inputs.map((v, i) => [addr('in', i), v] as const),
    outputs: inputs.map((_, i) => [addr('out', i), pool] as const),
  });

const tx0 = (premixes: number, value: bigint, extra: number): UtxoTransaction =>
  craftTx({
    txid: 'tx0',
    inputs: [['bc1qwallet', value * BigInt(premixes) + 5_000_000n]],
    outputs: [
      { address: 'nulldata:feepayload', value: 0n, scriptType: 'nulldata' },
      ['bc1qsamouraifee', 42_500n],
      ...range(premixes).map((i) => [addr('premix', i), value] as const),
      ...range(extra).map((i) => [addr('change', i), 1_234_567n + BigInt(i)] as const),
    ],
  });

const wasabi1 = (participants: number, denomination: bigint): UtxoTransaction =>
  craftTx({
    txid: 'wasabi1',
    inputs: range(participants).map((i) => [addr('in', i), denomination + 3_000_000n + BigInt(i)] as const),
    outputs: [
      ...range(participants).map((i) => [addr('mix', i), denomination] as const),
      ...range(participants).map((i) => [addr('chg', i), 2_990_000n + BigInt(i)] as const),
      ['bc1qcoordinator', 123_456n],
    ],
  });

const wasabi2Outputs = [...WASABI2_DENOMINATIONS].filter((v) => v <= 100_000_000n).sort((a, b) => (a < b ? -1 : 1));
const wasabi2 = (n: number, nonStandard: number, scriptType: 'p2wpkh' | 'p2pkh' = 'p2wpkh'): UtxoTransaction =>
  craftTx({
    txid: 'wasabi2',
    inputs: range(n).map((i) => [addr('in', i), 50_000_000n + BigInt(i * 997)] as const),
    outputs: range(n).map((i) => ({
      address: addr('out', i),
      value: i < nonStandard ? 1_234_567n + BigInt(i) : wasabi2Outputs[i % 20]!,
      scriptType,
    })),
  });

const joinMarket = (k: number, changes: number, amount: bigint): UtxoTransaction =>
  craftTx({
    txid: 'jm',
    inputs: range(k).map((i) => [addr('in', i), amount * 2n + BigInt(i * 7919)] as const),
    outputs: [
      ...range(k).map((i) => [addr('cj', i), amount] as const),
      ...range(changes).map((i) => [addr('chg', i), amount - 10_000n + BigInt(i * 7919)] as const),
    ],
  });

describe('detectCoinJoin', () => {
  // `not`: the detector that must NOT fire; `kind`: what the chain of detectors names instead.
  const cases: { description: string; tx: UtxoTransaction; kind: string | null; not?: string; coinjoin?: boolean }[] = [
    { description: 'Whirlpool 5 × 5, 0.01 BTC pool, premix and remix inputs', tx: whirlpoolMix(1_000_000n, [1_000_170n, 1_000_000n, 1_000_170n, 1_000_000n, 1_000_300n]), kind: 'whirlpool' },
    { description: 'Whirlpool 100k pool', tx: whirlpoolMix(100_000n, range(5).map(() => 100_250n)), kind: 'whirlpool' },
    { description: 'Whirlpool 5M pool', tx: whirlpoolMix(5_000_000n, range(5).map(() => 5_000_000n)), kind: 'whirlpool' },
    { description: 'Whirlpool 50M pool 8 × 8', tx: whirlpoolMix(50_000_000n, range(8).map(() => 50_001_000n)), kind: 'whirlpool' },
    { description: 'not Whirlpool: 5 × 5 of 0.02 BTC, not a pool (JoinMarket shape)', tx: whirlpoolMix(2_000_000n, range(5).map(() => 2_000_100n)), kind: 'joinmarket', not: 'whirlpool' },
    { description: 'not Whirlpool: an input far above the pool', tx: whirlpoolMix(1_000_000n, [9_000_000n, 1_000_000n, 1_000_000n, 1_000_000n, 1_000_000n]), kind: 'joinmarket', not: 'whirlpool' },
    { description: 'Whirlpool tx0: 7 premixes of the 0.01 BTC pool, OP_RETURN, fee, change', tx: tx0(7, 1_000_170n, 1), kind: 'whirlpool-tx0', coinjoin: false },
    { description: 'not tx0: premix-like outputs but too many others', tx: tx0(2, 1_000_170n, 6), kind: null },
    { description: 'Wasabi 1.x: 30 participants at 0.0997 BTC', tx: wasabi1(30, 9_970_000n), kind: 'wasabi1' },
    // With a coordinator output there are 2p + 1 outputs: too many for JoinMarket's and BlockSci's exact shapes.
    { description: 'not Wasabi 1.x: 30 equal outputs at 0.5 BTC', tx: wasabi1(30, 50_000_000n), kind: null, not: 'wasabi1' },
    { description: 'not Wasabi 1.x: 9 participants near 0.1 BTC', tx: wasabi1(9, 10_000_000n), kind: null, not: 'wasabi1' },
    { description: 'Wasabi 2.0: 60 × 60 on standard denominations', tx: wasabi2(60, 10), kind: 'wasabi2' },
    { description: 'not Wasabi 2.0: too many non-standard outputs', tx: wasabi2(60, 30), kind: null },
    { description: 'not Wasabi 2.0: legacy outputs', tx: wasabi2(60, 10, 'p2pkh'), kind: null },
    { description: 'JoinMarket: 4 makers + taker, 4 changes', tx: joinMarket(5, 4, 12_345_678n), kind: 'joinmarket' },
    { description: 'JoinMarket without taker change', tx: joinMarket(3, 2, 7_654_321n), kind: 'joinmarket' },
    { description: 'not JoinMarket: only 2 equal outputs (left to the generic rule)', tx: joinMarket(2, 2, 7_654_321n), kind: 'equal-output', not: 'joinmarket' },
  ];
  for (const { description, tx, kind, not, coinjoin } of cases) {
    it(description, () => {
      const verdict = detectCoinJoin({ tx });
      if (not) expect(detectCoinJoin({ tx, kinds: [not as 'whirlpool'] })).toBeNull();
      expect(verdict?.kind ?? null).toBe(kind);
      if (verdict && coinjoin !== undefined) expect(verdict.coinjoin).toBe(coinjoin);
    });
  }

  it('generic equal-output: p = ⌈outputs/2⌉ participants, the most common value exactly p times', () => {
    const base = { txid: 'g', inputs: range(3).map((i) => [addr('in', i), 10_000_000n] as const) };
    const tx = craftTx({ ...base, outputs: [['o1', 3_000_000n], ['o2', 3_000_000n], ['o3', 3_000_000n], ['c1', 6_990_000n], ['c2', 6_980_000n]] });
    expect(detectCoinJoin({ tx, kinds: ['equal-output'] })).toMatchObject({ kind: 'equal-output', denomination: 3_000_000n, equalOutputs: 3 });
    // Must NOT fire: a batch payment from one address, dust outputs, too few inputs.
    const oneOwner = craftTx({ ...base, inputs: range(3).map(() => ['bc1qsame', 10_000_000n] as const), outputs: tx.outputs.map((o) => [o.address, o.value] as const) });
    expect(detectCoinJoin({ tx: oneOwner, kinds: ['equal-output'] })).toBeNull();
    const dust = craftTx({ ...base, outputs: [['o1', 546n], ['o2', 546n], ['o3', 546n], ['c1', 1_000n], ['c2', 2_000n]] });
    expect(detectCoinJoin({ tx: dust, kinds: ['equal-output'] })).toBeNull();
    const payment = craftTx({ txid: 'p', inputs: [['a', 5n], ['b', 5n]], outputs: [['x', 3n], ['y', 4n], ['z', 2n]] });
    expect(detectCoinJoin({ tx: payment })).toBeNull();
  });

  it('runs only the detectors asked for', () => {
    const tx = whirlpoolMix(1_000_000n, range(5).map(() => 1_000_000n));
    expect(detectCoinJoin({ tx, kinds: ['wasabi1'] })).toBeNull();
    expect(detectCoinJoin({ tx, kinds: ['joinmarket', 'wasabi1'] })?.kind).toBe('joinmarket');
  });
});
