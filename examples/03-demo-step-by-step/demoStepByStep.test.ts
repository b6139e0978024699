import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const script = fileURLToPath(new URL('./demoStepByStep.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

it('runs the demo step by step and explains the deposit-address merge', async () => {
  const { stdout } = await promisify(execFile)(tsx, [script], { timeout: 90_000 });
  expect(stdout).toContain('1. played 10 transactions on eip155:31337');
  expect(stdout).toMatch(/2\. ingested 13 transfers \(4 internal, from (parity|geth) traces\)/);
  expect(stdout).toContain('harbourline: blocked_50_percent');
  expect(stdout).toMatch(/4\. 0x[0-9a-f]{40} ~ 0x[0-9a-f]{40}: deposit-address \(confidence 60\)/);
  expect(stdout).toContain("4. the honest customer is not in Harbourline's cluster: true");
  expect(stdout).toContain('5. Kestrel Exchange (exchange) received 67.5 ETH of taint, 4 hops away');
  expect(stdout).toContain('6. Kestrel deposit address of Harbourline: severe (entities:blocked_50_percent via cluster)');
}, 120_000);
