import { mkdtempSync, writeFileSync } from 'node:fs';
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
