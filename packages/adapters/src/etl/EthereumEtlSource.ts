import {
  ChaintrailError,
  evmChain,
  throwIfAborted,
  type AccountBlock,
  type AccountDataSource,
  type AccountTransfer,
  type BlockRangeParameters,
  type ChainId,
  type ReadParameters,
} from '@chaintrail/core';
import { readEthereumEtl, type EthereumEtlMissing, type EthereumEtlParameters } from './ethereumEtl.ts';
import { lastEtlRow } from './readRows.ts';
import { etlNumber } from './values.ts';

export type EthereumEtlSourceParameters = Omit<EthereumEtlParameters, 'from' | 'to' | 'signal' | 'onProgress'>;

/**
 * Blockchain-ETL exports of an EVM chain as an `AccountDataSource` with `getBlocks`, so `ingest()` (in
 * `@chaintrail/store`) writes them block by block with its checkpoint, resumes after a crash and checks stored
 * blocks by hash. `getTipHeight` reads the last row of the transactions and blocks files (they are in block order).
 * `getTransfers` by hash is `UNSUPPORTED`: an export has no index; ingest it into a store and ask the store.
 *
 * @example
 * const source = new EthereumEtlSource({ transactions: 'transactions.jsonl', traces: 'traces.csv', blocks: 'blocks.jsonl' })
 * await ingest({ store, source, from: 0 })
 */
export class EthereumEtlSource implements AccountDataSource {
  readonly model = 'account' as const;
  readonly chain: ChainId;
  /** What the files could not give, summed over the blocks read so far. */
  readonly missing = { traces: 0, receipts: 0, status: 0, fees: 0, skippedTraces: 0 };
  readonly #params: EthereumEtlSourceParameters;

  constructor(params: EthereumEtlSourceParameters) {
    this.#params = params;
    this.chain = params.chain ?? evmChain(1);
  }

  getBlocks(params: BlockRangeParameters): AsyncIterable<AccountBlock> {
    return readEthereumEtl({
      ...this.#params,
      chain: this.chain,
      from: params.from,
      to: params.to,
      ...(params.signal ? { signal: params.signal } : {}),
      ...(params.onProgress ? { onProgress: params.onProgress } : {}),
      onMissing: (m: EthereumEtlMissing) => {
        for (const k of ['traces', 'receipts', 'status', 'fees', 'skippedTraces'] as const) this.missing[k] += m[k];
        this.#params.onMissing?.(m);
      },
    });
  }

  async getTipHeight(params: ReadParameters = {}): Promise<number> {
    throwIfAborted(params.signal);
    const last = (f: string | readonly string[] | undefined): string | undefined => (f === undefined ? undefined : typeof f === 'string' ? f : f.at(-1));
    let tip = -1;
    for (const [path, column] of [
      [last(this.#params.transactions), 'block_number'],
      [last(this.#params.blocks), 'number'],
    ] as const) {
      if (path === undefined) continue;
      const row = await lastEtlRow({ path });
      if (row) tip = Math.max(tip, etlNumber(row[column], column));
    }
    return tip;
  }

  getTransfers(params: { readonly txHash: string } & ReadParameters): Promise<readonly AccountTransfer[]> {
    return Promise.reject(
      new ChaintrailError('UNSUPPORTED', 'An ETL export has no index by transaction: ingest it into a store and read the store.', {
        meta: { txHash: params.txHash },
      }),
    );
  }
}
