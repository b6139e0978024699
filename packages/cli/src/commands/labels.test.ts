import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'chaintrail-labels-'));
writeFileSync(join(dir, 'sanctioned_addresses_XBT.txt'), '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h\nTUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq\nnot-an-address\n');
writeFileSync(
  join(dir, 'mine.csv'),
  'chain,address,category,entity\neth,0x8589427373D6D84E98730D7795D8f6f8731FDA16,exchange,Acme\neth,0x8589427373d6d84e98730d7795d8f6f8731fda16,mixer,Shady\nbtc,oops,exchange,X\n',
);
writeFileSync(join(dir, 'pack.yaml'), 'category: exchange\ncurrency: BTC\ntags:\n- address: 3A1KUd5H4hBEHk4bZB4C3hGgvuXuVX7p7t\n  label: "open\n');
writeFileSync(join(dir, 'README.txt'), 'These are my label files, kept for the demo.\n');

describe('chaintrail labels load', () => {
  it('prints counts per source and category, conflicts, and rejected records with file:line', async () => {
    const r = await runCli(['labels', 'load', dir]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout.trim()) as Record<string, any>;
    expect(out.bySource).toMatchObject({ 'ofac:sanctioned_addresses_XBT.txt': 2, 'user:mine.csv': 2 });
    expect(out.byCategory).toEqual({ sanctioned: 2, exchange: 1, mixer: 1 });
    expect(out.conflicts).toHaveLength(1);
    expect(out.conflicts[0]).toMatchObject({ address: '0x8589427373d6d84e98730d7795d8f6f8731fda16', categories: ['exchange', 'mixer'] });
    const at = (out.rejected as { at: string }[]).map((x) => x.at.slice(dir.length + 1));
    expect(at).toContain('sanctioned_addresses_XBT.txt:3');
    expect(at).toContain('mine.csv:4');
    expect(at.some((a) => a.startsWith('pack.yaml:'))).toBe(true);
    expect(out.skipped).toEqual([join(dir, 'README.txt')]);
  });
  it('exits 2 without paths and with an unknown --format', async () => {
    expect((await runCli(['labels', 'load'])).code).toBe(2);
    expect((await runCli(['labels', 'load', dir, '--format', 'nope'])).code).toBe(2);
  });
});

describe('chaintrail labels lookup', () => {
  it('prints one JSON line per address with every label and its source', async () => {
    const r = await runCli(['labels', 'lookup', '0x8589427373D6D84E98730D7795D8f6f8731FDA16', '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h', '1BoatSLRHtKNngkdXEeobR76b53LETtpyT', '--labels', dir]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ chain: 'eip155:1', address: '0x8589427373d6d84e98730d7795d8f6f8731fda16', categories: ['exchange', 'mixer'] });
    expect(lines[0]!.labels.map((l: { source: string }) => l.source)).toEqual(['user:mine.csv', 'user:mine.csv']);
    expect(lines[1]).toMatchObject({ categories: ['sanctioned'], chain: 'bip122:000000000019d6689c085ae165831e93' });
    expect(lines[1]!.labels[0]).toMatchObject({ source: 'ofac:sanctioned_addresses_XBT.txt', confidence: 100 });
    expect(lines[2]).toMatchObject({ labels: [], categories: [], entity: null });
  });
  it('takes several label paths after --labels, and --chain', async () => {
    const r = await runCli(['labels', 'lookup', 'TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq', '--chain', 'TRX', '--labels', join(dir, 'mine.csv'), join(dir, 'sanctioned_addresses_XBT.txt')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ chain: 'tron:27Lqcw', categories: ['sanctioned'] });
  });
  it('reports an address valid on no chain and exits 1; exits 2 without --labels', async () => {
    const bad = await runCli(['labels', 'lookup', 'nonsense', '--labels', dir]);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ input: 'nonsense', labels: [] });
    expect(bad.stderr).toContain('INVALID_ADDRESS');
    expect((await runCli(['labels', 'lookup', '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h'])).code).toBe(2);
  });
});
