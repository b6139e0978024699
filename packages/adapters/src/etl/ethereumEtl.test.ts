import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isChaintrailError, type AccountBlock } from '@chaintrail/core';
import { afterAll, describe, expect, it } from 'vitest';
import { readEthereumEtl, type EthereumEtlMissing, type EthereumEtlParameters } from './ethereumEtl.ts';

// Small hand-made exports for what the real-data tests (test/etl.ethereum.test.ts) have no row for: withdrawals,
// blocks without transactions, a blocks file that lacks a block.
const dir = mkdtempSync(join(tmpdir(), 'chaintrail-etl-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const write = (rows: object[]): string => {
  const path = join(dir, `${++n}.jsonl`);
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n'));
  return path;
};
const read = async (params: EthereumEtlParameters): Promise<AccountBlock[]> => {
  const out: AccountBlock[] = [];
  for await (const b of readEthereumEtl(params)) out.push(b);
  return out;
};
const h = (i: number) => `0x${i.toString(16).padStart(64, '0')}`;
const a = (i: number) => `0x${i.toString(16).padStart(40, '0')}`;
const block = (number: number, extra: object = {}) => ({ number: String(number), hash: h(number), timestamp: '2023-04-12 22:27:35 UTC', miner: a(9), ...extra });
const tx = (number: number) => ({
  hash: h(1000 + number), nonce: '0', transaction_index: '0', from_address: a(1), to_address: a(2), value: '5', block_number: String(number),
  block_hash: h(number), block_timestamp: '2023-04-12 22:27:35 UTC', receipt_gas_used: '21000', receipt_status: '1', receipt_effective_gas_price: '10',
});

describe('readEthereumEtl', () => {
  it('turns a block row\'s withdrawals (gwei) into withdrawal transfers in wei, with or without transactions', async () => {
    const withdrawals = [{ index: '7', validator_index: '3', address: a(4), amount: '32000000000' }];
    const [b] = await read({ transactions: write([]), blocks: write([block(17034870, { withdrawals })]) });
    expect(b).toEqual({
      chain: 'eip155:1', number: 17034870, hash: h(17034870), time: 1681338455,
      transfers: [{ chain: 'eip155:1', txHash: h(17034870), block: { number: 17034870, hash: h(17034870), time: 1681338455 }, txIndex: -1, kind: 'withdrawal', traceAddress: [0], from: null, to: a(4), asset: 'eip155:1/slip44:60', value: 32_000_000_000_000_000_000n, status: 'success' }],
    });
    // As JSON text (a CSV cell) too; anything else names the column.
    const [c] = await read({ transactions: write([]), blocks: write([block(1, { withdrawals: JSON.stringify(withdrawals) })]) });
    expect(c!.transfers.map((t) => t.value)).toEqual([32_000_000_000_000_000_000n]);
    const e = await read({ transactions: write([]), blocks: write([block(1, { withdrawals: '[{' })]) }).catch((x: unknown) => x);
    expect(isChaintrailError(e, 'PARSE_ERROR') && (e.meta as { column?: string }).column).toBe('withdrawals');
  });

  it('leaves fees out for a block the blocks file lacks, and counts them', async () => {
    const missing: EthereumEtlMissing[] = [];
    const blocks = await read({ transactions: write([tx(5), tx(6)]), blocks: write([block(5)]), onMissing: (m) => missing.push(m) });
    expect(blocks.map((b) => b.transfers.map((t) => t.kind))).toEqual([['native', 'fee'], ['native']]);
    expect(blocks[0]!.transfers[1]).toMatchObject({ to: a(9), value: 210_000n });
    expect(missing.map((m) => [m.block, m.fees])).toEqual([[6, 1]]);
  });

  it('refuses a blocks row whose hash differs from the transactions\' block_hash', async () => {
    const e = await read({ transactions: write([tx(5)]), blocks: write([block(5, { hash: h(99) })]) }).catch((x: unknown) => x);
    expect(isChaintrailError(e, 'PARSE_ERROR')).toBe(true);
    expect((e as Error).message).toContain(h(99));
  });
});
