import { readFileSync } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isChaintrailError } from '@chaintrail/core';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedPath } from '../../../../test/support/sharedData.ts';
import { loadBlockFiles } from './loadBlockFiles.ts';

const blocks = (file: string): string => sharedPath('bitcoin', 'blocks', file);

describe.skipIf(!hasSharedData)('loadBlockFiles', () => {
  it('values block 277647 from its prevouts file: fees sum to 4,737,355 sat, the coinbase pays 25 BTC + fees', async () => {
    const [block] = await loadBlockFiles({ paths: [blocks('block-277647.framed.dat')], prevoutsPath: blocks('block-277647.prevouts.json') });
    expect(block!.height).toBe(277647);
    const fees = block!.transactions.reduce((sum, tx) => sum + tx.fee!, 0n);
    expect(fees).toBe(4_737_355n);
    const coinbase = block!.transactions[0]!;
    expect(coinbase.fee).toBe(0n);
    expect(coinbase.outputs.reduce((sum, o) => sum + o.value, 0n)).toBe(2_500_000_000n + fees);
    for (const tx of block!.transactions.slice(1)) {
      expect(tx.fee! >= 0n).toBe(true);
      for (const input of tx.inputs) {
        expect(input.value).not.toBeNull();
        expect(input.address).not.toBeNull();
      }
    }
  });

  it('values inputs that spend earlier outputs of the run without a prevouts file, and leaves the rest null', async () => {
    const prevouts = JSON.parse(readFileSync(blocks('block-277647.prevouts.json'), 'utf8')) as Record<string, { height: number }>;
    const sameBlock = Object.values(prevouts).filter((p) => p.height === 277647).length;
    expect(sameBlock).toBeGreaterThan(0);
    const [block] = await loadBlockFiles({ paths: [blocks('block-277647.framed.dat')] });
    const inputs = block!.transactions.flatMap((tx) => tx.inputs);
    expect(inputs.filter((i) => i.value !== null)).toHaveLength(sameBlock);
    expect(inputs.filter((i) => i.value === null && i.address === null)).toHaveLength(inputs.length - sameBlock);
    expect(block!.transactions.filter((tx) => tx.fee === null).length).toBeGreaterThan(0);
  });

  it('reads several files and blocks in order, reporting progress', async () => {
    const seen: number[] = [];
    const result = await loadBlockFiles({
      paths: [blocks('block-13b8a.hex'), blocks('block-574200.raw')],
      onProgress: (p) => seen.push(p.done),
    });
    expect(result.map((b) => b.hash.slice(-8))).toEqual(['c7e0f7af', 'f5de59d2']);
    expect(seen).toEqual([1, 2]);
  });

  it('throws PARSE_ERROR naming the file for a bad file, and ABORTED when aborted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ct-btc-'));
    const bad = join(dir, 'cut.raw');
    writeFileSync(bad, readFileSync(blocks('block-574200.raw')).subarray(0, 5000));
    await expect(loadBlockFiles({ paths: [bad] })).rejects.toSatisfy((e) => isChaintrailError(e, 'PARSE_ERROR') && e.message.includes('cut.raw'));
    const controller = new AbortController();
    controller.abort();
    await expect(loadBlockFiles({ paths: [blocks('block-574200.raw')], signal: controller.signal })).rejects.toSatisfy((e) =>
      isChaintrailError(e, 'ABORTED'),
    );
  });
});
