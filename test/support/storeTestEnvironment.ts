import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type PostgresServer, startPostgres } from './postgres.ts';

export interface StoreTestEnvironment {
  /** A temporary folder for SQLite files, removed after the file's tests. */
  readonly dir: string;
  /** The file's private PostgreSQL server (started before its tests, stopped after). */
  postgres(): PostgresServer;
}

/**
 * What every store test file needs: a temporary folder and a private PostgreSQL cluster, both torn down after.
 * Call it at the top level of a test file.
 */
export function storeTestEnvironment(prefix: string): StoreTestEnvironment {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let server: PostgresServer | undefined;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(() => {
    server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir,
    postgres: () => {
      if (!server) throw new Error('PostgreSQL is not started yet: use it inside a test or a later hook');
      return server;
    },
  };
}
