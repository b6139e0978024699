export interface ScanParameters {
  /** Rows per batch (default 5,000 transactions or 10,000 transfers). */
  readonly batchSize?: number;
  readonly signal?: AbortSignal;
}
