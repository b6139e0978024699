import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../packages/cli/src/testing.ts';
import { startAnvil, type TestAnvil } from '../support/anvil.ts';
import { startAnvilExplorer } from '../support/anvilExplorer.ts';
import { deployContract } from '../support/contracts.ts';
import type { LocalServer } from '../support/httpServer.ts';

const lines = (stdout: string): Record<string, unknown>[] => stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('chaintrail evm commands on a real anvil chain', () => {
  let node: TestAnvil;
  let explorer: LocalServer;
  let splitHash: string;
  let tokenHash: string;
  let tip: number;
  const addr: Record<string, string> = {};

  beforeAll(async () => {
    node = await startAnvil({ chainId: 31337, accounts: 3 });
    const [s, a, b] = node.wallets;
    addr.a = a!.address.toLowerCase();
    addr.b = b!.address.toLowerCase();
    const splitter = await deployContract({ runner: s!, name: 'Splitter', args: [a!.address, b!.address] });
    addr.splitter = (await splitter.getAddress()).toLowerCase();
    splitHash = (await (await s!.sendTransaction({ to: addr.splitter, value: 10n ** 18n + 1n })).wait())!.hash;
    const token = await deployContract({ runner: s!, name: 'Token', args: ['Test Token', 'TST', 6, 10n ** 12n] });
    addr.token = (await token.getAddress()).toLowerCase();
    tokenHash = (await (await token.transfer(a!.address, 123456n)).wait())!.hash;
    tip = await node.provider.getBlockNumber();
    explorer = await startAnvilExplorer({ rpcUrl: node.url });
  });
  afterAll(async () => {
    await explorer?.close();
    await node?.stop();
  });

  it.each(['geth', 'parity', 'auto'])('evm ingest --traces %s prints one JSON line per transfer, values as decimal strings', async (traces) => {
    const r = await runCli(['evm', 'ingest', '--rpc', node.url, '--from', '0', '--to', String(tip), '--traces', traces, '--confirmations', '0']);
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    const split = out.filter((t) => t.txHash === splitHash && t.kind !== 'fee');
    expect(split.map((t) => [t.kind, t.from, t.to, t.value])).toEqual([
      ['native', node.accounts[0]!.address.toLowerCase(), addr.splitter, '1000000000000000001'],
      ['internal', addr.splitter, addr.a, '500000000000000000'],
      ['internal', addr.splitter, addr.b, '500000000000000001'],
    ]);
    const token = out.find((t) => t.txHash === tokenHash && t.kind === 'token')!;
    expect(token).toMatchObject({ asset: `eip155:31337/erc20:${addr.token}`, value: '123456', to: addr.a, status: 'success', logIndex: 0 });
    expect(new Set(out.map((t) => t.kind))).toEqual(new Set(['native', 'internal', 'token', 'fee']));
    expect(out.some((t) => t.kind === 'native' && t.value === '0')).toBe(false);
    expect(r.stderr).toContain(`${tip + 1} block(s), ${out.length} transfer(s) from eip155:31337`);
  });

  it('evm ingest --token-metadata adds the token symbol and decimals', async () => {
    const r = await runCli(['evm', 'ingest', '--rpc', node.url, '--from', String(tip), '--to', String(tip), '--token-metadata']);
    expect(lines(r.stdout).find((t) => t.kind === 'token')).toMatchObject({ token: { symbol: 'TST', decimals: 6 } });
  });

  it('evm ingest --traces none warns on stderr what it could not see; --strict exits 1', async () => {
    const r = await runCli(['evm', 'ingest', '--rpc', node.url, '--from', '0', '--to', String(tip), '--traces', 'none']);
    expect(r.code).toBe(0);
    expect(lines(r.stdout).some((t) => t.kind === 'internal')).toBe(false);
    expect(r.stderr).toMatch(/degraded: internal transfers unknown for \d+ contract transaction/);
    const strict = await runCli(['evm', 'ingest', '--rpc', node.url, '--from', '0', '--to', String(tip), '--traces', 'none', '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('[UNSUPPORTED]');
  });

  it('evm tx prints the transfers of one transaction', async () => {
    const r = await runCli(['evm', 'tx', splitHash, '--rpc', node.url]);
    expect(r.code).toBe(0);
    expect(lines(r.stdout).map((t) => t.kind)).toEqual(['native', 'internal', 'internal', 'fee', 'fee']);
  });

  it('evm address walks an explorer API', async () => {
    const r = await runCli(['evm', 'address', addr.a!, '--explorer', explorer.url, '--api-key', 'k', '--chain-id', '31337']);
    expect(r.code).toBe(0);
    expect(lines(r.stdout).map((t) => [t.kind, t.value])).toEqual([
      ['internal', '500000000000000000'],
      ['token', '123456'],
    ]);
  });

  it('evm address --rpc finds token history on the node itself', async () => {
    const r = await runCli(['evm', 'address', addr.a!, '--rpc', node.url, '--direction', 'in']);
    expect(r.code).toBe(0);
    expect(lines(r.stdout).map((t) => [t.kind, t.value, t.to])).toEqual([['token', '123456', addr.a]]);
    expect((await runCli(['evm', 'address', addr.a!])).code).toBe(2);
  });

  it('evm ingest --batch-size 1 (a node that refuses batches) gives the same lines', async () => {
    const args = ['evm', 'ingest', '--rpc', node.url, '--from', '0', '--to', String(tip), '--traces', 'parity', '--confirmations', '0'];
    const batched = await runCli(args);
    const single = await runCli([...args, '--batch-size', '1']);
    expect(single.code).toBe(0);
    expect(single.stdout).toBe(batched.stdout);
  });

  it('exits 2 on bad usage and 1 on an unreachable node, with one line', async () => {
    expect((await runCli(['evm', 'ingest', '--rpc', node.url, '--from', '5'])).code).toBe(2);
    expect((await runCli(['evm', 'ingest', '--rpc', node.url, '--from', '0', '--to', '1', '--traces', 'bogus'])).code).toBe(2);
    expect((await runCli(['evm', 'tx', 'nothex', '--rpc', node.url])).code).toBe(2);
    const down = await runCli(['evm', 'tx', splitHash, '--rpc', 'http://127.0.0.1:9/', '--chain-id', '1', '--retries', '0']);
    expect(down.code).toBe(1);
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
  });
});
