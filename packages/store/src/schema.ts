import { ChaintrailError } from '@chaintrail/core';
import type { SqlDriver } from './sql/driver.ts';

/** Bumped when the schema changes incompatibly; a store of another version refuses to open. */
export const SCHEMA_VERSION = 2;

/**
 * One schema for SQLite and PostgreSQL. `{int}` is a 64-bit integer in both (SQLite's INTEGER is already 64-bit).
 * Amounts of UTXO chains fit in 64 bits (21e14 satoshi); account-chain amounts (wei, token units) do not, so they are
 * decimal text, compared only for equality here.
 *
 * Every row carries its block height, so a reorg deletes everything above a height in one transaction.
 *
 * account_transfers (schema version 2): a transfer is identified by `tid`, the first 16 bytes of SHA-256 of its chain
 * and `transferKey` (unique: re-adding a transfer adds nothing), and located by `id`, an integer row id (SQLite's
 * rowid, PostgreSQL's identity). The address indexes end at the sort key and reach the row by rowid (SQLite) or ctid
 * (PostgreSQL); a transaction's transfers are found by `tx_key`, 8 bytes of SHA-256 of the tx hash as stored (the
 * hash is then compared whole); scans page by (block_number, id) along the block index, a range in both databases
 * (paged by id alone, SQLite took the chain's index and sorted the chain for every page). No index holds a text key:
 * version 1 kept the 185-byte transfer key as the primary key and in both address indexes, and the 66-character tx
 * hash in its own, 1,649 bytes per transfer against 667 now (1M seeded transfers). Equal sort keys (rare: two
 * transfers at one position of one transaction) are ordered by `tid`, bytewise in both databases.
 */
const SCHEMA = `
create table if not exists meta (key text primary key, value text not null);
create table if not exists blocks (
  chain text not null, height {int} not null, hash text not null, time {int} not null, tx_count {int} not null,
  primary key (chain, height));
create table if not exists checkpoints (
  name text primary key, chain text not null, height {int} not null, hash text not null, updated_at {int} not null);
create table if not exists utxo_txs (
  chain text not null, txid text not null, height {int}, block_hash text, time {int}, idx {int} not null,
  version {int} not null, locktime {int} not null, vsize {int}, fee {int}, coinbase text,
  primary key (chain, txid));
create index if not exists utxo_txs_height on utxo_txs (chain, height, idx);
create table if not exists utxo_outputs (
  chain text not null, txid text not null, n {int} not null, address text not null, value {int} not null,
  script_type text not null, primary key (chain, txid, n));
create table if not exists utxo_inputs (
  chain text not null, txid text not null, vin {int} not null, prev_txid text not null, prev_vout {int} not null,
  address text, value {int}, script_type text, sequence {int} not null, primary key (chain, txid, vin));
create index if not exists utxo_inputs_prev on utxo_inputs (chain, prev_txid, prev_vout);
create table if not exists utxo_address_txs (
  chain text not null, address text not null, height {int} not null, idx {int} not null, txid text not null,
  primary key (chain, address, height, idx, txid));
create index if not exists utxo_address_txs_height on utxo_address_txs (chain, height);
create table if not exists account_transfers (
  id {id}, tid {blob} not null, chain text not null, sort_key text {bin} not null, tx_hash text not null, tx_key {int} not null,
  block_number {int} not null, block_hash text not null, time {int} not null, tx_index {int} not null, kind text not null,
  trace_address text, log_index {int}, from_addr text, to_addr text, asset text not null, value text not null,
  token_id text, status text not null);
create unique index if not exists account_transfers_tid on account_transfers (tid);
create index if not exists account_transfers_tx on account_transfers (chain, tx_key);
create index if not exists account_transfers_from on account_transfers (chain, from_addr, sort_key);
create index if not exists account_transfers_to on account_transfers (chain, to_addr, sort_key);
create index if not exists account_transfers_block on account_transfers (chain, block_number, id);
create table if not exists labels (
  chain text not null, address text not null, source text not null, category text not null, entity text not null,
  source_category text, date text, confidence {int} not null, record text,
  primary key (chain, address, source, category, entity));
create table if not exists clusters (
  chain text not null, address text not null, cluster {int} not null, primary key (chain, address));
create index if not exists clusters_cluster on clusters (chain, cluster);
create table if not exists compact_indexes (chain text primary key, header text not null);
create table if not exists compact_index_parts (
  chain text not null, part text not null, seq {int} not null, bytes {blob} not null, primary key (chain, part, seq));
`;

/**
 * Refuses a store of another schema version (before any DDL runs: version 1's tables lack columns this version's
 * indexes name). No `meta` table, or no version in it: a new store.
 */
export async function checkSchemaVersion(db: SqlDriver): Promise<'new' | 'current'> {
  const tables = await db.query(
    db.dialect === 'sqlite'
      ? `select name from sqlite_master where type = 'table' and name = 'meta'`
      : `select table_name as name from information_schema.tables where table_schema = current_schema() and table_name = 'meta'`,
  );
  if (tables.length === 0) return 'new';
  const rows = await db.query(`select value from meta where key = 'schema_version'`);
  const found = rows[0]?.value;
  if (found === undefined) return 'new';
  if (String(found) === String(SCHEMA_VERSION)) return 'current';
  const advice = Number(found) < SCHEMA_VERSION
    ? ' It was made by an earlier chaintrail and cannot be converted in place: ingest the chain again into a new store (a new file or database), then delete this one.'
    : ' It was made by a newer chaintrail: open it with that version.';
  throw new ChaintrailError('STORE_ERROR', `This store has schema version ${String(found)}; this chaintrail reads version ${SCHEMA_VERSION}.${advice}`, {
    meta: { found, expected: SCHEMA_VERSION },
  });
}

/** Creates the tables when missing and checks the version of an existing store. */
export async function migrate(db: SqlDriver): Promise<void> {
  const ddl = SCHEMA.replaceAll('{int}', db.dialect === 'sqlite' ? 'integer' : 'bigint')
    // Sort keys compare byte by byte; PostgreSQL's default collation would ignore the punctuation in them.
    .replaceAll('{bin}', db.dialect === 'sqlite' ? '' : 'collate "C"')
    .replaceAll('{blob}', db.dialect === 'sqlite' ? 'blob' : 'bytea')
    .replaceAll('{id}', db.dialect === 'sqlite' ? 'integer primary key' : 'bigint generated always as identity primary key');
  await db.transaction(async (tx) => {
    if ((await checkSchemaVersion(tx)) === 'current') return;
    await tx.exec(ddl);
    await tx.run(`insert into meta (key, value) values ('schema_version', ?) on conflict (key) do nothing`, [String(SCHEMA_VERSION)]);
  });
}
