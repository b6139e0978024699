import { readFile } from 'node:fs/promises';
import {
  type BitcoinNetwork,
  type BlockRangeParameters,
  ChaintrailError,
  type ChainId,
  type OutPoint,
  outPoint,
  type ReadParameters,
  throwIfAborted,
  type UtxoBlockRef,
  type UtxoDataSource,
  type UtxoTransaction,
} from '@chaintrail/core';
import { ResponseCache } from '../../cache/ResponseCache.ts';
import type { RetryInfo } from '../../http/HttpClient.ts';
import { JsonRpcClient, redact } from '../../http/JsonRpcClient.ts';
import { parseJsonLossless } from '../../http/losslessJson.ts';
import type { BitcoinBlock } from '../block.ts';
import { bitcoinNetwork, type BitcoinNetworkParams } from '../network.ts';
import { MemoryPrevoutSource, type Prevout, valueTransaction } from '../prevouts.ts';
import { classifyScript } from '../script.ts';
import { type AnswerContext, btcField, convertCoreTransaction, hashField, intField, invalidAnswer, isObject } from './coreTransaction.ts';

export interface BitcoinCoreSourceParameters {
  /** The node's RPC URL, e.g. `http://127.0.0.1:8332`. Credentials in the URL (`http://user:pass@host`) are used. */
  readonly url: string;
  readonly network?: BitcoinNetwork;
  readonly user?: string;
  readonly password?: string;
  /** Bitcoin Core's `.cookie` file (`__cookie__:<password>`), read on first use. */
  readonly cookieFile?: string;
  /** Requests in flight at once (default 4: a local node serves RPC on a few threads). */
  readonly concurrency?: number;
  /** Per-attempt timeout (default 60 s: a verbosity-3 block can take a while). */
  readonly timeoutMs?: number;
  readonly retries?: number;
  readonly backoffMs?: number;
  /** Calls per batch request (default 50). */
  readonly batchSize?: number;
  /** Blocks fewer than this many confirmations deep are marked `unconfirmed` and not cached (default 6). */
  readonly confirmations?: number;
  /** Cache of confirmed transactions by txid (one is created when absent). */
  readonly cache?: ResponseCache<UtxoTransaction>;
  /**
   * When an input's prevout cannot be fetched because the node has no `-txindex`: throw `UNSUPPORTED` (default), or
   * leave the input unvalued (`value: null`, fee null) and carry on.
   */
  readonly allowUnvalued?: boolean;
  readonly fetch?: typeof globalThis.fetch;
  readonly onRetry?: (info: RetryInfo) => void;
}

/** A block as the node returned it, converted: the core block plus its confirmations. */
export interface BitcoinRpcBlock extends BitcoinBlock {
  readonly confirmations: number;
}

/**
 * A `UtxoDataSource` over a Bitcoin Core node's JSON-RPC: `getblockhash`, `getblock` (verbosity 3, which carries
 * every input's prevout; on nodes before v23, which answer verbosity 2, prevouts come from batched
 * `getrawtransaction`, which needs `-txindex=1`), `getblockcount`, `getrawtransaction`. BTC amounts are parsed from the
 * JSON text exactly. Basic auth from the URL, `user`/`password` or the cookie file. Confirmed transactions are cached by
 * txid; blocks under the reorg guard are marked `unconfirmed`. No `getOutspends`/`getAddressHistory`: Core keeps no
 * spent or address index (use Esplora for those).
 *
 * @example
 * const node = new BitcoinCoreSource({ url: 'http://127.0.0.1:8332', cookieFile: '~/.bitcoin/.cookie' })
 * for await (const block of node.getBlocks({ from: 800000, to: 800010 })) console.log(block.hash)
 */
export class BitcoinCoreSource implements UtxoDataSource {
  readonly model = 'utxo' as const;
  readonly chain: ChainId;
  readonly network: BitcoinNetworkParams;
  readonly rpc: JsonRpcClient;
  readonly cache: ResponseCache<UtxoTransaction>;
  readonly #url: string;
  readonly #minConfirmations: number;
  readonly #allowUnvalued: boolean;
  readonly #params: BitcoinCoreSourceParameters;
  #authorization: Promise<string | undefined> | undefined;
  readonly #headers = new Map<string, { height: number; time: number; confirmations: number }>();

  constructor(params: BitcoinCoreSourceParameters) {
    this.#params = params;
    this.network = bitcoinNetwork(params.network ?? 'mainnet');
    this.chain = this.network.chain;
    const parsed = new URL(params.url);
    const user = params.user ?? decodeURIComponent(parsed.username);
    const password = params.password ?? decodeURIComponent(parsed.password);
    parsed.username = '';
    parsed.password = '';
    this.#url = parsed.toString();
    if (user !== '' || password !== '') this.#authorization = Promise.resolve(basic(user, password));
    this.#minConfirmations = params.confirmations ?? 6;
    this.#allowUnvalued = params.allowUnvalued ?? false;
    this.cache = params.cache ?? new ResponseCache<UtxoTransaction>();
    // fetch() refuses URLs with credentials: they go in the Authorization header, added per request.
    const baseFetch = params.fetch ?? globalThis.fetch;
    const authFetch: typeof globalThis.fetch = async (input, init) => {
      const auth = await this.#auth();
      const headers = new Headers(init?.headers);
      if (auth) headers.set('authorization', auth);
      return baseFetch(input, { ...init, headers });
    };
    this.rpc = new JsonRpcClient({
      url: this.#url,
      fetch: authFetch,
      concurrency: params.concurrency ?? 4,
      timeoutMs: params.timeoutMs ?? 60_000,
      ...(params.retries !== undefined ? { retries: params.retries } : {}),
      ...(params.backoffMs !== undefined ? { backoffMs: params.backoffMs } : {}),
      ...(params.onRetry ? { onRetry: params.onRetry } : {}),
      batchSize: params.batchSize ?? 50,
      parseJson: parseJsonLossless,
    });
  }

  #auth(): Promise<string | undefined> {
    if (!this.#authorization) {
      const file = this.#params.cookieFile;
      this.#authorization = file
        ? readFile(file, 'utf8').then(
            (text) => {
              const [user, ...rest] = text.trim().split(':');
              return basic(user ?? '', rest.join(':'));
            },
            (cause: unknown) => {
              this.#authorization = undefined;
              throw new ChaintrailError('INVALID_ARGUMENT', `Cannot read the RPC cookie file ${file}.`, {
                details: 'Bitcoin Core writes it in its data directory while running (e.g. ~/.bitcoin/.cookie).',
                cause,
                meta: { file },
              });
            },
          )
        : Promise.resolve(undefined);
    }
    return this.#authorization;
  }

  #ctx(method: string): AnswerContext {
    return { method, url: redact(this.#url) };
  }

  /** Height of the node's best block (`getblockcount`). */
  async getTipHeight(params: ReadParameters = {}): Promise<number> {
    const n = await this.rpc.call<unknown>('getblockcount', [], signalOf(params));
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw invalidAnswer(this.#ctx('getblockcount'), 'not a height');
    return n;
  }

  /** Hashes of a range of heights, one batch request per `batchSize` heights. */
  async getBlockHashes(params: { readonly from: number; readonly to: number } & ReadParameters): Promise<string[]> {
    const heights: number[] = [];
    for (let h = params.from; h <= params.to; h++) heights.push(h);
    const answers = await this.rpc.batch<unknown>(
      heights.map((h) => ({ method: 'getblockhash', params: [h] })),
      signalOf(params),
    );
    return answers.map((a, i) => {
      if (typeof a !== 'string' || !/^[0-9a-f]{64}$/.test(a)) throw invalidAnswer(this.#ctx(`getblockhash ${heights[i]}`), 'not a block hash');
      return a;
    });
  }

  /**
   * One block by hash, every input valued: from the verbosity-3 prevouts, from `prevouts` (outputs seen earlier in a
   * run), or from `getrawtransaction` of the spent transactions.
   */
  async getBlock(params: { readonly hash: string; readonly prevouts?: MemoryPrevoutSource } & ReadParameters): Promise<BitcoinRpcBlock> {
    const answer = await this.rpc.call<unknown>('getblock', [params.hash, 3], signalOf(params));
    return this.#buildBlock(params.hash, answer, params.prevouts, params.signal);
  }

  async #buildBlock(
    expectedHash: string,
    answer: unknown,
    prevouts: MemoryPrevoutSource | undefined,
    signal: AbortSignal | undefined,
  ): Promise<BitcoinRpcBlock> {
    const params = { hash: expectedHash, prevouts, signal };
    const ctx = this.#ctx(`getblock ${params.hash}`);
    if (!isObject(answer)) throw invalidAnswer(ctx, 'the block is not an object');
    const hash = hashField(answer, 'hash', ctx);
    if (hash !== params.hash) throw invalidAnswer(ctx, `the node answered block ${hash}`);
    const height = intField(answer, 'height', ctx);
    const time = intField(answer, 'time', ctx);
    const confirmations = typeof answer.confirmations === 'number' ? answer.confirmations : 0;
    if (!Array.isArray(answer.tx)) throw invalidAnswer(ctx, 'no "tx" array: was verbosity ignored?');
    if (typeof answer.nTx === 'number' && answer.nTx !== answer.tx.length) {
      throw invalidAnswer(ctx, `nTx says ${answer.nTx} transactions but ${answer.tx.length} arrived`);
    }
    const version = typeof answer.version === 'number' ? answer.version : 1;
    const unconfirmed = confirmations < this.#minConfirmations;
    const ref: UtxoBlockRef = { height, hash, time };
    const network = this.network;
    let transactions = answer.tx.map((json, index) =>
      convertCoreTransaction({ json, network, block: ref, index, blockVersion: version, unconfirmed, ctx }),
    );
    transactions = await this.#valueInputs(transactions, params.prevouts, params.signal);
    if (!unconfirmed) for (const tx of transactions) if (tx.fee !== null) this.cache.set(tx.txid, tx, true);
    return {
      chain: this.chain,
      height,
      hash,
      time,
      transactions,
      confirmations,
      size: typeof answer.size === 'number' ? answer.size : 0,
      header: {
        hash,
        version,
        prevHash: typeof answer.previousblockhash === 'string' ? answer.previousblockhash : '0'.repeat(64),
        merkleRoot: hashField(answer, 'merkleroot', ctx),
        time,
        bits: typeof answer.bits === 'string' ? Number.parseInt(answer.bits, 16) : 0,
        nonce: typeof answer.nonce === 'number' ? answer.nonce : 0,
      },
    };
  }

  /**
   * Blocks `from..to` in order, inputs valued (outputs of earlier blocks of the range are remembered, so only prevouts
   * outside the range are fetched). Reports progress per block. Fails as a whole on any error: a block is yielded only
   * when complete.
   */
  async *getBlocks(params: BlockRangeParameters): AsyncIterable<BitcoinRpcBlock> {
    if (!Number.isSafeInteger(params.from) || !Number.isSafeInteger(params.to) || params.from < 0 || params.to < params.from) {
      throw new ChaintrailError('INVALID_ARGUMENT', `The height range ${params.from}..${params.to} is not valid.`, {
        meta: { from: params.from, to: params.to },
      });
    }
    const seen = new MemoryPrevoutSource();
    const total = params.to - params.from + 1;
    const chunk = 16;
    let done = 0;
    // getblock answers are fetched ahead, up to the concurrency bound, while blocks are valued and yielded in order
    // (valuing needs the outputs of the blocks before).
    const ahead = Math.max(1, this.#params.concurrency ?? 4);
    for (let start = params.from; start <= params.to; start += chunk) {
      throwIfAborted(params.signal);
      const end = Math.min(params.to, start + chunk - 1);
      const hashes = await this.getBlockHashes({ from: start, to: end, ...signalOf(params) });
      const pending: Promise<unknown>[] = [];
      const fetchAt = (i: number): void => {
        if (i >= hashes.length) return;
        const p = this.rpc.call<unknown>('getblock', [hashes[i], 3], signalOf(params));
        // A prefetched answer that fails is reported when its turn comes; never as an unhandled rejection.
        p.catch(() => undefined);
        pending[i] = p;
      };
      for (let i = 0; i < ahead; i++) fetchAt(i);
      for (let i = 0; i < hashes.length; i++) {
        const answer = await pending[i]!;
        fetchAt(i + ahead);
        const block = await this.#buildBlock(hashes[i]!, answer, seen, params.signal);
        for (const tx of block.transactions) {
          for (const input of tx.inputs) seen.spend(outPoint(input.prevTxid, input.prevVout));
          seen.addOutputs(tx);
        }
        yield block;
        params.onProgress?.({ phase: 'blocks', done: ++done, total, unit: 'block' });
      }
    }
  }

  /**
   * One transaction by txid (`getrawtransaction`, which needs `-txindex` for transactions outside the mempool), its
   * inputs valued from the spent transactions. Cached once confirmed deeply enough.
   */
  async getTransaction(params: { readonly txid: string } & ReadParameters): Promise<UtxoTransaction> {
    return this.cache.getOrLoad(params.txid, async () => {
      const json = await this.#rawTransaction(params.txid, params.signal);
      const ctx = this.#ctx(`getrawtransaction ${params.txid}`);
      let block: UtxoBlockRef | null = null;
      let confirmations = 0;
      if (typeof json.blockhash === 'string') {
        const header = await this.#blockHeader(json.blockhash, params.signal);
        block = { height: header.height, hash: json.blockhash, time: header.time };
        confirmations = typeof json.confirmations === 'number' ? json.confirmations : header.confirmations;
      }
      const unconfirmed = confirmations < this.#minConfirmations;
      const raw = convertCoreTransaction({ json, network: this.network, block, index: -1, unconfirmed, ctx });
      const [tx] = await this.#valueInputs([raw], undefined, params.signal);
      return { value: tx!, confirmed: !unconfirmed && tx!.fee !== null };
    });
  }

  async #rawTransaction(txid: string, signal: AbortSignal | undefined): Promise<Record<string, unknown>> {
    try {
      const json = await this.rpc.call<unknown>('getrawtransaction', [txid, true], signal ? { signal } : {});
      if (!isObject(json)) throw invalidAnswer(this.#ctx(`getrawtransaction ${txid}`), 'not a transaction object');
      return json;
    } catch (e) {
      throw this.#explainMissing(e, [txid]);
    }
  }

  async #blockHeader(hash: string, signal: AbortSignal | undefined): Promise<{ height: number; time: number; confirmations: number }> {
    const known = this.#headers.get(hash);
    if (known && known.confirmations >= this.#minConfirmations) return known;
    const ctx = this.#ctx(`getblockheader ${hash}`);
    const h = await this.rpc.call<unknown>('getblockheader', [hash, true], signal ? { signal } : {});
    if (!isObject(h)) throw invalidAnswer(ctx, 'not a header object');
    const header = { height: intField(h, 'height', ctx), time: intField(h, 'time', ctx), confirmations: typeof h.confirmations === 'number' ? h.confirmations : 0 };
    this.#headers.set(hash, header);
    return header;
  }

  // Fills inputs the answer left unvalued: first from outputs seen earlier (same block included), then from the
  // spent transactions, fetched with batched getrawtransaction.
  async #valueInputs(
    transactions: UtxoTransaction[],
    seen: MemoryPrevoutSource | undefined,
    signal: AbortSignal | undefined,
  ): Promise<UtxoTransaction[]> {
    const local = new MemoryPrevoutSource();
    for (const tx of transactions) local.addOutputs(tx);
    const found = new Map<OutPoint, Prevout>();
    const missing = new Map<string, OutPoint[]>();
    for (const tx of transactions) {
      for (const input of tx.inputs) {
        if (input.value !== null) continue;
        const p = outPoint(input.prevTxid, input.prevVout);
        const known = local.get(p) ?? seen?.get(p);
        if (known) {
          found.set(p, known);
          continue;
        }
        const list = missing.get(input.prevTxid);
        if (list) list.push(p);
        else missing.set(input.prevTxid, [p]);
      }
    }
    if (missing.size > 0) {
      const txids = [...missing.keys()];
      const settled = await this.rpc.batchSettled<unknown>(
        txids.map((t) => ({ method: 'getrawtransaction', params: [t, true] })),
        signal ? { signal } : {},
      );
      const absent: string[] = [];
      settled.forEach((s, i) => {
        const txid = txids[i]!;
        const ctx = this.#ctx(`getrawtransaction ${txid}`);
        if (!s.ok) {
          if (s.error.meta.rpcCode === -5) {
            absent.push(txid);
            return;
          }
          throw s.error;
        }
        if (!isObject(s.value) || !Array.isArray(s.value.vout)) throw invalidAnswer(ctx, 'not a transaction object');
        if (hashField(s.value, 'txid', ctx) !== txid) throw invalidAnswer(ctx, 'the node answered another transaction');
        const vout = s.value.vout;
        for (const p of missing.get(txid)!) {
          const o = vout[Number(p.slice(65))];
          if (!isObject(o) || !isObject(o.scriptPubKey) || typeof o.scriptPubKey.hex !== 'string') {
            throw invalidAnswer(ctx, `output ${p.slice(65)} is missing`);
          }
          const h = classifyScript({ script: Buffer.from(o.scriptPubKey.hex, 'hex'), network: this.network });
          found.set(p, { value: btcField(o, 'value', ctx), address: h.holder, scriptType: h.scriptType });
        }
      });
      if (absent.length > 0 && !this.#allowUnvalued) {
        if ((await this.#txindex(signal)) === true) {
          throw new ChaintrailError('NOT_FOUND', `The node has -txindex but does not know ${absent[0]}, which an input spends.`, {
            details: 'Its transaction index may still be building (see getindexinfo).',
            meta: { url: redact(this.#url), txids: absent.slice(0, 10) },
          });
        }
        throw this.#txindexMissing(absent);
      }
    }
    if (found.size === 0) return transactions;
    return transactions.map((tx) => valueTransaction({ tx, prevouts: found }));
  }

  // getindexinfo (Core 0.21+): true/false when the node says, undefined when it cannot (older nodes).
  async #txindex(signal: AbortSignal | undefined): Promise<boolean | undefined> {
    try {
      const info = await this.rpc.call<unknown>('getindexinfo', [], signal ? { signal } : {});
      return isObject(info) ? isObject(info.txindex) : undefined;
    } catch (e) {
      if (e instanceof ChaintrailError && e.code === 'RPC_ERROR') return undefined;
      throw e;
    }
  }

  #explainMissing(e: unknown, txids: string[]): unknown {
    if (e instanceof ChaintrailError && e.code === 'RPC_ERROR' && e.meta.rpcCode === -5) {
      return new ChaintrailError('NOT_FOUND', `The node does not know transaction ${txids[0]}.`, {
        details: 'Outside the mempool, getrawtransaction needs the node to run with -txindex=1 (reindexing once).',
        cause: e,
        meta: { txid: txids[0], url: redact(this.#url) },
      });
    }
    return e;
  }

  #txindexMissing(txids: string[]): ChaintrailError<'UNSUPPORTED'> {
    return new ChaintrailError(
      'UNSUPPORTED',
      `The node at ${redact(this.#url)} cannot look up the ${txids.length} transaction(s) these inputs spend (e.g. ${txids[0]}): it runs without -txindex.`,
      {
        details:
          'Valuing inputs needs getblock verbosity 3 (Bitcoin Core 23+) or getrawtransaction with -txindex=1. ' +
          'Upgrade the node, restart it with -txindex=1, or accept unvalued inputs (allowUnvalued / --allow-unvalued).',
        meta: { url: redact(this.#url), txids: txids.slice(0, 10), count: txids.length },
      },
    );
  }
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

function signalOf(params: ReadParameters): { signal?: AbortSignal } {
  return params.signal ? { signal: params.signal } : {};
}
