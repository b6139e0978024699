import { join } from 'node:path';
import { BITCOIN_CHAINS } from '@chaintrail/core';
import { openStore, type Store } from '@chaintrail/store';
import { storeTestEnvironment } from './support/storeTestEnvironment.ts';
import { beforeAll } from 'vitest';
import { describeAccountConformance, describeUtxoConformance } from './support/dataSourceConformance.ts';

const { dir, postgres: postgresServer } = storeTestEnvironment('chaintrail-store-');
let pgUrl: string;
let counter = 0;
beforeAll(async () => {
  pgUrl = await postgresServer().createDatabase('conformance');
});

const sqlite = async (): Promise<Store> => openStore({ url: join(dir, `s${++counter}.db`) });
// One database, emptied before each test: creating a database per test costs more than the tests themselves.
const postgres = async (): Promise<Store> => {
  const store = await openStore({ url: pgUrl });
  await store.db.exec('truncate blocks, checkpoints, utxo_txs, utxo_outputs, utxo_inputs, utxo_address_txs, account_transfers, labels, clusters');
  return store;
};

for (const [name, open] of [['SQLite store', sqlite], ['PostgreSQL store', postgres]] as const) {
  describeUtxoConformance(name, async () => {
    const store = await open();
    const source = store.utxo(BITCOIN_CHAINS.mainnet);
    return { source, add: async (txs) => void (await source.add(txs)), close: () => store.close() };
  });
  describeAccountConformance(name, async () => {
    const store = await open();
    const source = store.account('eip155:1');
    return { source, add: async (ts) => void (await source.add(ts)), close: () => store.close() };
  });
}
