import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EvmRpcSource } from '@chaintrail/adapters';
import type { AccountBlock, AccountTransfer } from '@chaintrail/core';
import { openStore } from '@chaintrail/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../packages/cli/src/testing.ts';
import { startAnvil, type TestAnvil } from '../support/anvil.ts';
import { deployContract } from '../support/contracts.ts';
import { dumpStore } from '../support/storeDump.ts';

const dir = mkdtempSync(join(tmpdir(), 'chaintrail-evm-store-'));
let node: TestAnvil;
beforeAll(async () => {
  node = await startAnvil({ chainId: 1337, accounts: 4 });
});
afterAll(async () => {
  await node?.stop();
  rmSync(dir, { recursive: true, force: true });
});

// The store keeps no `unconfirmed` flag: it re-checks recent blocks on the next run instead.
const settled = (t: AccountTransfer) => {
  const { unconfirmed: _unconfirmed, ...rest } = t;
  return rest;
};

async function sourceBlocks(from: number, to: number): Promise<AccountBlock[]> {
  const source = new EvmRpcSource({ url: node.url, chainId: 1337 });
  const out: AccountBlock[] = [];
  for await (const b of source.getBlocks({ from, to })) out.push(b);
  return out;
}

describe('chaintrail ingest evm into a store, from a real anvil node', () => {
  it('stores what the node reports, then follows a real reorg (evm_revert) and ends equal to a clean ingest', async () => {
    const [s, a, b] = node.wallets;
    const splitter = await deployContract({ runner: s!, name: 'Splitter', args: [a!.address, b!.address] });
    await (await s!.sendTransaction({ to: await splitter.getAddress(), value: 1001n })).wait();
    const fork = (await node.provider.send('evm_snapshot', [])) as string;
    await (await s!.sendTransaction({ to: a!.address, value: 5n })).wait();
    await (await a!.sendTransaction({ to: b!.address, value: 7n })).wait();
    const tip = await node.provider.getBlockNumber();

    const path = join(dir, 'evm.db');
    const first = await runCli(['ingest', 'evm', '--store', path, '--rpc', node.url, '--from', '0', '--to', String(tip), '--confirmations', '4']);
    expect(first.code, first.stderr).toBe(0);
    const store = await openStore({ url: path });
    try {
      const eth = store.account('eip155:1337');
      const expected = (await sourceBlocks(0, tip)).flatMap((blk) => blk.transfers).map(settled);
      const stored = [];
      for await (const blk of eth.getBlocks({ from: 0, to: tip })) stored.push(...blk.transfers);
      expect(stored).toEqual(expected);
      expect(stored.some((t) => t.kind === 'internal')).toBe(true);

      // Replace the last two blocks: revert to the snapshot and mine different transactions at the same heights.
      await node.provider.send('evm_revert', [fork]);
      await (await s!.sendTransaction({ to: b!.address, value: 11n })).wait();
      await (await b!.sendTransaction({ to: a!.address, value: 13n })).wait();
      await (await b!.sendTransaction({ to: a!.address, value: 17n })).wait();
      const newTip = await node.provider.getBlockNumber();
      const again = await runCli(['ingest', 'evm', '--store', path, '--rpc', node.url, '--from', '0', '--to', String(newTip), '--confirmations', '4']);
      expect(again.code, again.stderr).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ reorgFrom: tip - 1, checkpoint: { height: newTip } });
      const values = (await eth.getAddressTransfers({ address: a!.address.toLowerCase(), direction: 'in', limit: 1000 })).items
        .filter((t) => t.kind === 'native')
        .map((t) => t.value);
      expect(values).not.toContain(5n);
      expect(values).toEqual(expect.arrayContaining([13n, 17n]));

      const cleanPath = join(dir, 'clean.db');
      expect((await runCli(['ingest', 'evm', '--store', cleanPath, '--rpc', node.url, '--from', '0', '--to', String(newTip)])).code).toBe(0);
      const clean = await openStore({ url: cleanPath });
      const [got, want] = [await dumpStore(store), await dumpStore(clean)];
      await clean.close();
      expect(got.account_transfers).toEqual(want.account_transfers);
      expect(got.blocks).toEqual(want.blocks);
    } finally {
      await store.close();
    }
  }, 90_000);
});
