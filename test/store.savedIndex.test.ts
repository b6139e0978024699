import { join } from 'node:path';
import { loadBlockFiles } from '@chaintrail/adapters';
import { BITCOIN_CHAINS, CompactGraphBuilder, isChaintrailError, LabelStore, screen, toJson, type CompactGraph } from '@chaintrail/core';
import { loadCompactIndex, openStore, saveCompactIndex, type Store } from '@chaintrail/store';
import { describe, expect, it } from 'vitest';
import { storeTestEnvironment } from './support/storeTestEnvironment.ts';
import { hasSharedData, sharedPath } from './support/sharedData.ts';

const BTC = BITCOIN_CHAINS.mainnet;
const EVM = 'eip155:1' as const;
const { dir, postgres } = storeTestEnvironment('chaintrail-saved-index-');
let stores = 0;

/** Two indexes are the same when every array, every address and every exact value agree. */
function expectSameIndex(actual: CompactGraph, expected: CompactGraph): void {
  for (const name of ['outOffsets', 'outTarget', 'value', 'time', 'inOffsets', 'inSource', 'inEdge'] as const) {
    expect(Buffer.from(actual[name].buffer, actual[name].byteOffset, actual[name].byteLength).equals(
      Buffer.from(expected[name].buffer, expected[name].byteOffset, expected[name].byteLength),
    ), name).toBe(true);
  }
  expect(actual.addresses()).toEqual(expected.addresses());
  for (let e = 0; e < expected.edgeCount; e++) if (actual.edgeValue(e) !== expected.edgeValue(e)) expect.fail(`edge ${e} value`);
  for (const address of expected.addresses().slice(0, 50)) expect(actual.id(address)).toBe(expected.id(address));
}

/** An account-chain index whose values include amounts of 2^64 wei and above (18.45 ETH+) and one of 2^200. */
function wideValues(seed: number): CompactGraph {
  const builder = new CompactGraphBuilder({ chain: EVM });
  let x = seed;
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
  for (let i = 0; i < 3000; i++) {
    const value = i % 3 === 0 ? 10n ** 21n + BigInt(next()) : BigInt(next());
    builder.addEdge({ from: `0x${(next() % 400).toString(16).padStart(40, '0')}`, to: `0x${(next() % 400).toString(16).padStart(40, '0')}`, value, time: i });
  }
  builder.addEdge({ from: '0x'.padEnd(42, 'a'), to: '0x'.padEnd(42, 'b'), value: 2n ** 200n, time: 9 });
  return builder.build();
}

for (const [name, open] of [
  ['SQLite', async (): Promise<Store> => openStore({ url: join(dir, `saved${++stores}.db`) })],
  ['PostgreSQL', async (): Promise<Store> => openStore({ url: await postgres().createDatabase(`saved${++stores}`) })],
] as const) {
  describe(`${name}: a compact index saved in the store`, () => {
    it.skipIf(!hasSharedData)('loads back equal to the index of the real block, and screen() answers alike', async () => {
      const [block] = await loadBlockFiles({
        paths: [sharedPath('bitcoin', 'blocks', 'block-277647.framed.dat')],
        prevoutsPath: sharedPath('bitcoin', 'blocks', 'block-277647.prevouts.json'),
      });
      const builder = new CompactGraphBuilder({ chain: BTC });
      for (const tx of block!.transactions) builder.addTransaction(tx);
      const index = builder.build();
      const store = await open();
      try {
        expect(await loadCompactIndex({ store, chain: BTC })).toBeNull();
        // Small chunks, so every part spans several rows.
        const header = await saveCompactIndex({ store, index, tip: 277647, chunkBytes: 4096 });
        expect(header.parts.outTarget.chunks).toBeGreaterThan(1);
        expect(header.parts.addresses.chunks).toBeGreaterThan(1);
        const loaded = await loadCompactIndex({ store, chain: BTC });
        expect(loaded!.header).toMatchObject({ chain: BTC, tip: 277647, nodes: index.nodeCount, edges: index.edgeCount, asset: null });
        expectSameIndex(loaded!.index, index);

        const tx = block!.transactions[1]!;
        const labels = new LabelStore();
        labels.add({ chain: BTC, address: tx.inputs[0]!.address!, category: 'sanctioned', source: 'test', confidence: 100 });
        const request = { address: tx.outputs[0]!.address, chain: BTC };
        const verdict = await screen(request, { labels, index: loaded!.index });
        expect(verdict.risk).not.toBe('none');
        expect(toJson(verdict)).toBe(toJson(await screen(request, { labels, index })));
      } finally {
        await store.close();
      }
    });

    it('keeps values of 2^64 and above exact, and a new save replaces the old one whole', async () => {
      const store = await open();
      try {
        const first = wideValues(1);
        await saveCompactIndex({ store, index: first, chunkBytes: 2048 });
        expectSameIndex((await loadCompactIndex({ store, chain: EVM }))!.index, first);
        const second = wideValues(2);
        await saveCompactIndex({ store, index: second, asset: 'eip155:1/slip44:60' });
        const loaded = (await loadCompactIndex({ store, chain: EVM }))!;
        expectSameIndex(loaded.index, second);
        expect(loaded.header.asset).toBe('eip155:1/slip44:60');
        const rows = await store.db.query(`select count(*) as n from compact_index_parts where chain = ?`, [EVM]);
        expect(Number(rows[0]!.n)).toBe(Object.values(loaded.header.parts).reduce((s, p) => s + p.chunks, 0));
      } finally {
        await store.close();
      }
    });

    it('an aborted save leaves the previous index in place', async () => {
      const store = await open();
      try {
        const kept = wideValues(3);
        await saveCompactIndex({ store, index: kept });
        const controller = new AbortController();
        const saving = saveCompactIndex({
          store,
          index: wideValues(4),
          chunkBytes: 1024,
          signal: controller.signal,
          onProgress: (p) => {
            if (p.done > 4096) controller.abort();
          },
        });
        await expect(saving).rejects.toSatisfy((e: unknown) => isChaintrailError(e, 'ABORTED'));
        expectSameIndex((await loadCompactIndex({ store, chain: EVM }))!.index, kept);
      } finally {
        await store.close();
      }
    });

    it('refuses a truncated or corrupted save with a STORE_ERROR that names the fault', async () => {
      const store = await open();
      const loadError = async (): Promise<string> => {
        try {
          await loadCompactIndex({ store, chain: EVM });
        } catch (e) {
          if (isChaintrailError(e, 'STORE_ERROR')) return e.message;
          throw e;
        }
        throw new Error('the load did not fail');
      };
      try {
        await saveCompactIndex({ store, index: wideValues(5), chunkBytes: 1024 });
        await store.db.run(`delete from compact_index_parts where chain = ? and part = 'inEdge' and seq = 2`, [EVM]);
        expect(await loadError()).toContain('chunk 2 of part inEdge is missing');

        await saveCompactIndex({ store, index: wideValues(5), chunkBytes: 1024 });
        // Point an edge at a node that does not exist: the bytes are whole, the index is not.
        await store.db.run(`update compact_index_parts set bytes = ? where chain = ? and part = 'outTarget' and seq = 0`, [Buffer.alloc(1024, 0xff), EVM]);
        expect(await loadError()).toContain('points past the arrays');

        await store.db.run(`update compact_indexes set header = ? where chain = ?`, ['{"format": 99, "endianness": "LE"}', EVM]);
        expect(await loadError()).toContain('format 99');
      } finally {
        await store.close();
      }
    });
  });
}
