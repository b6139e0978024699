import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { ChaintrailError } from '@chaintrail/core';
import { Mutex, type SqlDriver, type SqlRow, type SqlValue } from './driver.ts';

export interface PostgresDriverParameters {
  /** `postgres://user@host:port/db` */
  readonly url: string;
  /** Connections in the pool (default 4). */
  readonly poolSize?: number;
}

function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function storeError(sql: string, cause: unknown): ChaintrailError<'STORE_ERROR'> {
  return new ChaintrailError('STORE_ERROR', `PostgreSQL statement failed: ${(cause as Error).message}`, {
    cause,
    meta: { sql: sql.slice(0, 200) },
  });
}

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

/** What every connection of one driver shares: the tables' column types and the names of prepared statements. */
interface Shared {
  columnTypes(table: string, query: (sql: string, args: readonly SqlValue[]) => Promise<SqlRow[]>): Promise<Map<string, string>>;
  statementName(text: string): string;
}

function sharedState(): Shared {
  const types = new Map<string, Promise<Map<string, string>>>();
  const names = new Map<string, string>();
  return {
    columnTypes(table, query) {
      let known = types.get(table);
      if (!known) {
        known = query(`select column_name, data_type from information_schema.columns where table_schema = current_schema() and table_name = ?`, [table]).then(
          (rows) => new Map(rows.map((r) => [String(r.column_name), String(r.data_type)])),
        );
        known.catch(() => types.delete(table));
        types.set(table, known);
      }
      return known;
    },
    statementName(text) {
      let name = names.get(text);
      if (!name) names.set(text, (name = `chaintrail_insert_${names.size + 1}`));
      return name;
    },
  };
}

function driverOn(target: Queryable, base: Omit<SqlDriver, 'query' | 'run' | 'exec' | 'insertMany'> & Shared): SqlDriver {
  const query = async (sql: string, args: readonly SqlValue[] = []) => {
    try {
      const result = await target.query({ text: numbered(sql), values: args.map((v) => (typeof v === 'bigint' ? v.toString() : v)) });
      return { rows: result.rows as SqlRow[], count: result.rowCount ?? 0 };
    } catch (cause) {
      throw storeError(sql, cause);
    }
  };
  return {
    dialect: base.dialect,
    transaction: base.transaction,
    close: base.close,
    async query(sql, args) {
      return (await query(sql, args)).rows;
    },
    async run(sql, args) {
      return (await query(sql, args)).count;
    },
    async exec(sql) {
      try {
        await target.query(sql);
      } catch (cause) {
        throw storeError(sql, cause);
      }
    },
    async insertMany(table, columns, rows) {
      if (rows.length === 0) return;
      // One statement per table, whatever the row count: each column goes as one array parameter and `unnest` turns
      // the arrays back into rows. The text is the same every time, so it is prepared once per connection (named),
      // and there is no 65,535-parameter limit to chunk under.
      const types = await base.columnTypes(table, (sql, args) => query(sql, args).then((r) => r.rows));
      const text =
        `insert into ${table} (${columns.join(', ')}) select * from unnest(` +
        columns.map((c, i) => `$${i + 1}::${types.get(c) ?? 'text'}[]`).join(', ') +
        `) on conflict do nothing`;
      const values = columns.map((_, c) => rows.map((r) => {
        const v = r[c] ?? null;
        return typeof v === 'bigint' ? v.toString() : v;
      }));
      try {
        await target.query({ name: base.statementName(text), text, values });
      } catch (cause) {
        throw storeError(text, cause);
      }
    },
  };
}

/**
 * node-postgres behind the async `SqlDriver`: a small pool for concurrent readers, one pooled client per transaction.
 *
 * @example
 * const db = openPostgres({ url: 'postgres://postgres@127.0.0.1:5432/chaintrail' })
 */
export function openPostgres(params: PostgresDriverParameters): SqlDriver {
  // JIT compiles plans whose (often stale) cost estimate is high: it added 100-150 ms to the neighbourhood query and
  // to nothing else a store asks does it pay back; the store's queries are index lookups.
  const pool = new pg.Pool({ connectionString: params.url, max: params.poolSize ?? 4, options: '-c jit=off' });
  // An idle client's error (server restarted) must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const mutex = new Mutex();
  const shared = sharedState();
  // The transaction the current async call chain runs in: a store method called inside another's transaction joins
  // it (and sees its uncommitted rows) instead of waiting for it forever.
  const current = new AsyncLocalStorage<SqlDriver>();
  const transaction = <T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T> => {
    const joined = current.getStore();
    if (joined) return fn(joined);
    return mutex.run(async () => {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (cause) {
        throw new ChaintrailError('STORE_ERROR', `Cannot connect to PostgreSQL: ${(cause as Error).message}`, { cause });
      }
      const tx = driverOn(client, { ...shared, dialect: 'postgres', transaction: (inner) => inner(tx), close: async () => undefined });
      try {
        await client.query('begin');
        const result = await current.run(tx, () => fn(tx));
        await client.query('commit');
        return result;
      } catch (e) {
        await client.query('rollback').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    });
  };
  const outside = driverOn(pool, { ...shared, dialect: 'postgres', transaction, close: () => pool.end() });
  const route = (): SqlDriver => current.getStore() ?? outside;
  return {
    dialect: 'postgres',
    query: (sql, args) => route().query(sql, args),
    run: (sql, args) => route().run(sql, args),
    exec: (sql) => route().exec(sql),
    insertMany: (table, columns, rows) => route().insertMany(table, columns, rows),
    transaction,
    close: () => pool.end(),
  };
}
