import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const script = fileURLToPath(new URL('./comparePolicies.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

it('compares poison, haircut and FIFO on the demo trace', async () => {
  const { stdout } = await promisify(execFile)(tsx, [script], { timeout: 90_000 });
  expect(stdout).toContain('Kestrel Exchange: poison 90 | haircut 67.5 | fifo 65');
  expect(stdout).toContain('poison: seeded 300 ETH, absorbed (clean value declared tainted) 25 ETH');
  expect(stdout).toContain('haircut: seeded 300 ETH, absorbed (clean value declared tainted) 0 ETH');
}, 120_000);
