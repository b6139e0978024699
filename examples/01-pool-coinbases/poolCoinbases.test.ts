import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { hasSharedData, NO_SHARED_DATA, SHARED_DATA } from '../../test/support/sharedData.ts';
import { hasJupyter, NO_JUPYTER, runNotebook } from '../../test/support/notebook.ts';

const script = fileURLToPath(new URL('./poolCoinbases.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

const EXPECTED = [
  'block 277647: BTC Guild (by tag: BTC Guild), coinbase pays 25.04737355 BTC to 14cZMQk89mRYQkDEj8Rn25AnGoBi5H6uer',
  'block 413567: F2Pool',
  'block 574200: BTC.com (by tag: /BTC.COM/), coinbase pays 13.00076961 BTC',
  'BTC Guild coinbase of 277647: 25.04737355 BTC followed',
  '25.04737355 BTC at 14cZMQk89mRYQkDEj8Rn25AnGoBi5H6uer (unknown), unspent after 0 hops',
];

describe.skipIf(!hasSharedData)('example 01: pool coinbases on the real blocks', () => {
  it('attributes the coinbases and follows BTC Guild’s payout', async () => {
    const { stdout } = await promisify(execFile)(tsx, [script, SHARED_DATA], { timeout: 90_000 });
    for (const line of EXPECTED) expect(stdout).toContain(line);
  }, 120_000);

  it.skipIf(!hasJupyter)('runs as a notebook on the Deno TypeScript kernel', async () => {
    const { cells } = await runNotebook(fileURLToPath(new URL('./poolCoinbases.ipynb', import.meta.url)));
    const all = cells.join('');
    for (const line of EXPECTED) expect(all).toContain(line);
  }, 150_000);
});

if (!hasSharedData) console.warn(NO_SHARED_DATA);
if (!hasJupyter) console.warn(NO_JUPYTER);
