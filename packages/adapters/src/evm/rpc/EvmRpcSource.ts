import {
  ChaintrailError,
  canonicalAddress,
  evmChain,
  isChaintrailError,
  throwIfAborted,
  type AccountBlock,
  type AccountDataSource,
  type AccountTransfer,
  type AddressTransfersParameters,
  type BlockRangeParameters,
  type ChainId,
  type Page,
  type ReadParameters,
} from '@chaintrail/core';
import { ResponseCache } from '../../cache/ResponseCache.ts';
import { JsonRpcClient, type JsonRpcCall, type JsonRpcClientParameters } from '../../http/JsonRpcClient.ts';
import { addressTopic, decodeTransferLogs, TRANSFER_TOPIC, type TransferLog } from '../tokens/transferLogs.ts';
import { flattenGethCallTrace, parseGethBlockTraces } from '../traces/geth.ts';
import { parseParityTraces } from '../traces/parity.ts';
import type { RewardTrace, TraceFormat, ValueFrame } from '../traces/types.ts';
import { assembleTransfers, type MissingData } from './assembleTransfers.ts';
import { hash32, smallQuantity, toQuantity } from './hex.ts';
import { parseRpcBlock, parseRpcReceipt, parseRpcTransaction, type RpcBlock, type RpcReceipt } from './parseBlock.ts';

/** Which trace methods to use: `auto` asks the node once (Parity's `trace_block` first, it carries rewards). */
export type TraceMode = 'auto' | TraceFormat | 'none';

/** Told when a node could not give something, so some transfers are missing or have status `unknown`. */
export interface Degradation {
  /** `traces`: internal transfers and rewards missing; `receipts`: status unknown and no fee; `status`: a pre-Byzantium receipt without status. */
  readonly what: keyof MissingData;
  readonly block: number;
  /** Transactions touched in this block. */
  readonly txCount: number;
  /** Why: the node's error, or the trace mode `none`. */
  readonly reason: string;
}

export interface EvmRpcSourceParameters extends Omit<JsonRpcClientParameters, 'url'> {
  readonly url: string;
  /** EIP-155 chain id (use `EvmRpcSource.connect` to ask the node). */
  readonly chainId: number;
  /** Trace format (default `auto`). */
  readonly traces?: TraceMode;
  /** Blocks fewer than this many deep are marked `unconfirmed` (default 12): a reorg may still replace them. */
  readonly confirmations?: number;
  /** Throw `UNSUPPORTED` instead of degrading when the node lacks a method or data (default false). */
  readonly strict?: boolean;
  /** Told of every degradation (also counted in `degradations`). */
  readonly onDegraded?: (d: Degradation) => void;
  /** Blocks read per batch request (default 10). */
  readonly blocksPerBatch?: number;
  /** Widest block range of one `eth_getLogs` for address history (default 10 000; halved when the node refuses). */
  readonly logsRange?: number;
  /** A client to share (tests, benchmarks); default one made from the other parameters. */
  readonly rpc?: JsonRpcClient;
  /** Cache of `getTransfers` answers by transaction hash: only confirmed, complete ones are kept (one is made when absent). */
  readonly cache?: ResponseCache<readonly AccountTransfer[]>;
}

/**
 * An `AccountDataSource` over an EVM node's JSON-RPC (geth, Erigon, Nethermind, Reth, anvil…): native value,
 * internal transfers from call traces (geth `callTracer` or Parity `trace_*`), ERC-20/ERC-721 Transfer logs, fees,
 * block/uncle rewards and beacon withdrawals. Where the node lacks a method it ingests what it can, marks what is
 * uncertain `unknown` and says so through `onDegraded` (or throws with `strict`).
 *
 * @example
 * const source = await EvmRpcSource.connect({ url: 'http://127.0.0.1:8545' })
 * for await (const block of source.getBlocks({ from: 100, to: 110 })) console.log(block.transfers.length)
 */
export class EvmRpcSource implements AccountDataSource {
  readonly model = 'account' as const;
  readonly chain: ChainId;
  readonly chainId: number;
  readonly rpc: JsonRpcClient;
  readonly cache: ResponseCache<readonly AccountTransfer[]>;
  /** Transactions touched by each kind of degradation so far. */
  readonly degradations: Record<keyof MissingData, number> & { reasons: Set<string> } = {
    traces: 0,
    receipts: 0,
    status: 0,
    reasons: new Set(),
  };
  readonly #mode: TraceMode;
  readonly #confirmations: number;
  readonly #strict: boolean;
  readonly #onDegraded: ((d: Degradation) => void) | undefined;
  readonly #blocksPerBatch: number;
  readonly #logsRange: number;
  readonly #concurrency: number;
  #traceFormat: Promise<TraceFormat | null> | undefined;
  #blockReceipts: boolean | undefined;

  constructor(params: EvmRpcSourceParameters) {
    this.chainId = params.chainId;
    this.chain = evmChain(params.chainId);
    this.rpc = params.rpc ?? new JsonRpcClient(params);
    this.cache = params.cache ?? new ResponseCache<readonly AccountTransfer[]>();
    this.#mode = params.traces ?? 'auto';
    this.#confirmations = params.confirmations ?? 12;
    this.#strict = params.strict ?? false;
    this.#onDegraded = params.onDegraded;
    this.#blocksPerBatch = Math.max(1, params.blocksPerBatch ?? 10);
    this.#logsRange = Math.max(1, params.logsRange ?? 10_000);
    this.#concurrency = Math.max(1, params.concurrency ?? 4);
  }

  /**
   * Asks the node its chain id (`eth_chainId`), then makes the source.
   *
   * @example
   * const source = await EvmRpcSource.connect({ url, traces: 'geth' })
   */
  static async connect(params: Omit<EvmRpcSourceParameters, 'chainId'> & { readonly chainId?: number } & ReadParameters): Promise<EvmRpcSource> {
    const rpc = params.rpc ?? new JsonRpcClient(params);
    const chainId = params.chainId ?? smallQuantity(await rpc.call('eth_chainId', [], opts(params.signal)), 'eth_chainId', 'result');
    return new EvmRpcSource({ ...params, chainId, rpc });
  }

  /** The trace format in use: the override, or what the node answered on first use (null: none). */
  traceFormat(params: { readonly probeBlock?: number } & ReadParameters = {}): Promise<TraceFormat | null> {
    if (this.#mode !== 'auto') return Promise.resolve(this.#mode === 'none' ? null : this.#mode);
    this.#traceFormat ??= this.#detectTraces(params.probeBlock ?? 0, params.signal).catch((e: unknown) => {
      this.#traceFormat = undefined;
      throw e;
    });
    return this.#traceFormat;
  }

  async #detectTraces(block: number, signal: AbortSignal | undefined): Promise<TraceFormat | null> {
    const tag = toQuantity(block);
    for (const [format, call] of [
      ['parity', { method: 'trace_block', params: [tag] }],
      ['geth', { method: 'debug_traceBlockByNumber', params: [tag, { tracer: 'callTracer' }] }],
    ] as const) {
      try {
        await this.rpc.call(call.method, call.params, opts(signal));
        return format;
      } catch (e) {
        // A node without the method answers an RPC error; anything else (timeout, HTTP) is not an answer.
        if (!isChaintrailError(e, 'RPC_ERROR')) throw e;
      }
    }
    return null;
  }

  async getTipHeight(params: ReadParameters = {}): Promise<number> {
    return smallQuantity(await this.rpc.call('eth_blockNumber', [], opts(params.signal)), 'eth_blockNumber', 'result');
  }

  /**
   * Blocks `from..to` with every transfer, in order. Reads `blocksPerBatch` blocks per batch request (block,
   * receipts, traces) plus one `eth_getLogs` for their Transfer logs, and keeps `concurrency` batches in flight.
   */
  async *getBlocks(params: BlockRangeParameters): AsyncIterable<AccountBlock> {
    const { from, to, signal } = params;
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || to < from) {
      throw new ChaintrailError('INVALID_ARGUMENT', `Bad block range ${from}..${to}.`, { meta: { from, to } });
    }
    const tip = await this.getTipHeight(opts(signal));
    if (to > tip) {
      throw new ChaintrailError('NOT_FOUND', `Block ${to} is beyond the node's tip ${tip}.`, { meta: { to, tip } });
    }
    // Genesis is not traceable on geth: probe a later block where there is one.
    const format = await this.traceFormat({ probeBlock: Math.min(Math.max(from, 1), tip), ...opts(signal) });
    if (format === null) this.#degradeOnce(`traces: ${this.#mode === 'none' ? 'turned off (--traces none)' : 'the node answers neither trace_block nor debug_traceBlockByNumber'}`);
    const windows: [number, number][] = [];
    for (let a = from; a <= to; a += this.#blocksPerBatch) windows.push([a, Math.min(to, a + this.#blocksPerBatch - 1)]);
    const inFlight: Promise<AccountBlock[]>[] = [];
    let next = 0;
    let done = 0;
    const total = to - from + 1;
    const launch = (): void => {
      while (inFlight.length < this.#concurrency && next < windows.length) {
        const [a, b] = windows[next++]!;
        const p = this.#readWindow(a, b, format, tip, signal);
        p.catch(() => undefined); // awaited in order below; avoid an unhandled rejection meanwhile
        inFlight.push(p);
      }
    };
    launch();
    while (inFlight.length > 0) {
      const blocks = await inFlight.shift()!;
      launch();
      for (const block of blocks) {
        throwIfAborted(signal);
        yield block;
        params.onProgress?.({ phase: 'blocks', done: ++done, total, unit: 'block' });
      }
    }
  }

  async #readWindow(a: number, b: number, format: TraceFormat | null, tip: number, signal: AbortSignal | undefined): Promise<AccountBlock[]> {
    const numbers: number[] = [];
    for (let n = a; n <= b; n++) numbers.push(n);
    const calls: JsonRpcCall[] = numbers.map((n) => ({ method: 'eth_getBlockByNumber', params: [toQuantity(n), true] }));
    const useBlockReceipts = this.#blockReceipts !== false;
    if (useBlockReceipts) for (const n of numbers) calls.push({ method: 'eth_getBlockReceipts', params: [toQuantity(n)] });
    if (format) for (const n of numbers) calls.push(traceCall(format, n));
    const [settled, logs] = await Promise.all([
      this.rpc.batchSettled(calls, opts(signal)),
      // A node that refuses eth_getLogs here (pruned logs, a capped range of one block): the receipts carry the logs.
      this.#transferLogs({ fromBlock: a, toBlock: b, signal }).catch((e: unknown) => {
        if (isChaintrailError(e, 'RPC_ERROR')) return null;
        throw e;
      }),
    ]);
    const out: AccountBlock[] = [];
    for (let i = 0; i < numbers.length; i++) {
      const n = numbers[i]!;
      const blockAnswer = settled[i]!;
      if (!blockAnswer.ok) throw blockAnswer.error;
      const block = parseRpcBlock(blockAnswer.value);
      if (!block) throw new ChaintrailError('NOT_FOUND', `The node has no block ${n}.`, { meta: { block: n } });
      if (block.number !== n) throw new ChaintrailError('INVALID_RESPONSE', `Asked for block ${n}, got ${block.number}.`, { meta: { block: n } });

      let receipts: Map<string, RpcReceipt> | undefined;
      let receiptsError: string | undefined;
      if (useBlockReceipts) {
        const r = settled[numbers.length + i]!;
        if (r.ok && Array.isArray(r.value)) {
          receipts = new Map();
          for (const raw of r.value) {
            const receipt = parseRpcReceipt(raw, 'eth_getBlockReceipts');
            if (receipt) receipts.set(receipt.txHash, receipt);
          }
        } else if (!r.ok) {
          // The method is missing (or refuses this block): fall back to one receipt per transaction from now on.
          if (this.#blockReceipts === undefined) this.#blockReceipts = false;
        }
      }
      if (!receipts) {
        const got = await this.#receiptsOneByOne(block, signal);
        receipts = got.receipts;
        receiptsError = got.error;
      }

      let frames: ValueFrame[] | null = null;
      let rewards: RewardTrace[] = [];
      let tracesError: string | undefined = format === null ? 'no trace method' : undefined;
      if (format) {
        const t = settled[numbers.length * (useBlockReceipts ? 2 : 1) + i]!;
        if (t.ok) {
          try {
            if (format === 'geth') frames = parseGethBlockTraces({ result: t.value, txHashes: block.transactions.map((x) => x.hash) });
            else ({ frames, rewards } = parseParityTraces({ result: t.value }));
          } catch (e) {
            if (!isChaintrailError(e, 'RPC_ERROR')) throw e;
            tracesError = e.shortMessage;
          }
        } else {
          tracesError = t.error.shortMessage;
        }
      }

      const blockLogs =
        logs !== null
          ? logs.filter((l) => l.blockNumber === n)
          : [...receipts.values()].flatMap((rc) => decodeTransferLogs({ logs: rc.logs, method: 'eth_getTransactionReceipt' }).transfers);
      const stale = blockLogs.find((l) => l.blockHash !== block.hash);
      if (stale) {
        throw new ChaintrailError('INVALID_RESPONSE', `Block ${n} changed between reads (a reorg): its logs name block ${stale.blockHash}.`, {
          details: 'Read again, or stay further behind the tip.',
          meta: { block: n, hash: block.hash, logsHash: stale.blockHash },
        });
      }
      const assembled = assembleTransfers({
        chain: this.chain,
        block,
        receipts,
        frames,
        rewards,
        tokenLogs: blockLogs,
        unconfirmed: tip - n + 1 < this.#confirmations,
      });
      const { transfers } = assembled;
      let missing = assembled.missing;
      if (frames === null) missing = { ...missing, traces: missing.traces + (await this.#plainSendsToContracts(block, signal)) };
      this.#report(n, missing, { traces: tracesError, receipts: receiptsError, status: 'pre-Byzantium receipts have no status' });
      out.push({ chain: this.chain, number: n, hash: block.hash, time: block.time, transfers });
    }
    return out;
  }

  /**
   * Without traces, a plain send (no input) to a contract also runs code that may move value on; count those
   * too, by asking for the recipients' code (at the latest block: pruned nodes keep no old state).
   */
  async #plainSendsToContracts(block: RpcBlock, signal: AbortSignal | undefined): Promise<number> {
    const plain = block.transactions.filter((t) => !t.hasInput);
    const recipients = [...new Set(plain.map((t) => t.to))];
    if (recipients.length === 0) return 0;
    const codes = await this.rpc.batchSettled<unknown>(
      recipients.map((a) => ({ method: 'eth_getCode', params: [a, 'latest'] })),
      opts(signal),
    );
    const contracts = new Set(recipients.filter((_, i) => {
      const c = codes[i]!;
      // A node that will not say is counted as a contract: better to over-report what may be missing.
      return !c.ok || (typeof c.value === 'string' && c.value.length > 2);
    }));
    return plain.filter((t) => contracts.has(t.to)).length;
  }

  async #receiptsOneByOne(block: RpcBlock, signal: AbortSignal | undefined): Promise<{ receipts: Map<string, RpcReceipt>; error?: string }> {
    const receipts = new Map<string, RpcReceipt>();
    if (block.transactions.length === 0) return { receipts };
    const settled = await this.rpc.batchSettled(
      block.transactions.map((t) => ({ method: 'eth_getTransactionReceipt', params: [t.hash] })),
      opts(signal),
    );
    let error: string | undefined;
    for (const s of settled) {
      if (!s.ok) {
        error = s.error.shortMessage;
        continue;
      }
      const receipt = parseRpcReceipt(s.value);
      if (receipt) receipts.set(receipt.txHash, receipt);
      else error ??= 'eth_getTransactionReceipt answered null (pruned or unindexed)';
    }
    return error === undefined ? { receipts } : { receipts, error };
  }

  #report(block: number, missing: MissingData, reasons: Partial<Record<keyof MissingData, string | undefined>>): void {
    for (const what of ['traces', 'receipts', 'status'] as const) {
      const txCount = missing[what];
      if (txCount === 0) continue;
      const reason = reasons[what] ?? 'unavailable';
      const d: Degradation = { what, block, txCount, reason };
      if (this.#strict) {
        throw new ChaintrailError('UNSUPPORTED', `Block ${block}: ${what} unavailable for ${txCount} transaction(s): ${reason}.`, {
          details: 'Without --strict, chaintrail ingests what it can and marks the affected transfers unknown.',
          meta: { ...d },
        });
      }
      this.degradations[what] += txCount;
      this.degradations.reasons.add(`${what}: ${reason}`);
      this.#onDegraded?.(d);
    }
  }

  #degradeOnce(reason: string): void {
    if (this.#strict) {
      throw new ChaintrailError('UNSUPPORTED', `No call traces: ${reason}.`, {
        details: 'Internal transfers and rewards need trace_block or debug_traceBlockByNumber; use --traces none to accept that.',
      });
    }
    this.degradations.reasons.add(reason);
  }

  /** Transfer logs of a block range, splitting the range when the node refuses it as too large. */
  async #transferLogs(params: {
    readonly fromBlock: number;
    readonly toBlock: number;
    readonly topics?: readonly (string | null)[];
    readonly signal: AbortSignal | undefined;
  }): Promise<TransferLog[]> {
    const filter = {
      fromBlock: toQuantity(params.fromBlock),
      toBlock: toQuantity(params.toBlock),
      topics: params.topics ?? [TRANSFER_TOPIC],
    };
    try {
      const logs = await this.rpc.call('eth_getLogs', [filter], opts(params.signal));
      return decodeTransferLogs({ logs }).transfers;
    } catch (e) {
      if (!isChaintrailError(e, 'RPC_ERROR') || params.fromBlock === params.toBlock) throw e;
      // Nodes cap eth_getLogs by range or result count, each with its own message: halve and try again.
      const mid = Math.floor((params.fromBlock + params.toBlock) / 2);
      const left = await this.#transferLogs({ ...params, toBlock: mid });
      const right = await this.#transferLogs({ ...params, fromBlock: mid + 1 });
      return [...left, ...right];
    }
  }

  /** Every transfer of one transaction: its value, calls, Transfer logs and fee. `NOT_FOUND` when unknown or pending. */
  async getTransfers(params: { readonly txHash: string } & ReadParameters): Promise<readonly AccountTransfer[]> {
    const txHash = hash32(params.txHash, 'getTransfers', 'txHash');
    return this.cache.getOrLoad(txHash, () => this.#loadTransfers(txHash, params.signal));
  }

  async #loadTransfers(txHash: string, signal: AbortSignal | undefined): Promise<{ value: readonly AccountTransfer[]; confirmed: boolean }> {
    const [txRaw, receiptRaw] = await this.rpc.batch([
      { method: 'eth_getTransactionByHash', params: [txHash] },
      { method: 'eth_getTransactionReceipt', params: [txHash] },
    ], opts(signal));
    if (txRaw === null || typeof txRaw !== 'object' || (txRaw as { blockNumber?: unknown }).blockNumber == null) {
      throw new ChaintrailError('NOT_FOUND', `Transaction ${txHash} is not in a block at this node.`, { meta: { txHash } });
    }
    const blockNumber = smallQuantity((txRaw as { blockNumber: unknown }).blockNumber, 'eth_getTransactionByHash', 'blockNumber');
    const tx = parseRpcTransaction(txRaw, 'eth_getTransactionByHash');
    const receipt = parseRpcReceipt(receiptRaw);
    const format = await this.traceFormat({ probeBlock: blockNumber, ...opts(signal) });
    const [blockRaw, tip] = await Promise.all([
      this.rpc.call('eth_getBlockByNumber', [toQuantity(blockNumber), false], opts(signal)),
      this.getTipHeight(opts(signal)),
    ]);
    // The header only: transactions come as hashes here, which parseRpcBlock does not need for one transaction.
    const block = parseRpcBlock({ ...(blockRaw as object), transactions: [] });
    if (!block) throw new ChaintrailError('NOT_FOUND', `The node has no block ${blockNumber}.`, { meta: { blockNumber } });
    let frames: ValueFrame[] | null = null;
    let traceError: string | undefined = format === null ? 'no trace method' : undefined;
    if (format === null) this.#degradeOnce('traces: none for this node');
    else {
      try {
        if (format === 'geth') {
          const trace = await this.rpc.call('debug_traceTransaction', [txHash, { tracer: 'callTracer' }], opts(signal));
          frames = flattenGethCallTrace({ trace, txIndex: tx.index, txHash });
        } else {
          const result = await this.rpc.call('trace_transaction', [txHash], opts(signal));
          frames = parseParityTraces({ result, method: 'trace_transaction' }).frames;
        }
      } catch (e) {
        if (!isChaintrailError(e, 'RPC_ERROR')) throw e;
        traceError = e.shortMessage;
      }
    }
    const tokenLogs = receipt ? decodeTransferLogs({ logs: receipt.logs, method: 'eth_getTransactionReceipt' }).transfers : [];
    const { transfers, missing } = assembleTransfers({
      chain: this.chain,
      block,
      only: tx,
      receipts: receipt ? new Map([[txHash, receipt]]) : new Map(),
      frames,
      tokenLogs,
      unconfirmed: tip - blockNumber + 1 < this.#confirmations,
    });
    this.#report(blockNumber, missing, { traces: traceError, receipts: 'eth_getTransactionReceipt answered null', status: 'pre-Byzantium receipt' });
    // Kept only when deep enough to stay and complete: a degraded answer may be better from another node.
    const complete = missing.traces === 0 && missing.receipts === 0 && missing.status === 0 && (frames !== null || !tx.hasInput);
    return { value: transfers, confirmed: complete && tip - blockNumber + 1 >= this.#confirmations };
  }

  /**
   * Token and NFT transfers to or from an address, oldest first, found with `eth_getLogs` on the padded address
   * topics (works on any node). Native and internal history needs an address index, which JSON-RPC has not: use
   * `EtherscanSource` for those. The cursor is the next block to scan; a page holds whole scanned ranges, so it
   * may hold more than `limit`.
   */
  async getAddressTransfers(params: AddressTransfersParameters): Promise<Page<AccountTransfer>> {
    const address = canonicalAddress(this.chain, params.address);
    const direction = params.direction ?? 'both';
    const limit = params.limit ?? 100;
    const tip = await this.getTipHeight(opts(params.signal));
    const last = Math.min(params.toBlock ?? tip, tip);
    let start = params.cursor !== undefined ? Number(params.cursor) : (params.fromBlock ?? 0);
    if (!Number.isSafeInteger(start) || start < 0) throw new ChaintrailError('INVALID_ARGUMENT', `Bad cursor "${params.cursor}".`);
    const topic = addressTopic(address);
    const found = new Map<string, TransferLog>();
    while (start <= last && found.size < limit) {
      throwIfAborted(params.signal);
      const end = Math.min(last, start + this.#logsRange - 1);
      const queries: (string | null)[][] = [];
      if (direction !== 'in') queries.push([TRANSFER_TOPIC, topic]);
      if (direction !== 'out') queries.push([TRANSFER_TOPIC, null, topic]);
      const results = await Promise.all(queries.map((topics) => this.#transferLogs({ fromBlock: start, toBlock: end, topics, signal: params.signal })));
      for (const l of results.flat()) found.set(`${l.blockNumber}:${l.logIndex}`, l);
      start = end + 1;
    }
    const logs = [...found.values()];
    const blockNumbers = [...new Set(logs.map((l) => l.blockNumber))];
    const headers = await this.rpc.batch(
      blockNumbers.map((n) => ({ method: 'eth_getBlockByNumber', params: [toQuantity(n), false] })),
      opts(params.signal),
    );
    const transfers: AccountTransfer[] = [];
    blockNumbers.forEach((n, i) => {
      const block = parseRpcBlock({ ...(headers[i] as object), transactions: [] });
      if (!block) throw new ChaintrailError('NOT_FOUND', `The node has no block ${n}.`, { meta: { block: n } });
      for (const l of logs.filter((x) => x.blockNumber === n)) {
        if (l.blockHash !== block.hash) continue; // reorged away between the two reads
        transfers.push(...tokenTransfer(this.chain, block, l, tip - n + 1 < this.#confirmations));
      }
    });
    transfers.sort((x, y) => x.block.number - y.block.number || (x.logIndex ?? 0) - (y.logIndex ?? 0));
    return { items: transfers, next: start <= last ? String(start) : null };
  }
}

function tokenTransfer(chain: ChainId, block: RpcBlock, l: TransferLog, unconfirmed: boolean): AccountTransfer[] {
  const { transfers } = assembleTransfers({
    chain,
    block: { ...block, transactions: [] },
    only: { hash: l.txHash, index: l.txIndex, from: l.from, to: l.to, isCreate: false, value: 0n, gasPrice: null, hasInput: false },
    receipts: new Map(),
    frames: [],
    tokenLogs: [l],
    unconfirmed,
  });
  return transfers.filter((t) => t.kind === 'token' || t.kind === 'nft');
}

function traceCall(format: TraceFormat, n: number): JsonRpcCall {
  return format === 'geth'
    ? { method: 'debug_traceBlockByNumber', params: [toQuantity(n), { tracer: 'callTracer' }] }
    : { method: 'trace_block', params: [toQuantity(n)] };
}

function opts(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}
