// Neighbourhood expansion: one WITH RECURSIVE query (`store.expandNeighbourhood`) against the hop-by-hop walk over
// the store's ordinary reads (`walkNeighbourhood`, what trace() and screen() do through a DataSource), on seeded
// account graphs (BENCH_TRANSFERS transfers, default 300k, among a quarter as many addresses), 2-4 hops, both ways,
// in SQLite and PostgreSQL. Both answers are compared on every call.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { LabelStore, screen, walkNeighbourhood } from '@chaintrail/core';
import { openStore, type Store } from '@chaintrail/store';
import { startPostgres } from '../test/support/postgres.ts';
import { percentile, report } from './report.ts';
import { seededAccountBlocks } from './seededAccount.ts';

const BENCH = 'store-neighbourhood';
const ETH = 'eip155:1' as const;
const COUNT = Number(process.env.BENCH_TRANSFERS ?? 300_000);
const SEEDS = 30;
const dir = mkdtempSync(join(tmpdir(), 'chaintrail-bench-hood-'));
const pg = await startPostgres();

try {
  const transfers = seededAccountBlocks(COUNT, 5).flatMap((b) => b.transfers);
  const addresses = [...new Set(transfers.slice(0, SEEDS * 7).map((t) => t.from!))].slice(0, SEEDS);
  for (const [name, open] of [
    ['sqlite', async (): Promise<Store> => openStore({ url: join(dir, 'hood.db') })],
    ['postgres', async (): Promise<Store> => openStore({ url: await pg.createDatabase('hood') })],
  ] as const) {
    const store = await open();
    const eth = store.account(ETH);
    for (let i = 0; i < transfers.length; i += 20_000) await eth.add(transfers.slice(i, i + 20_000));
    // What autovacuum does on its own after a bulk load; a fresh table has no statistics yet.
    await store.db.exec('analyze');
    for (const direction of ['backward', 'forward'] as const) {
      for (const maxHops of [2, 3, 4]) {
        const sql: number[] = [];
        const walk: number[] = [];
        let reached = 0;
        for (const address of addresses) {
          const params = { from: [address], direction, maxHops, maxDegree: 1000 };
          let t = performance.now();
          const a = await eth.expandNeighbourhood(params);
          sql.push(performance.now() - t);
          t = performance.now();
          const b = await walkNeighbourhood({ ...params, source: eth });
          walk.push(performance.now() - t);
          if (!isDeepStrictEqual(a, b)) throw new Error(`${name}: the query and the walk differ from ${address}`);
          reached += a.reached.length;
        }
        const label = `${name}, ${direction}, ${maxHops} hops (${COUNT / 1000}k transfers, ${SEEDS} addresses, ${Math.round(reached / SEEDS)} reached on average)`;
        const p50 = percentile(sql, 50);
        report({ bench: BENCH, metric: `recursive query p50: ${label}`, value: +p50.toFixed(2), unit: 'ms' });
        report({ bench: BENCH, metric: `hop-by-hop walk p50: ${label}`, value: +percentile(walk, 50).toFixed(2), unit: 'ms', vs: 'recursive query', ratio: +(percentile(walk, 50) / p50).toFixed(2) });
      }
    }
    // screen() through the store as a data source: with the one-query neighbourhood check (default) and without.
    // 1% of the addresses are sanctioned; the destinations are seeded.
    const labels = new LabelStore();
    const all = [...new Set(transfers.map((t) => t.to!))].sort();
    for (let i = 0; i < all.length; i += 100) labels.add({ chain: ETH, address: all[i]!, category: 'sanctioned', source: 'bench', confidence: 100 });
    const destinations = all.filter((_, i) => i % 997 === 1).slice(0, 60);
    for (const hops of [2, 3]) {
      const timed = async (neighbourhoodCheck: boolean) => {
        const times: number[] = [];
        let exposed = 0;
        for (const address of destinations) {
          const t = performance.now();
          const v = await screen({ address, chain: ETH }, { labels, dataSource: eth, hops, neighbourhoodCheck });
          times.push(performance.now() - t);
          if (v.exposures.length > 0) exposed++;
        }
        return { p50: percentile(times, 50), exposed };
      };
      const off = await timed(false);
      const on = await timed(true);
      if (on.exposed !== off.exposed) throw new Error('screen verdicts differ with the neighbourhood check');
      const label = `${name}, ${hops} hops, ${destinations.length} addresses (${on.exposed} exposed), 1% sanctioned`;
      report({ bench: BENCH, metric: `screen p50 from the store with the neighbourhood check: ${label}`, value: +on.p50.toFixed(2), unit: 'ms' });
      report({ bench: BENCH, metric: `screen p50 from the store without it: ${label}`, value: +off.p50.toFixed(2), unit: 'ms', vs: 'with the check', ratio: +(off.p50 / on.p50).toFixed(2) });
    }
    await store.close();
  }
} finally {
  pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
