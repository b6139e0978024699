import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EthereumEtlSource, EvmRpcSource, parseParityTraces, readEthereumEtl, type EthereumEtlParameters } from '@chaintrail/adapters';
import { isChaintrailError, type AccountBlock, type AccountTransfer, type ChainId } from '@chaintrail/core';
import { ingest, openStore, type Store } from '@chaintrail/store';
import type { TransactionReceipt } from 'ethers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../packages/cli/src/testing.ts';
import { assembleTransfers } from '../packages/adapters/src/evm/rpc/assembleTransfers.ts';
import { parseRpcTransaction, type RpcBlock } from '../packages/adapters/src/evm/rpc/parseBlock.ts';
import { startAnvil, type TestAnvil } from './support/anvil.ts';
import { deployContract, revertedReceipt } from './support/contracts.ts';
import { startEvmReplay, type EvmReplayServer } from './support/evmReplay.ts';
import { hasSharedData, sharedPath } from './support/sharedData.ts';
import { storeTestEnvironment } from './support/storeTestEnvironment.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- recorded JSON-RPC answers */
const ETH: ChainId = 'eip155:1';
const recorded = (...parts: string[]): any => (JSON.parse(readFileSync(sharedPath('evm', 'rpc', ...parts), 'utf8')) as { result: unknown }).result;
const block = (tag: string, dir: string): any => recorded('test_export_blocks_job', dir, `web3_response.eth_getBlockByNumber_${tag}_true.json`);
const receipt = (hash: string): any => recorded('test_export_receipts_job', 'receipts_with_logs', `web3_response.eth_getTransactionReceipt_${hash}.json`);
const traceBlock = (dir: string, tag: string): any[] => recorded('test_export_traces_job', dir, `web3_response.trace_block_${tag}.json`);

// ---- Rows as BigQuery's crypto_ethereum tables hold them, derived field by field from the recorded answers -------
// INT64 and NUMERIC are written as decimal strings, TIMESTAMP as "YYYY-MM-DD HH:MM:SS UTC"; a JSON export leaves
// NULL fields out, a CSV export writes them empty.

type Row = Record<string, string | null>;
const dec = (hex: string | null | undefined): string | null => (hex === null || hex === undefined ? null : BigInt(hex).toString());
const utc = (seconds: number): string => new Date(seconds * 1000).toISOString().replace('T', ' ').replace('.000Z', ' UTC');

const TRANSFER = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef';
const TX_COLUMNS = [
  'hash', 'nonce', 'transaction_index', 'from_address', 'to_address', 'value', 'gas', 'gas_price', 'input', 'receipt_cumulative_gas_used',
  'receipt_gas_used', 'receipt_contract_address', 'receipt_root', 'receipt_status', 'block_timestamp', 'block_number', 'block_hash',
  'max_fee_per_gas', 'max_priority_fee_per_gas', 'transaction_type', 'receipt_effective_gas_price',
];
const BLOCK_COLUMNS = [
  'timestamp', 'number', 'hash', 'parent_hash', 'nonce', 'sha3_uncles', 'logs_bloom', 'transactions_root', 'state_root', 'receipts_root',
  'miner', 'difficulty', 'total_difficulty', 'size', 'extra_data', 'gas_limit', 'gas_used', 'transaction_count', 'base_fee_per_gas',
];
const TOKEN_COLUMNS = ['token_address', 'from_address', 'to_address', 'value', 'transaction_hash', 'log_index', 'block_timestamp', 'block_number', 'block_hash'];
const TRACE_COLUMNS = [
  'transaction_hash', 'transaction_index', 'from_address', 'to_address', 'value', 'input', 'output', 'trace_type', 'call_type', 'reward_type',
  'gas', 'gas_used', 'subtraces', 'trace_address', 'error', 'status', 'block_timestamp', 'block_number', 'block_hash', 'trace_id',
];

/** transactions rows; `receipts` holds the recorded receipt of each transaction that has one. */
function transactionRows(b: any, receipts: Map<string, any>): Row[] {
  return b.transactions.map((t: any): Row => {
    const r = receipts.get(t.hash);
    return {
      hash: t.hash, nonce: dec(t.nonce), transaction_index: dec(t.transactionIndex), from_address: t.from, to_address: t.to, value: dec(t.value),
      gas: dec(t.gas), gas_price: dec(t.gasPrice), input: t.input, receipt_cumulative_gas_used: dec(r?.cumulativeGasUsed),
      receipt_gas_used: dec(r?.gasUsed), receipt_contract_address: r?.contractAddress ?? null, receipt_root: r?.root ?? null,
      receipt_status: dec(r?.status), block_timestamp: utc(Number(b.timestamp)), block_number: dec(b.number), block_hash: b.hash,
      max_fee_per_gas: dec(t.maxFeePerGas), max_priority_fee_per_gas: dec(t.maxPriorityFeePerGas), transaction_type: dec(t.type),
      receipt_effective_gas_price: dec(r?.effectiveGasPrice),
    };
  });
}

function blockRow(b: any): Row {
  return {
    timestamp: utc(Number(b.timestamp)), number: dec(b.number), hash: b.hash, parent_hash: b.parentHash, nonce: b.nonce, sha3_uncles: b.sha3Uncles,
    logs_bloom: b.logsBloom, transactions_root: b.transactionsRoot, state_root: b.stateRoot, receipts_root: b.receiptsRoot, miner: b.miner,
    difficulty: dec(b.difficulty), total_difficulty: dec(b.totalDifficulty), size: dec(b.size), extra_data: b.extraData, gas_limit: dec(b.gasLimit),
    gas_used: dec(b.gasUsed), transaction_count: String(b.transactions.length), base_fee_per_gas: dec(b.baseFeePerGas),
  };
}

/** token_transfers rows from Transfer logs, as ethereum-etl decodes them (topics + data words = 4). */
function tokenRows(logs: any[], time: number): Row[] {
  return logs.map((l: any): Row => ({
    // An ERC-721 Transfer indexes its token id as a fourth topic; ethereum-etl writes it as the value.
    token_address: l.address, from_address: `0x${l.topics[1].slice(26)}`, to_address: `0x${l.topics[2].slice(26)}`, value: dec(l.topics.length === 4 ? l.topics[3] : l.data),
    transaction_hash: l.transactionHash, log_index: dec(l.logIndex), block_timestamp: utc(time), block_number: dec(l.blockNumber), block_hash: l.blockHash,
  }));
}

/** traces rows from Parity's trace_block, as ethereum-etl's trace mapper writes them (status and trace_id computed). */
function traceRows(traces: any[], time: number): Row[] {
  const failed = traces.filter((t) => t.error).map((t) => `${t.transactionHash}:${t.traceAddress.join(',')}`);
  const failedBelow = (t: any): boolean =>
    t.traceAddress.some((_: number, i: number) => failed.includes(`${t.transactionHash}:${t.traceAddress.slice(0, i).join(',')}`)) ||
    failed.includes(`${t.transactionHash}:${t.traceAddress.join(',')}`);
  // ethereum-etl numbers a block's rewards in the order of (reward_type, from, to, value).
  const key = (t: any): string => `${t.action.rewardType}|${t.action.author}|${BigInt(t.action.value).toString().padStart(40, '0')}`;
  const rewards = traces.filter((t) => t.type === 'reward').sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return traces.map((t: any): Row => {
    const a = t.action;
    const common = {
      transaction_hash: t.transactionHash, transaction_index: t.transactionPosition === null ? null : String(t.transactionPosition),
      trace_type: t.type, subtraces: String(t.subtraces), trace_address: t.traceAddress.length > 0 ? t.traceAddress.join(',') : null,
      error: t.error ?? null, status: failedBelow(t) ? '0' : '1', block_timestamp: utc(time), block_number: String(t.blockNumber),
      block_hash: t.blockHash, call_type: null, reward_type: null, input: null, output: null, gas: null, gas_used: null,
      trace_id: t.type === 'reward' ? `reward_${t.blockNumber}_${rewards.indexOf(t)}` : `${t.type}_${t.transactionHash}_${t.traceAddress.join('_')}`,
    };
    if (t.type === 'call') {
      return { ...common, from_address: a.from, to_address: a.to, value: dec(a.value), call_type: a.callType, input: a.input, output: t.result?.output ?? null, gas: dec(a.gas), gas_used: dec(t.result?.gasUsed) };
    }
    if (t.type === 'create') {
      return { ...common, from_address: a.from, to_address: t.result?.address ?? null, value: dec(a.value), input: a.init, output: t.result?.code ?? null, gas: dec(a.gas), gas_used: dec(t.result?.gasUsed) };
    }
    if (t.type === 'suicide' || t.type === 'selfdestruct') return { ...common, from_address: a.address, to_address: a.refundAddress, value: dec(a.balance) };
    return { ...common, from_address: null, to_address: a.author, value: dec(a.value), reward_type: a.rewardType };
  });
}

const jsonl = (rows: Row[]): string => rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null)))).join('\n') + '\n';
const csvField = (v: string | null): string => (v === null ? '' : /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const csv = (columns: string[], rows: Row[]): string => [columns.join(','), ...rows.map((r) => columns.map((c) => csvField(r[c] ?? null)).join(','))].join('\n') + '\n';

const { dir, postgres } = storeTestEnvironment('chaintrail-etl-eth-');
let counter = 0;
const file = (name: string, text: string): string => {
  const path = join(dir, `${++counter}-${name}`);
  writeFileSync(path, text);
  return path;
};

async function readAll(params: EthereumEtlParameters): Promise<AccountBlock[]> {
  const out: AccountBlock[] = [];
  for await (const b of readEthereumEtl(params)) out.push(b);
  return out;
}

/** The export of blocks 47218, 47219 and 483920, in both formats. */
function writeExport(format: 'jsonl' | 'csv'): { transactions: string; blocks: string; tokenTransfers: string } {
  const b1 = block('0xb872', 'blocks_with_transactions');
  const b2 = block('0xb873', 'blocks_with_transactions');
  const b3 = block('0x76250', 'block_with_logs');
  // The recordings hold receipts for block 483920's transactions only, as the replayed node does.
  const receipts = new Map<string, any>(b3.transactions.map((t: any) => [t.hash, receipt(t.hash)]));
  const txs = [b1, b2, b3].flatMap((b) => transactionRows(b, receipts));
  const blocks = [b1, b2, b3].map(blockRow);
  const tokens = tokenRows(recorded('test_export_token_transfers_job', 'block_with_transfers', 'web3_response.eth_getFilterLogs_0x0.json'), Number(b3.timestamp));
  const ext = format === 'csv' ? 'csv' : 'jsonl';
  return {
    transactions: file(`transactions.${ext}`, format === 'csv' ? csv(TX_COLUMNS, txs) : jsonl(txs)),
    blocks: file(`blocks.${ext}`, format === 'csv' ? csv(BLOCK_COLUMNS, blocks) : jsonl(blocks)),
    tokenTransfers: file(`token_transfers.${ext}`, format === 'csv' ? csv(TOKEN_COLUMNS, tokens) : jsonl(tokens)),
  };
}

describe.skipIf(!hasSharedData)('Blockchain-ETL import of crypto_ethereum (rows derived from real mainnet recordings)', () => {
  let replay: EvmReplayServer | undefined;
  afterEach(async () => {
    await replay?.close();
    replay = undefined;
  });

  /** What EvmRpcSource gives for the same blocks, through the replay server over the same recordings. */
  async function overRpc(ranges: [number, number][]): Promise<AccountBlock[]> {
    replay = await startEvmReplay({ tip: 2_000_000 });
    const source = new EvmRpcSource({ url: replay.url, chainId: 1, backoffMs: 1 });
    const out: AccountBlock[] = [];
    for (const [from, to] of ranges) for await (const b of source.getBlocks({ from, to })) out.push(b);
    return out;
  }

  it.each(['jsonl', 'csv'] as const)('imports blocks 47218-47219 and 483920 (%s) transfer for transfer as the RPC adapter ingests them', async (format) => {
    const files = writeExport(format);
    const etl = await readAll(files);
    const rpc = await overRpc([[47218, 47219], [483920, 483920]]);
    expect(etl).toEqual(rpc);
    const transfers = etl.flatMap((b) => b.transfers);
    // Something that could go wrong: natives, the two ERC-20 transfers, a fee per transaction of 483920.
    expect(transfers.filter((t) => t.kind === 'token').map((t) => t.value)).toEqual([100000n, 200000n]);
    expect(transfers.filter((t) => t.kind === 'fee')).toHaveLength(4);
    expect(transfers.filter((t) => t.kind === 'native').length).toBeGreaterThan(0);
  });

  it('drops repeated rows, and takes a slice of transactions (gaps in transaction_index) as those transactions\' transfers', async () => {
    const rpc = await overRpc([[483920, 483920]]);
    const b3 = block('0x76250', 'block_with_logs');
    const receipts = new Map<string, any>(b3.transactions.map((t: any) => [t.hash, receipt(t.hash)]));
    const txs = transactionRows(b3, receipts);
    const logs = recorded('test_export_token_transfers_job', 'block_with_transfers', 'web3_response.eth_getFilterLogs_0x0.json');
    const tokens = tokenRows(logs, Number(b3.timestamp));
    const blocks = file('b.jsonl', jsonl([blockRow(b3), blockRow(b3)]));
    const twice = await readAll({ transactions: file('t2.jsonl', jsonl([...txs, ...txs])), tokenTransfers: file('k2.jsonl', jsonl([...tokens, ...tokens])), blocks });
    expect(twice).toEqual(rpc);
    // A slice by sender, say: the first and third transactions, and the token transfers of those.
    const picked = new Set([txs[0]!.hash, txs[2]!.hash]);
    const slice = await readAll({
      transactions: file('t3.jsonl', jsonl(txs.filter((t) => picked.has(t.hash)))),
      tokenTransfers: file('k3.jsonl', jsonl(tokens.filter((t) => picked.has(t.transaction_hash)))),
      blocks,
    });
    expect(slice.flatMap((b) => b.transfers)).toEqual(rpc[0]!.transfers.filter((t) => picked.has(t.txHash)));
    expect(slice[0]!.transfers.length).toBeGreaterThan(0);
  });

  it('reports progress in bytes over all files', async () => {
    const files = writeExport('csv');
    const seen: { done: number; total?: number }[] = [];
    await readAll({ ...files, onProgress: (p) => seen.push(p) });
    const total = [files.transactions, files.blocks, files.tokenTransfers].reduce((s, f) => s + readFileSync(f).length, 0);
    expect(seen.at(-1)).toEqual({ phase: 'read', done: total, total, unit: 'byte' });
  });

  it('reads only the blocks from..to', async () => {
    const files = writeExport('csv');
    const rpc = await overRpc([[47219, 47219]]);
    expect(await readAll({ ...files, from: 47219, to: 47219 })).toEqual(rpc);
  });

  it('leaves fees out without a blocks file (they need the fee recipient) and says so', async () => {
    const { transactions, tokenTransfers } = writeExport('jsonl');
    const missing: number[] = [];
    const etl = await readAll({ transactions, tokenTransfers, onMissing: (m) => m.fees > 0 && missing.push(m.block, m.fees) });
    expect(etl.flatMap((b) => b.transfers).some((t) => t.kind === 'fee')).toBe(false);
    expect(missing).toEqual([483920, 4]);
  });

  describe.each([
    ['1000000 (a CALLCODE below a call)', 'block_with_subtraces', '0xf4240'],
    ['1000690 (a contract creation)', 'block_with_create', '0xf44f2'],
  ] as const)('traces of block %s', (_name, traceDir, tag) => {
    /**
     * The recordings hold trace_block for these blocks but not the block itself, so the transactions rows carry what
     * the top-level traces tell (hash, position, sender, recipient or created contract, value, input) and no receipt;
     * the header's time is not recorded and is written as 0 on both sides.
     */
    const derive = () => {
      const traces = traceBlock(traceDir, tag);
      const top = traces.filter((t) => t.type !== 'reward' && t.traceAddress.length === 0);
      const hash = traces[0].blockHash as string;
      const number = traces[0].blockNumber as number;
      const txs: Row[] = top.map((t) => ({
        hash: t.transactionHash, nonce: null, transaction_index: String(t.transactionPosition), from_address: t.action.from,
        to_address: t.type === 'create' ? null : t.action.to, value: dec(t.action.value), gas: dec(t.action.gas), gas_price: null,
        input: t.type === 'create' ? t.action.init : t.action.input, receipt_cumulative_gas_used: null, receipt_gas_used: null,
        receipt_contract_address: t.type === 'create' ? t.result.address : null, receipt_root: null, receipt_status: null,
        block_timestamp: utc(0), block_number: String(number), block_hash: hash, max_fee_per_gas: null, max_priority_fee_per_gas: null,
        transaction_type: null, receipt_effective_gas_price: null,
      }));
      // The RPC adapter's side: its Parity parser on the recording, assembled with the same transactions.
      const rpcBlock: RpcBlock = {
        number, hash, time: 0, miner: traces.find((t) => t.type === 'reward').action.author, baseFeePerGas: null, withdrawals: [],
        transactions: top.map((t) =>
          parseRpcTransaction(
            { hash: t.transactionHash, transactionIndex: t.transactionPosition, from: t.action.from, to: t.type === 'create' ? null : t.action.to, value: t.action.value, input: t.action.input ?? t.action.init, nonce: '0x0' },
            'test',
          ),
        ),
      };
      // A creation's address from the recorded trace (the RPC path derives it from the nonce, which is not recorded).
      const created = top.find((t) => t.type === 'create');
      const rpcTxs = rpcBlock.transactions.map((t) => (t.isCreate ? { ...t, to: created.result.address } : t));
      const parity = parseParityTraces({ result: traces });
      const expected = assembleTransfers({ chain: ETH, block: { ...rpcBlock, transactions: rpcTxs }, receipts: new Map(), frames: parity.frames, rewards: parity.rewards, tokenLogs: [] }).transfers;
      return { traces, txs, expected, number, hash };
    };

    it.each(['jsonl', 'csv'] as const)('gives the RPC adapter\'s internal transfers, rewards and statuses (%s)', async (format) => {
      const { traces, txs, expected, number, hash } = derive();
      const rows = traceRows(traces, 0);
      const transactions = file(`tx.${format}`, format === 'csv' ? csv(TX_COLUMNS, txs) : jsonl(txs));
      const traceFile = file(`traces.${format}`, format === 'csv' ? csv(TRACE_COLUMNS, rows) : jsonl(rows));
      const [got, ...more] = await readAll({ transactions, traces: traceFile });
      expect(more).toEqual([]);
      expect(got).toEqual({ chain: ETH, number, hash, time: 0, transfers: expected });
      const kinds = new Set(got!.transfers.map((t) => t.kind));
      expect(kinds.has('reward') && kinds.has('native')).toBe(true);
      // The block reward: 5 ETH under Frontier/Homestead, to the miner.
      expect(got!.transfers.find((t) => t.kind === 'reward')?.value).toBe(5_000_000_000_000_000_000n);
      // Pre-Byzantium: no receipt status, so the top-level trace tells.
      expect(got!.transfers.filter((t) => t.kind === 'native').every((t) => t.status === 'success')).toBe(true);
      if (tag === '0xf4240') {
        // The CALLCODE moved 100 ETH "to itself": no internal transfer for it, but its parent's call is one.
        expect(got!.transfers.filter((t) => t.kind === 'internal').map((t) => t.traceAddress)).toEqual(parity(traces));
      }
    });

    // The internal transfers the Parity parser sees as moving value below the top level.
    const parity = (traces: any[]) =>
      parseParityTraces({ result: traces }).frames.filter((f) => f.traceAddress.length > 0 && !f.reverted && f.value > 0n && ['call', 'create', 'selfdestruct'].includes(f.type)).map((f) => f.traceAddress);
  });

  describe('bad input', () => {
    const oneTx = () => {
      const b = block('0x76250', 'block_with_logs');
      return transactionRows(b, new Map());
    };

    it('names file and line of a cut JSON line', async () => {
      const text = jsonl(oneTx());
      const path = file('cut.jsonl', text.slice(0, text.indexOf('\n') + 40));
      const e = await readAll({ transactions: path }).catch((x: unknown) => x);
      expect(isChaintrailError(e, 'PARSE_ERROR')).toBe(true);
      expect((e as { meta: Record<string, unknown> }).meta).toMatchObject({ file: path, line: 2 });
    });

    it('names a CSV header that lacks a column the table has', async () => {
      const path = file('renamed.csv', csv(TX_COLUMNS, oneTx()).replace('from_address', 'from'));
      const e = await readAll({ transactions: path }).catch((x: unknown) => x);
      expect(isChaintrailError(e, 'PARSE_ERROR')).toBe(true);
      expect((e as Error).message).toContain('from_address');
      expect((e as { meta: Record<string, unknown> }).meta).toMatchObject({ file: path, line: 1 });
    });

    it.each(['jsonl', 'csv'] as const)('names file, line and column of a value that is not a number (%s)', async (format) => {
      const rows = oneTx();
      rows[2] = { ...rows[2]!, value: '12x' };
      const path = file(`nan.${format}`, format === 'csv' ? csv(TX_COLUMNS, rows) : jsonl(rows));
      const e = await readAll({ transactions: path }).catch((x: unknown) => x);
      expect(isChaintrailError(e, 'PARSE_ERROR')).toBe(true);
      expect((e as { meta: Record<string, unknown> }).meta).toEqual({ file: path, line: format === 'csv' ? 4 : 3, column: 'value' });
    });

    it('names file, line and column of a contracts row whose is_erc721 is not a boolean', async () => {
      const contracts = file('contracts.csv', csv(['address', 'is_erc721'], [{ address: `0x${'ab'.repeat(20)}`, is_erc721: 'false' }, { address: `0x${'cd'.repeat(20)}`, is_erc721: 'maybe' }]));
      const e = await readAll({ transactions: file('one.jsonl', jsonl(oneTx())), contracts }).catch((x: unknown) => x);
      expect(isChaintrailError(e, 'PARSE_ERROR')).toBe(true);
      expect((e as { meta: Record<string, unknown> }).meta).toEqual({ file: contracts, line: 3, column: 'is_erc721' });
    });

    it('refuses rows out of block order, and a file that is not there', async () => {
      const b1 = block('0xb872', 'blocks_with_transactions');
      const b3 = block('0x76250', 'block_with_logs');
      const path = file('unordered.jsonl', jsonl([...transactionRows(b3, new Map()), ...transactionRows(b1, new Map())]));
      const e = await readAll({ transactions: path }).catch((x: unknown) => x);
      expect(isChaintrailError(e, 'PARSE_ERROR')).toBe(true);
      expect((e as Error).message).toContain('not in block order');
      const missing = await readAll({ transactions: join(dir, 'nothing-here.jsonl') }).catch((x: unknown) => x);
      expect(isChaintrailError(missing, 'NOT_FOUND')).toBe(true);
    });

    it('refuses a token transfer of a transaction the transactions file lacks', async () => {
      const { tokenTransfers } = writeExport('jsonl');
      const transactions = file('other.jsonl', jsonl(transactionRows(block('0xb872', 'blocks_with_transactions'), new Map())));
      const e = await readAll({ transactions, tokenTransfers }).catch((x: unknown) => x);
      expect(isChaintrailError(e, 'PARSE_ERROR')).toBe(true);
      expect((e as { meta: Record<string, unknown> }).meta).toMatchObject({ file: tokenTransfers, line: 1 });
    });
  });

  describe.each([
    ['SQLite', async (): Promise<Store> => openStore({ url: join(dir, `s${++counter}.db`) })],
    ['PostgreSQL', async (): Promise<Store> => openStore({ url: await postgres().createDatabase(`etl${++counter}`) })],
  ] as const)('into %s', (_name, open) => {
    it('lands with its checkpoint, reads back equal to the RPC ingest, and a rerun adds nothing', async () => {
      const files = writeExport('csv');
      const rpc = await overRpc([[47218, 47219], [483920, 483920]]);
      const store = await open();
      try {
        const source = new EthereumEtlSource(files);
        expect(await source.getTipHeight()).toBe(483920);
        const first = await ingest({ store, source, from: 0 });
        expect(first).toMatchObject({ blocks: 3, items: rpc.flatMap((b) => b.transfers).length, checkpoint: { height: 483920, hash: rpc[2]!.hash } });
        const back: AccountBlock[] = [];
        for await (const b of store.account(ETH).getBlocks({ from: 0, to: 500_000 })) back.push(b);
        expect(back).toEqual(rpc);
        expect(await ingest({ store, source, from: 0 })).toMatchObject({ items: 0 });
        expect(await store.account(ETH).count()).toBe(rpc.flatMap((b) => b.transfers).length);
      } finally {
        await store.close();
      }
    });

    it('stops on abort with whole blocks and the checkpoint, and a rerun resumes there', async () => {
      const files = writeExport('jsonl');
      const rpc = await overRpc([[47218, 47219], [483920, 483920]]);
      const store = await open();
      try {
        const source = new EthereumEtlSource(files);
        const controller = new AbortController();
        const e = await ingest({ store, source, from: 0, to: 483920, signal: controller.signal, onBlock: () => controller.abort(new Error('stop')) }).catch((x: unknown) => x);
        expect(isChaintrailError(e, 'ABORTED')).toBe(true);
        expect(await store.getCheckpoint(ETH)).toMatchObject({ height: 47218, hash: rpc[0]!.hash });
        expect(await store.account(ETH).count()).toBe(rpc[0]!.transfers.length);
        const resumed = await ingest({ store, source, from: 0, to: 483920 });
        expect(resumed.checkpoint?.height).toBe(483920);
        expect(await store.account(ETH).count()).toBe(rpc.flatMap((b) => b.transfers).length);
      } finally {
        await store.close();
      }
    });
  });

  it('chaintrail ingest evm --etl-… imports, resumes, and refuses --etl-traces without transactions', async () => {
    const files = writeExport('jsonl');
    const db = join(dir, 'cli.db');
    const args = ['ingest', 'evm', '--store', db, '--etl-transactions', files.transactions, '--etl-token-transfers', files.tokenTransfers, '--etl-blocks', files.blocks, '--chain', 'eip155:1', '--quiet'];
    const first = await runCli(args);
    expect(first.code, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout) as { blocks: number; items: number; checkpoint: { height: number } };
    expect(summary).toMatchObject({ chain: ETH, blocks: 3, checkpoint: { height: 483920 } });
    const again = await runCli(args);
    expect(JSON.parse(again.stdout)).toMatchObject({ items: 0 });
    const store = await openStore({ url: db });
    try {
      const transfers: AccountTransfer[] = [...(await store.account(ETH).getTransfers({ txHash: '0x04cbcb236043d8fb7839e07bbc7f5eed692fb2ca55d897f1101eac3e3ad4fab8' }))];
      expect(transfers.map((t) => t.kind)).toEqual(['token', 'fee']);
    } finally {
      await store.close();
    }
    const usage = await runCli(['ingest', 'evm', '--store', db, '--etl-traces', files.transactions]);
    expect(usage.code).toBe(2);
  });
});

/**
 * The recordings have no failed transaction, reverted call or internal transfer; a real anvil chain has them all.
 * Its blocks are exported through the node's own answers (eth_getBlockByNumber, eth_getBlockReceipts, trace_block,
 * eth_getLogs), row by row as ethereum-etl maps them, and imported; the RPC adapter ingests the same blocks.
 */
describe('Blockchain-ETL import of a real anvil chain equals its RPC ingest', () => {
  let node: TestAnvil;
  let last = 0;
  const r: Record<string, TransactionReceipt> = {};
  const contracts: Row[] = [];
  beforeAll(async () => {
    node = await startAnvil({ chainId: 1, accounts: 4 });
    const [s, a, b, c] = node.wallets;
    const wait = async (p: Promise<{ wait(): Promise<TransactionReceipt | null> }>): Promise<TransactionReceipt> => (await (await p).wait())!;
    const token = await deployContract({ runner: s!, name: 'Token', args: ['Test Token', 'TST', 6, 1_000_000n] });
    r.tokenTransfer = await wait(token.transfer(a!.address, 2500n));
    const splitter = await deployContract({ runner: s!, name: 'Splitter', args: [a!.address, b!.address] });
    r.split = await wait(s!.sendTransaction({ to: await splitter.getAddress(), value: 1001n }));
    const rev = await deployContract({ runner: s!, name: 'Reverter' });
    r.failed = await revertedReceipt(rev.forwardThenRevert(b!.address, { value: 9n, gasLimit: 200_000n }));
    r.tryForward = await wait(rev.tryForward(c!.address, { value: 55n, gasLimit: 500_000n }));
    r.delegate = await wait(rev.payViaDelegate(c!.address, { value: 7n }));
    const d = await deployContract({ runner: s!, name: 'Destructible', value: 777n });
    r.destroy = await wait(d.destroy(a!.address));
    const factory = await deployContract({ runner: s!, name: 'Factory' });
    r.create = await wait(factory.create({ value: 40n }));
    const nft = await deployContract({ runner: s!, name: 'Nft' });
    r.mint = await wait(nft.mint(a!.address, 7n));
    r.nftMove = await wait((nft.connect(a!) as typeof nft).transferFrom(a!.address, b!.address, 7n));
    contracts.push(
      { address: (await token.getAddress()).toLowerCase(), is_erc20: 'true', is_erc721: 'false' },
      { address: (await nft.getAddress()).toLowerCase(), is_erc20: 'false', is_erc721: 'true' },
    );
    last = r.nftMove.blockNumber;
  });
  afterAll(() => node?.stop());

  const call = async (method: string, params: unknown[]): Promise<any> => {
    const res = await fetch(node.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
    return ((await res.json()) as { result: unknown }).result;
  };

  it.each(['jsonl', 'csv'] as const)('block for block, with failed transactions, reverted calls, creations and base fees (%s)', async (format) => {
    const txs: Row[] = [];
    const blocks: Row[] = [];
    const traces: Row[] = [];
    for (let n = 0; n <= last; n++) {
      const tag = `0x${n.toString(16)}`;
      const b = await call('eth_getBlockByNumber', [tag, true]);
      const receipts = new Map<string, any>(((await call('eth_getBlockReceipts', [tag])) as any[]).map((x) => [x.transactionHash, x]));
      txs.push(...transactionRows(b, receipts));
      blocks.push(blockRow(b));
      traces.push(...traceRows(await call('trace_block', [tag]), Number(b.timestamp)));
    }
    const logs = (await call('eth_getLogs', [{ fromBlock: '0x0', toBlock: `0x${last.toString(16)}`, topics: [TRANSFER] }])) as any[];
    const times = new Map(blocks.map((b) => [Number(b.number), b.timestamp!]));
    const tokens = tokenRows(logs, 0).map((t) => ({ ...t, block_timestamp: times.get(Number(t.block_number))! }));
    const write = (name: string, columns: string[], rows: Row[]) => file(`anvil-${name}.${format}`, format === 'csv' ? csv(columns, rows) : jsonl(rows));
    const etl = await readAll({
      transactions: write('tx', TX_COLUMNS, txs),
      blocks: write('blocks', BLOCK_COLUMNS, blocks),
      traces: write('traces', TRACE_COLUMNS, traces),
      tokenTransfers: write('tokens', TOKEN_COLUMNS, tokens),
      contracts: write('contracts', ['address', 'is_erc20', 'is_erc721'], contracts),
    });
    const source = new EvmRpcSource({ url: node.url, chainId: 1, traces: 'parity', confirmations: 0 });
    const rpc: AccountBlock[] = [];
    for await (const b of source.getBlocks({ from: 0, to: last })) rpc.push(b);
    expect(etl).toEqual(rpc);

    const all = etl.flatMap((b) => b.transfers);
    const of = (rc: TransactionReceipt) => all.filter((t) => t.txHash === rc.hash && t.kind !== 'fee').map((t) => `${t.kind} ${t.value} ${t.status}`);
    // What could go wrong here: the failed transaction keeps its line and moves nothing inside; the caught revert
    // moves nothing; the delegatecall moves nothing; the selfdestruct and the creation do.
    expect(of(r.failed!)).toEqual(['native 9 failed']);
    expect(of(r.split!)).toEqual(['native 1001 success', 'internal 500 success', 'internal 501 success']);
    expect(of(r.tryForward!)).toEqual(['native 55 success']);
    expect(of(r.destroy!)).toEqual(['internal 777 success']);
    expect(of(r.create!)).toEqual(['native 40 success', 'internal 40 success']);
    const nftOf = (rc: TransactionReceipt) => all.filter((t) => t.txHash === rc.hash && t.kind === 'nft').map((t) => `${t.from} ${t.to} ${t.value} ${t.tokenId}`);
    expect(nftOf(r.nftMove!)).toEqual([`${node.wallets[1]!.address.toLowerCase()} ${node.wallets[2]!.address.toLowerCase()} 1 7`]);
    // London fees: part burned (to null), the rest to the fee recipient.
    expect(all.filter((t) => t.kind === 'fee' && t.to === null).length).toBeGreaterThan(0);
  });
});
