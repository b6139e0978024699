// Blockchain-ETL import of Ethereum: read rate of readEthereumEtl over a seeded synthetic export (transactions,
// traces, token_transfers, blocks in BigQuery's row shape), JSON Lines and CSV, with the heap it holds while
// streaming; then ingest() of the same export into a SQLite store, block by block with the checkpoint.
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EthereumEtlSource, readEthereumEtl, type EthereumEtlParameters } from '@chaintrail/adapters';
import { ingest, openStore } from '@chaintrail/store';
import { report } from './report.ts';
import { rng } from './rng.ts';

const BENCH = 'etl-ethereum';
const BLOCKS = 5_000;
const TXS_PER_BLOCK = 10;
const dir = mkdtempSync(join(tmpdir(), 'chaintrail-bench-etl-'));
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const hex = (n: number, width: number) => `0x${n.toString(16).padStart(width, '0')}`;
const address = (i: number) => hex(i, 40);
const utc = (s: number) => new Date(s * 1000).toISOString().replace('T', ' ').replace('.000Z', ' UTC');

type Row = Record<string, string | null>;
const COLUMNS = {
  transactions: ['hash', 'nonce', 'transaction_index', 'from_address', 'to_address', 'value', 'gas', 'gas_price', 'input', 'receipt_gas_used', 'receipt_status', 'receipt_effective_gas_price', 'block_timestamp', 'block_number', 'block_hash'],
  traces: ['transaction_hash', 'transaction_index', 'from_address', 'to_address', 'value', 'trace_type', 'call_type', 'trace_address', 'error', 'status', 'block_timestamp', 'block_number', 'block_hash'],
  token_transfers: ['token_address', 'from_address', 'to_address', 'value', 'transaction_hash', 'log_index', 'block_timestamp', 'block_number', 'block_hash'],
  blocks: ['timestamp', 'number', 'hash', 'miner', 'base_fee_per_gas'],
};

async function writeExport(format: 'jsonl' | 'csv'): Promise<{ files: EthereumEtlParameters; rows: number; bytes: number }> {
  const next = rng(7);
  const out = Object.fromEntries(
    Object.keys(COLUMNS).map((t) => [t, createWriteStream(join(dir, `${t}.${format}`))]),
  ) as Record<keyof typeof COLUMNS, ReturnType<typeof createWriteStream>>;
  if (format === 'csv') for (const [t, s] of Object.entries(out)) s.write(`${COLUMNS[t as keyof typeof COLUMNS].join(',')}\n`);
  const put = (table: keyof typeof COLUMNS, row: Row) =>
    out[table].write(
      format === 'jsonl'
        ? `${JSON.stringify(Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null)))}\n`
        : `${COLUMNS[table].map((c) => { const v = row[c] ?? ''; return /[",\n]/.test(v) ? `"${v}"` : v; }).join(',')}\n`,
    );
  let rows = 0;
  for (let b = 1; b <= BLOCKS; b++) {
    const blockHash = hex(b, 64);
    const time = utc(1_600_000_000 + b * 12);
    put('blocks', { timestamp: time, number: String(b), hash: blockHash, miner: address(1 + (next() % 50)), base_fee_per_gas: String(1e9 + (next() % 1e9)) });
    rows++;
    let log = 0;
    for (let i = 0; i < TXS_PER_BLOCK; i++) {
      const hash = hex(b * 1000 + i, 64);
      const from = address(100 + (next() % 100_000));
      const to = address(100 + (next() % 100_000));
      const value = String(BigInt(next()) * 1_000_000_000n);
      const common = { block_timestamp: time, block_number: String(b), block_hash: blockHash };
      put('transactions', {
        hash, nonce: String(next() % 1000), transaction_index: String(i), from_address: from, to_address: to, value, gas: '100000',
        gas_price: '3000000000', input: i % 2 ? '0xa9059cbb' : '0x', receipt_gas_used: String(21_000 + (next() % 50_000)),
        receipt_status: next() % 20 === 0 ? '0' : '1', receipt_effective_gas_price: '3000000000', ...common,
      });
      put('traces', { transaction_hash: hash, transaction_index: String(i), from_address: from, to_address: to, value, trace_type: 'call', call_type: 'call', trace_address: null, error: null, status: '1', ...common });
      put('traces', { transaction_hash: hash, transaction_index: String(i), from_address: to, to_address: address(100 + (next() % 100_000)), value: String(next()), trace_type: 'call', call_type: 'call', trace_address: '0', error: null, status: '1', ...common });
      rows += 3;
      if (i % 2) {
        put('token_transfers', { token_address: address(7), from_address: from, to_address: to, value: String(next()), transaction_hash: hash, log_index: String(log++), ...common });
        rows++;
      }
    }
  }
  await Promise.all(Object.values(out).map((s) => new Promise((resolve) => s.end(resolve))));
  const files = { transactions: join(dir, `transactions.${format}`), traces: join(dir, `traces.${format}`), tokenTransfers: join(dir, `token_transfers.${format}`), blocks: join(dir, `blocks.${format}`) };
  const bytes = Object.values(files).reduce((s, f) => s + statSync(f).size, 0);
  return { files, rows, bytes };
}

try {
  for (const format of ['jsonl', 'csv'] as const) {
    const { files, rows, bytes } = await writeExport(format);
    let transfers = 0;
    const start = process.hrtime.bigint();
    for await (const block of readEthereumEtl(files)) transfers += block.transfers.length;
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    // A second, untimed pass: the heap still reachable (after a full collection) every 1,000 blocks.
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    let blocks = 0;
    for await (const _block of readEthereumEtl(files)) {
      if (++blocks % 1000 === 0) {
        gc();
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      }
    }
    report({ bench: BENCH, metric: `read ${format} rows/s`, value: Math.round(rows / seconds), unit: 'rows/s' });
    report({ bench: BENCH, metric: `read ${format} MB/s`, value: Number((bytes / 1e6 / seconds).toFixed(1)), unit: 'MB/s' });
    report({ bench: BENCH, metric: `read ${format} transfers/s`, value: Math.round(transfers / seconds), unit: 'transfers/s' });
    report({ bench: BENCH, metric: `read ${format} export size`, value: Number((bytes / 1e6).toFixed(1)), unit: 'MB' });
    report({ bench: BENCH, metric: `read ${format} retained heap growth while streaming`, value: Number(((heapPeak - heapBefore) / 1e6).toFixed(1)), unit: 'MB' });

    if (format === 'jsonl') {
      const store = await openStore({ url: join(dir, 'etl.db') });
      try {
        const t0 = process.hrtime.bigint();
        const result = await ingest({ store, source: new EthereumEtlSource(files), from: 0 });
        const s = Number(process.hrtime.bigint() - t0) / 1e9;
        report({ bench: BENCH, metric: 'ingest into SQLite blocks/s', value: Math.round(result.blocks / s), unit: 'blocks/s' });
        report({ bench: BENCH, metric: 'ingest into SQLite transfers/s', value: Math.round(result.items / s), unit: 'transfers/s' });
      } finally {
        await store.close();
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
