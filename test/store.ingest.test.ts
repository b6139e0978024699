import { join } from 'node:path';
import { BITCOIN_CHAINS, MemoryAccountSource, MemoryUtxoSource, isChaintrailError, type UtxoTransaction } from '@chaintrail/core';
import { ingest, openStore, type Store } from '@chaintrail/store';
import { storeTestEnvironment } from './support/storeTestEnvironment.ts';
import { describe, expect, it } from 'vitest';
import { accountFixture, utxoFixture } from './support/dataSourceConformance.ts';
import { dumpStore } from './support/storeDump.ts';

const BTC = BITCOIN_CHAINS.mainnet;
const hex = (n: number) => n.toString(16).padStart(64, '0');
const { dir, postgres } = storeTestEnvironment('chaintrail-ingest-');
let counter = 0;

/** The fixture chain with block 103 replaced by a competing block and a block 104 on top of it. */
function forkedChain(): UtxoTransaction[] {
  const base = utxoFixture().filter((t) => t.block!.height < 103);
  const block = (height: number) => ({ height, hash: hex(0xf000 + height), time: 1_600_000_000 + height * 600 + 1 });
  const tx = (height: number, index: number, prev: [string, number], to: string, value: bigint): UtxoTransaction => ({
    chain: BTC,
    txid: hex(0xf0000 + height * 16 + index),
    block: block(height),
    index,
    coinbase: null,
    inputs: [{ prevTxid: prev[0], prevVout: prev[1], address: null, value: null, scriptType: null, sequence: 0xffffffff }],
    outputs: [{ n: 0, address: to, value, scriptType: 'p2wpkh' }],
    fee: null,
    version: 2,
    locktime: 0,
  });
  // The competing 103 spends block 101's miner output instead of dave's coins; 104 spends that.
  const t103 = tx(103, 0, [hex(101 * 16), 0], 'bc1qeve', 4_999_000_000n);
  const t104 = tx(104, 0, [t103.txid, 0], 'bc1qfrank', 4_998_000_000n);
  return [...base, t103, t104];
}

for (const [name, open] of [
  ['SQLite', async (): Promise<Store> => openStore({ url: join(dir, `i${++counter}.db`) })],
  ['PostgreSQL', async (): Promise<Store> => openStore({ url: await postgres().createDatabase(`i${++counter}`) })],
] as const) {
  describe(`ingest into ${name}`, () => {
    it('resumes from its checkpoint after an abort and ends equal to a clean run', async () => {
      const source = new MemoryUtxoSource({ chain: BTC, transactions: utxoFixture() });
      const clean = await open();
      const resumed = await open();
      try {
        const full = await ingest({ store: clean, source, from: 100, to: 103 });
        expect(full).toMatchObject({ blocks: 4, items: 8, reorgFrom: null, checkpoint: { height: 103, hash: hex(0xb000 + 103) } });

        const controller = new AbortController();
        const error = await ingest({
          store: resumed,
          source,
          from: 100,
          to: 103,
          signal: controller.signal,
          onProgress: (p) => p.done === 2 && controller.abort(),
        }).catch((e: unknown) => e);
        expect(isChaintrailError(error, 'ABORTED')).toBe(true);
        expect(await resumed.getCheckpoint(BTC)).toMatchObject({ height: 101 });
        expect(await resumed.utxo(BTC).getTipHeight()).toBe(101);

        const second = await ingest({ store: resumed, source, from: 100, to: 103, confirmations: 1 });
        expect(second).toMatchObject({ from: 101, blocks: 2, items: 3, reorgFrom: null });
        expect(await dumpStore(resumed)).toEqual(await dumpStore(clean));
        // Running again over the same range writes nothing new.
        expect(await ingest({ store: resumed, source, from: 100, to: 103 })).toMatchObject({ blocks: 0, items: 0 });
      } finally {
        await clean.close();
        await resumed.close();
      }
    });

    it('rolls back a replaced block and everything above it, and ends equal to a clean run of the new chain', async () => {
      const store = await open();
      const clean = await open();
      try {
        await ingest({ store, source: new MemoryUtxoSource({ chain: BTC, transactions: utxoFixture() }), from: 100, to: 103 });
        const dave = hex(102 * 16 + 1);
        expect((await store.utxo(BTC).getOutspends({ txid: dave }))[0]).toMatchObject({ spent: true });

        const fork = new MemoryUtxoSource({ chain: BTC, transactions: forkedChain() });
        const result = await ingest({ store, source: fork, from: 100, to: 104, confirmations: 3 });
        expect(result).toMatchObject({ from: 101, reorgFrom: 103, blocks: 2, checkpoint: { height: 104, hash: hex(0xf000 + 104) } });

        const btc = store.utxo(BTC);
        expect(await btc.getOutspends({ txid: dave })).toEqual([{ spent: false }]);
        const gone = await btc.getTransaction({ txid: hex(103 * 16 + 1) }).catch((e: unknown) => e);
        expect(isChaintrailError(gone, 'NOT_FOUND')).toBe(true);
        expect((await btc.getAddressHistory({ address: 'bc1qalice' })).items.map((t) => t.block?.height)).toEqual([102, 102, 101, 100]);
        expect((await btc.getTransaction({ txid: hex(0xf0000 + 104 * 16) })).inputs[0]).toMatchObject({ address: 'bc1qeve', value: 4_999_000_000n });

        await ingest({ store: clean, source: fork, from: 100, to: 104 });
        expect(await dumpStore(store)).toEqual(await dumpStore(clean));
      } finally {
        await store.close();
        await clean.close();
      }
    });

    it('ingests an account chain block by block, and rolls back a replaced block', async () => {
      const store = await open();
      try {
        const transfers = accountFixture();
        await ingest({ store, source: new MemoryAccountSource({ chain: 'eip155:1', transfers }), from: 10, to: 12 });
        expect(await store.account('eip155:1').count()).toBe(transfers.length);
        const replaced = transfers
          .filter((t) => t.block.number < 12)
          .concat(transfers.filter((t) => t.block.number === 12 && t.kind === 'withdrawal').map((t) => ({ ...t, block: { ...t.block, hash: '0xfork' } })));
        const result = await ingest({ store, source: new MemoryAccountSource({ chain: 'eip155:1', transfers: replaced }), from: 10, to: 12 });
        expect(result.reorgFrom).toBe(12);
        const block12 = (await store.account('eip155:1').getAddressTransfers({ address: '0x' + 'a'.repeat(40), fromBlock: 12 })).items;
        expect(block12.map((t) => [t.kind, t.block.hash])).toEqual([['withdrawal', '0xfork']]);
      } finally {
        await store.close();
      }
    });
  });
}
