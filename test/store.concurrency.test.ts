import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { openStore, type Store } from '@chaintrail/store';
import { storeTestEnvironment } from './support/storeTestEnvironment.ts';
import { describe, expect, it } from 'vitest';

const writer = fileURLToPath(new URL('./support/storeWriter.ts', import.meta.url));
const { dir, postgres } = storeTestEnvironment('chaintrail-conc-');

const BLOCKS = 5;
const PER_BLOCK = 40;

/** What a reader sees: whole blocks only, each with all its transactions, and no transaction of an open block. */
async function snapshot(store: Store): Promise<{ blocks: number; txs: number; partial: number }> {
  const rows = await store.db.query(
    `select (select count(*) from blocks) as blocks, (select count(*) from utxo_txs) as txs,
            (select count(*) from utxo_txs t where not exists (select 1 from blocks b where b.chain = t.chain and b.height = t.height)) as partial`,
  );
  return { blocks: Number(rows[0]!.blocks), txs: Number(rows[0]!.txs), partial: Number(rows[0]!.partial) };
}

for (const [name, url] of [
  ['SQLite', async () => join(dir, 'conc.db')],
  ['PostgreSQL', async () => postgres().createDatabase('conc')],
] as const) {
  describe(`${name}: a reader beside an ingesting writer`, () => {
    it('reads committed whole blocks while the writer holds a transaction open, and never waits for it', async () => {
      const target = await url();
      // Create the schema before the reader opens (a read-only SQLite reader cannot create it).
      await (await openStore({ url: target })).close();
      const child = spawn(process.execPath, ['--import', 'tsx', writer, target, String(BLOCKS), String(PER_BLOCK)], {
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      const out = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      const reader = await openStore({ url: target, readonly: true });
      try {
        expect((await out.next()).value).toBe('ready');
        for (let height = 1; height <= BLOCKS; height++) {
          expect((await out.next()).value).toBe(`mid ${height}`);
          // The writer is inside block `height`'s transaction, half of it written: the reader sees the blocks before.
          expect(await snapshot(reader)).toEqual({ blocks: height - 1, txs: (height - 1) * PER_BLOCK, partial: 0 });
          child.stdin.write('go\n');
          expect((await out.next()).value).toBe(`done ${height}`);
          expect(await snapshot(reader)).toEqual({ blocks: height, txs: height * PER_BLOCK, partial: 0 });
        }
        expect(await exited).toBe(0);
        expect(await reader.getCheckpoint('w')).toMatchObject({ height: BLOCKS });
      } finally {
        child.kill();
        await reader.close();
      }
    });
  });
}
