import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { isChaintrailError, type AccountBlock, type AccountTransfer } from '@chaintrail/core';
import { EvmRpcSource, type Degradation, type TraceMode } from '../../packages/adapters/src/evm/rpc/EvmRpcSource.ts';
import { parseGethBlockTraces } from '../../packages/adapters/src/evm/traces/geth.ts';
import { parseParityTraces } from '../../packages/adapters/src/evm/traces/parity.ts';
import { movesValue, type ValueFrame } from '../../packages/adapters/src/evm/traces/types.ts';
import { startEvmReplay, type EvmReplayServer, type Fault } from '../support/evmReplay.ts';
import { hasSharedData, sharedPath } from '../support/sharedData.ts';

const recorded = (...parts: string[]): any => (JSON.parse(readFileSync(sharedPath('evm', 'rpc', ...parts), 'utf8')) as { result: unknown }).result;
const TIP = 2_000_000;

describe.skipIf(!hasSharedData)('EvmRpcSource over recorded Ethereum mainnet responses', () => {
  let replay: EvmReplayServer | undefined;
  afterEach(async () => {
    await replay?.close();
    replay = undefined;
  });

  const ingest = async (
    from: number,
    to: number,
    options: { traces?: TraceMode; faults?: Map<number, Fault>; lacks?: string[]; refuseBatches?: boolean; strict?: boolean; timeoutMs?: number; retries?: number; signal?: AbortSignal } = {},
  ) => {
    replay = await startEvmReplay({ tip: TIP, refuseBatches: options.refuseBatches ?? false, ...(options.faults ? { faults: options.faults } : {}), ...(options.lacks ? { lacks: options.lacks } : {}) });
    const seen: Degradation[] = [];
    const source = new EvmRpcSource({
      url: replay.url,
      chainId: 1,
      traces: options.traces ?? 'auto',
      strict: options.strict ?? false,
      onDegraded: (d) => seen.push(d),
      backoffMs: 1,
      random: () => 0.5,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.retries !== undefined ? { retries: options.retries } : {}),
    });
    const blocks: AccountBlock[] = [];
    for await (const b of source.getBlocks({ from, to, ...(options.signal ? { signal: options.signal } : {}) })) blocks.push(b);
    return { source, blocks, transfers: blocks.flatMap((b) => b.transfers), seen, replay };
  };

  describe('block 483920: ERC-20 Transfer logs, pre-Byzantium receipts, no traces', () => {
    // Read inside the tests, so a machine without the shared data only skips.
    const blockFile = () => recorded('test_export_blocks_job', 'block_with_logs', 'web3_response.eth_getBlockByNumber_0x76250_true.json');
    const logsFile = () => recorded('test_export_token_transfers_job', 'block_with_transfers', 'web3_response.eth_getFilterLogs_0x0.json');
    const receipt = (hash: string) => recorded('test_export_receipts_job', 'receipts_with_logs', `web3_response.eth_getTransactionReceipt_${hash}.json`);

    it('ingests the token transfers from eth_getLogs, the native values and the fees', async () => {
      const { transfers, replay: server } = await ingest(483920, 483920);
      const block = blockFile();
      const logs = logsFile();
      const tokens = transfers.filter((t) => t.kind === 'token');
      expect(tokens.map((t) => [t.txHash, t.logIndex, t.from, t.to, t.value, t.asset])).toEqual(
        logs.map((l: any) => [l.transactionHash, Number(l.logIndex), `0x${l.topics[1].slice(26)}`, `0x${l.topics[2].slice(26)}`, BigInt(l.data), `eip155:1/erc20:${l.address}`]),
      );
      expect(tokens.map((t) => t.value)).toEqual([100000n, 200000n]);
      const natives = transfers.filter((t) => t.kind === 'native');
      expect(natives.map((t) => [t.txHash, t.from, t.to, t.value])).toEqual(
        block.transactions.filter((t: any) => BigInt(t.value) > 0n).map((t: any) => [t.hash, t.from, t.to, BigInt(t.value)]),
      );
      const fees = transfers.filter((t) => t.kind === 'fee');
      expect(fees.map((t) => [t.txHash, t.from, t.to, t.value])).toEqual(
        block.transactions.map((t: any) => {
          const r = receipt(t.hash);
          return [t.hash, t.from, block.miner, BigInt(r.gasUsed) * BigInt(r.effectiveGasPrice)];
        }),
      );
      // The replayed node lacks eth_getBlockReceipts: one receipt per transaction instead.
      expect(server.calls.get('eth_getTransactionReceipt')).toBe(4);
    });

    it('marks status unknown where neither the pre-Byzantium receipt nor a trace can tell, and says so', async () => {
      const { transfers, seen, source } = await ingest(483920, 483920);
      expect(transfers.filter((t) => t.kind === 'native').map((t) => t.status)).toEqual(['unknown', 'unknown']);
      expect(source.degradations.status).toBe(4);
      expect(seen.map((d) => d.what).sort()).toEqual(['status', 'traces']);
    });

    it('with --strict, refuses to guess', async () => {
      const e = await ingest(483920, 483920, { traces: 'none', strict: true }).catch((x: unknown) => x);
      expect(isChaintrailError(e, 'UNSUPPORTED')).toBe(true);
    });
  });

  describe('blocks 47218-47219 without receipts at the node', () => {
    it('ingests the native values, status unknown and no fees, and counts the transactions touched', async () => {
      const { blocks, source } = await ingest(47218, 47219, { traces: 'none' });
      const expected = ['0xb872', '0xb873'].map((n) => recorded('test_export_blocks_job', 'blocks_with_transactions', `web3_response.eth_getBlockByNumber_${n}_true.json`));
      expect(blocks.map((b) => [b.number, b.hash, b.time])).toEqual(expected.map((b) => [Number(b.number), b.hash, Number(b.timestamp)]));
      expect(blocks.flatMap((b) => b.transfers).map((t) => [t.kind, t.txHash, t.value, t.status])).toEqual(
        expected.flatMap((b) => b.transactions.map((t: any) => ['native', t.hash, BigInt(t.value), 'unknown'])),
      );
      expect(source.degradations.receipts).toBe(4);
    });
  });

  describe('both trace formats of the same block give the same transfers', () => {
    const cases = [
      ['1000000 (a CALLCODE below a call)', 'block_with_subtraces', '0xf4240'],
      ['1000690 (a contract creation)', 'block_with_create', '0xf44f2'],
    ] as const;
    const norm = (f: ValueFrame) => [f.txIndex, f.traceAddress.join('.'), f.type, f.from, f.to, f.value, f.reverted];

    it.each(cases)('block %s', (_name, dir, tag) => {
      const parity = parseParityTraces({ result: recorded('test_export_traces_job', dir, `web3_response.trace_block_${tag}.json`) });
      const hashes = [...new Set(parity.frames.map((f) => f.txHash!))];
      const geth = parseGethBlockTraces({
        result: recorded('test_extract_geth_traces_job', dir, `web3_response.debug_traceBlockByNumber_${tag}_tracer_calltracer.json`),
        txHashes: hashes,
      });
      expect(geth.length).toBe(parity.frames.length);
      // Frames that move value, top-level ones included (they are the transactions' native values).
      const moving = (frames: ValueFrame[]) => frames.filter(movesValue).map(norm);
      expect(moving(geth)).toEqual(moving(parity.frames));
      expect(moving(geth).length).toBeGreaterThan(0);
      // Internal transfers: calls below the top level that move value.
      const internal = (frames: ValueFrame[]) => frames.filter((f) => f.traceAddress.length > 0 && movesValue(f)).map(norm);
      expect(internal(geth)).toEqual(internal(parity.frames));
      // Only Parity traces carry the block reward: 5 ETH under Frontier/Homestead, to the block's miner.
      expect(parity.rewards.map((r) => [r.rewardType, r.value])).toEqual([['block', 5_000_000_000_000_000_000n]]);
    });

    it('moves no value by CALLCODE (the contract pays itself), whatever each format names as its target', () => {
      const parity = parseParityTraces({ result: recorded('test_export_traces_job', 'block_with_subtraces', 'web3_response.trace_block_0xf4240.json') });
      const callcode = parity.frames.find((f) => f.type === 'callcode')!;
      expect(callcode.value).toBe(100_000_000_000_000_000_000n);
      expect(movesValue(callcode)).toBe(false);
    });
  });

  describe('faults', () => {
    const clean = async () => (await ingest(483920, 483920)).transfers;
    const strip = (ts: AccountTransfer[]) => ts.map((t) => `${t.kind}:${t.txHash}:${t.value}:${t.status}`);

    it.each(['429', '503', 'cut'] as const)('retries a read after %s and gives the same transfers', async (fault) => {
      const expected = strip(await clean());
      await replay!.close();
      const { transfers, replay: server } = await ingest(483920, 483920, { faults: new Map([[2, fault], [3, fault]]) });
      expect(strip(transfers)).toEqual(expected);
      expect(server.requests.length).toBeGreaterThan(3);
    });

    it('falls back to single calls when the node refuses a batch, with the same transfers', async () => {
      const expected = strip(await clean());
      await replay!.close();
      const { transfers, replay: server } = await ingest(483920, 483920, { refuseBatches: true });
      expect(strip(transfers)).toEqual(expected);
      // One refused batch, then single calls only.
      expect(server.requests.filter((r) => r.body.startsWith('[')).length).toBe(1);
    });

    it('refuses a complete answer that is not JSON with INVALID_RESPONSE naming the call', async () => {
      const e = await ingest(483920, 483920, { faults: new Map([[1, 'malformed']]) }).catch((x: unknown) => x);
      expect(isChaintrailError(e, 'INVALID_RESPONSE')).toBe(true);
      expect((e as Error).message).toContain('eth_blockNumber');
    });

    it('gives up with TIMEOUT on a node that never answers', async () => {
      const e = await ingest(483920, 483920, { faults: new Map([[1, 'hang']]), timeoutMs: 100, retries: 0 }).catch((x: unknown) => x);
      expect(isChaintrailError(e, 'TIMEOUT')).toBe(true);
    });

    it('stops with ABORTED when the caller aborts', async () => {
      const controller = new AbortController();
      controller.abort(new Error('user'));
      const e = await ingest(47218, 47219, { signal: controller.signal }).catch((x: unknown) => x);
      expect(isChaintrailError(e, 'ABORTED')).toBe(true);
    });

    it('on a node that lacks trace methods: auto finds none, ingests the rest, and --strict refuses', async () => {
      const lacks = ['trace_block', 'debug_traceBlockByNumber'];
      const { source, transfers } = await ingest(483920, 483920, { lacks });
      expect(await source.traceFormat()).toBeNull();
      expect(transfers.filter((t) => t.kind === 'token')).toHaveLength(2);
      await replay!.close();
      const e = await ingest(483920, 483920, { lacks, strict: true }).catch((x: unknown) => x);
      expect(isChaintrailError(e, 'UNSUPPORTED')).toBe(true);
    });
  });
});
