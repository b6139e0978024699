import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../testing.ts';

describe('chaintrail report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chaintrail-report-cmd-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // A trace document as `chaintrail trace` prints it (no subgraph): the report draws the evidence paths.
  const doc = {
    policy: 'haircut',
    direction: 'forward',
    chain: 'bip122:000000000019d6689c085ae165831e93',
    frontier: [{ txid: 'b'.repeat(64), vout: 0, address: 'bc1qdest', value: '30000', taint: '20000', hops: 2, status: 'unspent' }],
    reached: [{ entity: 'Example Exchange', category: 'exchange', taint: '50000', stopped: true, addresses: ['bc1qexch'], evidence: [], hops: 1 }],
    paths: [
      { amount: '50000', end: 'entity', hops: [{ txid: 'a'.repeat(64), vout: 0, address: 'bc1qseed', amount: '100000' }, { txid: 'c'.repeat(64), vout: 1, address: 'bc1qexch', amount: '50000' }] },
    ],
    totals: { seeded: '100000', absorbed: '0', frontier: '20000', fees: '30000', dust: '0', stopped: '50000', truncated: '0' },
    truncated: null,
  };

  it('writes a self-contained page from a trace without a subgraph', async () => {
    const input = join(dir, 'trace.json');
    writeFileSync(input, JSON.stringify(doc));
    const r = await runCli(['report', input, '-o', join(dir, 'r.html')]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('<tr data-entity="Example Exchange">');
    expect(html).toContain('0.0005 BTC');
    expect(html).toContain('0.5000'); // share of the 100000 sat traced
    expect(html).not.toMatch(/<script[^>]+src=/);
  });

  it('says in one line what is wrong with the input', async () => {
    const missing = await runCli(['report', join(dir, 'nope.json'), '-o', join(dir, 'x.html')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('cannot read');
    writeFileSync(join(dir, 'bad.json'), '{"hello": 1}');
    const bad = await runCli(['report', join(dir, 'bad.json'), '-o', join(dir, 'x.html')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('not a trace document');
    const noGraph = await runCli(['report', join(dir, 'trace.json'), '-o', join(dir, 'x.html'), '--gexf', join(dir, 'x.gexf')]);
    expect(noGraph.code).toBe(1);
    expect(noGraph.stderr).toContain('holds no traced subgraph');
    const usage = await runCli(['report', '-o', join(dir, 'x.html')]);
    expect(usage.code).toBe(2);
  });
});
