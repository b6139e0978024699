import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBlockFiles } from '@chaintrail/adapters';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedPath } from '../../../../test/support/sharedData.ts';
import { runCli } from '../testing.ts';

const BLOCK = sharedPath('bitcoin', 'blocks', 'block-277647.framed.dat');
const PREVOUTS = sharedPath('bitcoin', 'blocks', 'block-277647.prevouts.json');

describe.skipIf(!hasSharedData)('chaintrail screen on block 277647', () => {
  it('screen gives a verdict (exit 0) from a label list, direct and indirect', async () => {
    const [block] = await loadBlockFiles({ paths: [BLOCK], prevoutsPath: PREVOUTS });
    const tx = block!.transactions.find((t) => !t.coinbase && t.inputs.length === 1 && t.outputs.length > 1 && t.inputs[0]!.address!.startsWith('1'))!;
    const payer = tx.inputs[0]!.address!;
    const payee = tx.outputs.find((o) => o.address !== payer && o.address.startsWith('1'))!.address;
    const dir = mkdtempSync(join(tmpdir(), 'ct-screen-'));
    const labels = join(dir, 'labels.csv');
    writeFileSync(labels, `chain,address,category,entity\nbtc,${payer},sanctioned,Test SDN\n`);
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

  it('screen with the real OFAC XBT list: a listed address is severe', async () => {
    const list = sharedPath('labels', 'ofac-lists', 'sanctioned_addresses_XBT.txt');
    const listed = readFileSync(list, 'utf8').split('\n').map((l) => l.trim()).find((l) => /^(1|3|bc1)/.test(l))!;
    const r = await runCli(['screen', listed, '--chain', 'btc', '--labels', list]);
    expect(r.code).toBe(0);
    const verdict = JSON.parse(r.stdout) as { risk: string; evidence: { labels: { category: string; source: string }[] } };
    expect(verdict.risk).toBe('severe');
    expect(verdict.evidence.labels[0]).toMatchObject({ category: 'sanctioned' });
  });
});
