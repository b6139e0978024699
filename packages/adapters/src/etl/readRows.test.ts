import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isChaintrailError } from '@chaintrail/core';
import { afterAll, describe, expect, it } from 'vitest';
import { lastEtlRow, readEtlRecords } from './readRows.ts';

const dir = mkdtempSync(join(tmpdir(), 'chaintrail-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const all = async (params: Parameters<typeof readEtlRecords>[0]) => {
  const out = [];
  for await (const r of readEtlRecords(params)) out.push(r);
  return out;
};

describe('readEtlRecords', () => {
  it('gives each CSV row the line it starts on, across quoted line breaks, and empty fields as null', async () => {
    const path = write('a.csv', 'hash,input,trace_address\n0x1,"a\nb",\n0x2,0x,"0,1"\n');
    const rows = await all({ path });
    expect(rows.map((r) => [r.line, r.row])).toEqual([
      [2, { hash: '0x1', input: 'a\nb', trace_address: null }],
      [4, { hash: '0x2', input: '0x', trace_address: '0,1' }],
    ]);
    expect(rows.at(-1)!.bytes).toBe(Buffer.byteLength('hash,input,trace_address\n0x1,"a\nb",\n0x2,0x,"0,1"\n'));
  });

  it('refuses a CSV header without a required column, naming it', async () => {
    const path = write('b.csv', 'hash,from\n0x1,0x2\n');
    const e = await all({ path, required: ['hash', 'from_address'] }).catch((x: unknown) => x);
    expect(isChaintrailError(e, 'PARSE_ERROR')).toBe(true);
    expect((e as Error).message).toContain('from_address');
  });

  it('is NOT_FOUND for a file that is not there', async () => {
    const e = await all({ path: join(dir, 'none.jsonl') }).catch((x: unknown) => x);
    expect(isChaintrailError(e, 'NOT_FOUND')).toBe(true);
  });
});

describe('lastEtlRow', () => {
  it('reads the last row from the end of JSON Lines and CSV files, and null for a header alone', async () => {
    const long = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ block_number: String(i), pad: 'x'.repeat(20) })).join('\n');
    expect(await lastEtlRow({ path: write('c.jsonl', `${long}\n\n`) })).toEqual({ block_number: '4999', pad: 'x'.repeat(20) });
    expect(await lastEtlRow({ path: write('d.csv', 'number,hash\n1,0xa\n2,0xb\n') })).toEqual({ number: '2', hash: '0xb' });
    expect(await lastEtlRow({ path: write('e.csv', 'number,hash\n') })).toBeNull();
    // A last line longer than the first window (a creation's input).
    const big = `${long}\n${JSON.stringify({ block_number: '5000', input: `0x${'ab'.repeat(100_000)}` })}\n`;
    expect((await lastEtlRow({ path: write('f.jsonl', big) }))?.block_number).toBe('5000');
  });
});
