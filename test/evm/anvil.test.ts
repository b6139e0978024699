import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEther } from 'ethers';
import { isChaintrailError } from '@chaintrail/core';
import { startAnvil as startAnvilNode } from '../../packages/adapters/src/evm/anvil.ts';
import { startAnvil, type TestAnvil } from '../support/anvil.ts';
import { compileContracts, deployContract } from '../support/contracts.ts';

describe('test harness: a real anvil node and the compiled test contracts', () => {
  let node: TestAnvil;
  beforeAll(async () => {
    node = await startAnvil({ chainId: 1337, accounts: 4 });
  });
  afterAll(() => node?.stop());

  it('starts on 127.0.0.1 with the requested chain id and funded dev accounts with their keys', async () => {
    expect(node.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(node.accounts).toHaveLength(4);
    expect(node.accounts[0]!.address).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
    expect(node.wallets[0]!.address).toBe(node.accounts[0]!.address);
    expect((await node.provider.getNetwork()).chainId).toBe(1337n);
    expect(await node.provider.getBalance(node.accounts[1]!.address)).toBe(parseEther('10000'));
  });

  it('compiles the shipped contracts and deploys a splitter that forwards ether to two payees', async () => {
    const names = Object.keys(compileContracts());
    expect(names).toEqual(expect.arrayContaining(['Token', 'Bytes32Token', 'Nft', 'Splitter', 'Reverter', 'Destructible', 'Factory']));
    const [sender, a, b] = node.wallets;
    const splitter = await deployContract({ runner: sender!, name: 'Splitter', args: [a!.address, b!.address] });
    const before = await node.provider.getBalance(b!.address);
    const tx = await sender!.sendTransaction({ to: await splitter.getAddress(), value: 1001n });
    await tx.wait();
    expect((await node.provider.getBalance(b!.address)) - before).toBe(501n);
  });

  it('stops: the port no longer answers', async () => {
    const other = await startAnvilNode({ accounts: 1 });
    await other.stop();
    await other.stop();
    expect(other.process.exitCode !== null || other.process.signalCode !== null).toBe(true);
    await expect(fetch(other.url, { method: 'POST', body: '{}' })).rejects.toThrow();
  });

  it('fails with a typed error when the binary cannot run', async () => {
    const e = await startAnvilNode({ binary: '/nonexistent/anvil' }).catch((x: unknown) => x);
    expect(isChaintrailError(e, 'UNSUPPORTED')).toBe(true);
  });
});
