import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isChaintrailError, type AccountTransfer } from '@chaintrail/core';
import { EtherscanSource } from '../../packages/adapters/src/evm/explorer/EtherscanSource.ts';
import { EvmRpcSource } from '../../packages/adapters/src/evm/rpc/EvmRpcSource.ts';
import { startAnvil, type TestAnvil } from '../support/anvil.ts';
import { startAnvilExplorer } from '../support/anvilExplorer.ts';
import type { LocalServer } from '../support/httpServer.ts';
import { deployContract } from '../support/contracts.ts';

const line = (t: AccountTransfer): string =>
  [t.txHash, t.kind, t.from, t.to, t.value, t.status, t.traceAddress?.join('.') ?? '', t.logIndex ?? '', t.tokenId ?? '', t.asset].join(' ');

describe('EtherscanSource against an Etherscan-compatible API over a real anvil chain', () => {
  let node: TestAnvil;
  let explorer: LocalServer;
  let a: string;

  beforeAll(async () => {
    node = await startAnvil({ chainId: 1337, accounts: 3 });
    const [s, wa, wb] = node.wallets;
    a = wa!.address.toLowerCase();
    const splitter = await deployContract({ runner: s!, name: 'Splitter', args: [wa!.address, wb!.address] });
    await (await s!.sendTransaction({ to: await splitter.getAddress(), value: 1001n })).wait();
    const token = await deployContract({ runner: s!, name: 'Token', args: ['T', 'T', 18, 10n ** 20n] });
    await (await token.transfer(wa!.address, 5n)).wait();
    const nft = await deployContract({ runner: s!, name: 'Nft' });
    await (await nft.mint(wa!.address, 3n)).wait();
    await (await (nft.connect(wa!) as typeof nft).transferFrom(wa!.address, wb!.address, 3n)).wait();
    const rev = await deployContract({ runner: s!, name: 'Reverter' });
    await (await rev.connect(wa!)).getFunction('forwardThenRevert')(wb!.address, { value: 3n, gasLimit: 200_000n }).then((tx: any) => tx.wait()).catch(() => undefined);
    for (let i = 1n; i <= 5n; i++) await (await wa!.sendTransaction({ to: wb!.address, value: i })).wait();
    explorer = await startAnvilExplorer({ rpcUrl: node.url, rateLimited: 2, apiKey: 'k' });
  });
  afterAll(async () => {
    await explorer?.close();
    await node?.stop();
  });

  const walk = async (source: EtherscanSource, params: { direction?: 'in' | 'out' | 'both'; limit?: number } = {}) => {
    const all: AccountTransfer[] = [];
    let pages = 0;
    for (let cursor: string | null | undefined; cursor !== null; pages++) {
      const page = await source.getAddressTransfers({ address: a, ...params, ...(cursor ? { cursor } : {}) });
      all.push(...page.items);
      cursor = page.next;
    }
    return { all, pages };
  };

  it('gives the same native, internal, token and nft history of an address as ingesting the chain does', async () => {
    const source = new EtherscanSource({ url: explorer.url, apiKey: 'k', chainId: 1337, backoffMs: 1 });
    const { all, pages } = await walk(source, { limit: 2 });
    const rpc = new EvmRpcSource({ url: node.url, chainId: 1337, confirmations: 0 });
    const expected: AccountTransfer[] = [];
    for await (const b of rpc.getBlocks({ from: 0, to: await rpc.getTipHeight() })) {
      expected.push(...b.transfers.filter((t) => t.kind !== 'fee' && (t.from === a || t.to === a)));
    }
    const byList = (ts: AccountTransfer[]) => [...ts].sort((x, y) => (line(x) < line(y) ? -1 : 1)).map(line);
    expect(byList(all)).toEqual(byList(expected));
    expect(all.map((t) => t.kind)).toEqual(expect.arrayContaining(['native', 'internal', 'token', 'nft']));
    expect(all.find((t) => t.kind === 'native' && t.status === 'failed')?.value).toBe(3n);
    expect(pages).toBeGreaterThan(4);
  });

  it('filters by direction', async () => {
    const source = new EtherscanSource({ url: explorer.url, apiKey: 'k', chainId: 1337, backoffMs: 1 });
    const { all } = await walk(source, { direction: 'in' });
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((t) => t.to === a)).toBe(true);
  });

  it('says RATE_LIMITED when the explorer keeps refusing, and HTTP_ERROR for a refused key', async () => {
    const limited = await startAnvilExplorer({ rpcUrl: node.url, rateLimited: 100 });
    try {
      const source = new EtherscanSource({ url: limited.url, chainId: 1337, backoffMs: 1, rateLimitRetries: 2 });
      const e = await source.getAddressTransfers({ address: a }).catch((x: unknown) => x);
      expect(isChaintrailError(e, 'RATE_LIMITED')).toBe(true);
    } finally {
      await limited.close();
    }
    const bad = new EtherscanSource({ url: explorer.url, apiKey: 'wrong', chainId: 1337, backoffMs: 1 });
    const e = await bad.getAddressTransfers({ address: a }).catch((x: unknown) => x);
    expect(isChaintrailError(e, 'HTTP_ERROR')).toBe(true);
    expect(JSON.stringify(e)).not.toContain('wrong');
  });
});
