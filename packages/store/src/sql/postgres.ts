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

// PostgreSQL allows 65535 parameters per statement; a chunk of rows stays well under it.
const MAX_PARAMS = 30_000;

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

function driverOn(target: Queryable, base: Omit<SqlDriver, 'query' | 'run' | 'exec' | 'insertMany'>): SqlDriver {
  const query = async (sql: string, args: readonly SqlValue[] = []) => {
    try {
      const result = await target.query({ text: numbered(sql), values: args.map((v) => (typeof v === 'bigint' ? v.toString() : v)) });
      return { rows: result.rows as SqlRow[], count: result.rowCount ?? 0 };
    } catch (cause) {
      throw storeError(sql, cause);
    }
  };
  return {
    ...base,
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
      const perChunk = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
      for (let start = 0; start < rows.length; start += perChunk) {
        const chunk = rows.slice(start, start + perChunk);
        const values = chunk.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
        await query(`insert into ${table} (${columns.join(', ')}) values ${values} on conflict do nothing`, chunk.flat());
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
      const tx = driverOn(client, { dialect: 'postgres', transaction: (inner) => inner(tx), close: async () => undefined });
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
  const outside = driverOn(pool, { dialect: 'postgres', transaction, close: () => pool.end() });
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
