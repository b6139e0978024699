import { describe, expect, it } from 'vitest';
import { assembleTransfers } from './assembleTransfers.ts';
import type { RpcBlock } from './parseBlock.ts';

const miner = `0x${'99'.repeat(20)}`;
const validator = `0x${'77'.repeat(20)}`;
const alice = `0x${'aa'.repeat(20)}`;
const bob = `0x${'bb'.repeat(20)}`;
const block = (extra: Partial<RpcBlock> = {}): RpcBlock => ({
  number: 17_034_871,
  hash: `0x${'12'.repeat(32)}`,
  time: 1_681_338_479,
  miner,
  baseFeePerGas: 10n,
  transactions: [{ hash: `0x${'01'.repeat(32)}`, index: 0, from: alice, to: bob, isCreate: false, value: 5n, gasPrice: 12n, hasInput: false }],
  withdrawals: [],
  ...extra,
});

describe('assembleTransfers', () => {
  it('credits beacon withdrawals (gwei) as minted inflows at txIndex -1', () => {
    const { transfers } = assembleTransfers({
      chain: 'eip155:1',
      block: block({ transactions: [], withdrawals: [{ index: 0n, address: validator, amountGwei: 32_000_000_000n }, { index: 1n, address: alice, amountGwei: 0n }] }),
      receipts: new Map(),
      frames: [],
      tokenLogs: [],
    });
    expect(transfers).toEqual([
      expect.objectContaining({ kind: 'withdrawal', from: null, to: validator, value: 32n * 10n ** 18n, txIndex: -1, txHash: block().hash, status: 'success' }),
    ]);
  });

  it('splits the fee into the burned base fee and the tip, and keeps value conserved for the sender', () => {
    const b = block();
    const receipt = { txHash: b.transactions[0]!.hash, status: 1 as const, gasUsed: 21_000n, effectiveGasPrice: 12n, blobGasUsed: 0n, blobGasPrice: 0n, logs: [] };
    const { transfers } = assembleTransfers({ chain: 'eip155:1', block: b, receipts: new Map([[receipt.txHash, receipt]]), frames: [], tokenLogs: [] });
    expect(transfers.map((t) => [t.kind, t.from, t.to, t.value])).toEqual([
      ['native', alice, bob, 5n],
      ['fee', alice, miner, 21_000n * 2n],
      ['fee', alice, null, 21_000n * 10n],
    ]);
  });

  it('without a receipt or trace, keeps the native value with status unknown, no fee, and counts it', () => {
    const { transfers, missing } = assembleTransfers({ chain: 'eip155:1', block: block(), receipts: new Map(), frames: null, tokenLogs: [] });
    expect(transfers.map((t) => [t.kind, t.status])).toEqual([['native', 'unknown']]);
    // A plain send has no input: the traces' absence is counted by the source, which asks whether `to` has code.
    expect(missing).toEqual({ traces: 0, receipts: 1, status: 0 });
  });

  it('pays block and uncle rewards from Parity reward traces', () => {
    const { transfers } = assembleTransfers({
      chain: 'eip155:1',
      block: block({ transactions: [] }),
      receipts: new Map(),
      frames: [],
      rewards: [{ author: miner, value: 5n * 10n ** 18n, rewardType: 'block' }, { author: bob, value: 375n * 10n ** 16n, rewardType: 'uncle' }],
      tokenLogs: [],
    });
    expect(transfers.map((t) => [t.kind, t.to, t.value, t.traceAddress])).toEqual([
      ['reward', miner, 5n * 10n ** 18n, [0]],
      ['reward', bob, 375n * 10n ** 16n, [1]],
    ]);
  });
});
