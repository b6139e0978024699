import { CompactGraphBuilder, type AssetId, type CompactGraph, type ProgressListener } from '@chaintrail/core';
import type { AccountStore } from './AccountStore.ts';
import type { UtxoStore } from './UtxoStore.ts';

export interface BuildCompactIndexParameters {
  /** A chain in a store: `store.utxo(chain)` or `store.account(chain)`. */
  readonly source: UtxoStore | AccountStore;
  /** Account chains: the asset whose transfers become edges (default: every asset). */
  readonly asset?: AssetId;
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressListener;
}

/**
 * Builds core's compact typed-array index (`CompactGraph`: CSR both ways, interned address ids, 24 bytes per edge)
 * from a store, streaming its rows in batches so no object per edge outlives its batch. Give the result to
 * `screen()` / `trace()` as `index`.
 *
 * @example
 * const index = await buildCompactIndex({ source: store.account('eip155:1'), asset: nativeAsset('eip155:1') })
 * const verdict = await screen({ address, chain: 'eth' }, { labels, index })
 */
export async function buildCompactIndex(params: BuildCompactIndexParameters): Promise<CompactGraph> {
  const builder = new CompactGraphBuilder({ chain: params.source.chain });
  let done = 0;
  const scan = { ...(params.signal ? { signal: params.signal } : {}) };
  if (params.source.model === 'utxo') {
    for await (const batch of params.source.scanTransactions(scan)) {
      for (const tx of batch) builder.addTransaction(tx);
      done += batch.length;
      params.onProgress?.({ phase: 'index', done, unit: 'transaction' });
    }
  } else {
    for await (const batch of params.source.scanEdges({ ...scan, ...(params.asset ? { asset: params.asset } : {}) })) {
      for (const edge of batch) builder.addEdge(edge);
      done += batch.length;
      params.onProgress?.({ phase: 'index', done, unit: 'transfer' });
    }
  }
  return builder.build();
}
