import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../packages/cli/src/testing.ts';
import { startBitcoinRpcReplay } from './support/bitcoinRpcReplay.ts';
import { startEsploraReplay } from './support/esploraReplay.ts';
import type { LocalServer } from './support/httpServer.ts';
import { hasSharedData, sharedPath } from './support/sharedData.ts';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const blocks = (file: string): string => sharedPath('bitcoin', 'blocks', file);
const lines = (text: string): Record<string, unknown>[] =>
  text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe.skipIf(!hasSharedData)('chaintrail btc', () => {
  it('parse-block: one line per transaction, values as decimal strings, fees from the prevouts file', async () => {
    const r = await runCli(['btc', 'parse-block', blocks('block-277647.framed.dat'), '--prevouts', blocks('block-277647.prevouts.json')]);
    expect(r.code).toBe(0);
    const txs = lines(r.stdout);
    expect(txs).toHaveLength(213);
    expect(txs[0]!.block).toEqual({ height: 277647, hash: '0000000000000000054a714e580b16c583701712ab91060e92dbde6eb1e052a8', time: expect.any(Number) });
    expect(txs.reduce((sum, t) => sum + BigInt(t.fee as string), 0n)).toBe(4_737_355n);
    expect((txs[1]!.outputs as { value: unknown }[])[0]!.value).toMatch(/^\d+$/);
  });

  it('parse-block: reads hex and raw files; a bad file is exit 1 with a typed one-line reason', async () => {
    const r = await runCli(['btc', 'parse-block', blocks('block-13b8a.hex'), '--quiet']);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toHaveLength(9);
    const dir = mkdtempSync(join(tmpdir(), 'ct-cli-'));
    writeFileSync(join(dir, 'odd.hex'), 'abc');
    const bad = await runCli(['btc', 'parse-block', join(dir, 'odd.hex')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('[PARSE_ERROR]');
    const wrongNet = await runCli(['btc', 'parse-block', blocks('block-277647.framed.dat'), '--network', 'testnet']);
    expect(wrongNet.code).toBe(1);
    expect(wrongNet.stderr).toContain('--network mainnet');
    expect((await runCli(['btc', 'parse-block', blocks('block-13b8a.hex'), '--network', 'moon'])).code).toBe(2);
  });

  it('ingest: reads a range from a node, and says how far it got when the node lacks -txindex', async () => {
    server = await startBitcoinRpcReplay();
    const ok = await runCli(['btc', 'ingest', '--rpc', server.url, '--from', '0', '--to', '1']);
    expect(ok.code).toBe(0);
    expect(lines(ok.stdout).map((t) => (t.block as { height: number }).height)).toEqual([0, 1]);
    const partial = await runCli(['btc', 'ingest', '--rpc', server.url, '--from', '50000', '--to', '50002']);
    expect(partial.code).toBe(1);
    expect(lines(partial.stdout)).toHaveLength(1); // block 50000 only: it was complete
    expect(partial.stderr).toContain('-txindex');
    expect(partial.stderr).toContain('1 of 3 blocks');
    const unvalued = await runCli(['btc', 'ingest', '--rpc', server.url, '--from', '50000', '--to', '50002', '--allow-unvalued']);
    expect(unvalued.code).toBe(0);
    expect(lines(unvalued.stdout)).toHaveLength(5);
    expect((await runCli(['btc', 'ingest', '--rpc', server.url, '--from', '5'])).code).toBe(2);
  });

  it('tx, address and outspends against Esplora', async () => {
    server = await startEsploraReplay();
    const esplora = `${server.url}/api`;
    const txid = '5e0668bf1cd24f2f8656ee82d4886f5303a06b26838e24b7db73afc59e228985';
    const tx = await runCli(['btc', 'tx', txid, '--esplora', esplora]);
    expect(tx.code).toBe(0);
    expect(lines(tx.stdout)[0]!.fee).toBe('23938');
    const addr = await runCli(['btc', 'address', 'bc1qvhykeqcpdzu0pdvy99xnh9ckhwzcfskct6h6l2', '--esplora', esplora, '--limit', '1']);
    expect(addr.code).toBe(0);
    expect(lines(addr.stdout).map((t) => t.txid)).toEqual([txid]);
    const spends = await runCli(['btc', 'outspends', txid, '--esplora', esplora]);
    expect(lines(spends.stdout).map((s) => [s.vout, s.spent])).toEqual([
      [0, true],
      [1, true],
    ]);
    expect((await runCli(['btc', 'tx', 'nope', '--esplora', esplora])).code).toBe(2);
    const missing = await runCli(['btc', 'tx', 'ab'.repeat(32), '--esplora', esplora]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('[NOT_FOUND]');
  });
});
