import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasJupyter, NO_JUPYTER, runNotebook } from '../../test/support/notebook.ts';

if (!hasJupyter) console.warn(NO_JUPYTER);

describe.skipIf(!hasJupyter)('the compare-policies notebook', () => {
  it('executes headlessly on the Deno TypeScript kernel', async () => {
    const { cells } = await runNotebook(fileURLToPath(new URL('./comparePolicies.ipynb', import.meta.url)));
    expect(cells[0]).toContain('10 transactions, 13 transfers');
    expect(cells[1]).toBe('poison: Kestrel Exchange 90 ETH\nhaircut: Kestrel Exchange 67.5 ETH\nfifo: Kestrel Exchange 65 ETH\n');
  }, 150_000);
});
