// Neighbourhood expansion: one WITH RECURSIVE query (`store.expandNeighbourhood`) against the hop-by-hop walk over
// the store's ordinary reads (`walkNeighbourhood`, what trace() and screen() do through a DataSource), on seeded
// account graphs (BENCH_TRANSFERS transfers, default 300k, among a quarter as many addresses), 2-4 hops, both ways,
// in SQLite and PostgreSQL. Both answers are compared on every call.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { walkNeighbourhood } from '@chaintrail/core';
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
    await store.close();
  }
} finally {
  pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
