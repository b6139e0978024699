import type { Store } from '@chaintrail/store';

const TABLES: Readonly<Record<string, string>> = {
  blocks: 'chain, height, hash, time, tx_count',
  checkpoints: 'name, chain, height, hash',
  utxo_txs: 'chain, txid, height, block_hash, time, idx, version, locktime, vsize, fee, coinbase',
  utxo_outputs: 'chain, txid, n, address, value, script_type',
  utxo_inputs: 'chain, txid, vin, prev_txid, prev_vout, address, value, script_type, sequence',
  utxo_address_txs: 'chain, address, height, idx, txid',
  account_transfers: 'chain, sort_key, tx_hash, block_number, block_hash, time, tx_index, kind, trace_address, log_index, from_addr, to_addr, asset, value, token_id, status',
};

/**
 * Every row of a store's chain tables in a fixed order, values as strings: two stores that hold the same data dump
 * equal whatever the database (checkpoint times left out).
 */
export async function dumpStore(store: Store): Promise<Record<string, string[][]>> {
  const out: Record<string, string[][]> = {};
  for (const [table, columns] of Object.entries(TABLES)) {
    const rows = await store.db.query(`select ${columns} from ${table} order by ${columns}`);
    out[table] = rows.map((r) => columns.split(', ').map((c) => (r[c] === null ? 'NULL' : String(r[c]))));
  }
  return out;
}
