import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { hasSharedData, NO_SHARED_DATA, SHARED_DATA } from '../../test/support/sharedData.ts';

const script = fileURLToPath(new URL('./screenWithdrawals.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

if (!hasSharedData) console.warn(NO_SHARED_DATA);

describe.skipIf(!hasSharedData)('example 02: screening withdrawal addresses', () => {
  it('blocks the OFAC-listed and 50%-rule addresses, passes the clean ones, rejects a bad one in one line', async () => {
    const { stdout } = await promisify(execFile)(tsx, [script, SHARED_DATA], { timeout: 90_000 });
    expect(stdout).toContain('eth 0x8589427373D6D84E98730D7795D8f6f8731FDA16: severe (direct sanctioned, ofac:sanctioned_addresses_ETH.txt)');
    expect(stdout).toContain('btc 123WBUDmSJv4GctdVEz6Qq6z8nXSKrJ4KX: severe (direct sanctioned, ofac:sanctioned_addresses_XBT.txt)');
    expect(stdout).toContain('eth 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed: none');
    expect(stdout).toContain('btc 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa: none');
    expect(stdout).toContain('eth 0x12345: rejected: "0x12345" is not a valid address on eip155:1');
    expect(stdout).toMatch(/eip155:31337 0x[0-9a-f]{40}: severe \(direct sanctioned, entities:blocked_50_percent\) \[source\]/);
    expect(stdout).toMatch(/eip155:31337 0x[0-9a-f]{40}: none \[source\]/);
  }, 120_000);
});
