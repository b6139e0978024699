import type { ProgressListener } from '../source/progress.ts';
import type { TraceBook } from './book.ts';
import type { Fetcher } from './fetcher.ts';
import type { TaintPolicy } from './policies/types.ts';
import type { ClusterLookup, TraceBound, TraceSeed } from './types.ts';

/** What trace() hands either engine (UTXO or account), after checking the caller's options. */
export interface EngineParameters {
  readonly seeds: readonly TraceSeed[];
  readonly direction: 'forward' | 'backward';
  readonly policy: TaintPolicy;
  readonly until: TraceBound | undefined;
  readonly maxNodes: number;
  readonly taintFees: boolean;
  readonly clustering: ClusterLookup | undefined;
  readonly fetcher: Fetcher;
  readonly book: TraceBook;
  readonly signal: AbortSignal | undefined;
  readonly onProgress: ProgressListener | undefined;
}
