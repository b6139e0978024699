/**
 * A batch of edges streamed out of a store, in columns so a consumer (the compact index) can intern ids without an
 * object per edge. Node keys follow the transaction graph's conventions: `<chain>:<holder>` for holders and
 * `<chain>/tx:<txid>` for UTXO transactions. `value` is null where the store does not know it (an input whose
 * prevout was never ingested).
 */
export interface EdgeBatch {
  readonly from: string[];
  readonly to: string[];
  readonly value: (bigint | null)[];
}

export interface EdgesParameters {
  /** Edges per batch (default 10,000). */
  readonly batchSize?: number;
  readonly signal?: AbortSignal;
}
