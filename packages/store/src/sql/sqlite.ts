import { AsyncLocalStorage } from 'node:async_hooks';
import Database from 'better-sqlite3';
import { ChaintrailError } from '@chaintrail/core';
import { Mutex, type SqlDriver, type SqlRow, type SqlValue } from './driver.ts';

// 32 rows of the widest table (18 columns) are 576 parameters, far under SQLite's limit of 32,766.
const ROWS_PER_STATEMENT = 32;

export interface SqliteDriverParameters {
  readonly path: string;
  /** Open without writing (a reader beside an ingesting writer). */
  readonly readonly?: boolean;
  /** How long a writer waits for another process's write lock, in ms (default 10 s). */
  readonly busyTimeoutMs?: number;
}

/**
 * better-sqlite3 behind the async `SqlDriver`. WAL journal: readers in other connections and processes keep reading
 * a consistent snapshot while one writer ingests; `synchronous = NORMAL` is durable at every checkpoint of the WAL and
 * never corrupts on a crash (a crash can lose only the last transactions, which ingestion redoes from its checkpoint).
 *
 * @example
 * const db = openSqlite({ path: 'chain.db' })
 * const rows = await db.query('select count(*) as n from utxo_txs')
 */
export function openSqlite(params: SqliteDriverParameters): SqlDriver {
  let db: Database.Database;
  try {
    db = new Database(params.path, { readonly: params.readonly ?? false, fileMustExist: params.readonly ?? false });
    db.pragma(`busy_timeout = ${params.busyTimeoutMs ?? 10_000}`);
    if (!params.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // Checkpoint the WAL into the database every ~40 MB instead of every 4 MB: a block's rows land in five B-trees
      // at random places, so with the default nearly every block's commit triggered a checkpoint (and its fsync).
      // Crash safety is unchanged (WAL + NORMAL); only the WAL file grows larger between checkpoints.
      db.pragma('wal_autocheckpoint = 10000');
    }
    db.pragma('cache_size = -65536');
  } catch (cause) {
    throw new ChaintrailError('STORE_ERROR', `Cannot open the SQLite store ${params.path}.`, { cause, meta: { path: params.path } });
  }
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      // Satoshi sums and ids exceed 2^53 in places: read every integer exactly, the row mappers narrow heights.
      if (stmt.reader) stmt.safeIntegers(true);
      cache.set(sql, stmt);
    }
    return stmt;
  };
  const wrap = <T>(sql: string, fn: () => T): T => {
    try {
      return fn();
    } catch (cause) {
      throw new ChaintrailError('STORE_ERROR', `SQLite statement failed: ${(cause as Error).message}`, {
        cause,
        meta: { sql: sql.slice(0, 200) },
      });
    }
  };
  const mutex = new Mutex();
  // Marks the async call chain inside a transaction: a store method called there joins it; any other caller waits.
  const inside = new AsyncLocalStorage<true>();

  const driver: SqlDriver = {
    dialect: 'sqlite',
    async query(sql, args = []) {
      return wrap(sql, () => prepare(sql).all(...(args as SqlValue[])) as SqlRow[]);
    },
    async run(sql, args = []) {
      return wrap(sql, () => prepare(sql).run(...(args as SqlValue[])).changes);
    },
    async exec(sql) {
      wrap(sql, () => db.exec(sql));
    },
    async insertMany(table, columns, rows) {
      const head = `insert into ${table} (${columns.join(', ')}) values `;
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      const one = `${head}${tuple} on conflict do nothing`;
      // Rows go ROWS_PER_STATEMENT at a time through one cached multi-row statement (fewer VM steps and calls
      // across the native boundary than a row each), the rest one by one.
      const many = `${head}${Array.from({ length: ROWS_PER_STATEMENT }, () => tuple).join(', ')} on conflict do nothing`;
      wrap(one, () => {
        let i = 0;
        if (rows.length >= ROWS_PER_STATEMENT) {
          const stmt = prepare(many);
          const args: SqlValue[] = [];
          for (; i + ROWS_PER_STATEMENT <= rows.length; i += ROWS_PER_STATEMENT) {
            args.length = 0;
            for (let k = i; k < i + ROWS_PER_STATEMENT; k++) for (const v of rows[k]!) args.push(v);
            stmt.run(...args);
          }
        }
        const stmt = prepare(one);
        for (; i < rows.length; i++) stmt.run(...(rows[i] as SqlValue[]));
      });
    },
    transaction(fn) {
      if (inside.getStore()) return fn(driver);
      return mutex.run(async () => {
        // IMMEDIATE takes the write lock up front, so two writer processes queue on busy_timeout instead of failing
        // with SQLITE_BUSY half-way through.
        wrap('begin immediate', () => db.exec('begin immediate'));
        try {
          const result = await inside.run(true, () => fn(driver));
          db.exec('commit');
          return result;
        } catch (e) {
          if (db.inTransaction) db.exec('rollback');
          throw e;
        }
      });
    },
    async close() {
      cache.clear();
      db.close();
    },
  };
  return driver;
}
