// One suite of expectations every DataSource with write access must meet: the memory sources, the SQLite store and
// the PostgreSQL store run the same tests. Each store's answers are also compared with MemoryUtxoSource's and
// MemoryAccountSource's on the same data, so the semantics cannot drift apart.
import {
  BITCOIN_CHAINS,
  MemoryAccountSource,
  MemoryUtxoSource,
  erc20Asset,
  erc721Asset,
  isChaintrailError,
  nativeAsset,
  type AccountDataSource,
  type AccountTransfer,
  type Progress,
  type UtxoDataSource,
  type UtxoTransaction,
} from '@chaintrail/core';
import { describe, expect, it } from 'vitest';

export interface UtxoHarness {
  readonly source: UtxoDataSource;
  add(transactions: readonly UtxoTransaction[]): Promise<void>;
  close(): Promise<void>;
}

export interface AccountHarness {
  readonly source: AccountDataSource;
  add(transfers: readonly AccountTransfer[]): Promise<void>;
  close(): Promise<void>;
}

const BTC = BITCOIN_CHAINS.mainnet;
const ETH = 'eip155:1' as const;
const hex = (n: number) => n.toString(16).padStart(64, '0');

/** A small chain: blocks 100-103, a coinbase per block, spends of earlier outputs, one prevout nobody has. */
export function utxoFixture(): UtxoTransaction[] {
  const txs: UtxoTransaction[] = [];
  const block = (height: number) => ({ height, hash: hex(0xb000 + height), time: 1_600_000_000 + height * 600 });
  const coinbase = (height: number, payTo: string): UtxoTransaction => ({
    chain: BTC,
    txid: hex(height * 16),
    block: block(height),
    index: 0,
    coinbase: { scriptSig: '03' + height.toString(16), text: `pool ${height}`, height },
    inputs: [],
    outputs: [{ n: 0, address: payTo, value: 5_000_000_000n, scriptType: 'p2wpkh' }],
    fee: 0n,
    version: 1,
    locktime: 0,
  });
  const spend = (height: number, index: number, inputs: [string, number][], outputs: [string, bigint][]): UtxoTransaction => ({
    chain: BTC,
    txid: hex(height * 16 + index),
    block: block(height),
    index,
    coinbase: null,
    inputs: inputs.map(([prevTxid, prevVout]) => ({ prevTxid, prevVout, address: null, value: null, scriptType: null, sequence: 0xfffffffd })),
    outputs: outputs.map(([address, value], n) => ({ n, address, value, scriptType: address.startsWith('p2pk:') ? 'p2pk' : 'p2wpkh' })),
    fee: null,
    version: 2,
    locktime: height - 1,
    vsize: 141 + index,
  });
  txs.push(coinbase(100, 'bc1qminer'));
  txs.push(spend(100, 1, [[hex(100 * 16), 0]], [['bc1qalice', 3_000_000_000n], ['bc1qbob', 1_999_990_000n]]));
  txs.push(coinbase(101, 'bc1qminer'));
  txs.push(spend(101, 1, [[hex(100 * 16 + 1), 0]], [['bc1qcarol', 1_000_000_000n], ['bc1qalice', 1_999_000_000n]]));
  txs.push(spend(101, 2, [[hex(100 * 16 + 1), 1], [hex(0xdead), 3]], [['p2pk:02aa', 100n]]));
  txs.push(coinbase(102, 'bc1qalice'));
  txs.push(spend(102, 1, [[hex(101 * 16 + 1), 1], [hex(102 * 16), 0]], [['bc1qdave', 7_000_000_000n]]));
  txs.push(spend(103, 1, [[hex(102 * 16 + 1), 0]], [['bc1qalice', 6_999_999_000n]]));
  return txs;
}

/** Transfers of every kind over blocks 10-12, including positions that only compareTransfers orders. */
export function accountFixture(): AccountTransfer[] {
  const block = (number: number) => ({ number, hash: `0x${hex(0xe000 + number)}`, time: 1_700_000_000 + number * 12 });
  const usdt = erc20Asset(ETH, '0xdac17f958d2ee523a2206206994597c13d831ec7');
  const nft = erc721Asset(ETH, '0xbc4ca0eda7647a8ab7c2061c2e118a18a936f13d');
  const eth = nativeAsset(ETH);
  const a = '0x' + 'a'.repeat(40);
  const b = '0x' + 'b'.repeat(40);
  const c = '0x' + 'c'.repeat(40);
  const t = (p: Partial<AccountTransfer> & Pick<AccountTransfer, 'kind' | 'txHash' | 'txIndex'>, n: number): AccountTransfer => ({
    chain: ETH,
    block: block(n),
    from: a,
    to: b,
    asset: eth,
    value: 10n ** 18n,
    status: 'success',
    ...p,
  });
  const tx1 = `0x${hex(0x1001)}`;
  const tx2 = `0x${hex(0x1002)}`;
  const tx3 = `0x${hex(0x1003)}`;
  return [
    t({ kind: 'reward', txHash: `0x${hex(0xe00a)}`, txIndex: -1, from: null, to: c, value: 2n * 10n ** 18n }, 10),
    t({ kind: 'native', txHash: tx1, txIndex: 0 }, 10),
    t({ kind: 'internal', txHash: tx1, txIndex: 0, traceAddress: [0, 1], from: b, to: c, value: 3n }, 10),
    t({ kind: 'internal', txHash: tx1, txIndex: 0, traceAddress: [0], from: b, to: c, value: 2n }, 10),
    t({ kind: 'internal', txHash: tx1, txIndex: 0, traceAddress: [1], from: b, to: a, value: 1n }, 10),
    t({ kind: 'token', txHash: tx1, txIndex: 0, logIndex: 7, asset: usdt, value: 123_456_789_000_000_000_000_000n, from: a, to: c }, 10),
    t({ kind: 'fee', txHash: tx1, txIndex: 0, to: null, value: 21_000n * 10n ** 9n }, 10),
    t({ kind: 'native', txHash: tx2, txIndex: 3, from: c, to: a, status: 'failed', value: 5n }, 11),
    t({ kind: 'nft', txHash: tx2, txIndex: 3, logIndex: 0, asset: nft, from: c, to: a, value: 1n, tokenId: 2n ** 70n }, 11),
    t({ kind: 'native', txHash: tx3, txIndex: 0, from: a, to: a, value: 9n }, 12),
    t({ kind: 'withdrawal', txHash: `0x${hex(0xe00c)}`, txIndex: -1, from: null, to: a, value: 32n * 10n ** 9n }, 12),
  ];
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

async function rejectsWith(promise: Promise<unknown>, code: Parameters<typeof isChaintrailError>[1]): Promise<void> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(isChaintrailError(error, code), `expected a ${String(code)} error, got ${String(error)}`).toBe(true);
}

/** Registers the UTXO conformance tests for the sources `open` makes (one fresh, empty source per test). */
export function describeUtxoConformance(name: string, open: () => Promise<UtxoHarness>): void {
  describe(`UtxoDataSource conformance: ${name}`, () => {
    const fixture = utxoFixture();
    const reference = new MemoryUtxoSource({ chain: BTC, transactions: fixture });

    const withSource = (fn: (h: UtxoHarness) => Promise<void>) => async () => {
      const h = await open();
      try {
        await fn(h);
      } finally {
        await h.close();
      }
    };

    it('answers every transaction as the memory source does, inputs valued from stored prevouts', withSource(async (h) => {
      await h.add(fixture);
      for (const tx of fixture) expect(await h.source.getTransaction({ txid: tx.txid })).toEqual(await reference.getTransaction({ txid: tx.txid }));
      const spend = await h.source.getTransaction({ txid: hex(100 * 16 + 1) });
      expect(spend.inputs[0]).toMatchObject({ address: 'bc1qminer', value: 5_000_000_000n, scriptType: 'p2wpkh' });
      expect(spend.fee).toBe(10_000n);
      const unknownPrevout = await h.source.getTransaction({ txid: hex(101 * 16 + 2) });
      expect(unknownPrevout.inputs[1]).toMatchObject({ address: null, value: null });
      expect(unknownPrevout.fee).toBeNull();
      await rejectsWith(h.source.getTransaction({ txid: hex(0xbeef) }), 'NOT_FOUND');
    }));

    it('adds idempotently, in one call or across calls', withSource(async (h) => {
      await h.add(fixture.slice(0, 4));
      await h.add(fixture);
      await h.add([...fixture, ...fixture]);
      const history = await h.source.getAddressHistory!({ address: 'bc1qalice', limit: 100 });
      expect(history.items.map((t) => t.txid)).toEqual((await reference.getAddressHistory({ address: 'bc1qalice', limit: 100 })).items.map((t) => t.txid));
      expect(await h.source.getTipHeight!()).toBe(103);
    }));

    it('knows who spent each output', withSource(async (h) => {
      await h.add(fixture);
      for (const tx of fixture) expect(await h.source.getOutspends!({ txid: tx.txid })).toEqual(await reference.getOutspends({ txid: tx.txid }));
      const outspends = await h.source.getOutspends!({ txid: hex(100 * 16 + 1) });
      expect(outspends).toEqual([
        { spent: true, txid: hex(101 * 16 + 1), vin: 0, block: { height: 101, hash: hex(0xb000 + 101), time: 1_600_000_000 + 101 * 600 } },
        { spent: true, txid: hex(101 * 16 + 2), vin: 0, block: { height: 101, hash: hex(0xb000 + 101), time: 1_600_000_000 + 101 * 600 } },
      ]);
      expect(await h.source.getOutspends!({ txid: hex(103 * 16 + 1) })).toEqual([{ spent: false }]);
    }));

    it('pages address history newest first without gaps or repeats', withSource(async (h) => {
      await h.add(fixture);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await h.source.getAddressHistory!({ address: 'bc1qalice', limit: 2, ...(cursor ? { cursor } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((t) => t.txid));
        cursor = page.next ?? undefined;
      } while (cursor);
      expect(seen).toEqual([hex(103 * 16 + 1), hex(102 * 16 + 1), hex(102 * 16), hex(101 * 16 + 1), hex(100 * 16 + 1)]);
      expect((await h.source.getAddressHistory!({ address: 'bc1qnobody' })).items).toEqual([]);
    }));

    it('yields blocks in order with their transactions by position, and reports progress', withSource(async (h) => {
      await h.add(fixture);
      const progress: Progress[] = [];
      const blocks = await collect(h.source.getBlocks!({ from: 101, to: 102, onProgress: (p) => progress.push(p) }));
      expect(blocks.map((b) => [b.height, b.transactions.map((t) => t.index)])).toEqual([[101, [0, 1, 2]], [102, [0, 1]]]);
      expect(blocks).toEqual(await collect(reference.getBlocks({ from: 101, to: 102 })));
      expect(progress.at(-1)).toEqual({ phase: 'blocks', done: 2, total: 2, unit: 'block' });
    }));

    it('reports -1 as the tip of an empty source and stops on an aborted signal', withSource(async (h) => {
      expect(await h.source.getTipHeight!()).toBe(-1);
      await h.add(fixture);
      const controller = new AbortController();
      controller.abort();
      await rejectsWith(h.source.getTransaction({ txid: fixture[0]!.txid, signal: controller.signal }), 'ABORTED');
    }));
  });
}

/** Registers the account-chain conformance tests for the sources `open` makes (one fresh, empty source per test). */
export function describeAccountConformance(name: string, open: () => Promise<AccountHarness>): void {
  describe(`AccountDataSource conformance: ${name}`, () => {
    const fixture = accountFixture();
    const reference = new MemoryAccountSource({ chain: ETH, transfers: fixture });
    const a = '0x' + 'a'.repeat(40);

    const withSource = (fn: (h: AccountHarness) => Promise<void>) => async () => {
      const h = await open();
      try {
        await fn(h);
      } finally {
        await h.close();
      }
    };

    it('returns a transaction\'s transfers in compareTransfers order, amounts exact', withSource(async (h) => {
      await h.add([...fixture].reverse());
      const tx1 = `0x${hex(0x1001)}`;
      const transfers = await h.source.getTransfers({ txHash: tx1 });
      expect(transfers).toEqual(await reference.getTransfers({ txHash: tx1 }));
      expect(transfers.map((t) => [t.kind, t.traceAddress ?? t.logIndex ?? null])).toEqual([
        ['native', null], ['internal', [0]], ['internal', [0, 1]], ['internal', [1]], ['token', 7], ['fee', null],
      ]);
      expect(transfers[4]!.value).toBe(123_456_789_000_000_000_000_000n);
      expect((await h.source.getTransfers({ txHash: tx1.toUpperCase().replace('0X', '0x') })).length).toBe(6);
      expect((await h.source.getTransfers({ txHash: `0x${hex(0x1002)}` }))[1]!.tokenId).toBe(2n ** 70n);
      await rejectsWith(h.source.getTransfers({ txHash: `0x${hex(0xbeef)}` }), 'NOT_FOUND');
    }));

    it('adds idempotently', withSource(async (h) => {
      await h.add(fixture);
      await h.add(fixture.slice(3));
      const all = await h.source.getAddressTransfers!({ address: a, limit: 1000 });
      expect(all.items).toEqual((await reference.getAddressTransfers({ address: a, limit: 1000 })).items);
    }));

    it('filters an address\'s transfers by direction and block, oldest first, and pages them', withSource(async (h) => {
      await h.add(fixture);
      for (const direction of ['in', 'out', 'both'] as const) {
        for (const range of [{}, { fromBlock: 11 }, { toBlock: 10 }, { fromBlock: 11, toBlock: 11 }]) {
          const expected = (await reference.getAddressTransfers({ address: a, direction, limit: 1000, ...range })).items;
          const got = [];
          let cursor: string | undefined;
          do {
            const page = await h.source.getAddressTransfers!({ address: a, direction, limit: 2, ...range, ...(cursor ? { cursor } : {}) });
            got.push(...page.items);
            cursor = page.next ?? undefined;
          } while (cursor);
          expect(got, `${direction} ${JSON.stringify(range)}`).toEqual(expected);
        }
      }
      // The self-transfer appears once under 'both'.
      const both = await h.source.getAddressTransfers!({ address: a, fromBlock: 12 });
      expect(both.items.map((t) => t.kind)).toEqual(['withdrawal', 'native']);
    }));

    it('yields blocks in order with every transfer, and the tip', withSource(async (h) => {
      expect(await h.source.getTipHeight!()).toBe(-1);
      await h.add(fixture);
      const blocks = await collect(h.source.getBlocks!({ from: 0, to: 100 }));
      expect(blocks).toEqual(await collect(reference.getBlocks({ from: 0, to: 100 })));
      expect(blocks.map((b) => [b.number, b.transfers.length])).toEqual([[10, 7], [11, 2], [12, 2]]);
      expect(await h.source.getTipHeight!()).toBe(12);
    }));
  });
}
