/**
 * A value bound to a SQL parameter. bigints go to INTEGER/BIGINT columns; large amounts are stored as text; Buffers
 * go to BLOB/BYTEA columns (a saved compact index).
 */
export type SqlValue = string | number | bigint | Buffer | null;

/** One row as the driver returns it. Integers may come back as number, bigint or (PostgreSQL bigint) string. */
export type SqlRow = Record<string, unknown>;

/**
 * The few things the stores need of a database, so one store implementation runs on SQLite and PostgreSQL alike.
 * SQL is written with `?` placeholders; the PostgreSQL driver numbers them.
 */
export interface SqlDriver {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs a statement and returns its rows. */
  query(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]>;
  /** Runs a statement for its effect; returns the number of rows changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs one or more statements without parameters (schema). */
  exec(sql: string): Promise<void>;
  /**
   * Inserts many rows into `table`, skipping rows whose key is already there (idempotent adds).
   * SQLite runs a cached multi-row statement per 32 rows; PostgreSQL sends one `unnest` array insert per call, a
   * prepared statement with one array parameter per column.
   */
  insertMany(table: string, columns: readonly string[], rows: readonly (readonly SqlValue[])[]): Promise<void>;
  /**
   * Runs `fn` in one transaction: all of it is written or none. Writes are serialised on this connection, so two
   * callers never interleave inside one transaction.
   */
  transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Serialises async critical sections: each caller waits for the previous one to finish. */
export class Mutex {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(fn, fn);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
