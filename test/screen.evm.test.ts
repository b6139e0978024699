import {
  type AccountTransfer,
  CompactGraphBuilder,
  erc20Asset,
  type Label,
  type LabelLookup,
  MemoryAccountSource,
  parseUnits,
  screen,
} from '@chaintrail/core';
import { type TransactionReceipt, Wallet } from 'ethers';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../packages/cli/src/testing.ts';
import { EvmRpcSource } from '../packages/adapters/src/evm/rpc/EvmRpcSource.ts';
import { startAnvil, type TestAnvil } from './support/anvil.ts';
import { deployContract } from './support/contracts.ts';

const ETH = (text: string) => parseUnits(text, 18);

// On a real anvil chain: a faucet funds fresh wallets; the sanctioned wallet S pays a Splitter contract, which
// forwards half to an exchange deposit address A and half to shell 1; shell 1 pays shell 2, which pays deposit B.
// A clean wallet pays deposit C. S also deploys a token and moves it through shell 1 to deposit B.
describe('screen() on a real local EVM chain (anvil)', () => {
  let node: TestAnvil;
  let rpcSource: EvmRpcSource;
  let memory: MemoryAccountSource;
  let transfers: AccountTransfer[];
  const w: Record<string, string> = {};
  let token = '';
  let labels: LabelLookup;

  beforeAll(async () => {
    node = await startAnvil({ chainId: 31337, accounts: 2 });
    const faucet = node.wallets[0]!;
    const wallet = (byte: string) => new Wallet(`0x${byte.repeat(32)}`, node.provider);
    const [S, shell1, shell2, clean] = ['11', '22', '33', '44'].map(wallet) as [Wallet, Wallet, Wallet, Wallet];
    const [depositA, depositB, depositC] = ['55', '66', '77'].map((b) => wallet(b).address);
    Object.assign(w, { S: S.address, shell1: shell1.address, shell2: shell2.address, clean: clean.address, depositA, depositB, depositC, faucet: faucet.address });
    const send = async (from: Wallet, to: string, value: bigint): Promise<TransactionReceipt> =>
      (await (await from.sendTransaction({ to, value })).wait())!;
    await send(faucet, S.address, ETH('3'));
    await send(faucet, shell1.address, ETH('0.1'));
    await send(faucet, shell2.address, ETH('0.1'));
    await send(faucet, clean.address, ETH('1'));
    const splitter = await deployContract({ runner: S, name: 'Splitter', args: [depositA, shell1.address] });
    w.splitter = await splitter.getAddress();
    await send(S, w.splitter, ETH('2'));
    await send(shell1, shell2.address, ETH('1'));
    await send(shell2, depositB!, ETH('0.9'));
    await send(clean, depositC!, ETH('0.5'));
    const erc20 = await deployContract({ runner: S, name: 'Token', args: ['Blocked', 'BLK', 6, 1_000_000n] });
    token = (await erc20.getAddress()).toLowerCase();
    await (await (erc20.connect(S) as typeof erc20).getFunction('transfer')(shell1.address, 1000n)).wait();
    await (await (erc20.connect(shell1) as typeof erc20).getFunction('transfer')(depositB!, 600n)).wait();
    for (const k of Object.keys(w)) w[k] = w[k]!.toLowerCase();

    // Ingest every block through the real node's JSON-RPC (traces for the splitter's internal transfers).
    rpcSource = await EvmRpcSource.connect({ url: node.url, confirmations: 0 });
    const tip = await rpcSource.getTipHeight();
    transfers = [];
    for await (const block of rpcSource.getBlocks({ from: 1, to: tip })) transfers.push(...block.transfers);
    memory = new MemoryAccountSource({ chain: rpcSource.chain, transfers });
    const list: Label[] = [
      { chain: rpcSource.chain, address: w.S!, category: 'sanctioned', entity: 'SDN test entity', source: 'test:ofac', confidence: 100 },
      ...[w.depositA, w.depositB, w.depositC].map((address): Label => ({ chain: rpcSource.chain, address: address!, category: 'exchange', entity: 'Test Exchange', source: 'test:tagpack', confidence: 80 })),
    ];
    labels = { lookup: (chain, address) => list.filter((l) => l.chain === chain && l.address === address) };
  }, 120_000);

  afterAll(async () => {
    await node?.stop();
  });

  it('ingested the splitter’s internal transfers from the node’s traces', () => {
    const internal = transfers.filter((t) => t.kind === 'internal' && t.from === w.splitter);
    expect(internal.map((t) => [t.to, t.value])).toEqual([
      [w.depositA, ETH('1')],
      [w.shell1, ETH('1')],
    ]);
  });

  it('direct: the sanctioned address is severe', async () => {
    const r = await screen({ address: w.S!, chain: rpcSource.chain }, { labels, dataSource: memory });
    expect(r.risk).toBe('severe');
    expect(r.evidence.labels[0]).toMatchObject({ source: 'test:ofac', entity: 'SDN test entity' });
  });

  it('1 hop: the splitter received everything from the sanctioned address', async () => {
    const r = await screen({ address: w.splitter!, chain: rpcSource.chain }, { labels, dataSource: memory });
    expect(r.risk).toBe('high');
    expect(r.exposures).toEqual([expect.objectContaining({ category: 'sanctioned', kind: 'indirect', amount: ETH('2'), total: ETH('2'), share: '1.000000', hops: 1 })]);
    expect(r.evidence.paths[0]!.hops.map((h) => h.address)).toEqual([w.splitter, w.S]);
  });

  it('the exchange deposit address fed by the splitter: high, with the path through the splitter as evidence', async () => {
    const r = await screen({ address: w.depositA!, chain: rpcSource.chain }, { labels, dataSource: memory });
    expect(r.risk).toBe('high');
    const sanctioned = r.exposures.find((e) => e.kind === 'indirect')!;
    expect(sanctioned).toMatchObject({ category: 'sanctioned', amount: ETH('1'), share: '1.000000', hops: 2 });
    expect(r.exposures.find((e) => e.kind === 'direct')).toMatchObject({ category: 'exchange', entities: [{ entity: 'Test Exchange' }] });
    const path = r.evidence.paths[0]!;
    expect(path.hops.map((h) => h.address)).toEqual([w.depositA, w.splitter, w.S]);
    expect(path.hops.at(-1)!.label).toMatchObject({ category: 'sanctioned' });
  });

  it('3 hops: shell 2 is exposed through shell 1 and the splitter, and not within 2 hops', async () => {
    const r = await screen({ address: w.shell2!, chain: rpcSource.chain }, { labels, dataSource: memory, hops: 3 });
    expect(r.risk).toBe('high');
    const e = r.exposures[0]!;
    expect(e).toMatchObject({ category: 'sanctioned', kind: 'indirect', hops: 3 });
    // Shell 1 held 0.1 ETH of the faucet's and 1 ETH from the splitter: haircut attributes 1/1.1 of what it sent.
    expect(e.share > '0.8' && e.share < '0.83').toBe(true);
    expect((await screen({ address: w.shell2!, chain: rpcSource.chain }, { labels, dataSource: memory, hops: 2 })).risk).toBe('none');
    // The compact index gives the same level.
    const builder = new CompactGraphBuilder({ chain: rpcSource.chain });
    for (const t of transfers) builder.addTransfer(t, `${rpcSource.chain}/slip44:60`);
    const index = builder.build();
    const viaIndex = await screen({ address: w.shell2!, chain: rpcSource.chain }, { labels, index, hops: 3 });
    expect(viaIndex).toMatchObject({ risk: 'high', coverage: 'index' });
    expect(viaIndex.exposures[0]).toMatchObject({ category: 'sanctioned', hops: 3 });
  });

  it('clean: the deposit address fed by a clean wallet is none, byte-for-byte the same twice', async () => {
    const a = await screen({ address: w.depositC!, chain: rpcSource.chain }, { labels, dataSource: memory, hops: 5 });
    expect(a.risk).toBe('none');
    expect(a.exposures.map((e) => e.kind)).toEqual(['direct']);
    const b = await screen({ address: w.depositC!, chain: rpcSource.chain }, { labels, dataSource: memory, hops: 5 });
    expect(JSON.stringify(a, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).toBe(
      JSON.stringify(b, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
    );
  });

  it('chaintrail screen --rpc: the CLI verdict on the node, exit 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ct-screen-evm-'));
    const file = join(dir, 'labels.csv');
    const rows = [[w.S, 'sanctioned'], [w.depositA, 'exchange'], [w.depositB, 'exchange'], [w.depositC, 'exchange']];
    writeFileSync(file, `chain,address,category\n${rows.map(([a, c]) => `${rpcSource.chain},${a},${c}`).join('\n')}\n`);
    const r = await runCli(['screen', w.depositB!, '--chain', rpcSource.chain, '--labels', file, '--rpc', node.url, '--asset', token]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ risk: 'high', coverage: 'source' });
    const warned = await runCli(['screen', w.depositC!, '--chain', rpcSource.chain, '--labels', file, '--rpc', node.url]);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toMatch(/tokens only/);
  });

  it('chaintrail trace --rpc: the issuer’s tokens followed forward from the node, FIFO', async () => {
    const r = await runCli(['trace', '--rpc', node.url, '--network', rpcSource.chain, '--from', w.S!, '--asset', token, '--policy', 'fifo', '--max-hops', '3']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { frontier: { address: string; taint: string }[] };
    // The issuer minted 1,000,000 (all tainted: a seed), sent 1,000 to shell 1, which passed 600 to deposit B.
    expect(Object.fromEntries(doc.frontier.map((f) => [f.address, f.taint]))).toEqual({ [w.S!]: '999000', [w.shell1!]: '400', [w.depositB!]: '600' });
    expect(JSON.parse(r.stdout)).toMatchObject({ policy: 'fifo', truncated: null });
    // With labels, deposit B is an exchange: reported with the tokens it received, and the trace stops there.
    const dir = mkdtempSync(join(tmpdir(), 'ct-trace-evm-'));
    const file = join(dir, 'labels.csv');
    writeFileSync(file, `chain,address,category,entity\n${rpcSource.chain},${w.depositB},exchange,Test Exchange\n`);
    const labelled = await runCli(['trace', '--rpc', node.url, '--network', rpcSource.chain, '--from', w.S!, '--asset', token, '--policy', 'fifo', '--labels', file]);
    expect(JSON.parse(labelled.stdout)).toMatchObject({ reached: [{ entity: 'Test Exchange', category: 'exchange', taint: '600', stopped: true }] });
  });

  it('token flows, expanded lazily from the node itself: deposit B received tokens that trace back to the sanctioned issuer', async () => {
    const r = await screen({ address: w.depositB!, chain: rpcSource.chain }, { labels, dataSource: rpcSource, asset: erc20Asset(rpcSource.chain, token) });
    expect(r.risk).toBe('high');
    expect(r.exposures.find((e) => e.kind === 'indirect')).toMatchObject({ category: 'sanctioned', amount: 600n, total: 600n, hops: 2 });
  });
});
