import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBlockFiles } from '@chaintrail/adapters';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedPath } from '../../../../test/support/sharedData.ts';
import { runCli } from '../testing.ts';

const BLOCK = sharedPath('bitcoin', 'blocks', 'block-277647.framed.dat');
const PREVOUTS = sharedPath('bitcoin', 'blocks', 'block-277647.prevouts.json');

describe.skipIf(!hasSharedData)('chaintrail trace and screen on block 277647', () => {
  it('trace prints one JSON document with the frontier, amounts as decimal strings', async () => {
    const [block] = await loadBlockFiles({ paths: [BLOCK], prevoutsPath: PREVOUTS });
    const tx = block!.transactions.find((t) => !t.coinbase && t.outputs.length > 1)!;
    const r = await runCli(['trace', '--blocks', BLOCK, '--prevouts', PREVOUTS, '--from', `${tx.txid}:0`, '--policy', 'haircut', '--max-hops', '3']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const doc = JSON.parse(lines[0]!) as { policy: string; frontier: { txid: string; vout: number; address: string; value: string; taint: string }[]; reached: unknown[]; truncated: unknown; totals: Record<string, string> };
    expect(doc.policy).toBe('haircut');
    expect(doc.truncated).toBeNull();
    expect(doc.frontier.length).toBeGreaterThan(0);
    for (const f of doc.frontier) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['txid', 'vout', 'address', 'value', 'taint']));
      expect(f.taint).toMatch(/^\d+$/);
    }
    const sum = doc.frontier.reduce((s, f) => s + BigInt(f.taint), 0n);
    expect(sum + BigInt(doc.totals.fees!)).toBe(tx.outputs[0]!.value);
  });

  it('trace refuses bad usage with exit 2', async () => {
    expect((await runCli(['trace', '--blocks', BLOCK, '--from', 'x', '--policy', 'lifo'])).code).toBe(2);
    expect((await runCli(['trace', '--policy', 'fifo', '--from', 'x'])).code).toBe(2);
    const two = await runCli(['trace', '--esplora', 'http://127.0.0.1:1', '--rpc', 'http://127.0.0.1:1', '--from', 'x', '--policy', 'fifo']);
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/one of --blocks, --esplora or --rpc/);
    expect((await runCli(['trace', '--esplora', 'not a url', '--from', 'x', '--policy', 'fifo'])).code).toBe(2);
  });

  it('screen gives a verdict (exit 0) from a label list, direct and indirect', async () => {
    const [block] = await loadBlockFiles({ paths: [BLOCK], prevoutsPath: PREVOUTS });
    const tx = block!.transactions.find((t) => !t.coinbase && t.inputs.length === 1 && t.outputs.length > 1 && t.inputs[0]!.address!.startsWith('1'))!;
    const payer = tx.inputs[0]!.address!;
    const payee = tx.outputs.find((o) => o.address !== payer && o.address.startsWith('1'))!.address;
    const dir = mkdtempSync(join(tmpdir(), 'ct-screen-'));
    const labels = join(dir, 'labels.json');
    writeFileSync(labels, JSON.stringify({ chain: 'btc', sanctioned: [payer] }));
    const direct = await runCli(['screen', payer, '--chain', 'btc', '--labels', labels]);
    expect(direct.code).toBe(0);
    expect(JSON.parse(direct.stdout)).toMatchObject({ risk: 'severe', coverage: 'direct' });
    const indirect = await runCli(['screen', payee, '--chain', 'btc', '--labels', labels, '--blocks', BLOCK, '--prevouts', PREVOUTS, '--hops', '2']);
    expect(indirect.stderr).toBe('');
    expect(indirect.code).toBe(0);
    const verdict = JSON.parse(indirect.stdout) as { risk: string; exposures: { category: string; kind: string; share: string }[] };
    expect(verdict.exposures).toEqual([expect.objectContaining({ category: 'sanctioned', kind: 'indirect', share: '1.000000' })]);
    expect(verdict.risk).toBe('high');
    const clean = await runCli(['screen', payee, '--chain', 'btc', '--labels', labels]);
    expect(JSON.parse(clean.stdout)).toMatchObject({ risk: 'none' });
    expect((await runCli(['screen', payee, '--chain', 'btc'])).code).toBe(2);
  });
});
