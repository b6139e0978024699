import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedPath } from '../../../../test/support/sharedData.ts';
import { openBlockFiles } from './openBlockFiles.ts';
import { DataSourcePrevoutSource, loadPrevoutsFile } from './prevouts.ts';

const blocks = (file: string): string => sharedPath('bitcoin', 'blocks', file);

describe.skipIf(!hasSharedData)('openBlockFiles and DataSourcePrevoutSource', () => {
  it('answers outspends inside the files, and values another run through the DataSource prevout source', async () => {
    const source = await openBlockFiles({ paths: [blocks('block-277647.framed.dat')], prevoutsPath: blocks('block-277647.prevouts.json') });
    const prevouts = JSON.parse(readFileSync(blocks('block-277647.prevouts.json'), 'utf8')) as Record<string, { height: number }>;
    const inBlock = Object.entries(prevouts).find(([, p]) => p.height === 277647)![0];
    const [txid, vout] = inBlock.split(':') as [string, string];
    const spends = await source.getOutspends({ txid });
    expect(spends[Number(vout)]).toMatchObject({ spent: true });

    // The source as a prevout source: known outpoints answered from its transactions, unknown ones left out.
    const lookup = new DataSourcePrevoutSource({ source });
    const unknown = `${'ab'.repeat(32)}:0` as const;
    const got = await lookup.getPrevouts({ outpoints: [inBlock as `${string}:${number}`, unknown] });
    const tx = await source.getTransaction({ txid });
    expect(got.get(inBlock as `${string}:${number}`)).toEqual({
      value: tx.outputs[Number(vout)]!.value,
      address: tx.outputs[Number(vout)]!.address,
      scriptType: tx.outputs[Number(vout)]!.scriptType,
    });
    expect(got.has(unknown)).toBe(false);
    const file = await loadPrevoutsFile({ path: blocks('block-277647.prevouts.json') });
    expect(file.size).toBe(Object.keys(prevouts).length);
  });
});
