import { createHash } from 'node:crypto';
import {
  ChaintrailError,
  nativeAsset,
  throwIfAborted,
  transferKey,
  type AccountBlock,
  type AccountDataSource,
  type AccountTransfer,
  type AddressTransfersParameters,
  type AssetId,
  type BlockRangeParameters,
  type ChainId,
  type CompactEdge,
  type Neighbourhood,
  type NeighbourhoodParameters,
  type Page,
  type ReadParameters,
  type TransferKind,
  type TransferStatus,
} from '@chaintrail/core';
import { expandNeighbourhoodSql } from './expandNeighbourhoodSql.ts';
import { keysetPages, type ScanParameters } from './scan.ts';
import { big, num, numOrNull, strOrNull } from './rows.ts';
import type { SqlDriver, SqlRow, SqlValue } from './sql/driver.ts';
import { setCheckpoint } from './UtxoStore.ts';

// compareTransfers' order within a transaction, as one digit of the sort key.
const KIND_ORDER: Readonly<Record<TransferKind, number>> = { withdrawal: 0, reward: 0, native: 1, internal: 2, token: 3, nft: 3, fee: 4 };

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * A text key whose byte order is `compareTransfers`' order, so SQL can sort and page transfers the way
 * `MemoryAccountSource` does: block, transaction index (+1, so block-level -1 sorts first), kind, the call path
 * element by element (a prefix first, hence the `!` that sorts below every digit), then the log index, then a
 * burned fee after its tip.
 */
export function transferSortKey(t: AccountTransfer): string {
  return (
    pad(t.block.number, 12) +
    pad(t.txIndex + 1, 8) +
    String(KIND_ORDER[t.kind]) +
    (t.traceAddress ?? []).map((p) => pad(p, 6)).join('') +
    '!' +
    pad((t.logIndex ?? -1) + 1, 8) +
    // A tie compareTransfers leaves to insertion order: a fee's tip (to the block's recipient) comes before the burned
    // part, as EVM sources emit them.
    (t.kind === 'fee' && t.to === null ? '1' : '0')
  );
}

/**
 * A transfer's identity in the store: the first 16 bytes of SHA-256 of its chain and `transferKey`. Unique per
 * transfer (what makes adds idempotent) at a tenth of the text key's size; it also breaks ties between equal sort keys.
 */
export function transferId(chain: ChainId, t: AccountTransfer): Buffer {
  return createHash('sha256').update(chain).update('\n').update(transferKey(t)).digest().subarray(0, 16);
}

/** What a transaction's transfers are looked up by: 8 bytes of SHA-256 of its hash, as a signed 64-bit integer. */
function txKey(txHash: string): bigint {
  return createHash('sha256').update(txHash).digest().readBigInt64BE(0);
}

const scanCursor = (r: SqlRow): string => `${String(r.block_number)}:${String(r.id)}`;

const COLUMNS = [
  'tid', 'chain', 'sort_key', 'tx_hash', 'tx_key', 'block_number', 'block_hash', 'time', 'tx_index', 'kind', 'trace_address',
  'log_index', 'from_addr', 'to_addr', 'asset', 'value', 'token_id', 'status',
] as const;

/**
 * An account chain's transfers in a store (SQLite or PostgreSQL), as an `AccountDataSource` with
 * `MemoryAccountSource`'s semantics: idempotent adds (by `transferKey`), transfers of a transaction and of an
 * address in `compareTransfers` order, paged by a key cursor. Get one from `Store.account(chain)`.
 *
 * @example
 * const eth = store.account('eip155:1')
 * await eth.add(transfers)
 * const page = await eth.getAddressTransfers({ address, direction: 'out' })
 */
export class AccountStore implements AccountDataSource {
  readonly model = 'account' as const;
  readonly chain: ChainId;
  readonly #db: SqlDriver;

  constructor(params: { readonly db: SqlDriver; readonly chain: ChainId }) {
    this.#db = params.db;
    this.chain = params.chain;
  }

  /** Adds transfers in one database transaction (idempotent). Returns how many rows were offered. */
  async add(transfers: Iterable<AccountTransfer>): Promise<number> {
    const rows = [...transfers].map((t) => this.#row(t));
    if (rows.length === 0) return 0;
    await this.#db.transaction((tx) => tx.insertMany('account_transfers', COLUMNS, rows));
    return rows.length;
  }

  /** Adds a whole block's transfers, records the block and moves `checkpoint`, all in one database transaction. */
  async addBlock(block: AccountBlock, options: { readonly checkpoint?: string } = {}): Promise<void> {
    await this.#db.transaction(async (tx) => {
      await tx.insertMany('account_transfers', COLUMNS, block.transfers.map((t) => this.#row(t)));
      await tx.run(
        `insert into blocks (chain, height, hash, time, tx_count) values (?, ?, ?, ?, ?)
         on conflict (chain, height) do update set hash = excluded.hash, time = excluded.time, tx_count = excluded.tx_count`,
        [this.chain, block.number, block.hash, block.time, block.transfers.length],
      );
      if (options.checkpoint !== undefined) await setCheckpoint(tx, options.checkpoint, this.chain, block.number, block.hash);
    });
  }

  #row(t: AccountTransfer): SqlValue[] {
    return [
      transferId(this.chain, t), this.chain, transferSortKey(t), t.txHash, txKey(t.txHash), t.block.number, t.block.hash, t.block.time, t.txIndex, t.kind,
      t.traceAddress ? JSON.stringify(t.traceAddress) : null, t.logIndex ?? null, t.from, t.to, t.asset, t.value.toString(),
      t.tokenId === undefined ? null : t.tokenId.toString(), t.status,
    ];
  }

  #transfer(r: SqlRow): AccountTransfer {
    const logIndex = numOrNull(r.log_index);
    const t: AccountTransfer = {
      chain: this.chain,
      txHash: String(r.tx_hash),
      block: { number: num(r.block_number), hash: String(r.block_hash), time: num(r.time) },
      txIndex: num(r.tx_index),
      kind: r.kind as TransferKind,
      from: strOrNull(r.from_addr),
      to: strOrNull(r.to_addr),
      asset: String(r.asset) as AssetId,
      value: big(r.value),
      status: r.status as TransferStatus,
      ...(r.trace_address === null ? {} : { traceAddress: JSON.parse(String(r.trace_address)) as number[] }),
      ...(logIndex === null ? {} : { logIndex }),
      ...(r.token_id === null ? {} : { tokenId: big(r.token_id) }),
    };
    return t;
  }

  async getTransfers(params: { readonly txHash: string } & ReadParameters): Promise<readonly AccountTransfer[]> {
    throwIfAborted(params.signal);
    const lower = params.txHash.toLowerCase();
    const rows = await this.#db.query(
      `select * from account_transfers where chain = ? and tx_key in (?, ?) and tx_hash in (?, ?) order by sort_key, tid`,
      [this.chain, txKey(lower), txKey(params.txHash), lower, params.txHash],
    );
    if (rows.length === 0) {
      throw new ChaintrailError('NOT_FOUND', `Transaction ${params.txHash} is not in this store.`, {
        meta: { txHash: params.txHash, chain: this.chain },
      });
    }
    return rows.map((r) => this.#transfer(r));
  }

  async getAddressTransfers(params: AddressTransfersParameters): Promise<Page<AccountTransfer>> {
    throwIfAborted(params.signal);
    const limit = params.limit ?? 100;
    const direction = params.direction ?? 'both';
    let filter = '';
    const filterArgs: SqlValue[] = [];
    if (params.fromBlock !== undefined) {
      filter += ' and block_number >= ?';
      filterArgs.push(params.fromBlock);
    }
    if (params.toBlock !== undefined) {
      filter += ' and block_number <= ?';
      filterArgs.push(params.toBlock);
    }
    if (params.cursor) {
      // sort_key~hex(tid) of the page's last transfer.
      const cut = params.cursor.indexOf('~');
      const tid = params.cursor.slice(cut + 1);
      if (cut < 0 || !/^[0-9a-f]{32}$/.test(tid)) {
        throw new ChaintrailError('INVALID_ARGUMENT', `"${params.cursor}" is not a cursor this store gave out.`, { meta: { cursor: params.cursor } });
      }
      filter += ' and (sort_key, tid) > (?, ?)';
      filterArgs.push(params.cursor.slice(0, cut), Buffer.from(tid, 'hex'));
    }
    // One indexed range per side; a union (not an OR) lets both databases use the from/to indexes.
    const side = (column: string) => `select * from account_transfers where chain = ? and ${column} = ?${filter}`;
    const parts: string[] = [];
    const args: SqlValue[] = [];
    if (direction !== 'in') {
      parts.push(side('from_addr'));
      args.push(this.chain, params.address, ...filterArgs);
    }
    if (direction !== 'out') {
      parts.push(side('to_addr'));
      args.push(this.chain, params.address, ...filterArgs);
    }
    const rows = await this.#db.query(`select * from (${parts.join(' union ')}) u order by sort_key, tid limit ?`, [...args, limit + 1]);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => this.#transfer(r)),
      next: rows.length > limit && last ? `${String(last.sort_key)}~${(last.tid as Buffer).toString('hex')}` : null,
    };
  }

  async *getBlocks(params: BlockRangeParameters): AsyncIterable<AccountBlock> {
    const numbers = (
      await this.#db.query(
        `select distinct block_number from account_transfers where chain = ? and block_number >= ? and block_number <= ? order by block_number`,
        [this.chain, params.from, params.to],
      )
    ).map((r) => num(r.block_number));
    let done = 0;
    for (const number of numbers) {
      throwIfAborted(params.signal);
      const rows = await this.#db.query(`select * from account_transfers where chain = ? and block_number = ? order by sort_key, tid`, [this.chain, number]);
      const transfers = rows.map((r) => this.#transfer(r));
      const ref = transfers[0]!.block;
      yield { chain: this.chain, number, hash: ref.hash, time: ref.time, transfers };
      params.onProgress?.({ phase: 'blocks', done: ++done, total: numbers.length, unit: 'block' });
    }
  }

  async getTipHeight(params: ReadParameters = {}): Promise<number> {
    throwIfAborted(params.signal);
    const rows = await this.#db.query(`select max(block_number) as tip from account_transfers where chain = ?`, [this.chain]);
    return numOrNull(rows[0]?.tip) ?? -1;
  }

  /** Number of transfers stored for this chain. */
  async count(): Promise<number> {
    const rows = await this.#db.query(`select count(*) as n from account_transfers where chain = ?`, [this.chain]);
    return num(rows[0]?.n ?? 0);
  }

  /**
   * One page of a scan: `columns` of this chain's transfers after `cursor` (`block:id`), in (block_number, id) order,
   * which the (chain, block_number, id) index gives as a range in both databases.
   */
  #scanPage(columns: string, size: number, filter = '', filterArgs: readonly SqlValue[] = []) {
    return (cursor: string | null) => {
      const after = cursor === null ? [] : cursor.split(':').map((v) => BigInt(v));
      return this.#db.query(
        `select ${columns} from account_transfers where chain = ?${cursor === null ? '' : ' and (block_number, id) > (?, ?)'}${filter}` +
          ` order by block_number, id limit ?`,
        [this.chain, ...after, ...filterArgs, size],
      );
    };
  }

  /** Streams every stored transfer in batches, by block (paged by block and row id): what a compact index is built from. */
  async *scanTransfers(params: ScanParameters = {}): AsyncIterable<AccountTransfer[]> {
    const size = params.batchSize ?? 10_000;
    const page = this.#scanPage('*', size);
    for await (const rows of keysetPages({ size, key: scanCursor, page, signal: params.signal })) yield rows.map((r) => this.#transfer(r));
  }

  /**
   * Streams the edges a compact index is made of, in batches paged by block and row id: the successful transfers with
   * a sender and a recipient (of `asset`, when given) as `{ from, to, value, time: block }`. Four columns and no
   * transfer object per row: an index build reads its rows several times faster than through `scanTransfers`.
   */
  async *scanEdges(params: ScanParameters & { readonly asset?: AssetId } = {}): AsyncIterable<CompactEdge[]> {
    const size = params.batchSize ?? 20_000;
    const page = this.#scanPage(
      'id, from_addr, to_addr, value, block_number',
      size,
      `${params.asset === undefined ? '' : ' and asset = ?'} and status = 'success' and from_addr is not null and to_addr is not null`,
      params.asset === undefined ? [] : [params.asset],
    );
    for await (const rows of keysetPages({ size, key: scanCursor, page, signal: params.signal })) {
      yield rows.map((r) => ({ from: String(r.from_addr), to: String(r.to_addr), value: big(r.value), time: num(r.block_number) }));
    }
  }

  /**
   * The neighbourhood of addresses in one recursive SQL query: what core's `expandNeighbourhood` (and `screen()`)
   * use instead of walking the store hop by hop; the same answer as `walkNeighbourhood`.
   *
   * @example
   * const { reached } = await store.account(chain).expandNeighbourhood({ from: [address], direction: 'backward', maxHops: 3, maxDegree: 1000 })
   */
  async expandNeighbourhood(params: NeighbourhoodParameters): Promise<Neighbourhood> {
    return expandNeighbourhoodSql({ db: this.#db, chain: this.chain, model: 'account', asset: params.asset ?? nativeAsset(this.chain), params });
  }

  /** Hash of the stored block `number`, or null. */
  async blockHash(number: number): Promise<string | null> {
    const rows = await this.#db.query(`select hash from blocks where chain = ? and height = ?`, [this.chain, number]);
    return strOrNull(rows[0]?.hash);
  }

  /** Removes every block and transfer above `above` in one database transaction; moves `checkpoint` back. */
  async rollback(params: { readonly above: number; readonly checkpoint?: string }): Promise<void> {
    await this.#db.transaction(async (tx) => {
      await tx.run(`delete from account_transfers where chain = ? and block_number > ?`, [this.chain, params.above]);
      await tx.run(`delete from blocks where chain = ? and height > ?`, [this.chain, params.above]);
      if (params.checkpoint !== undefined) {
        const rows = await tx.query(`select hash from blocks where chain = ? and height = ?`, [this.chain, params.above]);
        await setCheckpoint(tx, params.checkpoint, this.chain, params.above, strOrNull(rows[0]?.hash) ?? '');
      }
    });
  }
}
