import { readFile } from 'node:fs/promises';
import {
  type BitcoinNetwork,
  ChaintrailError,
  type HolderId,
  type OutPoint,
  outPoint,
  type ScriptType,
  throwIfAborted,
  type UtxoDataSource,
  type UtxoInput,
  type UtxoTransaction,
} from '@chaintrail/core';
import { bitcoinNetwork, type BitcoinNetworkParams } from './network.ts';
import { classifyScript } from './script.ts';

/** What an input needs to know about the output it spends. */
export interface Prevout {
  readonly value: bigint;
  readonly address: HolderId;
  readonly scriptType: ScriptType;
}

export interface GetPrevoutsParameters {
  readonly outpoints: readonly OutPoint[];
  readonly signal?: AbortSignal;
}

/**
 * Where the outputs that inputs spend come from: outputs seen earlier in a run, a prevouts file, a data source.
 * Answers the outpoints it knows and leaves the rest out of the map (never throws for an unknown outpoint).
 */
export interface PrevoutSource {
  getPrevouts(params: GetPrevoutsParameters): Promise<ReadonlyMap<OutPoint, Prevout>>;
}

/**
 * Prevouts held in memory. `addOutputs` records a transaction's outputs; `spend` forgets an outpoint once spent, so a
 * run over many blocks holds only its unspent outputs.
 *
 * @example
 * const seen = new MemoryPrevoutSource()
 * seen.addOutputs(tx)
 * await seen.getPrevouts({ outpoints: [`${tx.txid}:0`] })
 */
export class MemoryPrevoutSource implements PrevoutSource {
  readonly #map = new Map<OutPoint, Prevout>();

  constructor(entries?: Iterable<readonly [OutPoint, Prevout]>) {
    if (entries) for (const [k, v] of entries) this.#map.set(k, v);
  }

  get size(): number {
    return this.#map.size;
  }

  set(point: OutPoint, prevout: Prevout): void {
    this.#map.set(point, prevout);
  }

  get(point: OutPoint): Prevout | undefined {
    return this.#map.get(point);
  }

  /** Records every output of `tx` as a prevout. */
  addOutputs(tx: UtxoTransaction): void {
    for (const o of tx.outputs) this.#map.set(outPoint(tx.txid, o.n), { value: o.value, address: o.address, scriptType: o.scriptType });
  }

  spend(point: OutPoint): void {
    this.#map.delete(point);
  }

  async getPrevouts(params: GetPrevoutsParameters): Promise<ReadonlyMap<OutPoint, Prevout>> {
    throwIfAborted(params.signal);
    const out = new Map<OutPoint, Prevout>();
    for (const p of params.outpoints) {
      const v = this.#map.get(p);
      if (v) out.set(p, v);
    }
    return out;
  }
}

export interface LoadPrevoutsFileParameters {
  readonly path: string;
  readonly network?: BitcoinNetwork | BitcoinNetworkParams;
}

/**
 * Reads a prevouts file, `{"txid:vout": {"value": <satoshi>, "scriptPubKey": "<hex>", ...}}` (the format of
 * `block-277647.prevouts.json`), and classifies each script. Throws `PARSE_ERROR` naming the file and the entry for a
 * malformed entry (a value that is not a whole number of satoshi, a script that is not hex).
 *
 * @example
 * const prevouts = await loadPrevoutsFile({ path: 'block-277647.prevouts.json' })
 */
export async function loadPrevoutsFile(params: LoadPrevoutsFileParameters): Promise<MemoryPrevoutSource> {
  const network = typeof params.network === 'object' ? params.network : bitcoinNetwork(params.network ?? 'mainnet');
  const text = await readFile(params.path, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new ChaintrailError('PARSE_ERROR', `${params.path}: not valid JSON.`, { cause, meta: { source: params.path } });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ChaintrailError('PARSE_ERROR', `${params.path}: expected an object of "txid:vout" entries.`, { meta: { source: params.path } });
  }
  const source = new MemoryPrevoutSource();
  for (const [key, entry] of Object.entries(data)) {
    const bad = (why: string): ChaintrailError =>
      new ChaintrailError('PARSE_ERROR', `${params.path}: entry "${key}" ${why}.`, { meta: { source: params.path, entry: key } });
    const m = /^([0-9a-fA-F]{64}):(\d{1,10})$/.exec(key);
    if (!m) throw bad('is not a txid:vout outpoint');
    if (typeof entry !== 'object' || entry === null) throw bad('is not an object');
    const { value, scriptPubKey } = entry as { value?: unknown; scriptPubKey?: unknown };
    let sat: bigint;
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) sat = BigInt(value);
    else if (typeof value === 'string' && /^\d+$/.test(value)) sat = BigInt(value);
    else throw bad('has a value that is not a whole number of satoshi');
    if (typeof scriptPubKey !== 'string' || !/^(?:[0-9a-fA-F]{2})*$/.test(scriptPubKey)) throw bad('has a scriptPubKey that is not hex');
    const h = classifyScript({ script: Buffer.from(scriptPubKey, 'hex'), network });
    source.set(outPoint(m[1]!.toLowerCase(), Number(m[2])), { value: sat, address: h.holder, scriptType: h.scriptType });
  }
  return source;
}

/**
 * Prevouts looked up through a data source's `getTransaction` (a node, Esplora, a store), one fetch per distinct
 * previous transaction. Transactions the source does not know (`NOT_FOUND`) leave their outpoints unanswered;
 * other failures (network, timeouts) propagate, so a half-valued result is never passed off as complete.
 *
 * @example
 * const prevouts = new DataSourcePrevoutSource({ source: esplora })
 */
export class DataSourcePrevoutSource implements PrevoutSource {
  readonly #source: UtxoDataSource;

  constructor(params: { readonly source: UtxoDataSource }) {
    this.#source = params.source;
  }

  async getPrevouts(params: GetPrevoutsParameters): Promise<ReadonlyMap<OutPoint, Prevout>> {
    const byTxid = new Map<string, OutPoint[]>();
    for (const p of params.outpoints) {
      const txid = p.slice(0, p.lastIndexOf(':'));
      const list = byTxid.get(txid);
      if (list) list.push(p);
      else byTxid.set(txid, [p]);
    }
    const out = new Map<OutPoint, Prevout>();
    await Promise.all(
      [...byTxid].map(async ([txid, points]) => {
        let tx: UtxoTransaction;
        try {
          tx = await this.#source.getTransaction({ txid, ...(params.signal ? { signal: params.signal } : {}) });
        } catch (e) {
          if (e instanceof ChaintrailError && e.code === 'NOT_FOUND') return;
          throw e;
        }
        for (const p of points) {
          const o = tx.outputs[Number(p.slice(p.lastIndexOf(':') + 1))];
          if (o) out.set(p, { value: o.value, address: o.address, scriptType: o.scriptType });
        }
      }),
    );
    return out;
  }
}

/**
 * Asks several prevout sources in order, each only for what the earlier ones did not know.
 *
 * @example
 * const prevouts = chainPrevoutSources([seenInRun, fileSource, new DataSourcePrevoutSource({ source: node })])
 */
export function chainPrevoutSources(sources: readonly PrevoutSource[]): PrevoutSource {
  return {
    async getPrevouts(params: GetPrevoutsParameters): Promise<ReadonlyMap<OutPoint, Prevout>> {
      const found = new Map<OutPoint, Prevout>();
      let missing = params.outpoints;
      for (const source of sources) {
        if (missing.length === 0) break;
        const got = await source.getPrevouts({ outpoints: missing, ...(params.signal ? { signal: params.signal } : {}) });
        for (const [k, v] of got) found.set(k, v);
        missing = missing.filter((p) => !found.has(p));
      }
      return found;
    },
  };
}

/**
 * Fills a transaction's inputs from known prevouts and computes its fee (null while any input stays unvalued; 0 for a
 * coinbase). Returns the same object when nothing changes.
 *
 * @example
 * const valued = valueTransaction({ tx, prevouts: map })
 */
export function valueTransaction({ tx, prevouts }: { readonly tx: UtxoTransaction; readonly prevouts: ReadonlyMap<OutPoint, Prevout> }): UtxoTransaction {
  if (tx.coinbase || tx.inputs.length === 0) return tx;
  let changed = false;
  let total = 0n;
  let known = true;
  const inputs = tx.inputs.map((input): UtxoInput => {
    if (input.value !== null) {
      total += input.value;
      return input;
    }
    const p = prevouts.get(outPoint(input.prevTxid, input.prevVout));
    if (!p) {
      known = false;
      return input;
    }
    changed = true;
    total += p.value;
    return { ...input, value: p.value, address: p.address, scriptType: p.scriptType };
  });
  if (!changed) return tx;
  let fee: bigint | null = null;
  if (known) {
    fee = total;
    for (const o of tx.outputs) fee -= o.value;
  }
  return { ...tx, inputs, fee };
}
