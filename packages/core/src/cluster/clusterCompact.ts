import { ChaintrailError } from '../errors/ChaintrailError.ts';
import { throwIfAborted } from '../errors/abort.ts';
import type { ProgressListener } from '../source/progress.ts';
import { Clustering, type SuspectMerge } from './Clustering.ts';
import type { HolderNames } from './HolderIndex.ts';
import { MergeLog } from './MergeLog.ts';
import { UnionFind } from './UnionFind.ts';

/**
 * Transactions in compact form: the inputs of transaction i are holder ids
 * `inputHolders[inputOffsets[i] … inputOffsets[i + 1])`, -1 where the prevout is unknown. Built by an index that has
 * already mapped addresses to dense ids, so clustering touches no strings and no objects.
 */
export interface CompactTransactions {
  readonly inputOffsets: Int32Array;
  readonly inputHolders: Int32Array;
  /** Holder ids run 0 … holderCount - 1. */
  readonly holderCount: number;
  /** Transactions flagged non-zero are skipped: the CoinJoin guard's verdicts, taken when the compact form was built. */
  readonly skip?: Uint8Array;
}

export interface ClusterCompactParameters {
  readonly transactions: CompactTransactions;
  /** Holder names for `clusterOf`, `members` and `explain` (default `#<id>`). */
  readonly names?: HolderNames;
  /** The txid of transaction i, for explanations (default its number as text). Numbers must stay below 2^30. */
  readonly txidOf?: (tx: number) => string;
  /** As in `cluster` (default 10,000). */
  readonly superclusterBound?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressListener;
}

const CONFIDENCE = 90;
const CHECK_EVERY = 1 << 16;

/** Names `#0`, `#1`, … for holders that have no other name. */
function numberedNames(count: number): HolderNames {
  return {
    size: count,
    idOf: (holder) => {
      const id = /^#(\d+)$/.exec(holder)?.[1];
      return id === undefined || Number(id) >= count ? undefined : Number(id);
    },
    nameOf: (id) => `#${id}`,
  };
}

/**
 * Common-input clustering (Reid & Harrigan 2011; Meiklejohn et al. 2013 §4.1, as `commonInputHolders`) over the
 * compact form: the scale path. Every merge is still recorded with its transaction and confidence, so `explain` works
 * as on `cluster`'s result. The CoinJoin guard is the caller's `skip` flags.
 *
 * @example
 * const c = clusterCompact({ transactions: { inputOffsets, inputHolders, holderCount } });
 * c.summary(); // { addresses, clusters, largest, merges, suspect }
 */
export function clusterCompact({
  transactions: { inputOffsets, inputHolders, holderCount, skip },
  names = numberedNames(holderCount),
  txidOf,
  superclusterBound = 10_000,
  signal,
  onProgress,
}: ClusterCompactParameters): Clustering {
  if (names.size !== holderCount) {
    throw new ChaintrailError('INVALID_ARGUMENT', `names holds ${names.size} holders, the transactions ${holderCount}.`);
  }
  const txCount = inputOffsets.length - 1;
  const unionFind = new UnionFind(holderCount);
  unionFind.grow(holderCount);
  const log = new MergeLog(txidOf === undefined ? {} : { txidOf });
  const suspects: SuspectMerge[] = [];
  let merges = 0;
  throwIfAborted(signal);
  for (let tx = 0; tx < txCount; tx++) {
    if ((tx & (CHECK_EVERY - 1)) === 0 && tx > 0) {
      throwIfAborted(signal);
      onProgress?.({ phase: 'cluster', done: tx, total: txCount, unit: 'transactions' });
    }
    if (skip !== undefined && skip[tx] !== 0) continue;
    const end = inputOffsets[tx + 1]!;
    let first = -1;
    let root = -1;
    for (let k = inputOffsets[tx]!; k < end; k++) {
      const holder = inputHolders[k]!;
      if (holder < 0) continue;
      if (first === -1) {
        first = holder;
        root = unionFind.find(holder);
        continue;
      }
      const other = unionFind.find(holder);
      if (other === root) continue;
      const sa = unionFind.rootSize(root);
      const sb = unionFind.rootSize(other);
      if (sa > superclusterBound && sb > superclusterBound) {
        suspects.push({
          a: names.nameOf(first),
          b: names.nameOf(holder),
          txid: txidOf ? txidOf(tx) : String(tx),
          heuristic: 'common-input',
          confidence: CONFIDENCE,
          sizes: [sa, sb],
        });
        continue;
      }
      root = unionFind.unionRoots(root, other);
      log.push(first, holder, tx, 'common-input', CONFIDENCE);
      merges++;
    }
  }
  onProgress?.({ phase: 'cluster', done: txCount, total: txCount, unit: 'transactions' });
  return new Clustering({
    index: names,
    unionFind,
    log,
    suspects,
    stats: {
      transactions: txCount,
      inputs: inputOffsets[txCount] ?? 0,
      coinjoins: {},
      changeOutputs: 0,
      deposits: [],
      mergesBy: merges > 0 ? { 'common-input': merges } : {},
    },
  });
}
