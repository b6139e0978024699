// A store made by schema version 1 (the text-keyed account_transfers) is refused with a STORE_ERROR that says what to
// do, on both engines, and left as it was.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { isChaintrailError } from '@chaintrail/core';
import { openStore } from '@chaintrail/store';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { storeTestEnvironment } from './support/storeTestEnvironment.ts';

const { dir, postgres } = storeTestEnvironment('chaintrail-schema-');
// better-sqlite3 is the store package's dependency, not the root's: loaded from there, typed as far as used here.
interface SqliteFile {
  exec(sql: string): void;
  prepare(sql: string): { all(): unknown[] };
  close(): void;
}
const Database = createRequire(new URL('../packages/store/package.json', import.meta.url))('better-sqlite3') as new (
  path: string,
  options?: { readonly readonly?: boolean },
) => SqliteFile;

// What of version 1's DDL (as it shipped, with its placeholders) the refusal meets: its version row and the
// text-keyed account_transfers, whose columns version 2's indexes would not find.
const SCHEMA_V1 = `
create table if not exists meta (key text primary key, value text not null);
create table if not exists account_transfers (
  chain text not null, tkey text {bin} not null, sort_key text {bin} not null, tx_hash text not null, block_number {int} not null,
  block_hash text not null, time {int} not null, tx_index {int} not null, kind text not null, trace_address text,
  log_index {int}, from_addr text, to_addr text, asset text not null, value text not null, token_id text,
  status text not null, primary key (chain, tkey));
create index if not exists account_transfers_tx on account_transfers (chain, tx_hash, sort_key);
create index if not exists account_transfers_from on account_transfers (chain, from_addr, sort_key, tkey);
create index if not exists account_transfers_to on account_transfers (chain, to_addr, sort_key, tkey);
create index if not exists account_transfers_block on account_transfers (chain, block_number);
`;

const v1Ddl = (dialect: 'sqlite' | 'postgres') =>
  SCHEMA_V1.replaceAll('{int}', dialect === 'sqlite' ? 'integer' : 'bigint')
    .replaceAll('{bin}', dialect === 'sqlite' ? '' : 'collate "C"');

// What a version 1 store held: its version and one transfer under its text key.
const V1_ROWS = `
insert into meta (key, value) values ('schema_version', '1');
insert into account_transfers (chain, tkey, sort_key, tx_hash, block_number, block_hash, time, tx_index, kind, asset, value, from_addr, to_addr, status)
values ('eip155:1', '0xaa|0|native||eip155:1/slip44:60|0x01|0x02', '000000000007000000011!000000000', '0xaa', 7, '0xbb', 84, 0, 'native', 'eip155:1/slip44:60', '5', '0x01', '0x02', 'success');
`;

async function refusal(url: string, readonly = false): Promise<string> {
  try {
    await (await openStore({ url, readonly })).close();
  } catch (e) {
    if (isChaintrailError(e, 'STORE_ERROR')) return e.message;
    throw e;
  }
  throw new Error('the version 1 store was opened');
}

describe('a store of schema version 1', () => {
  it('SQLite: refuses the file (read-write and read-only) and says to ingest again into a new store; the file is untouched', async () => {
    const path = join(dir, 'v1.db');
    const db = new Database(path);
    db.exec(v1Ddl('sqlite') + V1_ROWS);
    db.close();
    for (const readonly of [false, true]) {
      const message = await refusal(path, readonly);
      expect(message).toMatch(/schema version 1; this chaintrail reads version 2/);
      expect(message).toMatch(/ingest the chain again into a new store/);
    }
    const after = new Database(path, { readonly: true });
    const indexes = after.prepare(`select name from sqlite_master where type = 'index' and tbl_name = 'account_transfers' order by name`).all();
    const rows = after.prepare(`select tkey from account_transfers`).all();
    after.close();
    expect(indexes).toEqual([
      { name: 'account_transfers_block' }, { name: 'account_transfers_from' }, { name: 'account_transfers_to' }, { name: 'account_transfers_tx' },
      { name: 'sqlite_autoindex_account_transfers_1' },
    ]);
    expect(rows).toEqual([{ tkey: '0xaa|0|native||eip155:1/slip44:60|0x01|0x02' }]);
  });

  it('PostgreSQL: refuses the database with the same advice', async () => {
    const url = await postgres().createDatabase('v1');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(v1Ddl('postgres') + V1_ROWS);
    } finally {
      await client.end();
    }
    const message = await refusal(url);
    expect(message).toMatch(/schema version 1; this chaintrail reads version 2/);
    expect(message).toMatch(/ingest the chain again into a new store/);
  });

  it('a new store gets version 2, and opens again', async () => {
    const path = join(dir, 'v2.db');
    await (await openStore({ url: path })).close();
    const store = await openStore({ url: path });
    try {
      expect(await store.db.query(`select value from meta where key = 'schema_version'`)).toEqual([{ value: '2' }]);
    } finally {
      await store.close();
    }
  });
});
