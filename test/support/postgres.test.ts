import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A process that started a server and is then killed must not leave the server (or its data dir) behind.
const child = `
import { startPostgres } from ${JSON.stringify(fileURLToPath(new URL('./postgres.ts', import.meta.url)))};
const server = await startPostgres();
process.stdout.write(JSON.stringify({ port: server.port, dir: server.dir }) + '\\n');
setInterval(() => {}, 1000);
`;

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe('startPostgres', () => {
  it('stops the server and removes its data dir when its process is killed with SIGTERM', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      proc.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
      proc.once('exit', (code) => reject(new Error(`the child exited (${code}) before starting PostgreSQL`)));
    });
    const { port, dir } = JSON.parse(line) as { port: number; dir: string };
    expect(await accepts(port)).toBe(true);
    expect(existsSync(dir)).toBe(true);
    const ended = new Promise<NodeJS.Signals | null>((resolve) => proc.once('exit', (_code, signal) => resolve(signal)));
    proc.kill('SIGTERM');
    expect(await ended).toBe('SIGTERM'); // ended by the signal, as it would have without the hook
    expect(await accepts(port)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });
});
