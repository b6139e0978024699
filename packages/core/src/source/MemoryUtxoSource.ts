import { ChaintrailError } from '../errors/ChaintrailError.ts';
import { throwIfAborted } from '../errors/abort.ts';
import type { ChainId } from '../model/chain.ts';
import { type HolderId, outPoint, type UtxoInput, type UtxoTransaction } from '../model/transaction.ts';
import type {
  BlockRangeParameters,
  Outspend,
  Page,
  PageParameters,
  ReadParameters,
  UtxoBlock,
  UtxoDataSource,
} from './DataSource.ts';

export interface MemoryUtxoSourceParameters {
  readonly chain: ChainId;
  readonly transactions?: Iterable<UtxoTransaction>;
}

/**
 * A UTXO data source over transactions held in memory: parsed blocks, a test's crafted transactions.
 * Adding a transaction twice changes nothing; inputs whose prevout it holds get their value and holder filled in.
 * For investigation-sized data; at millions of transactions use a store.
 *
 * @example
 * const source = new MemoryUtxoSource({ chain: BITCOIN_CHAINS.mainnet, transactions: block.transactions })
 * const spends = await source.getOutspends({ txid })
 */
export class MemoryUtxoSource implements UtxoDataSource {
  readonly model = 'utxo' as const;
  readonly chain: ChainId;
  readonly #txs = new Map<string, UtxoTransaction>();
  readonly #spentBy = new Map<string, { txid: string; vin: number }>();
  readonly #byHolder = new Map<HolderId, string[]>();

  constructor(params: MemoryUtxoSourceParameters) {
    this.chain = params.chain;
    for (const tx of params.transactions ?? []) this.add(tx);
  }

  /** Number of transactions held. */
  get size(): number {
    return this.#txs.size;
  }

  /** Adds a transaction (idempotent). Returns the stored form, inputs valued where the prevout is known. */
  add(tx: UtxoTransaction): UtxoTransaction {
    const known = this.#txs.get(tx.txid);
    if (known) return known;
    const stored = this.#valueInputs(tx);
    this.#txs.set(tx.txid, stored);
    const holders = new Set<HolderId>();
    stored.inputs.forEach((input, vin) => {
      this.#spentBy.set(outPoint(input.prevTxid, input.prevVout), { txid: tx.txid, vin });
      if (input.address !== null) holders.add(input.address);
    });
    for (const output of stored.outputs) holders.add(output.address);
    for (const holder of holders) {
      const list = this.#byHolder.get(holder);
      if (list) list.push(tx.txid);
      else this.#byHolder.set(holder, [tx.txid]);
    }
    return stored;
  }

  /** Every transaction held, in the order added. */
  transactions(): IterableIterator<UtxoTransaction> {
    return this.#txs.values();
  }

  #valueInputs(tx: UtxoTransaction): UtxoTransaction {
    let changed = false;
    const inputs = tx.inputs.map((input): UtxoInput => {
      if (input.value !== null && input.address !== null) return input;
      const prev = this.#txs.get(input.prevTxid)?.outputs[input.prevVout];
      if (!prev) return input;
      changed = true;
      return { ...input, value: prev.value, address: prev.address, scriptType: prev.scriptType };
    });
    if (!changed) return tx;
    const known = inputs.every((i) => i.value !== null);
    const fee = known
      ? inputs.reduce((sum, i) => sum + (i.value ?? 0n), 0n) - tx.outputs.reduce((sum, o) => sum + o.value, 0n)
      : null;
    return { ...tx, inputs, fee: tx.coinbase ? 0n : fee };
  }

  async getTransaction(params: { readonly txid: string } & ReadParameters): Promise<UtxoTransaction> {
    throwIfAborted(params.signal);
    const tx = this.#txs.get(params.txid);
    if (!tx) {
      throw new ChaintrailError('NOT_FOUND', `Transaction ${params.txid} is not in this in-memory source.`, {
        meta: { txid: params.txid, chain: this.chain },
      });
    }
    return tx;
  }

  async getOutspends(params: { readonly txid: string } & ReadParameters): Promise<readonly Outspend[]> {
    const tx = await this.getTransaction(params);
    return tx.outputs.map((output): Outspend => {
      const spend = this.#spentBy.get(outPoint(tx.txid, output.n));
      if (!spend) return { spent: false };
      return { spent: true, txid: spend.txid, vin: spend.vin, block: this.#txs.get(spend.txid)?.block ?? null };
    });
  }

  async getAddressHistory(params: { readonly address: HolderId } & PageParameters): Promise<Page<UtxoTransaction>> {
    throwIfAborted(params.signal);
    const txids = this.#byHolder.get(params.address) ?? [];
    const newestFirst = [...txids].reverse();
    const start = params.cursor ? Number(params.cursor) : 0;
    const limit = params.limit ?? 50;
    const items = newestFirst.slice(start, start + limit).map((txid) => this.#txs.get(txid)!);
    const next = start + limit < newestFirst.length ? String(start + limit) : null;
    return { items, next };
  }

  async *getBlocks(params: BlockRangeParameters): AsyncIterable<UtxoBlock> {
    const byHeight = new Map<number, UtxoTransaction[]>();
    for (const tx of this.#txs.values()) {
      if (tx.block && tx.block.height >= params.from && tx.block.height <= params.to) {
        const list = byHeight.get(tx.block.height);
        if (list) list.push(tx);
        else byHeight.set(tx.block.height, [tx]);
      }
    }
    const heights = [...byHeight.keys()].sort((a, b) => a - b);
    let done = 0;
    for (const height of heights) {
      throwIfAborted(params.signal);
      const transactions = byHeight.get(height)!.sort((a, b) => a.index - b.index);
      const ref = transactions[0]!.block!;
      yield { chain: this.chain, height, hash: ref.hash, time: ref.time, transactions };
      params.onProgress?.({ phase: 'blocks', done: ++done, total: heights.length, unit: 'block' });
    }
  }

  async getTipHeight(params: ReadParameters = {}): Promise<number> {
    throwIfAborted(params.signal);
    let tip = -1;
    for (const tx of this.#txs.values()) if (tx.block && tx.block.height > tip) tip = tx.block.height;
    return tip;
  }
}
