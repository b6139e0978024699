import {
  ChaintrailError,
  throwIfAborted,
  type BlockRangeParameters,
  type ChainId,
  type Neighbourhood,
  type NeighbourhoodParameters,
  type CoinbaseData,
  type HolderId,
  type Outspend,
  type Page,
  type PageParameters,
  type ReadParameters,
  type ScriptType,
  type UtxoBlock,
  type UtxoDataSource,
  type UtxoInput,
  type UtxoOutput,
  type UtxoTransaction,
} from '@chaintrail/core';
import { expandNeighbourhoodSql } from './expandNeighbourhoodSql.ts';
import { keysetPages, type ScanParameters } from './scan.ts';
import { big, bigOrNull, chunks, num, numOrNull, placeholders, strOrNull } from './rows.ts';
import type { SqlDriver, SqlRow, SqlValue } from './sql/driver.ts';

// Transactions outside a block sort above every real height, so they come first in newest-first history.
const UNCONFIRMED_HEIGHT = 2_147_483_647;
const IN_CHUNK = 500;

interface Prevout {
  readonly address: HolderId;
  readonly value: bigint;
  readonly scriptType: ScriptType;
}

/**
 * A UTXO chain's transactions in a store (SQLite or PostgreSQL), as a `UtxoDataSource`: the same answers as
 * `MemoryUtxoSource` (idempotent adds, inputs valued from stored prevouts, outspends, newest-first history), read from
 * disk. Get one from `Store.utxo(chain)`.
 *
 * @example
 * const store = await openStore({ url: 'chain.db' })
 * const btc = store.utxo(BITCOIN_CHAINS.mainnet)
 * await btc.add(block.transactions)
 * const spends = await btc.getOutspends({ txid })
 */
export class UtxoStore implements UtxoDataSource {
  readonly model = 'utxo' as const;
  readonly chain: ChainId;
  readonly #db: SqlDriver;

  constructor(params: { readonly db: SqlDriver; readonly chain: ChainId }) {
    this.#db = params.db;
    this.chain = params.chain;
  }

  /**
   * Adds transactions in one database transaction (idempotent: known txids are skipped). Returns how many were new.
   * Inputs whose prevout is stored, or earlier in `transactions`, get their holder and value filled in.
   */
  async add(transactions: Iterable<UtxoTransaction>): Promise<number> {
    const list = [...transactions];
    if (list.length === 0) return 0;
    return this.#db.transaction((tx) => this.#write(tx, list));
  }

  /**
   * Adds a whole block and records it (height, hash, transaction count) in one database transaction, so a crash
   * leaves either all of it or none. `checkpoint` names an ingestion checkpoint moved to this block in the same
   * transaction.
   */
  async addBlock(block: UtxoBlock, options: { readonly checkpoint?: string } = {}): Promise<number> {
    return this.#db.transaction(async (tx) => {
      const added = await this.#write(tx, [...block.transactions]);
      await tx.run(
        `insert into blocks (chain, height, hash, time, tx_count) values (?, ?, ?, ?, ?)
         on conflict (chain, height) do update set hash = excluded.hash, time = excluded.time, tx_count = excluded.tx_count`,
        [this.chain, block.height, block.hash, block.time, block.transactions.length],
      );
      if (options.checkpoint !== undefined) await setCheckpoint(tx, options.checkpoint, this.chain, block.height, block.hash);
      return added;
    });
  }

  async #write(db: SqlDriver, list: readonly UtxoTransaction[]): Promise<number> {
    const known = new Set<string>();
    for (const ids of chunks([...new Set(list.map((t) => t.txid))], IN_CHUNK)) {
      const rows = await db.query(`select txid from utxo_txs where chain = ? and txid in (${placeholders(ids.length)})`, [this.chain, ...ids]);
      for (const row of rows) known.add(String(row.txid));
    }
    const fresh = list.filter((t) => !known.has(t.txid) && (known.add(t.txid), true));
    if (fresh.length === 0) return 0;

    const prevouts = await this.#prevouts(db, fresh);
    const txRows: SqlValue[][] = [];
    const outRows: SqlValue[][] = [];
    const inRows: SqlValue[][] = [];
    const addrRows: SqlValue[][] = [];
    for (const original of fresh) {
      const t = valueInputs(original, prevouts);
      for (const o of t.outputs) prevouts.set(`${t.txid}:${o.n}`, { address: o.address, value: o.value, scriptType: o.scriptType });
      const height = t.block?.height ?? null;
      txRows.push([
        this.chain, t.txid, height, t.block?.hash ?? null, t.block?.time ?? null, t.index, t.version, t.locktime,
        t.vsize ?? null, t.fee, t.coinbase ? JSON.stringify(t.coinbase) : null,
      ]);
      const holders = new Set<HolderId>();
      for (const o of t.outputs) {
        outRows.push([this.chain, t.txid, o.n, o.address, o.value, o.scriptType]);
        holders.add(o.address);
      }
      t.inputs.forEach((i, vin) => {
        inRows.push([this.chain, t.txid, vin, i.prevTxid, i.prevVout, i.address, i.value, i.scriptType, i.sequence]);
        if (i.address !== null) holders.add(i.address);
      });
      for (const holder of holders) addrRows.push([this.chain, holder, height ?? UNCONFIRMED_HEIGHT, t.index, t.txid]);
    }
    await db.insertMany('utxo_txs', ['chain', 'txid', 'height', 'block_hash', 'time', 'idx', 'version', 'locktime', 'vsize', 'fee', 'coinbase'], txRows);
    await db.insertMany('utxo_outputs', ['chain', 'txid', 'n', 'address', 'value', 'script_type'], outRows);
    await db.insertMany('utxo_inputs', ['chain', 'txid', 'vin', 'prev_txid', 'prev_vout', 'address', 'value', 'script_type', 'sequence'], inRows);
    await db.insertMany('utxo_address_txs', ['chain', 'address', 'height', 'idx', 'txid'], addrRows);
    return fresh.length;
  }

  /** The stored outputs that inputs of `list` spend and do not already value. */
  async #prevouts(db: SqlDriver, list: readonly UtxoTransaction[]): Promise<Map<string, Prevout>> {
    const inBatch = new Set(list.map((t) => t.txid));
    const wanted = new Set<string>();
    for (const t of list) {
      for (const i of t.inputs) if ((i.value === null || i.address === null) && !inBatch.has(i.prevTxid)) wanted.add(i.prevTxid);
    }
    const map = new Map<string, Prevout>();
    for (const ids of chunks([...wanted], IN_CHUNK)) {
      const rows = await db.query(
        `select txid, n, address, value, script_type from utxo_outputs where chain = ? and txid in (${placeholders(ids.length)})`,
        [this.chain, ...ids],
      );
      for (const r of rows) {
        map.set(`${String(r.txid)}:${num(r.n)}`, { address: String(r.address), value: big(r.value), scriptType: r.script_type as ScriptType });
      }
    }
    return map;
  }

  /** Loads full transactions for rows of `utxo_txs`, keeping their order. */
  async #hydrate(txRows: readonly SqlRow[]): Promise<UtxoTransaction[]> {
    if (txRows.length === 0) return [];
    const ids = txRows.map((r) => String(r.txid));
    const inputs = new Map<string, UtxoInput[]>();
    const outputs = new Map<string, UtxoOutput[]>();
    for (const part of chunks(ids, IN_CHUNK)) {
      const marks = placeholders(part.length);
      for (const r of await this.#db.query(
        `select txid, prev_txid, prev_vout, address, value, script_type, sequence from utxo_inputs
         where chain = ? and txid in (${marks}) order by txid, vin`,
        [this.chain, ...part],
      )) {
        push(inputs, String(r.txid), {
          prevTxid: String(r.prev_txid),
          prevVout: num(r.prev_vout),
          address: strOrNull(r.address),
          value: bigOrNull(r.value),
          scriptType: strOrNull(r.script_type) as ScriptType | null,
          sequence: num(r.sequence),
        });
      }
      for (const r of await this.#db.query(
        `select txid, n, address, value, script_type from utxo_outputs where chain = ? and txid in (${marks}) order by txid, n`,
        [this.chain, ...part],
      )) {
        push(outputs, String(r.txid), { n: num(r.n), address: String(r.address), value: big(r.value), scriptType: r.script_type as ScriptType });
      }
    }
    return txRows.map((r) => {
      const txid = String(r.txid);
      const height = numOrNull(r.height);
      const vsize = numOrNull(r.vsize);
      const tx: UtxoTransaction = {
        chain: this.chain,
        txid,
        block: height === null ? null : { height, hash: String(r.block_hash), time: num(r.time) },
        index: num(r.idx),
        coinbase: r.coinbase === null ? null : (JSON.parse(String(r.coinbase)) as CoinbaseData),
        inputs: inputs.get(txid) ?? [],
        outputs: outputs.get(txid) ?? [],
        fee: bigOrNull(r.fee),
        version: num(r.version),
        locktime: num(r.locktime),
      };
      return vsize === null ? tx : { ...tx, vsize };
    });
  }

  async getTransaction(params: { readonly txid: string } & ReadParameters): Promise<UtxoTransaction> {
    throwIfAborted(params.signal);
    const rows = await this.#db.query(`select * from utxo_txs where chain = ? and txid = ?`, [this.chain, params.txid]);
    const [tx] = await this.#hydrate(rows);
    if (!tx) {
      throw new ChaintrailError('NOT_FOUND', `Transaction ${params.txid} is not in this store.`, { meta: { txid: params.txid, chain: this.chain } });
    }
    return tx;
  }

  async getOutspends(params: { readonly txid: string } & ReadParameters): Promise<readonly Outspend[]> {
    const tx = await this.getTransaction(params);
    const rows = await this.#db.query(
      `select i.prev_vout, i.txid, i.vin, t.height, t.block_hash, t.time from utxo_inputs i
       join utxo_txs t on t.chain = i.chain and t.txid = i.txid
       where i.chain = ? and i.prev_txid = ?`,
      [this.chain, params.txid],
    );
    const byVout = new Map(rows.map((r) => [num(r.prev_vout), r]));
    return tx.outputs.map((o): Outspend => {
      const r = byVout.get(o.n);
      if (!r) return { spent: false };
      const height = numOrNull(r.height);
      return {
        spent: true,
        txid: String(r.txid),
        vin: num(r.vin),
        block: height === null ? null : { height, hash: String(r.block_hash), time: num(r.time) },
      };
    });
  }

  async getAddressHistory(params: { readonly address: HolderId } & PageParameters): Promise<Page<UtxoTransaction>> {
    throwIfAborted(params.signal);
    const limit = params.limit ?? 50;
    const args: SqlValue[] = [this.chain, params.address];
    let after = '';
    if (params.cursor) {
      const m = /^(\d+):(\d+):([0-9a-fA-F]+)$/.exec(params.cursor);
      if (!m) throw new ChaintrailError('INVALID_ARGUMENT', `"${params.cursor}" is not a cursor this store gave out.`, { meta: { cursor: params.cursor } });
      after = ' and (a.height, a.idx, a.txid) < (?, ?, ?)';
      args.push(Number(m[1]), Number(m[2]), m[3]!);
    }
    const rows = await this.#db.query(
      `select t.*, a.height as a_height from utxo_address_txs a join utxo_txs t on t.chain = a.chain and t.txid = a.txid
       where a.chain = ? and a.address = ?${after} order by a.height desc, a.idx desc, a.txid desc limit ?`,
      [...args, limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const next = rows.length > limit && last ? `${num(last.a_height)}:${num(last.idx)}:${String(last.txid)}` : null;
    return { items: await this.#hydrate(page), next };
  }

  async *getBlocks(params: BlockRangeParameters): AsyncIterable<UtxoBlock> {
    const heights = (
      await this.#db.query(`select distinct height from utxo_txs where chain = ? and height >= ? and height <= ? order by height`, [
        this.chain, params.from, params.to,
      ])
    ).map((r) => num(r.height));
    let done = 0;
    for (const height of heights) {
      throwIfAborted(params.signal);
      const rows = await this.#db.query(`select * from utxo_txs where chain = ? and height = ? order by idx`, [this.chain, height]);
      const transactions = await this.#hydrate(rows);
      const ref = transactions[0]!.block!;
      yield { chain: this.chain, height, hash: ref.hash, time: ref.time, transactions };
      params.onProgress?.({ phase: 'blocks', done: ++done, total: heights.length, unit: 'block' });
    }
  }

  async getTipHeight(params: ReadParameters = {}): Promise<number> {
    throwIfAborted(params.signal);
    const rows = await this.#db.query(`select max(height) as tip from utxo_txs where chain = ?`, [this.chain]);
    return numOrNull(rows[0]?.tip) ?? -1;
  }

  /** Number of transactions stored for this chain. */
  async count(): Promise<number> {
    const rows = await this.#db.query(`select count(*) as n from utxo_txs where chain = ?`, [this.chain]);
    return num(rows[0]?.n ?? 0);
  }

  /**
   * Streams every stored transaction in batches (by txid, paged by key so neither side holds the whole table): what
   * a compact index or a clustering is built from.
   */
  async *scanTransactions(params: ScanParameters = {}): AsyncIterable<UtxoTransaction[]> {
    const size = params.batchSize ?? 5_000;
    const page = (cursor: string | null) =>
      this.#db.query(
        `select * from utxo_txs where chain = ?${cursor === null ? '' : ' and txid > ?'} order by txid limit ?`,
        cursor === null ? [this.chain, size] : [this.chain, cursor, size],
      );
    for await (const rows of keysetPages({ size, key: 'txid', page, signal: params.signal })) yield await this.#hydrate(rows);
  }

  /**
   * The neighbourhood of addresses in one recursive SQL query: what core's `expandNeighbourhood` (and `screen()`)
   * use instead of walking the store hop by hop; the same answer as `walkNeighbourhood`.
   *
   * @example
   * const { reached } = await store.utxo(chain).expandNeighbourhood({ from: [address], direction: 'backward', maxHops: 3, maxDegree: 1000 })
   */
  async expandNeighbourhood(params: NeighbourhoodParameters): Promise<Neighbourhood> {
    return expandNeighbourhoodSql({ db: this.#db, chain: this.chain, model: 'utxo', params });
  }

  /** Hash of the stored block at `height`, or null. */
  async blockHash(height: number): Promise<string | null> {
    const rows = await this.#db.query(`select hash from blocks where chain = ? and height = ?`, [this.chain, height]);
    return strOrNull(rows[0]?.hash);
  }

  /**
   * Removes every block, transaction and spend above `height` in one database transaction (a reorg replaced them),
   * and moves `checkpoint`, when given, back to `height`.
   */
  async rollback(params: { readonly above: number; readonly checkpoint?: string }): Promise<void> {
    await this.#db.transaction(async (tx) => {
      const c = this.chain;
      const h = params.above;
      const sub = `select txid from utxo_txs where chain = ? and height > ?`;
      await tx.run(`delete from utxo_inputs where chain = ? and txid in (${sub})`, [c, c, h]);
      await tx.run(`delete from utxo_outputs where chain = ? and txid in (${sub})`, [c, c, h]);
      // Unconfirmed transactions sit at UNCONFIRMED_HEIGHT in the index and are kept: they are not in any block.
      await tx.run(`delete from utxo_address_txs where chain = ? and height > ? and height < ?`, [c, h, UNCONFIRMED_HEIGHT]);
      await tx.run(`delete from utxo_txs where chain = ? and height > ?`, [c, h]);
      await tx.run(`delete from blocks where chain = ? and height > ?`, [c, h]);
      if (params.checkpoint !== undefined) {
        const rows = await tx.query(`select hash from blocks where chain = ? and height = ?`, [c, h]);
        await setCheckpoint(tx, params.checkpoint, c, h, strOrNull(rows[0]?.hash) ?? '');
      }
    });
  }
}

/** Fills in inputs from known prevouts, as MemoryUtxoSource does, and recomputes the fee when all are known. */
function valueInputs(tx: UtxoTransaction, prevouts: ReadonlyMap<string, Prevout>): UtxoTransaction {
  let changed = false;
  const inputs = tx.inputs.map((input): UtxoInput => {
    if (input.value !== null && input.address !== null) return input;
    const prev = prevouts.get(`${input.prevTxid}:${input.prevVout}`);
    if (!prev) return input;
    changed = true;
    return { ...input, value: prev.value, address: prev.address, scriptType: prev.scriptType };
  });
  if (!changed) return tx;
  const known = inputs.every((i) => i.value !== null);
  const fee = known ? inputs.reduce((s, i) => s + (i.value ?? 0n), 0n) - tx.outputs.reduce((s, o) => s + o.value, 0n) : null;
  return { ...tx, inputs, fee: tx.coinbase ? 0n : fee };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Moves the named ingestion checkpoint to a block, inside the caller's transaction. */
export async function setCheckpoint(db: SqlDriver, name: string, chain: ChainId, height: number, hash: string): Promise<void> {
  await db.run(
    `insert into checkpoints (name, chain, height, hash, updated_at) values (?, ?, ?, ?, ?)
     on conflict (name) do update set chain = excluded.chain, height = excluded.height, hash = excluded.hash, updated_at = excluded.updated_at`,
    [name, chain, height, hash, Math.floor(Date.now() / 1000)],
  );
}
