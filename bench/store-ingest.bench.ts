// Ingest throughput into SQLite and PostgreSQL, in transactions (or transfers) and rows per second: the 3 real
// Bitcoin blocks (5,085 transactions) through `addBlock`, and seeded account blocks (200 transfers each) through
// `addBlock`, one database transaction per block as `ingest()` writes them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBlockFiles } from '@chaintrail/adapters';
import { BITCOIN_CHAINS, type UtxoBlock } from '@chaintrail/core';
import { openStore, type Store } from '@chaintrail/store';
import { startPostgres } from '../test/support/postgres.ts';
import { hasSharedData, sharedPath } from '../test/support/sharedData.ts';
import { percentile, report } from './report.ts';
import { seededAccountBlocks } from './seededAccount.ts';

const BENCH = 'store-ingest';
const ETH = 'eip155:1' as const;
const dir = mkdtempSync(join(tmpdir(), 'chaintrail-bench-ingest-'));
const pg = await startPostgres();
let counter = 0;
const engines = [
  ['sqlite', async (): Promise<Store> => openStore({ url: join(dir, `i${++counter}.db`) })],
  ['postgres', async (): Promise<Store> => openStore({ url: await pg.createDatabase(`i${++counter}`) })],
] as const;

const utxoRows = (blocks: readonly UtxoBlock[]) =>
  blocks.reduce((s, b) => s + b.transactions.reduce((r, t) => r + 1 + t.inputs.length + t.outputs.length + new Set([...t.outputs.map((o) => o.address), ...t.inputs.flatMap((i) => (i.address ? [i.address] : []))]).size, 0), 0);

try {
  if (hasSharedData) {
    const b = (f: string) => sharedPath('bitcoin', 'blocks', f);
    const blocks = await loadBlockFiles({
      paths: [b('block-277647.framed.dat'), b('block-413567.raw'), b('block-574200.raw')],
      prevoutsPath: b('block-277647.prevouts.json'),
    });
    const txs = blocks.reduce((s, x) => s + x.transactions.length, 0);
    const rows = utxoRows(blocks);
    for (const [name, open] of engines) {
      const seconds: number[] = [];
      for (let i = 0; i < 3; i++) {
        const store = await open();
        const start = performance.now();
        for (const block of blocks) await store.utxo(BITCOIN_CHAINS.mainnet).addBlock(block);
        seconds.push((performance.now() - start) / 1000);
        await store.close();
      }
      const s = percentile(seconds, 50);
      report({ bench: BENCH, metric: `real blocks into ${name}: transactions (5,085 txs, median of 3)`, value: Math.round(txs / s), unit: 'tx/s' });
      report({ bench: BENCH, metric: `real blocks into ${name}: rows (${rows} rows in 4 tables, median of 3)`, value: Math.round(rows / s), unit: 'rows/s' });
    }
  }
  const COUNT = Number(process.env.BENCH_TRANSFERS ?? 100_000);
  const accountBlocks = seededAccountBlocks(COUNT);
  for (const [name, open] of engines) {
    const store = await open();
    const eth = store.account(ETH);
    const start = performance.now();
    for (const block of accountBlocks) await eth.addBlock(block);
    const s = (performance.now() - start) / 1000;
    report({ bench: BENCH, metric: `seeded account blocks into ${name} (${COUNT} transfers, 200 a block)`, value: Math.round(COUNT / s), unit: 'transfers/s' });
    await store.close();
  }
} finally {
  pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
