import { describe, expect, it } from 'vitest';
import type { UtxoTransaction } from '../../../model/transaction.ts';
import { changeContext } from '../../changeContext.ts';
import { craftTx } from '../../craft.ts';
import { addressReuse } from './addressReuse.ts';
import { conservativeConsensus } from './consensus.ts';
import { detectChange } from './detectChange.ts';
import { freshAddress } from './freshAddress.ts';
import { optimalChange } from './optimalChange.ts';
import { peelingChain } from './peelingChain.ts';
import { roundAmount } from './roundAmount.ts';
import { scriptType } from './scriptType.ts';
import { walletFingerprint } from './walletFingerprint.ts';

const BTC = 100_000_000n;
const empty = changeContext([]);

/** 1.5 BTC from a P2WPKH address: 1 BTC to a P2PKH payee, 0.4999 BTC change back to a new P2WPKH address. */
const payment = (overrides: Partial<Parameters<typeof craftTx>[0]> = {}): UtxoTransaction =>
  craftTx({
    txid: 'pay',
    height: 700_000,
    inputs: [{ address: 'bc1qspender', value: 150_000_000n, scriptType: 'p2wpkh' }],
    outputs: [
      { address: '1Payee', value: 1n * BTC, scriptType: 'p2pkh' },
      { address: 'bc1qchange', value: 49_990_000n, scriptType: 'p2wpkh' },
    ],
    ...overrides,
  });

describe('change signals', () => {
  it('address reuse: the output back to an input address is change, the others payments', () => {
    const tx = payment({ outputs: [['1Payee', BTC], ['bc1qspender', 49_990_000n]] });
    expect(addressReuse(tx)).toEqual({ signal: 'address-reuse', change: 1, confidence: 90, payments: [0] });
    expect(addressReuse(payment())).toBeNull();
    expect(addressReuse(payment({ outputs: [['bc1qspender', BTC], ['bc1qspender', 49_990_000n]] }))).toBeNull();
  });

  it('script type: the one output of the inputs’ type', () => {
    expect(scriptType(payment())).toMatchObject({ change: 1 });
    // Must NOT fire: mixed input types, or both outputs of the inputs' type.
    const mixed = payment({
      inputs: [
        { address: 'bc1qa', value: BTC, scriptType: 'p2wpkh' },
        { address: '3B', value: BTC, scriptType: 'p2sh' },
      ],
    });
    expect(scriptType(mixed)).toBeNull();
    expect(scriptType(payment({ outputs: [['bc1qp', BTC], ['bc1qc', 49_990_000n]] }))).toBeNull();
  });

  it('optimal change / unnecessary input: the output smaller than every input', () => {
    const inputs = [['bc1qa', 60_000_000n], ['bc1qb', 50_000_000n]] as const;
    expect(optimalChange(payment({ inputs, outputs: [['p', 90_000_000n], ['c', 19_000_000n]] }))).toMatchObject({ change: 1 });
    // Must NOT fire: every output below every input, or an input of unknown value.
    const both = payment({ inputs: [['bc1qa', BTC], ['bc1qb', BTC]], outputs: [['p', 60_000_000n], ['c', 39_000_000n]] });
    expect(optimalChange(both)).toBeNull();
    expect(optimalChange(payment({ inputs: [...inputs, { address: null, value: null }], outputs: [['p', 90_000_000n], ['c', 19_000_000n]] }))).toBeNull();
  });

  it('round amount: the one output that is not a multiple of 10^digits', () => {
    expect(roundAmount(payment(), empty)).toEqual({ signal: 'round-amount', change: 1, confidence: 50, payments: [0] });
    expect(roundAmount(payment({ outputs: [['p', BTC], ['c', 50_000_000n]] }), empty)).toBeNull();
    expect(roundAmount(payment({ outputs: [['p', 123_456_789n], ['c', 26_533_211n]] }), empty)).toBeNull();
    // 49,990,000 sat is round to 4 digits, so with 4 both outputs are round.
    expect(roundAmount(payment(), empty, { roundDigits: 4 })).toBeNull();
  });

  it('fresh address: the one output whose address first appears here, whatever the order given', () => {
    const earlier = craftTx({ txid: 'earlier', height: 699_000, inputs: [['bc1qx', BTC]], outputs: [['1Payee', BTC]] });
    const tx = payment();
    expect(freshAddress(tx, changeContext([earlier, tx]))).toMatchObject({ change: 1 });
    expect(freshAddress(tx, changeContext([tx, earlier]))).toMatchObject({ change: 1 });
    // Must NOT fire: both addresses new, or the "fresh" one seen earlier too.
    expect(freshAddress(tx, changeContext([tx]))).toBeNull();
    const later = craftTx({ txid: 'earlier2', height: 699_500, inputs: [['bc1qy', BTC]], outputs: [['bc1qchange', BTC]] });
    expect(freshAddress(tx, changeContext([earlier, later, tx]))).toBeNull();
  });

  it('wallet fingerprint: the output spent by a transaction with this one’s nVersion, nLockTime and RBF habits', () => {
    const tx = payment({ version: 2, locktime: 699_999, inputs: [{ address: 'bc1qspender', value: 150_000_000n, sequence: 0xfffffffd }] });
    const spend = (txid: string, vout: number, version: number, locktime: number): UtxoTransaction =>
      craftTx({
        txid,
        height: 700_010,
        version,
        locktime,
        inputs: [{ address: 'x', value: BTC, prevTxid: tx.txid, prevVout: vout, sequence: 0xfffffffd }],
        outputs: [['y', 1n]],
      });
    const sameWallet = spend('s1', 1, 2, 700_009);
    // Same sequence, but version 1 and no anti-fee-sniping locktime: another wallet.
    const otherWallet = spend('s0', 0, 1, 0);
    expect(walletFingerprint(tx, changeContext([tx, sameWallet, otherWallet]))).toMatchObject({ change: 1 });
    // Must NOT fire: only one output spent, or both spenders alike.
    expect(walletFingerprint(tx, changeContext([tx, sameWallet]))).toBeNull();
    expect(walletFingerprint(tx, changeContext([tx, sameWallet, spend('s0b', 0, 2, 700_008)]))).toBeNull();
  });

  it('peeling chain: the larger output, spent by the next peel', () => {
    const tx = payment({ outputs: [['big', 140_000_000n], ['small', 9_990_000n]] });
    const peel = (txid: string, vout: number, outputs: number): UtxoTransaction =>
      craftTx({
        txid,
        inputs: [{ address: 'z', value: BTC, prevTxid: tx.txid, prevVout: vout }],
        outputs: Array.from({ length: outputs }, (_, i) => [`o${i}`, 1n] as const),
      });
    expect(peelingChain(tx, changeContext([tx, peel('next', 0, 2), peel('shop', 1, 3)]))).toMatchObject({ change: 0 });
    // Must NOT fire: the smaller output goes on peeling, or the larger is spent by a non-peel.
    expect(peelingChain(tx, changeContext([tx, peel('next', 1, 2)]))).toBeNull();
    expect(peelingChain(tx, changeContext([tx, peel('next', 0, 5)]))).toBeNull();
  });
});

describe('conservativeConsensus', () => {
  const consensus = conservativeConsensus();
  it('decides when two signals agree and none contradicts', () => {
    expect(
      consensus([
        { signal: 'round-amount', change: 1, confidence: 50, payments: [0] },
        { signal: 'script-type', change: 1, confidence: 60 },
      ]),
    ).toEqual({ change: 1, confidence: 80, signals: ['round-amount', 'script-type'] });
  });
  it('refuses one signal alone, disagreement, and a signal that takes the candidate for a payment', () => {
    expect(consensus([{ signal: 'script-type', change: 1, confidence: 60 }])).toBeNull();
    expect(
      consensus([
        { signal: 'script-type', change: 1, confidence: 60 },
        { signal: 'optimal-change', change: 1, confidence: 60 },
        { signal: 'address-reuse', change: 0, confidence: 90, payments: [1] },
      ]),
    ).toBeNull();
    expect(conservativeConsensus({ minSignals: 1 })([{ signal: 'script-type', change: 1, confidence: 60 }])).toMatchObject({ change: 1 });
  });
});

describe('detectChange', () => {
  it('combines the signals that fire on a plain payment', () => {
    const earlier = craftTx({ txid: 'earlier', height: 699_000, inputs: [['bc1qx', BTC]], outputs: [['1Payee', BTC]] });
    const tx = payment();
    const { votes, decision } = detectChange({ tx, context: changeContext([earlier, tx]) });
    expect(votes.map((v) => v.signal).sort()).toEqual(['fresh-address', 'round-amount', 'script-type']);
    expect(decision).toEqual({ change: 1, confidence: 92, signals: ['script-type', 'round-amount', 'fresh-address'] });
    expect(detectChange({ tx, context: changeContext([earlier, tx]), signals: ['round-amount'] }).decision).toBeNull();
  });
});
