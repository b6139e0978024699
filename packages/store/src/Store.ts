import { ChaintrailError, type ChainId, type Label } from '@chaintrail/core';
import { AccountStore } from './AccountStore.ts';
import { num, strOrNull } from './rows.ts';
import { checkSchemaVersion, migrate } from './schema.ts';
import type { SqlDriver, SqlValue } from './sql/driver.ts';
import { openPostgres } from './sql/postgres.ts';
import { openSqlite } from './sql/sqlite.ts';
import { UtxoStore } from './UtxoStore.ts';

/** Where an ingestion run got to: the last block fully written, in the same transaction as its data. */
export interface Checkpoint {
  readonly name: string;
  readonly chain: ChainId;
  readonly height: number;
  readonly hash: string;
}

export interface OpenStoreParameters {
  /** A file path (SQLite, created when missing) or a `postgres://` / `postgresql://` URL. */
  readonly url: string;
  /** SQLite only: open read-only, beside a writer in another process. */
  readonly readonly?: boolean;
}

/**
 * A persistent store: one SQLite file or one PostgreSQL database holding transactions, transfers, spends, labels,
 * clusters and ingestion checkpoints. `utxo(chain)` and `account(chain)` are DataSources over it.
 */
export class Store {
  readonly db: SqlDriver;
  readonly url: string;

  constructor(params: { readonly db: SqlDriver; readonly url: string }) {
    this.db = params.db;
    this.url = params.url;
  }

  /** The UTXO chain `chain` in this store, as a `UtxoDataSource` with writers. */
  utxo(chain: ChainId): UtxoStore {
    return new UtxoStore({ db: this.db, chain });
  }

  /** The account chain `chain` in this store, as an `AccountDataSource` with writers. */
  account(chain: ChainId): AccountStore {
    return new AccountStore({ db: this.db, chain });
  }

  /** The named checkpoint, or null when that ingestion never wrote a block. */
  async getCheckpoint(name: string): Promise<Checkpoint | null> {
    const rows = await this.db.query(`select name, chain, height, hash from checkpoints where name = ?`, [name]);
    const r = rows[0];
    return r ? { name: String(r.name), chain: String(r.chain) as ChainId, height: num(r.height), hash: String(r.hash) } : null;
  }

  /** Adds labels (idempotent on chain, address, source, category, entity). */
  async putLabels(labels: Iterable<Label>): Promise<void> {
    const rows: SqlValue[][] = [];
    for (const l of labels) {
      rows.push([
        l.chain, l.address, l.source, l.category, l.entity ?? '', l.sourceCategory ?? null, l.date ?? null, l.confidence,
        l.record === undefined ? null : JSON.stringify(l.record),
      ]);
    }
    await this.db.transaction((tx) =>
      tx.insertMany('labels', ['chain', 'address', 'source', 'category', 'entity', 'source_category', 'date', 'confidence', 'record'], rows),
    );
  }

  /** Every label of a canonical address. */
  async getLabels(params: { readonly chain: ChainId; readonly address: string }): Promise<Label[]> {
    const rows = await this.db.query(`select * from labels where chain = ? and address = ? order by source, category, entity`, [
      params.chain,
      params.address,
    ]);
    return rows.map((r): Label => {
      const entity = String(r.entity);
      const sourceCategory = strOrNull(r.source_category);
      const date = strOrNull(r.date);
      return {
        chain: String(r.chain) as ChainId,
        address: String(r.address),
        category: r.category as Label['category'],
        source: String(r.source),
        confidence: num(r.confidence),
        ...(entity === '' ? {} : { entity }),
        ...(sourceCategory === null ? {} : { sourceCategory }),
        ...(date === null ? {} : { date }),
        ...(r.record === null ? {} : { record: JSON.parse(String(r.record)) as unknown }),
      };
    });
  }

  /**
   * Replaces the stored clustering of `chain` with `assignments` (address → cluster id, as a clustering's
   * `clusterOf` gives them), in one transaction.
   */
  async putClusters(params: { readonly chain: ChainId; readonly assignments: Iterable<readonly [string, number]> }): Promise<number> {
    const rows: SqlValue[][] = [];
    for (const [address, cluster] of params.assignments) rows.push([params.chain, address, cluster]);
    await this.db.transaction(async (tx) => {
      await tx.run(`delete from clusters where chain = ?`, [params.chain]);
      await tx.insertMany('clusters', ['chain', 'address', 'cluster'], rows);
    });
    return rows.length;
  }

  /** The stored cluster id of an address, or null. */
  async getCluster(params: { readonly chain: ChainId; readonly address: string }): Promise<number | null> {
    const rows = await this.db.query(`select cluster from clusters where chain = ? and address = ?`, [params.chain, params.address]);
    return rows[0] ? num(rows[0].cluster) : null;
  }

  /** Every address of a stored cluster. */
  async getClusterMembers(params: { readonly chain: ChainId; readonly cluster: number }): Promise<string[]> {
    const rows = await this.db.query(`select address from clusters where chain = ? and cluster = ? order by address`, [params.chain, params.cluster]);
    return rows.map((r) => String(r.address));
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

/** True when `url` names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/**
 * Opens (and creates, when new) a store: a SQLite file for a path, PostgreSQL for a `postgres://` URL.
 *
 * @example
 * const store = await openStore({ url: 'chaintrail.db' })
 * const btc = store.utxo(BITCOIN_CHAINS.mainnet)
 * const tx = await btc.getTransaction({ txid })
 */
export async function openStore(params: OpenStoreParameters): Promise<Store> {
  const db = isPostgresUrl(params.url)
    ? openPostgres({ url: params.url })
    : openSqlite({ path: params.url, ...(params.readonly === undefined ? {} : { readonly: params.readonly }) });
  try {
    if (params.readonly) await checkSchemaVersion(db);
    else await migrate(db);
  } catch (e) {
    await db.close().catch(() => undefined);
    if (e instanceof ChaintrailError) throw e;
    throw new ChaintrailError('STORE_ERROR', `Cannot prepare the store at ${redactStoreUrl(params.url)}.`, { cause: e });
  }
  return new Store({ db, url: params.url });
}

/** A URL without its password, for messages. */
/** The store URL with any password replaced by `***`, for logs and JSON output. */
export function redactStoreUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
