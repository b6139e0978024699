import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { runCli } from '../packages/cli/src/testing.ts';
import { BITCOIN_CHAINS } from '@chaintrail/core';
import { openStore } from '@chaintrail/store';
import { afterAll, describe, expect, it } from 'vitest';
import { hasSharedData, sharedPath } from './support/sharedData.ts';
import { dumpStore } from './support/storeDump.ts';

const bin = fileURLToPath(new URL('../packages/cli/bin/chaintrail.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'chaintrail-cli-ingest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const blocks = (): string[] => {
  const b = (f: string) => sharedPath('bitcoin', 'blocks', f);
  // Smallest first, so a kill after the first block lands while the large ones are still to come.
  return ['--blocks', b('block-277647.framed.dat'), '--prevouts', b('block-277647.prevouts.json'), '--blocks', b('block-413567.raw'), '--blocks', b('block-574200.raw')];
};

async function dump(path: string) {
  const store = await openStore({ url: path });
  try {
    return await dumpStore(store);
  } finally {
    await store.close();
  }
}

describe.skipIf(!hasSharedData)('chaintrail ingest btc on real blocks', () => {
  it('resumes after the process is killed mid-range, never duplicating or losing a transaction', async () => {
    const clean = join(dir, 'clean.db');
    const first = await runCli(['ingest', 'btc', '--store', clean, ...blocks()]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ blocks: 3, items: 213 + 1557 + 3315, checkpoint: { height: 574200 } });

    const killed = join(dir, 'killed.db');
    const child = spawn(process.execPath, [bin, 'ingest', 'btc', '--store', killed, '--verbose', ...blocks()], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const lines = createInterface({ input: child.stderr })[Symbol.asyncIterator]();
    expect((await lines.next()).value).toBe('ingest: block 277647 committed (213 new)');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const partial = await openStore({ url: killed });
    const checkpoint = await partial.getCheckpoint(BITCOIN_CHAINS.mainnet);
    const stored = await partial.utxo(BITCOIN_CHAINS.mainnet).count();
    await partial.close();
    // The kill landed before the last block: the store holds whole blocks only, up to its checkpoint.
    expect(checkpoint!.height).toBeLessThan(574200);
    expect(stored).toBe(checkpoint!.height === 277647 ? 213 : 213 + 1557);

    const rerun = await runCli(['ingest', 'btc', '--store', killed, ...blocks()]);
    expect(rerun.code).toBe(0);
    expect(JSON.parse(rerun.stdout)).toMatchObject({ reorgFrom: null, checkpoint: { height: 574200 } });
    expect(await dump(killed)).toEqual(await dump(clean));
  }, 120_000);

  it('stops cleanly on Ctrl-C after the block in hand, and says where a rerun resumes', async () => {
    const path = join(dir, 'interrupted.db');
    const child = spawn(process.execPath, [bin, 'ingest', 'btc', '--store', path, '--verbose', ...blocks()], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const lines = createInterface({ input: child.stderr })[Symbol.asyncIterator]();
    expect((await lines.next()).value).toBe('ingest: block 277647 committed (213 new)');
    child.kill('SIGINT');
    const rest: string[] = [];
    for (let line = await lines.next(); !line.done; line = await lines.next()) rest.push(line.value);
    expect(await exited).toBe(1);
    const resumeLine = rest.find((l) => l.includes('a rerun resumes there'));
    expect(resumeLine).toMatch(/every block up to (277647|413567)/);
    const store = await openStore({ url: path });
    const checkpoint = await store.getCheckpoint(BITCOIN_CHAINS.mainnet);
    expect(resumeLine).toContain(`up to ${checkpoint!.height},`);
    await store.close();
  }, 60_000);

  it('rejects a call without exactly one input', async () => {
    expect((await runCli(['ingest', 'btc', '--store', join(dir, 'x.db')])).code).toBe(2);
  });
});
