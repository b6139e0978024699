import { join } from 'node:path';
import { loadBlockFiles } from '@chaintrail/adapters';
import {
  BITCOIN_CHAINS,
  LabelStore,
  MemoryAccountSource,
  MemoryUtxoSource,
  expandNeighbourhood,
  nativeAsset,
  screen,
  toJson,
  walkNeighbourhood,
  type AccountTransfer,
  type ChainId,
  type UtxoBlock,
  type UtxoTransaction,
} from '@chaintrail/core';
import { openStore, type Store } from '@chaintrail/store';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { storeTestEnvironment } from './support/storeTestEnvironment.ts';
import { hasSharedData, sharedPath } from './support/sharedData.ts';

const BTC = BITCOIN_CHAINS.mainnet;
const { dir, postgres } = storeTestEnvironment('chaintrail-hood-');
let databases = 0;

/** xorshift32 from a fast-check seed: the graph of one property run. */
function rng(seed: number): (n: number) => number {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

const hex = (n: number, width = 64) => n.toString(16).padStart(width, '0');

/** Random account transfers among few addresses (cycles, self-transfers), a hub, failed ones and another asset. */
function randomTransfers(chain: ChainId, seed: number): AccountTransfer[] {
  const next = rng(seed);
  const addresses = 6 + next(20);
  const address = (i: number) => `0x${hex(i, 40)}`;
  const asset = nativeAsset(chain);
  const transfers: AccountTransfer[] = [];
  const count = 20 + next(80);
  for (let i = 0; i < count; i++) {
    const block = { number: 1 + Math.floor(i / 5), hash: `0x${hex(1000 + Math.floor(i / 5))}`, time: 1_600_000_000 + i };
    // Address 0 is a hub: a third of the transfers touch it.
    const from = next(3) === 0 ? 0 : next(addresses);
    const to = next(3) === 0 ? 0 : next(addresses);
    transfers.push({
      chain, txHash: `0x${hex(seed * 1000 + i)}`, block, txIndex: i % 5, kind: 'native', from: address(from), to: address(to),
      asset: next(10) === 0 ? (`${chain}/erc20:0x${hex(1, 40)}` as typeof asset) : asset,
      value: BigInt(1 + next(1000)), status: next(12) === 0 ? 'failed' : 'success',
    });
  }
  return transfers;
}

/** A random UTXO chain: each transaction spends random unspent outputs and pays a few of few addresses. */
function randomUtxo(chain: ChainId, seed: number): UtxoTransaction[] {
  const next = rng(seed);
  const addresses = 5 + next(15);
  const address = (i: number) => `bc1q${hex(i, 8)}`;
  const unspent: { txid: string; n: number; address: string; value: bigint }[] = [];
  const txs: UtxoTransaction[] = [];
  const count = 10 + next(40);
  for (let i = 0; i < count; i++) {
    const txid = hex(seed * 1000 + i + 1);
    const block = { height: 100 + i, hash: hex(0xb000 + i), time: 1_600_000_000 + i * 600 };
    const coinbase = unspent.length === 0 || next(5) === 0;
    const inputs: UtxoTransaction['inputs'][number][] = [];
    if (!coinbase) {
      for (let k = 1 + next(3); k > 0 && unspent.length > 0; k--) {
        const [spent] = unspent.splice(next(unspent.length), 1);
        inputs.push({ prevTxid: spent!.txid, prevVout: spent!.n, address: spent!.address, value: spent!.value, scriptType: 'p2wpkh', sequence: 0xffffffff });
      }
    } else {
      inputs.push({ prevTxid: hex(0), prevVout: 0xffffffff, address: null, value: null, scriptType: null, sequence: 0xffffffff });
    }
    const outputs = Array.from({ length: 1 + next(3) }, (_, n) => ({ n, address: address(next(3) === 0 ? 0 : next(addresses)), value: BigInt(1000 + next(1000)), scriptType: 'p2wpkh' as const }));
    for (const o of outputs) unspent.push({ txid, n: o.n, address: o.address, value: o.value });
    txs.push({
      chain, txid, block, index: 0, coinbase: coinbase ? { scriptSig: '00', height: block.height } as never : null, inputs, outputs,
      fee: null, version: 2, locktime: 0,
    });
  }
  return txs;
}

for (const [name, open] of [
  ['SQLite', async (): Promise<Store> => openStore({ url: join(dir, `n${++databases}.db`) })],
  ['PostgreSQL', async (): Promise<Store> => openStore({ url: await postgres().createDatabase(`n${++databases}`) })],
] as const) {
  describe(`${name}: neighbourhood expansion as one recursive query`, () => {
    it('equals the hop-by-hop walk on seeded random account graphs (cycles, a hub, failed transfers, other assets)', async () => {
      const store = await open();
      let run = 0;
      try {
        await fc.assert(
          fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 12 }), fc.boolean(), async (seed, maxHops, maxDegree, forward) => {
            const chain = `eip155:${9000 + ++run}` as ChainId;
            const transfers = randomTransfers(chain, seed);
            const eth = store.account(chain);
            await eth.add(transfers);
            const from = [`0x${hex(seed % 3, 40)}`, `0x${hex(1 + (seed % 5), 40)}`];
            const params = { from, direction: forward ? ('forward' as const) : ('backward' as const), maxHops, maxDegree };
            const sql = await eth.expandNeighbourhood(params);
            expect(sql).toEqual(await walkNeighbourhood({ ...params, source: eth }));
            expect(sql).toEqual(await walkNeighbourhood({ ...params, source: new MemoryAccountSource({ chain, transfers }) }));
            // Each address once, within the bound, and every edge leads back to a start address.
            const byAddress = new Map(sql.reached.map((r) => [r.address, r]));
            expect(byAddress.size).toBe(sql.reached.length);
            for (const r of sql.reached) {
              expect(r.hops).toBeLessThanOrEqual(maxHops);
              if (r.via) expect(byAddress.get(r.via.parent)?.hops).toBe(r.hops - 1);
              else expect(from).toContain(r.address);
            }
          }),
          { seed: 7, numRuns: 25 },
        );
        expect(run).toBe(25);
      } finally {
        await store.close();
      }
    });

    it('equals the hop-by-hop walk on seeded random UTXO chains, and expandNeighbourhood uses the query', async () => {
      const store = await open();
      let run = 0;
      try {
        await fc.assert(
          fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 8 }), fc.boolean(), async (seed, maxHops, maxDegree, forward) => {
            const chain = `bip122:${hex(++run, 32)}` as ChainId;
            const txs = randomUtxo(chain, seed);
            const btc = store.utxo(chain);
            await btc.add(txs);
            const from = [`bc1q${hex(seed % 4, 8)}`];
            const params = { from, direction: forward ? ('forward' as const) : ('backward' as const), maxHops, maxDegree };
            const sql = await btc.expandNeighbourhood(params);
            expect(sql).toEqual(await walkNeighbourhood({ ...params, source: btc }));
            expect(sql).toEqual(await walkNeighbourhood({ ...params, source: new MemoryUtxoSource({ chain, transactions: txs }) }));
            expect(await expandNeighbourhood({ ...params, source: btc })).toEqual(sql);
          }),
          { seed: 11, numRuns: 25 },
        );
      } finally {
        await store.close();
      }
    });

    it('screen() gives the same verdict with and without the neighbourhood check, on seeded account and UTXO graphs', async () => {
      const store = await open();
      let run = 0;
      let clean = 0;
      try {
        await fc.assert(
          fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 1, max: 3 }), fc.boolean(), fc.boolean(), async (seed, hops, forward, utxo) => {
            const chain = (utxo ? `bip122:${hex(500 + ++run, 32)}` : `eip155:${8000 + ++run}`) as ChainId;
            const next = rng(seed);
            let address: (i: number) => string;
            let source;
            if (utxo) {
              source = store.utxo(chain);
              await source.add(randomUtxo(chain, seed));
              address = (i) => `bc1q${hex(i, 8)}`;
            } else {
              source = store.account(chain);
              await source.add(randomTransfers(chain, seed));
              address = (i) => `0x${hex(i, 40)}`;
            }
            const labels = new LabelStore();
            for (let k = next(3); k > 0; k--) labels.add({ chain, address: address(1 + next(25)), category: 'sanctioned', source: 'test', confidence: 100 });
            const request = { address: address(seed % 7), chain };
            const checked = await screen(request, { labels, dataSource: source, hops, forward });
            const walked = await screen(request, { labels, dataSource: source, hops, forward, neighbourhoodCheck: false });
            expect(toJson(checked)).toEqual(toJson(walked));
            if (checked.exposures.length === 0) clean++;
          }),
          { seed: 13, numRuns: 30 },
        );
        // Some verdicts found exposure, some did not (where the check may skip the walk).
        expect(clean).toBeGreaterThan(0);
        expect(clean).toBeLessThan(30);
      } finally {
        await store.close();
      }
    });

    it.skipIf(!hasSharedData)('equals the hop-by-hop walk on the real blocks, forward and backward, up to 4 hops', async () => {
      const b = (f: string) => sharedPath('bitcoin', 'blocks', f);
      const blocks: UtxoBlock[] = await loadBlockFiles({
        paths: [b('block-277647.framed.dat'), b('block-413567.raw'), b('block-574200.raw')],
        prevoutsPath: b('block-277647.prevouts.json'),
      });
      const store = await open();
      try {
        const btc = store.utxo(BTC);
        for (const block of blocks) await btc.addBlock(block);
        // Holders of outputs spent inside their own block (chains of spends to follow both ways), and every 499th
        // output address (most lead nowhere: the blocks are years apart).
        const txids = new Set(blocks.flatMap((x) => x.transactions.map((t) => t.txid)));
        const chained = blocks.flatMap((x) => x.transactions.flatMap((t) => t.inputs.filter((i) => txids.has(i.prevTxid) && i.address !== null).map((i) => i.address!)));
        const outputs = blocks.flatMap((x) => x.transactions.flatMap((t) => t.outputs.map((o) => o.address)));
        const from = [...new Set([...chained.filter((_, i) => i % 9 === 0), ...outputs.filter((_, i) => i % 499 === 0)])];
        expect(from.length).toBeGreaterThan(50);
        let reachedSomething = 0;
        for (const direction of ['forward', 'backward'] as const) {
          for (const maxDegree of [3, 1000]) {
            const params = { from, direction, maxHops: 4, maxDegree };
            const sql = await btc.expandNeighbourhood(params);
            expect(sql).toEqual(await walkNeighbourhood({ ...params, source: btc }));
            reachedSomething += sql.reached.filter((r) => r.hops > 0).length;
            if (maxDegree === 3) expect(sql.hubs.length).toBeGreaterThan(0);
          }
        }
        expect(reachedSomething).toBeGreaterThan(100);
      } finally {
        await store.close();
      }
    }, 120_000);
  });
}
