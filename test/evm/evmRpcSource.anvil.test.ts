import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransactionReceipt } from 'ethers';
import { isChaintrailError, type AccountBlock, type AccountTransfer } from '@chaintrail/core';
import { EvmRpcSource, type Degradation } from '../../packages/adapters/src/evm/rpc/EvmRpcSource.ts';
import { readTokenMetadata } from '../../packages/adapters/src/evm/tokens/tokenMetadata.ts';
import { startAnvil, type TestAnvil } from '../support/anvil.ts';
import { deployContract, revertedReceipt } from '../support/contracts.ts';

/** What the chain must show for one transfer (fees are checked apart, by arithmetic on the receipts). */
const line = (t: AccountTransfer): string =>
  [t.kind, t.from ?? 'null', t.to ?? 'null', t.value, t.status, t.traceAddress?.join('.') ?? '', t.logIndex ?? '', t.tokenId ?? '', t.asset.split('/')[1]].join(' ');

describe('EvmRpcSource on a real anvil chain', () => {
  let node: TestAnvil;
  type Step = 'tokenDeploy' | 'tokenTransfer' | 'split' | 'failed' | 'tryForward' | 'delegate' | 'dDeploy' | 'destroy' | 'create' | 'create2' | 'mint' | 'nftMove';
  const r = {} as Record<Step, TransactionReceipt>;
  const addr: Record<string, string> = {};
  let lastBlock = 0;

  beforeAll(async () => {
    node = await startAnvil({ chainId: 1337, accounts: 4 });
    const [s, a, b, c] = node.wallets;
    for (const [k, w] of Object.entries({ s, a, b, c })) addr[k] = w!.address.toLowerCase();
    const wait = async (p: Promise<{ wait(): Promise<TransactionReceipt | null> }>): Promise<TransactionReceipt> => (await (await p).wait())!;

    const token = await deployContract({ runner: s!, name: 'Token', args: ['Test Token', 'TST', 6, 1_000_000n] });
    addr.token = (await token.getAddress()).toLowerCase();
    r.tokenDeploy = (await token.deploymentTransaction()!.wait())!;
    r.tokenTransfer = await wait(token.transfer(a!.address, 2500n));

    const splitter = await deployContract({ runner: s!, name: 'Splitter', args: [a!.address, b!.address] });
    addr.splitter = (await splitter.getAddress()).toLowerCase();
    r.split = await wait(s!.sendTransaction({ to: addr.splitter, value: 1001n }));

    const rev = await deployContract({ runner: s!, name: 'Reverter' });
    addr.rev = (await rev.getAddress()).toLowerCase();
    // An explicit gas limit: ethers would refuse to send a call it can see reverting.
    r.failed = await revertedReceipt(rev.forwardThenRevert(b!.address, { value: 9n, gasLimit: 200_000n }));
    r.tryForward = await wait(rev.tryForward(c!.address, { value: 55n, gasLimit: 500_000n }));
    r.delegate = await wait(rev.payViaDelegate(c!.address, { value: 7n }));

    const d = await deployContract({ runner: s!, name: 'Destructible', value: 777n });
    addr.d = (await d.getAddress()).toLowerCase();
    r.dDeploy = (await d.deploymentTransaction()!.wait())!;
    r.destroy = await wait(d.destroy(a!.address));

    const factory = await deployContract({ runner: s!, name: 'Factory' });
    addr.factory = (await factory.getAddress()).toLowerCase();
    r.create = await wait(factory.create({ value: 40n }));
    r.create2 = await wait(factory.create2(`0x${'11'.repeat(32)}`, { value: 41n }));
    const created = (rc: TransactionReceipt): string => factory.interface.parseLog(rc.logs[0]!)!.args[0].toLowerCase();
    addr.child1 = created(r.create);
    addr.child2 = created(r.create2);

    const nft = await deployContract({ runner: s!, name: 'Nft' });
    addr.nft = (await nft.getAddress()).toLowerCase();
    r.mint = await wait(nft.mint(a!.address, 7n));
    r.nftMove = await wait((nft.connect(a!) as typeof nft).transferFrom(a!.address, b!.address, 7n));
    lastBlock = r.nftMove.blockNumber;
  });
  afterAll(() => node?.stop());

  const ingest = async (traces: 'geth' | 'parity' | 'none', extra: { strict?: boolean; onDegraded?: (d: Degradation) => void } = {}) => {
    const source = new EvmRpcSource({ url: node.url, chainId: node.chainId, traces, confirmations: 0, ...extra });
    const blocks: AccountBlock[] = [];
    for await (const block of source.getBlocks({ from: 0, to: lastBlock })) blocks.push(block);
    return { source, blocks, transfers: blocks.flatMap((b) => b.transfers) };
  };
  const ofTx = (all: readonly AccountTransfer[], rc: TransactionReceipt, withFees = false): string[] =>
    all.filter((t) => t.txHash === rc.hash && (withFees || t.kind !== 'fee')).map(line);

  describe.each(['geth', 'parity'] as const)('with %s traces', (traces) => {
    let transfers: AccountTransfer[];
    let blocks: AccountBlock[];
    beforeAll(async () => {
      ({ transfers, blocks } = await ingest(traces));
    });

    it('gives every block of the range in order, each with its hash and time', async () => {
      expect(blocks.map((b) => b.number)).toEqual([...Array(lastBlock + 1).keys()]);
      const header = await node.provider.getBlock(r.split.blockNumber);
      const b = blocks[r.split.blockNumber]!;
      expect([b.hash, b.time]).toEqual([header!.hash, header!.timestamp]);
      expect(b.chain).toBe('eip155:1337');
    });

    it('mints and moves ERC-20 tokens as token transfers with the CAIP-19 asset', () => {
      expect(ofTx(transfers, r.tokenDeploy)).toEqual([`token null ${addr.s} 1000000 success  0  erc20:${addr.token}`]);
      expect(ofTx(transfers, r.tokenTransfer)).toEqual([`token ${addr.s} ${addr.a} 2500 success  0  erc20:${addr.token}`]);
    });

    it('counts the splitter forwarding ether to two payees as two internal transfers', () => {
      expect(ofTx(transfers, r.split)).toEqual([
        `native ${addr.s} ${addr.splitter} 1001 success    slip44:60`,
        `internal ${addr.splitter} ${addr.a} 500 success 0   slip44:60`,
        `internal ${addr.splitter} ${addr.b} 501 success 1   slip44:60`,
      ]);
    });

    it('moves no value in a failed transaction: its native transfer is failed and its inner call is not counted', () => {
      expect(r.failed.status).toBe(0);
      expect(ofTx(transfers, r.failed)).toEqual([`native ${addr.s} ${addr.rev} 9 failed    slip44:60`]);
    });

    it('counts nothing from a reverted frame or its children inside a successful transaction', () => {
      expect(r.tryForward.status).toBe(1);
      expect(ofTx(transfers, r.tryForward)).toEqual([`native ${addr.s} ${addr.rev} 55 success    slip44:60`]);
    });

    it('moves no value by STATICCALL or DELEGATECALL, only by the CALL after them', () => {
      expect(ofTx(transfers, r.delegate)).toEqual([
        `native ${addr.s} ${addr.rev} 7 success    slip44:60`,
        `internal ${addr.rev} ${addr.c} 7 success 2   slip44:60`,
      ]);
    });

    it('follows value into a created contract and out by SELFDESTRUCT', () => {
      expect(ofTx(transfers, r.dDeploy)).toEqual([`native ${addr.s} ${addr.d} 777 success    slip44:60`]);
      expect(ofTx(transfers, r.destroy)).toEqual([`internal ${addr.d} ${addr.a} 777 success 0   slip44:60`]);
    });

    it('counts value sent by CREATE and CREATE2', () => {
      expect(ofTx(transfers, r.create)).toEqual([
        `native ${addr.s} ${addr.factory} 40 success    slip44:60`,
        `internal ${addr.factory} ${addr.child1} 40 success 0   slip44:60`,
      ]);
      expect(ofTx(transfers, r.create2)).toEqual([
        `native ${addr.s} ${addr.factory} 41 success    slip44:60`,
        `internal ${addr.factory} ${addr.child2} 41 success 0   slip44:60`,
      ]);
    });

    it('keeps ERC-721 transfers apart as nft, with the token id', () => {
      expect(ofTx(transfers, r.mint)).toEqual([`nft null ${addr.a} 1 success  0 7 erc721:${addr.nft}`]);
      expect(ofTx(transfers, r.nftMove)).toEqual([`nft ${addr.a} ${addr.b} 1 success  0 7 erc721:${addr.nft}`]);
    });

    it('charges each sender its fee, failed transactions included: base fee burned, the rest to the fee recipient', async () => {
      for (const rc of Object.values(r)) {
        const fees = transfers.filter((t) => t.txHash === rc.hash && t.kind === 'fee');
        const block = await node.provider.getBlock(rc.blockNumber);
        expect(fees.every((f) => f.from === rc.from.toLowerCase())).toBe(true);
        expect(fees.reduce((s, f) => s + f.value, 0n)).toBe(rc.gasUsed * rc.gasPrice);
        expect(fees.find((f) => f.to === null)?.value).toBe(rc.gasUsed * block!.baseFeePerGas!);
      }
    });

    it('conserves value: the balance change of every account equals its ingested ether inflows minus outflows', async () => {
      const delta = new Map<string, bigint>();
      const add = (who: string | null, v: bigint) => {
        if (who !== null) delta.set(who, (delta.get(who) ?? 0n) + v);
      };
      for (const t of transfers) {
        if (!t.asset.endsWith('/slip44:60') || t.status !== 'success') continue;
        add(t.from, -t.value);
        add(t.to, t.value);
      }
      expect(delta.size).toBeGreaterThan(10);
      for (const [who, change] of delta) {
        const before = await node.provider.getBalance(who, 0);
        const after = await node.provider.getBalance(who, lastBlock);
        expect([who, after - before]).toEqual([who, change]);
      }
    });

    it('gives the same transfers for one transaction as the block ingest does, and caches confirmed answers', async () => {
      const source = new EvmRpcSource({ url: node.url, chainId: node.chainId, traces, confirmations: 0 });
      const list = [r.split, r.failed, r.tryForward, r.destroy, r.tokenTransfer, r.create2];
      for (const rc of list) {
        expect((await source.getTransfers({ txHash: rc.hash })).map(line)).toEqual(ofTx(transfers, rc, true));
      }
      const requests = source.rpc.http.requestCount;
      for (const rc of list) await source.getTransfers({ txHash: rc.hash });
      expect(source.rpc.http.requestCount).toBe(requests);
      expect(source.cache.stats.hits).toBe(list.length);
    });
  });

  it('gives the same transfers through geth and Parity traces', async () => {
    const [geth, parity] = await Promise.all([ingest('geth'), ingest('parity')]);
    expect(geth.transfers).toEqual(parity.transfers);
  });

  it('detects the trace format once when left on auto', async () => {
    const source = new EvmRpcSource({ url: node.url, chainId: node.chainId });
    expect(await source.traceFormat({ probeBlock: 1 })).toBe('parity');
  });

  it('without traces, ingests the rest, leaves internal transfers out and reports the contract calls it could not see', async () => {
    const seen: Degradation[] = [];
    const { transfers, source } = await ingest('none', { onDegraded: (d) => seen.push(d) });
    expect(transfers.some((t) => t.kind === 'internal')).toBe(false);
    expect(ofTx(transfers, r.split)).toEqual([`native ${addr.s} ${addr.splitter} 1001 success    slip44:60`]);
    expect(ofTx(transfers, r.tokenTransfer)).toHaveLength(1);
    // Every transaction of this chain runs contract code (deployments, calls, and the plain send to the splitter).
    const txCount = (await Promise.all([...Array(lastBlock + 1).keys()].map((n) => node.provider.getBlock(n)))).reduce((s, b) => s + b!.transactions.length, 0);
    expect(source.degradations.traces).toBe(txCount);
    expect(seen.every((d) => d.what === 'traces')).toBe(true);
  });

  it('with --strict, refuses to ingest without traces', async () => {
    const e = await ingest('none', { strict: true }).catch((x: unknown) => x);
    expect(isChaintrailError(e, 'UNSUPPORTED')).toBe(true);
  });

  it('marks blocks near the tip unconfirmed under the default reorg guard', async () => {
    const source = new EvmRpcSource({ url: node.url, chainId: node.chainId, traces: 'geth' });
    const transfers = await source.getTransfers({ txHash: r.nftMove.hash });
    expect(transfers.every((t) => t.unconfirmed === true)).toBe(true);
  });

  it('finds an address’s token and nft history with eth_getLogs on its topics, by direction', async () => {
    const source = new EvmRpcSource({ url: node.url, chainId: node.chainId, confirmations: 0 });
    const both = await source.getAddressTransfers({ address: addr.a! });
    expect(both.items.map(line)).toEqual([
      `token ${addr.s} ${addr.a} 2500 success  0  erc20:${addr.token}`,
      `nft null ${addr.a} 1 success  0 7 erc721:${addr.nft}`,
      `nft ${addr.a} ${addr.b} 1 success  0 7 erc721:${addr.nft}`,
    ]);
    expect(both.next).toBeNull();
    const out = await source.getAddressTransfers({ address: addr.a!, direction: 'out' });
    expect(out.items.map((t) => t.kind)).toEqual(['nft']);
    const paged = new EvmRpcSource({ url: node.url, chainId: node.chainId, confirmations: 0, logsRange: 2 });
    const first = await paged.getAddressTransfers({ address: addr.a!, limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.next).not.toBeNull();
    const rest: AccountTransfer[] = [...first.items];
    for (let cursor = first.next; cursor !== null; ) {
      const page = await paged.getAddressTransfers({ address: addr.a!, limit: 1, cursor });
      rest.push(...page.items);
      cursor = page.next;
    }
    expect(rest.map(line)).toEqual(both.items.map(line));
  });

  it('reads token metadata, tolerating bytes32 symbols, missing methods and accounts without code', async () => {
    const old = await deployContract({ runner: node.wallets[0]!, name: 'Bytes32Token', args: [10n] });
    const source = new EvmRpcSource({ url: node.url, chainId: node.chainId });
    const read = (contract: string) => readTokenMetadata({ rpc: source.rpc, contract });
    expect(await read(addr.token!)).toEqual({ contract: addr.token, symbol: 'TST', name: 'Test Token', decimals: 6 });
    expect(await read(await old.getAddress())).toMatchObject({ symbol: 'OLD', name: 'Old Style Token', decimals: null });
    expect(await read(addr.splitter!)).toMatchObject({ symbol: null, name: null, decimals: null });
    expect(await read(addr.a!)).toMatchObject({ symbol: null, name: null, decimals: null });
  });

  it('stops with ABORTED when the caller aborts in the middle of a range, after the blocks already given', async () => {
    const controller = new AbortController();
    const source = new EvmRpcSource({ url: node.url, chainId: node.chainId, traces: 'parity', blocksPerBatch: 2, concurrency: 1 });
    const seen: number[] = [];
    const e = await (async () => {
      for await (const b of source.getBlocks({ from: 0, to: lastBlock, signal: controller.signal, onProgress: (p) => p.done === 3 && controller.abort() })) seen.push(b.number);
    })().catch((x: unknown) => x);
    expect(isChaintrailError(e, 'ABORTED')).toBe(true);
    expect(seen).toEqual([0, 1, 2]);
  });

  it('says NOT_FOUND for a transaction the node does not have', async () => {
    const source = new EvmRpcSource({ url: node.url, chainId: node.chainId });
    const e = await source.getTransfers({ txHash: `0x${'ab'.repeat(32)}` }).catch((x: unknown) => x);
    expect(isChaintrailError(e, 'NOT_FOUND')).toBe(true);
  });
});
