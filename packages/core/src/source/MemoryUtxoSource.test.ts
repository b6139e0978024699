import { describe, expect, it } from 'vitest';
import { isChaintrailError } from '../errors/ChaintrailError.ts';
import { BITCOIN_CHAINS } from '../model/chain.ts';
import type { UtxoTransaction } from '../model/transaction.ts';
import { MemoryUtxoSource } from './MemoryUtxoSource.ts';

const chain = BITCOIN_CHAINS.regtest;
const block = (height: number) => ({ height, hash: `${height}`.padStart(64, '0'), time: 1_600_000_000 + height });
const txid = (n: number) => n.toString(16).padStart(64, '0');

const coinbase: UtxoTransaction = {
  chain, txid: txid(1), block: block(1), index: 0, version: 1, locktime: 0, fee: 0n,
  coinbase: { scriptSig: '51', text: '', height: 1 },
  inputs: [],
  outputs: [{ n: 0, address: 'miner', value: 50n, scriptType: 'p2pkh' }],
};
const spend: UtxoTransaction = {
  chain, txid: txid(2), block: block(2), index: 1, version: 2, locktime: 0, fee: null, coinbase: null,
  inputs: [{ prevTxid: txid(1), prevVout: 0, address: null, value: null, scriptType: null, sequence: 0xffffffff }],
  outputs: [
    { n: 0, address: 'alice', value: 30n, scriptType: 'p2wpkh' },
    { n: 1, address: 'miner', value: 19n, scriptType: 'p2pkh' },
  ],
};

describe('MemoryUtxoSource', () => {
  it('values inputs from held prevouts and computes the fee', async () => {
    const source = new MemoryUtxoSource({ chain, transactions: [coinbase, spend] });
    const tx = await source.getTransaction({ txid: txid(2) });
    expect(tx.inputs[0]).toMatchObject({ address: 'miner', value: 50n });
    expect(tx.fee).toBe(1n);
  });

  it('is idempotent', () => {
    const source = new MemoryUtxoSource({ chain, transactions: [coinbase, spend, spend, coinbase] });
    expect(source.size).toBe(2);
  });

  it('answers outspends, address history (newest first, paged) and blocks', async () => {
    const source = new MemoryUtxoSource({ chain, transactions: [coinbase, spend] });
    expect(await source.getOutspends({ txid: txid(1) })).toEqual([{ spent: true, txid: txid(2), vin: 0, block: block(2) }]);
    expect(await source.getOutspends({ txid: txid(2) })).toEqual([{ spent: false }, { spent: false }]);
    const first = await source.getAddressHistory({ address: 'miner', limit: 1 });
    expect(first.items.map((t) => t.txid)).toEqual([txid(2)]);
    const second = await source.getAddressHistory({ address: 'miner', limit: 1, cursor: first.next! });
    expect(second.items.map((t) => t.txid)).toEqual([txid(1)]);
    expect(second.next).toBeNull();
    const heights: number[] = [];
    for await (const b of source.getBlocks({ from: 0, to: 10 })) heights.push(b.height);
    expect(heights).toEqual([1, 2]);
    expect(await source.getTipHeight()).toBe(2);
  });

  it('says NOT_FOUND for an unknown transaction and ABORTED for a fired signal', async () => {
    const source = new MemoryUtxoSource({ chain });
    await expect(source.getTransaction({ txid: txid(9) })).rejects.toSatisfy((e) => isChaintrailError(e, 'NOT_FOUND'));
    const controller = new AbortController();
    controller.abort();
    await expect(source.getTransaction({ txid: txid(9), signal: controller.signal })).rejects.toSatisfy((e) =>
      isChaintrailError(e, 'ABORTED'),
    );
  });
});
