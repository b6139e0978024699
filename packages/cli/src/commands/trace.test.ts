import { loadBlockFiles } from '@chaintrail/adapters';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedPath } from '../../../../test/support/sharedData.ts';
import { runCli } from '../testing.ts';

const BLOCK = sharedPath('bitcoin', 'blocks', 'block-277647.framed.dat');
const PREVOUTS = sharedPath('bitcoin', 'blocks', 'block-277647.prevouts.json');

describe.skipIf(!hasSharedData)('chaintrail trace on block 277647', () => {
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

});
