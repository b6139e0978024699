// A writer process for the concurrent-reader test: ingests synthetic blocks into a store and, in the middle of each
// block's transaction, says `mid <height>` and waits for `go` on stdin, so the test reads while a write is open.
// Usage: node --import tsx test/support/storeWriter.ts <store url> <blocks> <txs per block>
import { createInterface } from 'node:readline';
import { BITCOIN_CHAINS, type UtxoTransaction } from '@chaintrail/core';
import { openStore } from '@chaintrail/store';

const [url, blockCount, perBlock] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4])];
const chain = BITCOIN_CHAINS.mainnet;
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

export function syntheticBlock(height: number, count: number): UtxoTransaction[] {
  const hash = height.toString(16).padStart(64, 'b');
  return Array.from({ length: count }, (_, index) => ({
    chain,
    txid: (height * 100_000 + index).toString(16).padStart(64, '0'),
    block: { height, hash, time: 1_600_000_000 + height },
    index,
    coinbase: null,
    inputs: [],
    outputs: [{ n: 0, address: `bc1qw${height}x${index}`, value: BigInt(index + 1), scriptType: 'p2wpkh' as const }],
    fee: null,
    version: 2,
    locktime: 0,
  }));
}

const store = await openStore({ url });
const btc = store.utxo(chain);
process.stdout.write('ready\n');
for (let height = 1; height <= blockCount; height++) {
  const transactions = syntheticBlock(height, perBlock);
  await store.db.transaction(async () => {
    await btc.add(transactions.slice(0, perBlock / 2));
    process.stdout.write(`mid ${height}\n`);
    const line = await lines.next();
    if (line.value !== 'go') throw new Error(`expected go, got ${String(line.value)}`);
    await btc.addBlock({ chain, height, hash: transactions[0]!.block!.hash, time: transactions[0]!.block!.time, transactions }, { checkpoint: 'w' });
  });
  process.stdout.write(`done ${height}\n`);
}
await store.close();
process.exit(0);
