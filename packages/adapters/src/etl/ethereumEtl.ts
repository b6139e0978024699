import { statSync } from 'node:fs';
import { getCreateAddress } from 'ethers';
import { ChaintrailError, evmChain, throwIfAborted, type AccountBlock, type ChainId, type ProgressListener } from '@chaintrail/core';
import { assembleTransfers, type MissingData } from '../evm/rpc/assembleTransfers.ts';
import type { RpcBlock, RpcReceipt, RpcTransaction, RpcWithdrawal } from '../evm/rpc/parseBlock.ts';
import type { TransferLog } from '../evm/tokens/transferLogs.ts';
import { isPrefix, type RewardTrace, type ValueFrame } from '../evm/traces/types.ts';
import { readEtlRecords, type EtlRecord, type EtlRow } from './readRows.ts';
import { etlBigint, etlBigintOrNull, etlNumber, etlNumberOrNull, etlTimestamp } from './values.ts';

/** One file or several (shards read one after another, in the order given). */
export type EtlFiles = string | readonly string[];

export interface EthereumEtlParameters {
  /** `crypto_ethereum.transactions` export(s): required. */
  readonly transactions: EtlFiles;
  /** `crypto_ethereum.traces`: internal transfers, rewards, and the status of pre-Byzantium transactions. */
  readonly traces?: EtlFiles;
  /** `crypto_ethereum.token_transfers`: token transfers. */
  readonly tokenTransfers?: EtlFiles;
  /** `crypto_ethereum.blocks`: the fee recipient (`miner`), `base_fee_per_gas` and `withdrawals`, which fees need. */
  readonly blocks?: EtlFiles;
  /**
   * `crypto_ethereum.contracts` (any order; only `address` and `is_erc721` are read): token transfers of a contract
   * flagged ERC-721 are NFT moves, whose `value` column holds the token id. Without it every row is an ERC-20 amount.
   */
  readonly contracts?: EtlFiles;
  /** CAIP-2 chain (default `eip155:1`, Ethereum mainnet). */
  readonly chain?: ChainId;
  /** Only blocks from..to (inclusive); rows outside are read past. */
  readonly from?: number;
  readonly to?: number;
  readonly signal?: AbortSignal;
  /** Bytes read of all files together (`phase: 'read'`, `unit: 'byte'`). */
  readonly onProgress?: ProgressListener;
  /** Told, per block, what the files could not give (all zero blocks are not told). */
  readonly onMissing?: (missing: EthereumEtlMissing) => void;
}

/** What a block's rows could not give: the same counts as the RPC adapter's degradations, plus ETL's own. */
export interface EthereumEtlMissing extends MissingData {
  readonly block: number;
  /** Transactions whose fee is left out because no blocks file names the fee recipient and base fee. */
  readonly fees: number;
  /** `genesis` and `daofork` traces: state changes outside any transaction, which the RPC path does not show either. */
  readonly skippedTraces: number;
}

// The columns each table needs in a CSV header; others are read when present (ethereum-etl and BigQuery write all).
const REQUIRED = {
  transactions: ['hash', 'transaction_index', 'from_address', 'to_address', 'value', 'block_number', 'block_hash', 'block_timestamp'],
  traces: ['transaction_hash', 'transaction_index', 'from_address', 'to_address', 'value', 'trace_type', 'trace_address', 'block_number', 'block_hash'],
  token_transfers: ['token_address', 'from_address', 'to_address', 'value', 'transaction_hash', 'log_index', 'block_number', 'block_hash'],
  blocks: ['number', 'hash', 'timestamp', 'miner'],
} as const;
type Table = keyof typeof REQUIRED;

const CALL_TYPES: Readonly<Record<string, ValueFrame['type']>> = {
  call: 'call',
  callcode: 'callcode',
  delegatecall: 'delegatecall',
  staticcall: 'staticcall',
};
const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

/** Where a row came from, for errors. */
interface Located {
  readonly file: string;
  readonly line: number;
}
interface TxRow extends Located {
  readonly block: number;
  readonly blockHash: string;
  readonly time: number;
  readonly tx: RpcTransaction;
  readonly receipt: RpcReceipt | null;
}
interface TraceRow extends Located {
  readonly block: number;
  readonly blockHash: string;
  readonly time: number;
  readonly kind: 'frame' | 'reward' | 'skipped';
  readonly frame?: Omit<ValueFrame, 'reverted'> & { readonly statusZero: boolean };
  readonly reward?: RewardTrace & { readonly order: number | null };
}
interface TokenRow extends Located {
  readonly block: number;
  readonly blockHash: string;
  readonly txHash: string;
  readonly contract: string;
  readonly logIndex: number;
  readonly from: string;
  readonly to: string;
  readonly value: bigint;
}
interface BlockRow extends Located {
  readonly block: number;
  readonly blockHash: string;
  readonly time: number;
  readonly miner: string;
  readonly baseFeePerGas: bigint | null;
  readonly withdrawals: readonly RpcWithdrawal[];
}

/**
 * Reads Blockchain-ETL exports of Ethereum (the schema of BigQuery's `bigquery-public-data.crypto_ethereum`
 * `transactions`, `traces`, `token_transfers` and `blocks` tables, as ethereum-etl writes them too; JSON Lines or
 * CSV) and yields one `AccountBlock` per block with the transfers `EvmRpcSource` gives for it over JSON-RPC: native
 * values (status from `receipt_status`, or from the top-level trace before Byzantium), internal transfers from the
 * traces (none from a failed frame or below it; none by DELEGATECALL, STATICCALL or CALLCODE; the top-level call is
 * the transaction's own value), token transfers, fees (`receipt_gas_used` × `receipt_effective_gas_price`, the base
 * fee burned, the rest to the block's `miner`), block and uncle rewards and withdrawals. The rows go through the
 * same `assembleTransfers` as the RPC path, so a block imported here equals the block ingested over RPC.
 *
 * Files are streamed: each must list its rows in ascending block order (ethereum-etl writes them so; from BigQuery,
 * export a query with `ORDER BY block_number`); rows within a block may come in any order. Only one block's rows
 * are held at a time. A malformed row, a row out of order, or rows that do not fit together (a trace or token
 * transfer of a transaction the transactions file lacks, two hashes for one block) are `PARSE_ERROR` naming the file,
 * line and column; a block is yielded only once all of its rows are read, so a consumer never sees half a block.
 * Without a blocks row for a block (no blocks file, or one that lacks it), its fees are left out (counted through
 * `onMissing`): the other tables do not name the fee recipient or the base fee.
 *
 * @example
 * for await (const block of readEthereumEtl({ transactions: 'transactions.jsonl', traces: 'traces.csv', tokenTransfers: 'token_transfers.jsonl', blocks: 'blocks.jsonl' })) {
 *   await store.account(block.chain).addBlock(block)
 * }
 */
export async function* readEthereumEtl(params: EthereumEtlParameters): AsyncIterable<AccountBlock> {
  const chain = params.chain ?? evmChain(1);
  const from = params.from ?? 0;
  const to = params.to ?? Number.MAX_SAFE_INTEGER;
  const list = (f: EtlFiles | undefined): string[] => (f === undefined ? [] : typeof f === 'string' ? [f] : [...f]);
  const files = {
    transactions: list(params.transactions),
    traces: list(params.traces),
    token_transfers: list(params.tokenTransfers),
    blocks: list(params.blocks),
  };
  if (files.transactions.length === 0) throw new ChaintrailError('INVALID_ARGUMENT', 'Give at least one transactions file.');
  const nftContracts = await readErc721Contracts(list(params.contracts), params.signal);
  // Progress is in bytes over every file; a file that is not there fails when it is reached, with NOT_FOUND.
  const total = Object.values(files).flat().reduce((s, p) => s + (statSize(p) ?? 0), 0);
  const progress = { done: 0, last: 0 };
  const report = (delta: number): void => {
    progress.done += delta;
    if (params.onProgress && progress.done - progress.last >= 1 << 20) {
      progress.last = progress.done;
      params.onProgress({ phase: 'read', done: progress.done, total, unit: 'byte' });
    }
  };
  const open = <T extends Located & { readonly block: number }>(table: Table, convert: (row: EtlRow, file: string, line: number) => T) =>
    new TableReader<T>({ table, paths: files[table], convert, from, to, report, ...(params.signal ? { signal: params.signal } : {}) });
  const txs = open('transactions', transactionRow);
  const traces = files.traces.length > 0 ? open('traces', traceRow) : null;
  const tokens = files.token_transfers.length > 0 ? open('token_transfers', tokenRow) : null;
  const blocks = files.blocks.length > 0 ? open('blocks', blockRow) : null;
  const readers = [txs, traces, tokens, blocks].filter((r) => r !== null) as TableReader<Located & { block: number }>[];

  try {
    for (;;) {
      throwIfAborted(params.signal);
      const heads = (await Promise.all(readers.map((r) => r.peek()))).filter((n): n is number => n !== null);
      if (heads.length === 0) break;
      const number = Math.min(...heads);
      const txRows = (await txs.take(number)).sort((a, b) => a.tx.index - b.tx.index);
      const traceRows = traces ? await traces.take(number) : [];
      const tokenRows = tokens ? await tokens.take(number) : [];
      const blockRows = blocks ? await blocks.take(number) : [];
      const yielded = assembleBlock({ chain, number, txRows, traceRows, tokenRows, blockRows, hasTraces: traces !== null, nftContracts });
      if (params.onMissing && Object.entries(yielded.missing).some(([k, v]) => k !== 'block' && v !== 0)) params.onMissing(yielded.missing);
      yield yielded.block;
    }
  } finally {
    // A consumer that stops early (abort, an error, `to` reached in one table first) leaves no file open.
    await Promise.all(readers.map((r) => r.close()));
  }
  if (params.onProgress) params.onProgress({ phase: 'read', done: total, total, unit: 'byte' });
}

/** The addresses a contracts export flags `is_erc721` (lower-case); a few hundred thousand on mainnet. */
async function readErc721Contracts(paths: readonly string[], signal: AbortSignal | undefined): Promise<ReadonlySet<string>> {
  const nft = new Set<string>();
  for (const path of paths) {
    for await (const { row, line } of readEtlRecords({ path, required: ['address', 'is_erc721'], ...(signal ? { signal } : {}) })) {
      const flag = row.is_erc721;
      if (flag === true || flag === 'true' || flag === 'True' || flag === '1' || flag === 1) nft.add(located(path, line, () => address(row, 'address')));
      else if (!(flag === false || flag === 'false' || flag === 'False' || flag === '0' || flag === 0 || flag === null || flag === '')) {
        located(path, line, () => {
          throw fieldError('is_erc721', 'must be true or false', flag);
        });
      }
    }
  }
  return nft;
}

function statSize(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

/**
 * One table's files as a sequence of block groups: `peek()` is the next block with rows, `take(n)` returns that
 * block's rows (none when the next rows are of a later block). Rows must not go back to an earlier block.
 */
class TableReader<T extends Located & { readonly block: number }> {
  readonly #paths: readonly string[];
  readonly #table: Table;
  readonly #report: (bytes: number) => void;
  readonly #signal: AbortSignal | undefined;
  #fileIndex = 0;
  #file = '';
  #seen = 0;
  #current: AsyncIterator<EtlRecord> | null = null;
  readonly #convert: (row: EtlRow, file: string, line: number) => T;
  readonly #from: number;
  readonly #to: number;
  readonly #blockColumn: string;
  #next: T | null | undefined;
  #lastBlock = -1;

  constructor(params: {
    readonly table: Table;
    readonly paths: readonly string[];
    readonly convert: (row: EtlRow, file: string, line: number) => T;
    readonly from: number;
    readonly to: number;
    readonly report: (bytes: number) => void;
    readonly signal?: AbortSignal;
  }) {
    this.#paths = params.paths;
    this.#table = params.table;
    this.#report = params.report;
    this.#signal = params.signal;
    this.#convert = params.convert;
    this.#from = params.from;
    this.#to = params.to;
    this.#blockColumn = params.table === 'blocks' ? 'number' : 'block_number';
  }

  /** The next record of the table's files, read one after another. */
  async #record(): Promise<EtlRecord | null> {
    for (;;) {
      if (this.#current === null) {
        const path = this.#paths[this.#fileIndex++];
        if (path === undefined) return null;
        this.#file = path;
        this.#seen = 0;
        const records = readEtlRecords({ path, required: REQUIRED[this.#table], ...(this.#signal ? { signal: this.#signal } : {}) });
        this.#current = records[Symbol.asyncIterator]();
      }
      const step = await this.#current.next();
      if (step.done) {
        this.#current = null;
        continue;
      }
      this.#report(step.value.bytes - this.#seen);
      this.#seen = step.value.bytes;
      return step.value;
    }
  }

  async #advance(): Promise<(T & Located) | null> {
    for (;;) {
      const record = await this.#record();
      if (record === null) return null;
      const file = this.#file;
      // Rows below `from` (a resumed import reads past what the store holds) are only checked for order, not converted.
      const raw = record.row[this.#blockColumn];
      const early = typeof raw === 'string' || typeof raw === 'number' ? Number(raw) : NaN;
      if (Number.isSafeInteger(early) && early < this.#from) {
        this.#order(early, file, record.line);
        continue;
      }
      const row = located(file, record.line, () => this.#convert(record.row, file, record.line));
      this.#order(row.block, file, record.line);
      if (row.block < this.#from) continue;
      if (row.block > this.#to) return null;
      return row;
    }
  }

  #order(block: number, file: string, line: number): void {
    if (block < this.#lastBlock) {
      throw new ChaintrailError('PARSE_ERROR', `${file}:${line}: block ${block} comes after block ${this.#lastBlock}: the rows are not in block order.`, {
        details: 'Export with ORDER BY block_number (ethereum-etl writes files in block order).',
        meta: { file, line, block },
      });
    }
    this.#lastBlock = block;
  }

  async close(): Promise<void> {
    const current = this.#current;
    this.#current = null;
    this.#fileIndex = this.#paths.length;
    await current?.return?.();
  }

  async peek(): Promise<number | null> {
    if (this.#next === undefined) this.#next = await this.#advance();
    return this.#next === null ? null : this.#next.block;
  }

  async take(block: number): Promise<T[]> {
    const out: T[] = [];
    while ((await this.peek()) === block) {
      out.push(this.#next!);
      this.#next = undefined;
    }
    return out;
  }
}

/** Runs a row conversion, turning a value error into a `PARSE_ERROR` that names the file, line and column. */
function located<T>(file: string, line: number, fn: () => T): T {
  try {
    return fn();
  } catch (cause) {
    if (cause instanceof ChaintrailError && cause.code === 'PARSE_ERROR') {
      const column = typeof cause.meta.field === 'string' ? cause.meta.field : undefined;
      throw new ChaintrailError('PARSE_ERROR', `${file}:${line}: ${column ? `column ${column}: ` : ''}${cause.shortMessage}`, {
        cause,
        meta: { file, line, ...(column ? { column } : {}) },
      });
    }
    throw cause;
  }
}

function fieldError(field: string, what: string, value: unknown): ChaintrailError {
  return new ChaintrailError('PARSE_ERROR', `${what}: ${JSON.stringify(value)?.slice(0, 80) ?? String(value)}.`, { meta: { field } });
}

function hash(row: EtlRow, field: string): string {
  const v = row[field];
  if (typeof v === 'string' && /^0x[0-9a-fA-F]{64}$/.test(v)) return v.toLowerCase();
  throw fieldError(field, v === null || v === undefined ? 'missing' : 'not a 32-byte hash', v);
}

function addressOrNull(row: EtlRow, field: string): string | null {
  const v = row[field];
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'string' && /^0x[0-9a-fA-F]{40}$/.test(v)) return v.toLowerCase();
  throw fieldError(field, 'not an address', v);
}

function address(row: EtlRow, field: string): string {
  const a = addressOrNull(row, field);
  if (a === null) throw fieldError(field, 'missing', row[field]);
  return a;
}

function blockNumber(row: EtlRow, field = 'block_number'): number {
  const n = etlNumber(row[field], field);
  if (!Number.isSafeInteger(n) || n < 0) throw fieldError(field, 'not a block number', row[field]);
  return n;
}

/** A `crypto_ethereum.transactions` row as the RPC path's transaction and receipt. */
function transactionRow(row: EtlRow, file = '', line = 0): TxRow {
  const from = address(row, 'from_address');
  const target = addressOrNull(row, 'to_address');
  const nonce = etlBigintOrNull(row.nonce, 'nonce');
  // A creation's recipient is the new contract: from sender and nonce, as the RPC path derives it.
  const created = target !== null ? null : nonce !== null ? getCreateAddress({ from, nonce }).toLowerCase() : addressOrNull(row, 'receipt_contract_address');
  const to = target ?? created;
  if (to === null) throw fieldError('receipt_contract_address', 'a contract creation without nonce or receipt_contract_address', null);
  const input = typeof row.input === 'string' ? row.input : '0x';
  const gasUsed = etlBigintOrNull(row.receipt_gas_used, 'receipt_gas_used');
  const status = etlNumberOrNull(row.receipt_status, 'receipt_status');
  if (status !== null && status !== 0 && status !== 1) throw fieldError('receipt_status', 'neither 0 nor 1', row.receipt_status);
  const txHash = hash(row, 'hash');
  return {
    file,
    line,
    block: blockNumber(row),
    blockHash: hash(row, 'block_hash'),
    time: etlTimestamp(row.block_timestamp, 'block_timestamp'),
    tx: {
      hash: txHash,
      index: etlNumber(row.transaction_index, 'transaction_index'),
      from,
      to,
      isCreate: target === null,
      value: etlBigint(row.value, 'value'),
      gasPrice: etlBigintOrNull(row.gas_price, 'gas_price'),
      hasInput: target === null || input.length > 2,
    },
    // BigQuery's rows always carry the receipt; an export without receipt columns is a node without receipts.
    receipt:
      gasUsed === null
        ? null
        : {
            txHash,
            status: status === null ? null : (status as 0 | 1),
            gasUsed,
            effectiveGasPrice: etlBigintOrNull(row.receipt_effective_gas_price, 'receipt_effective_gas_price'),
            blobGasUsed: etlBigintOrNull(row.receipt_blob_gas_used, 'receipt_blob_gas_used') ?? 0n,
            blobGasPrice: etlBigintOrNull(row.receipt_blob_gas_price, 'receipt_blob_gas_price') ?? 0n,
            logs: [],
          },
  };
}

/** `trace_address`: "0,1" (ethereum-etl and BigQuery), a JSON array, or empty/null for the top-level call. */
function traceAddress(row: EtlRow): number[] {
  const v = row.trace_address;
  if (v === null || v === undefined || v === '') return [];
  const parts = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : null;
  if (parts === null) throw fieldError('trace_address', 'not a trace address', v);
  return parts.map((p) => {
    const n = typeof p === 'number' ? p : typeof p === 'string' && /^\s*\d+\s*$/.test(p) ? Number(p) : NaN;
    if (!Number.isSafeInteger(n)) throw fieldError('trace_address', 'not a trace address', v);
    return n;
  });
}

/** A `crypto_ethereum.traces` row (ethereum-etl's mapping of Parity's `trace_block`) as the RPC path's frame or reward. */
function traceRow(row: EtlRow, file = '', line = 0): TraceRow {
  const base = { file, line, block: blockNumber(row), blockHash: hash(row, 'block_hash'), time: etlTimestamp(row.block_timestamp, 'block_timestamp') };
  const type = row.trace_type;
  const value = etlBigintOrNull(row.value, 'value') ?? 0n;
  if (type === 'reward') {
    // ethereum-etl numbers block-scoped traces by (reward_type, from, to, value) in trace_id "reward_<block>_<n>".
    const id = typeof row.trace_id === 'string' ? /_(\d+)$/.exec(row.trace_id) : null;
    return {
      ...base,
      kind: 'reward',
      reward: {
        author: address(row, 'to_address'),
        value,
        rewardType: typeof row.reward_type === 'string' ? row.reward_type : 'block',
        order: id ? Number(id[1]) : null,
      },
    };
  }
  if (type === 'genesis' || type === 'daofork') return { ...base, kind: 'skipped' };
  let frameType: ValueFrame['type'];
  if (type === 'call') {
    const callType = CALL_TYPES[String(row.call_type)];
    if (!callType) throw fieldError('call_type', 'unknown call type', row.call_type);
    frameType = callType;
  } else if (type === 'create') frameType = 'create';
  else if (type === 'suicide' || type === 'selfdestruct') frameType = 'selfdestruct';
  else throw fieldError('trace_type', 'unknown trace type', type);
  const error = typeof row.error === 'string' && row.error.length > 0;
  const status = etlNumberOrNull(row.status, 'status');
  const to = addressOrNull(row, 'to_address');
  if (to === null && frameType !== 'create') throw fieldError('to_address', 'missing', row.to_address);
  return {
    ...base,
    kind: 'frame',
    frame: {
      txHash: hash(row, 'transaction_hash'),
      txIndex: etlNumber(row.transaction_index, 'transaction_index'),
      traceAddress: traceAddress(row),
      type: frameType,
      from: address(row, 'from_address'),
      // A failed CREATE has no address.
      to,
      value,
      failed: error,
      // ethereum-etl's status is 0 when the trace or any trace above it failed.
      statusZero: status === 0,
    },
  };
}

/** A `crypto_ethereum.token_transfers` row (a decoded Transfer log). */
function tokenRow(row: EtlRow, file = '', line = 0): TokenRow {
  return {
    file,
    line,
    block: blockNumber(row),
    blockHash: hash(row, 'block_hash'),
    txHash: hash(row, 'transaction_hash'),
    contract: address(row, 'token_address'),
    logIndex: etlNumber(row.log_index, 'log_index'),
    from: address(row, 'from_address'),
    to: address(row, 'to_address'),
    // A STRING in BigQuery: token amounts exceed NUMERIC.
    value: etlBigint(row.value, 'value'),
  };
}

/** A `crypto_ethereum.blocks` row: what fees, withdrawals and empty blocks need. */
function blockRow(row: EtlRow, file = '', line = 0): BlockRow {
  const raw = row.withdrawals;
  const withdrawals: RpcWithdrawal[] = [];
  if (raw !== null && raw !== undefined && raw !== '') {
    // A REPEATED RECORD: JSON exports carry it; CSV cannot (BigQuery refuses nested columns there).
    let list: unknown = raw;
    if (typeof raw === 'string') {
      try {
        list = JSON.parse(raw);
      } catch {
        throw fieldError('withdrawals', 'not a JSON list', raw);
      }
    }
    if (!Array.isArray(list)) throw fieldError('withdrawals', 'not a list', raw);
    for (const w of list as EtlRow[]) {
      withdrawals.push({ index: etlBigint(w.index, 'withdrawals.index'), address: address(w, 'address'), amountGwei: etlBigint(w.amount, 'withdrawals.amount') });
    }
  }
  return {
    file,
    line,
    block: blockNumber(row, 'number'),
    blockHash: hash(row, 'hash'),
    time: etlTimestamp(row.timestamp, 'timestamp'),
    miner: address(row, 'miner'),
    baseFeePerGas: etlBigintOrNull(row.base_fee_per_gas, 'base_fee_per_gas'),
    withdrawals,
  };
}

function mismatch(at: Located, what: string): ChaintrailError {
  return new ChaintrailError('PARSE_ERROR', `${at.file}:${at.line}: ${what}`, {
    details:
      'Are all files exports of the same chain and blocks? A slice (say, by address) must select the same transactions in every table, e.g. traces and token_transfers WHERE transaction_hash IN the selected hashes.',
    meta: { file: at.file, line: at.line },
  });
}

/** Joins one block's rows of every table and assembles its transfers the way the RPC path does. */
function assembleBlock(params: {
  readonly chain: ChainId;
  readonly number: number;
  readonly txRows: readonly (TxRow & Located)[];
  readonly traceRows: readonly (TraceRow & Located)[];
  readonly tokenRows: readonly (TokenRow & Located)[];
  readonly nftContracts: ReadonlySet<string>;
  readonly blockRows: readonly (BlockRow & Located)[];
  readonly hasTraces: boolean;
}): { block: AccountBlock; missing: EthereumEtlMissing } {
  const { chain, number, traceRows, blockRows } = params;
  const head = blockRows[0];
  // BigQuery's tables have held duplicate rows at times: an identical repeat is dropped, a conflicting one refused.
  const second = blockRows.find((b) => b.blockHash !== head?.blockHash);
  if (second) throw mismatch(second, `a second row for block ${number}, with another hash`);
  const txRows = unique(params.txRows, (r) => r.tx.hash);
  const tokenRows = unique(params.tokenRows, (r) => String(r.logIndex));
  const first: (Located & { blockHash: string; time?: number }) | undefined = head ?? txRows[0] ?? traceRows[0] ?? tokenRows[0];
  const hashOf = first!.blockHash;
  for (const r of [...txRows, ...traceRows, ...tokenRows]) {
    if (r.blockHash !== hashOf) throw mismatch(r, `block ${number} is ${r.blockHash} here but ${hashOf} at ${first!.file}:${first!.line}`);
  }
  const time = head?.time ?? txRows[0]?.time ?? traceRows[0]?.time ?? null;
  if (time === null) throw mismatch(tokenRows[0]!, `token transfers in block ${number}, which has no transactions`);

  const byHash = new Map<string, number>();
  // A slice may leave transactions out (gaps in transaction_index), but two at one index is not a block.
  txRows.forEach((r, i) => {
    if (i > 0 && r.tx.index === txRows[i - 1]!.tx.index) throw mismatch(r, `two transactions at index ${r.tx.index} of block ${number}`);
    byHash.set(r.tx.hash, r.tx.index);
  });

  let skippedTraces = 0;
  const rawFrames: (TraceRow['frame'] & object)[] = [];
  const seenFrames = new Set<string>();
  const rewards: (RewardTrace & { order: number | null })[] = [];
  for (const t of traceRows) {
    if (t.kind === 'skipped') skippedTraces++;
    else if (t.kind === 'reward') rewards.push(t.reward!);
    else {
      const index = byHash.get(t.frame!.txHash!);
      if (index === undefined || index !== t.frame!.txIndex) throw mismatch(t, `a trace of transaction ${t.frame!.txHash}, which block ${number} of the transactions file lacks`);
      const key = `${t.frame!.txHash}:${t.frame!.traceAddress.join(',')}`;
      if (!seenFrames.has(key)) rawFrames.push(t.frame!);
      seenFrames.add(key);
    }
  }
  if (params.hasTraces && txRows.length > 0 && rawFrames.length === 0) {
    // Every transaction has its top-level trace: none at all means the traces file covers other blocks.
    throw mismatch(txRows[0]!, `block ${number} has transactions but the traces file has no rows for it`);
  }
  // The RPC path marks a frame reverted when it or a frame above it failed (Parity reports only the failing one).
  const failedByTx = new Map<string, (readonly number[])[]>();
  for (const f of rawFrames) if (f.failed) failedByTx.set(f.txHash!, [...(failedByTx.get(f.txHash!) ?? []), f.traceAddress]);
  const frames: ValueFrame[] = rawFrames
    .map(({ statusZero, ...f }) => ({ ...f, reverted: statusZero || (failedByTx.get(f.txHash!) ?? []).some((p) => isPrefix(p, f.traceAddress)) }))
    .sort((a, b) => a.txIndex - b.txIndex || compareAddress(a.traceAddress, b.traceAddress));
  // trace_block lists the block reward, then the uncles'; ethereum-etl's trace_id order is the same for one uncle.
  rewards.sort((a, b) => (a.order !== null && b.order !== null ? a.order - b.order : rewardRank(a) - rewardRank(b)));

  const tokenLogs: TransferLog[] = tokenRows.map((t) => {
    const txIndex = byHash.get(t.txHash);
    if (txIndex === undefined) throw mismatch(t, `a token transfer of transaction ${t.txHash}, which block ${number} of the transactions file lacks`);
    const base = { contract: t.contract, txHash: t.txHash, txIndex, blockNumber: number, blockHash: hashOf, logIndex: t.logIndex, from: t.from, to: t.to };
    // ethereum-etl writes an ERC-721 Transfer's token id (its fourth topic) in `value`.
    return params.nftContracts.has(t.contract) ? { ...base, standard: 'erc721', value: 1n, tokenId: t.value } : { ...base, standard: 'erc20', value: t.value };
  });
  tokenLogs.sort((a, b) => a.logIndex - b.logIndex);

  const block: RpcBlock = {
    number,
    hash: hashOf,
    time,
    // Without the block's row the fee recipient is unknown: fees are dropped below, so this address is never used.
    miner: head?.miner ?? ZERO_ADDRESS,
    baseFeePerGas: head?.baseFeePerGas ?? null,
    transactions: txRows.map((r) => r.tx),
    withdrawals: head?.withdrawals ?? [],
  };
  const receipts = new Map<string, RpcReceipt>();
  for (const r of txRows) if (r.receipt) receipts.set(r.tx.hash, r.receipt);
  const assembled = assembleTransfers({
    chain,
    block,
    receipts,
    frames: params.hasTraces ? frames : null,
    rewards: rewards.map(({ order: _order, ...r }) => r),
    tokenLogs,
  });
  // Fees need the block's row (fee recipient, base fee); a blocks file that lacks this block is no better than none.
  const transfers = head ? assembled.transfers : assembled.transfers.filter((t) => t.kind !== 'fee');
  const fees = head ? 0 : txRows.filter((r) => r.receipt !== null).length;
  return {
    block: { chain, number, hash: hashOf, time, transfers },
    missing: { block: number, ...assembled.missing, fees, skippedTraces },
  };
}

/** Rows in file order without repeats of one key: tables have held duplicate rows. */
function unique<T>(rows: readonly T[], key: (row: T) => string): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = key(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function rewardRank(r: RewardTrace): number {
  return r.rewardType === 'block' ? 0 : 1;
}

function compareAddress(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
