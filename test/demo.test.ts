import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../packages/cli/bin/chaintrail.js', import.meta.url));

function run(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

// The README's main job, as a user runs it: the real executable, a real anvil, real signed transactions.
describe('chaintrail demo (the real CLI, end to end)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chaintrail-demo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('plays the story, prints who received how much taint under which policy, screens, and writes the report', async () => {
    const r = await run(['demo'], dir);
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout;
    expect(out).toContain('policy: haircut');
    expect(out).toContain('300 ETH traced');
    expect(out).toMatch(/Harbourline Trading Pte\. Ltd\.\s+sanctioned\s+97\.5 ETH\s+2 hops/);
    expect(out).toMatch(/Kestrel Exchange\s+exchange\s+67\.5 ETH\s+4 hops, trace stopped here/);
    expect(out).toMatch(/OTC broker wallet\s+unlabelled\s+25 ETH/);
    expect(out).toContain('poison   Harbourline Trading Pte. Ltd.: 120 ETH; Kestrel Exchange: 90 ETH');
    expect(out).toContain('fifo     Harbourline Trading Pte. Ltd.: 95 ETH; Kestrel Exchange: 65 ETH');
    expect(out).toContain('Kestrel deposit address of Harbourline: SEVERE');
    expect(out).toContain('Kestrel deposit address of an honest customer: NONE');
    expect(out).toMatch(/Kestrel deposit address of Harbourline belongs with Harbourline .*deposit-address/);
    expect(out).toContain("OFAC's 50 Percent Rule");
    // anvil was stopped: its progress lines went to stderr, and the process exited.
    expect(r.stderr).toContain('anvil listening on http://127.0.0.1:');

    const report = join(dir, 'chaintrail-demo', 'report.html');
    expect(existsSync(report)).toBe(true);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('data-entity="Kestrel Exchange"');
    expect(html).not.toMatch(/<script[^>]+src=/);
    for (const f of ['trace.json', 'trace.gexf', 'trace.edges.csv', 'trace.graph.json', 'transfers.jsonl', 'labels.csv']) {
      expect(existsSync(join(dir, 'chaintrail-demo', f)), f).toBe(true);
    }
    const transfers = readFileSync(join(dir, 'chaintrail-demo', 'transfers.jsonl'), 'utf8').trim().split('\n');
    expect(transfers.map((l) => (JSON.parse(l) as { kind: string }).kind).filter((k) => k === 'internal')).toHaveLength(4);
  }, 120_000);

  it('rejects an unknown policy with one line and exit code 2', async () => {
    const r = await run(['demo', '--policy', 'lifo'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--policy must be poison, haircut or fifo');
  });
});
