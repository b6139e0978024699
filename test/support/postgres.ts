import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A private PostgreSQL cluster a test started on 127.0.0.1; `stop()` removes it. */
export interface PostgresServer {
  readonly port: number;
  /** The temp dir holding the cluster's data, socket and log. */
  readonly dir: string;
  /** A fresh, empty database on the cluster, as a `postgres://` URL. */
  createDatabase(name: string): Promise<string>;
  stop(): void;
}

/** The newest PostgreSQL server binaries Debian's `postgresql` package installed (scripts/services.sh installs it). */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('PostgreSQL server binaries are missing under /usr/lib/postgresql: run `bash scripts/services.sh` (as root).');
  return join(root, newest, 'bin');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * initdb into a temp dir and start the server on a free local port. As root the cluster belongs to the `postgres`
 * user (the server refuses to run as root); the temp dir's parents must be readable by it, which /tmp is.
 * fsync is off: the cluster is thrown away after the test, and durability is not what the tests measure.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'chaintrail-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, cmd), args, { stdio: 'pipe' });
  run('initdb', ['-N', '-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off`, 'start']);
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const stop = (): void => {
    if (!running.delete(stop)) return;
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  stopOnExit(stop);
  return {
    port,
    dir,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}"`);
        await client.query(`create database "${name}"`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop,
  };
}

// The server is a daemon of its own: a run interrupted before stop() (Ctrl-C on a benchmark, a test worker killed at
// its timeout) would leave it running, with its data dir, until the machine restarts. Stopped on exit and on the usual
// termination signals instead; the signal is then raised again, so the process still ends as it would have.
const running = new Set<() => void>();
let hooked = false;

function stopOnExit(stop: () => void): void {
  running.add(stop);
  if (hooked) return;
  hooked = true;
  const stopAll = (): void => {
    for (const each of [...running]) {
      try {
        each();
      } catch {
        // Best effort: the process is ending anyway.
      }
    }
  };
  process.once('exit', stopAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      stopAll();
      process.kill(process.pid, signal);
    });
  }
}
