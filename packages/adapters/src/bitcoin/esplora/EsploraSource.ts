import {
  type BitcoinNetwork,
  type BlockRangeParameters,
  ChaintrailError,
  type ChainId,
  type HolderId,
  type Outspend,
  type Page,
  type PageParameters,
  type ReadParameters,
  throwIfAborted,
  type UtxoBlock,
  type UtxoBlockRef,
  type UtxoDataSource,
  type UtxoInput,
  type UtxoTransaction,
} from '@chaintrail/core';
import { ResponseCache } from '../../cache/ResponseCache.ts';
import { HttpClient, type RetryInfo } from '../../http/HttpClient.ts';
import { parseJsonLossless } from '../../http/losslessJson.ts';
import { bip34Height, type BitcoinOutput, printableText } from '../block.ts';
import { bitcoinNetwork, type BitcoinNetworkParams } from '../network.ts';
import { classifyScript } from '../script.ts';

export interface EsploraSourceParameters {
  /** The API root, e.g. `https://mempool.space/api` or `https://blockstream.info/api`. */
  readonly url: string;
  readonly network?: BitcoinNetwork;
  /** Requests in flight at once (default 3: public instances rate-limit hard). */
  readonly concurrency?: number;
  readonly timeoutMs?: number;
  readonly retries?: number;
  readonly backoffMs?: number;
  /** Transactions fewer than this many confirmations deep are marked `unconfirmed` and not cached (default 6). */
  readonly confirmations?: number;
  /** Cache of confirmed transactions by txid (one is created when absent). */
  readonly cache?: ResponseCache<UtxoTransaction>;
  /** How long the tip height is reused for the reorg guard (default 30 s). */
  readonly tipTtlMs?: number;
  readonly fetch?: typeof globalThis.fetch;
  readonly headers?: Readonly<Record<string, string>>;
  readonly onRetry?: (info: RetryInfo) => void;
}

const HEX64 = /^[0-9a-f]{64}$/;
const HEX = /^(?:[0-9a-fA-F]{2})*$/;
/** Esplora's page sizes: 25 confirmed transactions per address or block page. */
const CHAIN_PAGE = 25;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A `UtxoDataSource` over an Esplora REST API (mempool.space, blockstream.info, a self-hosted electrs):
 * `/tx/:txid` (inputs carry their prevouts), `/tx/:txid/outspends` (the forward edge tracing follows),
 * `/address/:address/txs` with `txs/chain/:last_seen` paging, `/block/:hash/txs/:start`, `/blocks/tip/height`.
 * Every answer is validated (a malformed or inconsistent one is `INVALID_RESPONSE` naming the URL); confirmed
 * transactions are cached by txid; those under the reorg guard are marked `unconfirmed` and not cached.
 *
 * @example
 * const esplora = new EsploraSource({ url: 'https://mempool.space/api' })
 * const spends = await esplora.getOutspends({ txid })
 */
export class EsploraSource implements UtxoDataSource {
  readonly model = 'utxo' as const;
  readonly chain: ChainId;
  readonly network: BitcoinNetworkParams;
  readonly http: HttpClient;
  readonly cache: ResponseCache<UtxoTransaction>;
  readonly #base: string;
  readonly #minConfirmations: number;
  readonly #tipTtlMs: number;
  #tip: { height: number; at: number } | undefined;

  constructor(params: EsploraSourceParameters) {
    this.network = bitcoinNetwork(params.network ?? 'mainnet');
    this.chain = this.network.chain;
    this.#base = params.url.replace(/\/+$/, '');
    this.#minConfirmations = params.confirmations ?? 6;
    this.#tipTtlMs = params.tipTtlMs ?? 30_000;
    this.cache = params.cache ?? new ResponseCache<UtxoTransaction>();
    this.http = new HttpClient({
      concurrency: params.concurrency ?? 3,
      timeoutMs: params.timeoutMs ?? 30_000,
      ...(params.retries !== undefined ? { retries: params.retries } : {}),
      ...(params.backoffMs !== undefined ? { backoffMs: params.backoffMs } : {}),
      ...(params.fetch ? { fetch: params.fetch } : {}),
      ...(params.headers ? { headers: params.headers } : {}),
      ...(params.onRetry ? { onRetry: params.onRetry } : {}),
    });
  }

  async #json(path: string, signal: AbortSignal | undefined): Promise<unknown> {
    const url = `${this.#base}${path}`;
    try {
      return await this.http.requestJson({ url, label: `GET ${url}`, parse: parseJsonLossless, ...(signal ? { signal } : {}) });
    } catch (e) {
      throw notFound(e, url);
    }
  }

  async #text(path: string, signal: AbortSignal | undefined): Promise<string> {
    const url = `${this.#base}${path}`;
    try {
      return (await this.http.request({ url, label: `GET ${url}`, ...(signal ? { signal } : {}) })).text.trim();
    } catch (e) {
      throw notFound(e, url);
    }
  }

  /** Height of the best block (`/blocks/tip/height`). */
  async getTipHeight(params: ReadParameters = {}): Promise<number> {
    const text = await this.#text('/blocks/tip/height', params.signal);
    if (!/^\d+$/.test(text)) throw invalid(`${this.#base}/blocks/tip/height`, 'the tip height is not a number');
    const height = Number(text);
    this.#tip = { height, at: Date.now() };
    return height;
  }

  async #tipHeight(signal: AbortSignal | undefined): Promise<number> {
    if (this.#tip && Date.now() - this.#tip.at < this.#tipTtlMs) return this.#tip.height;
    return this.getTipHeight(signal ? { signal } : {});
  }

  /** One transaction, inputs valued from the prevouts Esplora includes. `NOT_FOUND` when unknown. */
  async getTransaction(params: { readonly txid: string } & ReadParameters): Promise<UtxoTransaction> {
    if (!HEX64.test(params.txid)) {
      throw new ChaintrailError('INVALID_ARGUMENT', `"${params.txid}" is not a txid (64 lower-case hex digits).`, { meta: { txid: params.txid } });
    }
    return this.cache.getOrLoad(params.txid, async () => {
      const url = `${this.#base}/tx/${params.txid}`;
      const json = await this.#json(`/tx/${params.txid}`, params.signal);
      const tx = await this.#convert(json, url, params.signal);
      if (tx.txid !== params.txid) throw invalid(url, `the answer is transaction ${tx.txid}`);
      return { value: tx, confirmed: tx.block !== null && !tx.unconfirmed };
    });
  }

  /** Who spent each output of `txid` (`/tx/:txid/outspends`). */
  async getOutspends(params: { readonly txid: string } & ReadParameters): Promise<readonly Outspend[]> {
    const url = `${this.#base}/tx/${params.txid}/outspends`;
    const json = await this.#json(`/tx/${params.txid}/outspends`, params.signal);
    if (!Array.isArray(json)) throw invalid(url, 'outspends is not an array');
    return json.map((o, i): Outspend => {
      if (!isObject(o) || typeof o.spent !== 'boolean') throw invalid(url, `entry ${i} has no "spent" flag`);
      if (!o.spent) return { spent: false };
      if (typeof o.txid !== 'string' || !HEX64.test(o.txid) || typeof o.vin !== 'number') throw invalid(url, `entry ${i} lacks txid/vin`);
      return { spent: true, txid: o.txid, vin: o.vin, block: blockRef(o.status, url) };
    });
  }

  /**
   * Transactions of an address, newest first: the first page holds mempool transactions and the newest 25
   * confirmed; `next` is the last confirmed txid, for `/txs/chain/:last_seen`. `limit` is ignored (Esplora's pages
   * are fixed).
   */
  async getAddressHistory(params: { readonly address: HolderId } & PageParameters): Promise<Page<UtxoTransaction>> {
    if (params.address.includes(':')) {
      throw new ChaintrailError('UNSUPPORTED', `Esplora indexes addresses only, not script holders like ${params.address.slice(0, 12)}….`, {
        meta: { address: params.address },
      });
    }
    if (params.cursor !== undefined && !HEX64.test(params.cursor)) {
      throw new ChaintrailError('INVALID_ARGUMENT', `"${params.cursor}" is not a page cursor of this source (a txid).`, { meta: { cursor: params.cursor } });
    }
    const path = `/address/${encodeURIComponent(params.address)}/txs${params.cursor ? `/chain/${params.cursor}` : ''}`;
    const url = `${this.#base}${path}`;
    const json = await this.#json(path, params.signal);
    if (!Array.isArray(json)) throw invalid(url, 'the address history is not an array');
    const items: UtxoTransaction[] = [];
    for (const entry of json) {
      const tx = await this.#convert(entry, url, params.signal);
      if (tx.block !== null && !tx.unconfirmed) this.cache.set(tx.txid, tx, true);
      items.push(tx);
    }
    const confirmed = items.filter((t) => t.block !== null);
    const next = confirmed.length >= CHAIN_PAGE ? confirmed.at(-1)!.txid : null;
    return { items, next };
  }

  /** Transactions of a block, all pages (`/block/:hash/txs/:start`), in block order. */
  async getBlockTransactions(params: { readonly hash: string } & ReadParameters): Promise<UtxoTransaction[]> {
    const infoUrl = `${this.#base}/block/${params.hash}`;
    const info = await this.#json(`/block/${params.hash}`, params.signal);
    if (!isObject(info) || typeof info.tx_count !== 'number') throw invalid(infoUrl, 'no tx_count');
    const count = info.tx_count;
    const starts: number[] = [];
    for (let s = 0; s < count; s += CHAIN_PAGE) starts.push(s);
    const pages = await Promise.all(
      starts.map(async (start) => {
        const url = `${this.#base}/block/${params.hash}/txs/${start}`;
        const json = await this.#json(`/block/${params.hash}/txs/${start}`, params.signal);
        if (!Array.isArray(json)) throw invalid(url, 'not an array');
        const expected = Math.min(CHAIN_PAGE, count - start);
        if (json.length !== expected) throw invalid(url, `${json.length} transactions where ${expected} were due`);
        return Promise.all(json.map(async (j, k) => ({ ...(await this.#convert(j, url, params.signal)), index: start + k })));
      }),
    );
    return pages.flat();
  }

  /** Blocks `from..to` in order via `/block-height/:height` and the block's transaction pages. */
  async *getBlocks(params: BlockRangeParameters): AsyncIterable<UtxoBlock> {
    const total = params.to - params.from + 1;
    for (let h = params.from, done = 0; h <= params.to; h++) {
      throwIfAborted(params.signal);
      const hash = await this.#text(`/block-height/${h}`, params.signal);
      if (!HEX64.test(hash)) throw invalid(`${this.#base}/block-height/${h}`, 'not a block hash');
      const transactions = await this.getBlockTransactions({ hash, ...(params.signal ? { signal: params.signal } : {}) });
      const ref = transactions[0]?.block;
      if (!ref || ref.height !== h) throw invalid(`${this.#base}/block/${hash}/txs/0`, `the transactions are not of height ${h}`);
      yield { chain: this.chain, height: h, hash, time: ref.time, transactions };
      params.onProgress?.({ phase: 'blocks', done: ++done, total, unit: 'block' });
    }
  }

  async #convert(json: unknown, url: string, signal: AbortSignal | undefined): Promise<UtxoTransaction> {
    if (!isObject(json)) throw invalid(url, 'a transaction is not an object');
    const txid = json.txid;
    if (typeof txid !== 'string' || !HEX64.test(txid)) throw invalid(url, 'a transaction has no txid');
    const { vin, vout } = json;
    if (!Array.isArray(vin) || !Array.isArray(vout)) throw invalid(url, `transaction ${txid} has no vin/vout arrays`);
    const network = this.network;
    const outputs: BitcoinOutput[] = vout.map((o, n) => {
      if (!isObject(o) || typeof o.scriptpubkey !== 'string' || !HEX.test(o.scriptpubkey)) throw invalid(url, `output ${n} of ${txid} has no scriptpubkey`);
      const h = classifyScript({ script: Buffer.from(o.scriptpubkey, 'hex'), network });
      const value = satoshi(o.value, url, `output ${n} of ${txid}`);
      return h.alias === undefined ? { n, address: h.holder, value, scriptType: h.scriptType } : { n, address: h.holder, value, scriptType: h.scriptType, alias: h.alias };
    });
    const block = blockRef(json.status, url);
    let unconfirmed = block === null;
    if (block !== null) unconfirmed = (await this.#tipHeight(signal)) - block.height + 1 < this.#minConfirmations;
    const vsize = typeof json.weight === 'number' ? Math.ceil(json.weight / 4) : undefined;
    const common = {
      chain: this.chain,
      txid,
      block,
      index: -1,
      outputs,
      version: typeof json.version === 'number' ? json.version : 1,
      locktime: typeof json.locktime === 'number' ? json.locktime : 0,
      ...(vsize !== undefined ? { vsize } : {}),
      ...(unconfirmed ? { unconfirmed: true } : {}),
    };
    const first = vin[0];
    if (isObject(first) && first.is_coinbase === true) {
      const sig = typeof first.scriptsig === 'string' && HEX.test(first.scriptsig) ? first.scriptsig : '';
      const script = Buffer.from(sig, 'hex');
      return { ...common, coinbase: { scriptSig: sig, text: printableText(script), height: bip34Height(script) }, inputs: [], fee: 0n };
    }
    let total = 0n;
    const inputs: UtxoInput[] = vin.map((v, i) => {
      if (!isObject(v) || typeof v.txid !== 'string' || !HEX64.test(v.txid) || typeof v.vout !== 'number') throw invalid(url, `input ${i} of ${txid} lacks txid/vout`);
      const sequence = typeof v.sequence === 'number' ? v.sequence : 0xffffffff;
      const p = v.prevout;
      if (!isObject(p) || typeof p.scriptpubkey !== 'string' || !HEX.test(p.scriptpubkey)) throw invalid(url, `input ${i} of ${txid} has no prevout`);
      const h = classifyScript({ script: Buffer.from(p.scriptpubkey, 'hex'), network });
      const value = satoshi(p.value, url, `the prevout of input ${i} of ${txid}`);
      total += value;
      return { prevTxid: v.txid, prevVout: v.vout, address: h.holder, value, scriptType: h.scriptType, sequence };
    });
    let fee = total;
    for (const o of outputs) fee -= o.value;
    // Esplora states the fee: a different one means the answer is inconsistent (cut or altered).
    if (json.fee !== undefined && satoshi(json.fee, url, `the fee of ${txid}`) !== fee) throw invalid(url, `the fee of ${txid} does not match its inputs and outputs`);
    return { ...common, coinbase: null, inputs, fee };
  }
}

function satoshi(value: unknown, url: string, where: string): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return BigInt(value);
  throw invalid(url, `${where}: the value is not a whole number of satoshi`);
}

function blockRef(status: unknown, url: string): UtxoBlockRef | null {
  if (!isObject(status) || status.confirmed !== true) return null;
  const { block_height: height, block_hash: hash, block_time: time } = status;
  if (typeof height !== 'number' || typeof hash !== 'string' || !HEX64.test(hash) || typeof time !== 'number') {
    throw invalid(url, 'a confirmed status lacks block_height/block_hash/block_time');
  }
  return { height, hash, time };
}

function invalid(url: string, why: string): ChaintrailError<'INVALID_RESPONSE'> {
  return new ChaintrailError('INVALID_RESPONSE', `GET ${url}: ${why}.`, {
    details: 'The answer is not what an Esplora server sends; it may be truncated or from another server.',
    meta: { url },
  });
}

// Esplora answers an unknown txid or address with 404 (or 400 for a malformed one): that is NOT_FOUND, not a failure.
function notFound(e: unknown, url: string): unknown {
  if (e instanceof ChaintrailError && e.code === 'HTTP_ERROR' && (e.meta.status === 404 || e.meta.status === 400)) {
    return new ChaintrailError('NOT_FOUND', `${url} is not known to this Esplora server (HTTP ${String(e.meta.status)}).`, {
      details: String(e.details ?? ''),
      cause: e,
      meta: { url, status: e.meta.status },
    });
  }
  return e;
}
