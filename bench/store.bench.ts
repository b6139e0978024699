// Stores at scale: ingest throughput into SQLite and PostgreSQL from the real blocks; bytes per edge and per address of
// a graphology graph vs core's compact index (seeded edges, 1M and 10M); screen() p50/p99 over 1,000 addresses with
// the index built from each store (10M transfers; CHAINTRAIL_BENCH_TRANSFERS for another size), and from PostgreSQL as
// a plain data source (no index).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { MultiDirectedGraph } from 'graphology';
import { loadBlockFiles } from '@chaintrail/adapters';
import {
  BITCOIN_CHAINS,
  CompactGraphBuilder,
  LabelStore,
  nativeAsset,
  screen,
  type AccountTransfer,
} from '@chaintrail/core';
import { buildCompactIndex, loadCompactIndex, openStore, saveCompactIndex, type Store } from '@chaintrail/store';
import { startPostgres } from '../test/support/postgres.ts';
import { hasSharedData, sharedPath } from '../test/support/sharedData.ts';
import { percentile, report } from './report.ts';
import { rng } from './rng.ts';

const BENCH = 'store';
// CHAINTRAIL_BENCH_PARTS=ingest,memory,screen picks the sections (each takes minutes at full size).
const parts = new Set((process.env.CHAINTRAIL_BENCH_PARTS ?? 'ingest,memory,screen').split(','));
const ETH = 'eip155:1' as const;
const dir = mkdtempSync(join(tmpdir(), 'chaintrail-bench-store-'));
const pg = await startPostgres();
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const heap = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

const evmAddress = (i: number) => `0x${i.toString(16).padStart(40, '0')}`;

try {
  // 1. Ingest throughput from the real blocks (5,085 transactions), three fresh stores each.
  if (hasSharedData && parts.has('ingest')) {
    const b = (f: string) => sharedPath('bitcoin', 'blocks', f);
    const blocks = await loadBlockFiles({
      paths: [b('block-277647.framed.dat'), b('block-413567.raw'), b('block-574200.raw')],
      prevoutsPath: b('block-277647.prevouts.json'),
    });
    const txs = blocks.reduce((s, x) => s + x.transactions.length, 0);
    for (const [name, open] of [
      ['sqlite', async (i: number) => openStore({ url: join(dir, `ingest${i}.db`) })],
      ['postgres', async (i: number) => openStore({ url: await pg.createDatabase(`ingest${i}`) })],
    ] as const) {
      const rates: number[] = [];
      for (let i = 0; i < 3; i++) {
        const store = await open(i);
        const start = performance.now();
        for (const block of blocks) await store.utxo(BITCOIN_CHAINS.mainnet).addBlock(block);
        rates.push(txs / ((performance.now() - start) / 1000));
        await store.close();
      }
      report({ bench: BENCH, metric: `ingest real blocks into ${name} (median of 3)`, value: Math.round(percentile(rates, 50)), unit: 'tx/s' });
    }
    const size = statSync(join(dir, 'ingest0.db')).size;
    report({ bench: BENCH, metric: 'sqlite file size per transaction (real blocks, all indexes)', value: Math.round(size / txs), unit: 'bytes/tx' });
  }

  if (parts.has('memory')) {
    // 2. Memory per edge and per address: graphology vs the compact index, on the same seeded edges.
    const edgesOf = (count: number, addresses: number) => {
      const next = rng(count);
      const from = new Uint32Array(count);
      const to = new Uint32Array(count);
      for (let e = 0; e < count; e++) {
        from[e] = next() % addresses;
        to[e] = next() % addresses;
      }
      return { from, to };
    };
    // In a function, so the graph is garbage once measured and does not skew the figures after it.
    const measureGraphology = (): number => {
      const E = 1_000_000;
      const V = E / 4;
      const { from, to } = edgesOf(E, V);
      const names = Array.from({ length: V }, (_, i) => evmAddress(i));
      const before = heap();
      const g = new MultiDirectedGraph();
      for (let e = 0; e < E; e++) {
        const a = names[from[e]!]!;
        const b = names[to[e]!]!;
        g.mergeNode(a);
        g.mergeNode(b);
        g.addEdge(a, b, { value: BigInt(from[e]!) * 1000n, time: e });
      }
      const used = heap() - before;
      const perEdge = used / E;
      report({ bench: BENCH, metric: 'graphology bytes per edge at 1M edges (incl. nodes)', value: Math.round(perEdge), unit: 'bytes/edge' });
      report({ bench: BENCH, metric: 'graphology bytes per address at 1M edges (250k addresses)', value: Math.round(used / V), unit: 'bytes/address' });
      if (g.size !== E) throw new Error('graphology lost edges');
      return perEdge;
    };
    const graphologyPerEdge = measureGraphology();
    for (const E of [1_000_000, 10_000_000]) {
      const V = E / 4;
      const { from, to } = edgesOf(E, V);
      const before = heap();
      const builder = new CompactGraphBuilder({ chain: ETH });
      for (let v = 0; v < V; v++) builder.interner.intern(evmAddress(v));
      const afterNames = heap();
      for (let e = 0; e < E; e++) if (from[e] !== to[e]) builder.addEdgeIds(from[e]!, to[e]!, BigInt(from[e]!) * 1000n, e);
      const graph = builder.build();
      const total = heap() - before;
      const label = E === 1_000_000 ? '1M' : '10M';
      report({ bench: BENCH, metric: `compact index bytes per edge at ${label} edges (CSR both ways)`, value: +(graph.byteLength / graph.edgeCount).toFixed(1), unit: 'bytes/edge', vs: 'graphology at 1M', ratio: +((graph.byteLength / graph.edgeCount) / graphologyPerEdge).toFixed(3) });
      report({ bench: BENCH, metric: `compact index bytes per address at ${label} edges (interned names)`, value: Math.round((afterNames - before) / V), unit: 'bytes/address' });
      report({ bench: BENCH, metric: `compact index heap per edge at ${label} edges, everything included`, value: +(total / graph.edgeCount).toFixed(1), unit: 'bytes/edge' });
      if (E === 10_000_000) {
        // screen() on the 10M-edge index: 1% of addresses sanctioned, 1,000 seeded destinations.
        const labels = new LabelStore();
        const pick = rng(7);
        for (let i = 0; i < V / 100; i++) labels.add({ chain: ETH, address: evmAddress(pick() % V), category: 'sanctioned', source: 'bench', confidence: 100 });
        const times: number[] = [];
        for (let i = 0; i < 1000; i++) {
          const address = evmAddress(pick() % V);
          const start = performance.now();
          await screen({ address, chain: ETH }, { labels, index: graph });
          times.push(performance.now() - start);
        }
        report({ bench: BENCH, metric: 'screen p50 on the compact index at 10M edges', value: +percentile(times, 50).toFixed(3), unit: 'ms' });
        report({ bench: BENCH, metric: 'screen p99 on the compact index at 10M edges', value: +percentile(times, 99).toFixed(3), unit: 'ms' });
      }
    }
  }

  if (parts.has('screen')) {
    // 3. screen() from the stores at scale: seeded transfers written in batches (never all in memory), the compact index
    // built from each store, 1,000 seeded destinations screened with it; PostgreSQL also as a plain data source.
    const TRANSFERS = Number(process.env.CHAINTRAIL_BENCH_TRANSFERS ?? 10_000_000);
    const scale = TRANSFERS >= 1e6 ? `${TRANSFERS / 1e6}M` : `${TRANSFERS / 1e3}k`;
    const V = Math.floor(TRANSFERS / 4);
    const asset = nativeAsset(ETH);
    const BATCH = 20_000;
    const transfersFrom = (i: number, next: () => number): AccountTransfer[] => {
      const batch: AccountTransfer[] = [];
      for (let k = i; k < Math.min(i + BATCH, TRANSFERS); k++) {
        const block = Math.floor(k / 100);
        batch.push({
          chain: ETH, txHash: `0x${k.toString(16).padStart(64, '0')}`, block: { number: block, hash: `0x${block.toString(16).padStart(64, 'b')}`, time: block * 12 },
          txIndex: k % 100, kind: 'native', from: evmAddress(next() % V), to: evmAddress(next() % V), asset, value: BigInt(next()) * 1_000_000n, status: 'success',
        });
      }
      return batch;
    };
    const pickLabels = rng(5);
    const labels = new LabelStore();
    for (let i = 0; i < V / 100; i++) labels.add({ chain: ETH, address: evmAddress(pickLabels() % V), category: 'sanctioned', source: 'bench', confidence: 100 });
    const destinations = Array.from({ length: 1000 }, () => evmAddress(pickLabels() % V));
    const coldDestinations = Array.from({ length: 1000 }, () => evmAddress(pickLabels() % V));
    const warmUp = Array.from({ length: 2000 }, () => evmAddress(pickLabels() % V));
    // CHAINTRAIL_BENCH_STORE_DIR keeps the filled SQLite file there and reuses it on the next run (filling 10M
    // transfers is the longest part of this benchmark); the ingest figure is then not measured again.
    const keepDir = process.env.CHAINTRAIL_BENCH_STORE_DIR;
    const sqlitePath = keepDir ? join(keepDir, `screen-${TRANSFERS}.db`) : join(dir, 'screen.db');
    // CHAINTRAIL_BENCH_ENGINES=sqlite (or postgres) measures one store only.
    const engines = new Set((process.env.CHAINTRAIL_BENCH_ENGINES ?? 'sqlite,postgres').split(','));
    const stores = [
      ['sqlite', async (): Promise<Store> => openStore({ url: sqlitePath })],
      ['postgres', async (): Promise<Store> => openStore({ url: await pg.createDatabase('screen') })],
    ] as const;
    for (const [name, open] of stores.filter(([engine]) => engines.has(engine))) {
      let store = await open();
      let eth = store.account(ETH);
      const next = rng(99);
      let start = performance.now();
      const reused = name === 'sqlite' && keepDir !== undefined && (await eth.count()) === TRANSFERS;
      if (reused) process.stderr.write(`store: reusing the ${TRANSFERS} transfers in ${sqlitePath}\n`);
      else await eth.rollback({ above: -1 }); // a partly filled kept file starts over
      for (let i = 0; i < (reused ? 0 : TRANSFERS); i += BATCH) {
        await eth.add(transfersFrom(i, next));
        if (i % 1_000_000 === 0) process.stderr.write(`store: ${name} ${i.toLocaleString('en')} transfers written\n`);
      }
      if (!reused) report({ bench: BENCH, metric: `ingest seeded transfers into ${name} (${scale}, batches of 20k)`, value: Math.round(TRANSFERS / ((performance.now() - start) / 1000)), unit: 'transfers/s' });
      if (name === 'sqlite') {
        report({ bench: BENCH, metric: `sqlite file size per transfer (${scale}, every index included)`, value: Math.round(statSync(sqlitePath).size / TRANSFERS), unit: 'bytes/transfer' });
        // A withdrawal service opens the filled file afresh: reopen it, so nothing of the ingest stays in this heap.
        await store.close();
        gc();
        store = await openStore({ url: sqlitePath });
        eth = store.account(ETH);
      }
      start = performance.now();
      const built = await buildCompactIndex({ source: eth, asset });
      report({ bench: BENCH, metric: `build the compact index from ${name} (${scale} transfers)`, value: +((performance.now() - start) / 1000).toFixed(1), unit: 's' });
      start = performance.now();
      await saveCompactIndex({ store, index: built, asset });
      report({ bench: BENCH, metric: `save the compact index into ${name} (${scale} edges)`, value: +((performance.now() - start) / 1000).toFixed(1), unit: 's' });
      // What a withdrawal service does at start-up: load the saved index, then screen from it.
      start = performance.now();
      const index = (await loadCompactIndex({ store, chain: ETH }))!.index;
      report({ bench: BENCH, metric: `load the saved compact index from ${name} (${scale} edges)`, value: +((performance.now() - start) / 1000).toFixed(1), unit: 's' });
      gc();
      // Wall time is what a caller waits; CPU time (this process, every thread) is the work: on a shared machine a
      // wall-time outlier with no CPU-time outlier is the scheduler giving the core to someone else.
      const measure = async (addresses: readonly string[], phase: string): Promise<void> => {
        const times: number[] = [];
        const cpuTimes: number[] = [];
        for (const address of addresses) {
          const t = performance.now();
          const cpu = process.cpuUsage();
          await screen({ address, chain: ETH }, { labels, index });
          const used = process.cpuUsage(cpu);
          times.push(performance.now() - t);
          cpuTimes.push((used.user + used.system) / 1000);
        }
        const what = `from ${name} with the index, ${phase}, ${scale} edges`;
        report({ bench: BENCH, metric: `screen p50 ${what}`, value: +percentile(times, 50).toFixed(3), unit: 'ms' });
        report({ bench: BENCH, metric: `screen p99 ${what}`, value: +percentile(times, 99).toFixed(3), unit: 'ms' });
        report({ bench: BENCH, metric: `screen max ${what}`, value: +Math.max(...times).toFixed(3), unit: 'ms' });
        report({ bench: BENCH, metric: `screen CPU-time p99 ${what}`, value: +percentile(cpuTimes, 99).toFixed(3), unit: `ms (p50 ${percentile(cpuTimes, 50).toFixed(3)} ms)` });
      };
      // Cold: the first calls after loading. The first computes each address's totals (a pass over every edge) and the
      // first thousands run while V8 still compiles and re-optimises the walk. Warm: after 2,000 more, as a service
      // that has been up for a minute answers.
      await measure(coldDestinations, 'cold: the first 1,000 calls');
      for (const address of warmUp) await screen({ address, chain: ETH }, { labels, index });
      await measure(destinations, 'warm: 1,000 calls after 3,000');
      report({ bench: BENCH, metric: 'load average (1 min) after the screening run', value: +loadavg()[0]!.toFixed(2), unit: 'runnable processes' });
      if (name === 'postgres') {
        const plain: number[] = [];
        for (const address of destinations.slice(0, 100)) {
          const t = performance.now();
          await screen({ address, chain: ETH }, { labels, dataSource: eth, hops: 2 });
          plain.push(performance.now() - t);
        }
        report({ bench: BENCH, metric: `screen p50 from postgres as a data source, no index (${scale}, 2 hops, 100 addresses)`, value: +percentile(plain, 50).toFixed(1), unit: 'ms' });
        report({ bench: BENCH, metric: `screen p99 from postgres as a data source, no index (${scale}, 2 hops, 100 addresses)`, value: +percentile(plain, 99).toFixed(1), unit: 'ms' });
      }
      await store.close();
    }
  }
} finally {
  pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
