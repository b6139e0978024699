import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBlockFiles } from '@chaintrail/adapters';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../packages/cli/src/testing.ts';
import { hasSharedData, sharedPath } from './support/sharedData.ts';

const dir = mkdtempSync(join(tmpdir(), 'chaintrail-cli-index-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BLOCK = sharedPath('bitcoin', 'blocks', 'block-277647.framed.dat');
const PREVOUTS = sharedPath('bitcoin', 'blocks', 'block-277647.prevouts.json');

describe.skipIf(!hasSharedData)('chaintrail index build, then screen and trace on the store', () => {
  it('screens from the saved index once built, from the store rows before, with the same verdict', async () => {
    const [block] = await loadBlockFiles({ paths: [BLOCK], prevoutsPath: PREVOUTS });
    const tx = block!.transactions[1]!;
    const payer = tx.inputs[0]!.address!;
    const payee = tx.outputs[0]!.address;
    const labels = join(dir, 'labels.csv');
    writeFileSync(labels, `chain,address,category,entity\nbtc,${payer},sanctioned,Test SDN\n`);
    const store = join(dir, 'chain.db');
    expect((await runCli(['ingest', 'btc', '--store', store, '--blocks', BLOCK, '--prevouts', PREVOUTS, '--quiet'])).code).toBe(0);

    const screenIt = async () => {
      const r = await runCli(['screen', payee, '--chain', 'btc', '--labels', labels, '--store', store, '--hops', '2']);
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout) as { risk: string; coverage: string; exposures: { category: string; kind: string }[] };
    };
    const walked = await screenIt();
    expect(walked).toMatchObject({ coverage: 'source' });
    expect(walked.exposures).toContainEqual(expect.objectContaining({ category: 'sanctioned', kind: 'indirect' }));

    const built = await runCli(['index', 'build', '--store', store, '--chain', 'btc']);
    expect(built.stderr).toBe('');
    expect(JSON.parse(built.stdout)).toMatchObject({ store, chain: 'bip122:000000000019d6689c085ae165831e93', tip: 277647, asset: null });
    const indexed = await screenIt();
    expect(indexed.coverage).toBe('index');
    expect(indexed.risk).toBe(walked.risk);
    expect(indexed.exposures.map((e) => [e.category, e.kind])).toEqual(walked.exposures.map((e) => [e.category, e.kind]));

    // trace reads the same store as a data source.
    const traced = await runCli(['trace', '--store', store, '--from', `${tx.txid}:0`, '--policy', 'haircut', '--quiet']);
    expect(traced.code).toBe(0);
    expect(JSON.parse(traced.stdout)).toMatchObject({ policy: 'haircut', chain: 'bip122:000000000019d6689c085ae165831e93' });
  });

  it('refuses options that do not fit, with exit code 2', async () => {
    const store = join(dir, 'other.db');
    expect((await runCli(['index', 'build', '--store', store, '--chain', 'btc', '--asset', 'native'])).code).toBe(2);
    expect((await runCli(['index', 'build', '--store', store, '--chain', 'eth', '--asset', '0x12'])).code).toBe(2);
    const both = await runCli(['screen', '1BoatSLRHtKNngkdXEeobR76b53LETtpyX', '--chain', 'btc', '--labels', join(dir, 'labels.csv'), '--store', store, '--esplora', 'http://127.0.0.1:9']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give one of --blocks, --esplora, --rpc or --store');
  });
});
