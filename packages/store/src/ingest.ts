import {
  ChaintrailError,
  throwIfAborted,
  type AccountBlock,
  type AccountDataSource,
  type ProgressListener,
  type UtxoBlock,
  type UtxoDataSource,
} from '@chaintrail/core';
import type { AccountStore } from './AccountStore.ts';
import type { Store } from './Store.ts';
import type { UtxoStore } from './UtxoStore.ts';

export interface IngestParameters {
  readonly store: Store;
  /** Where blocks come from: raw block files, a node, another store. It must implement `getBlocks`. */
  readonly source: UtxoDataSource | AccountDataSource;
  /** First height to ingest when the checkpoint is behind it or absent. */
  readonly from: number;
  /** Last height, inclusive (default: the source's tip). */
  readonly to?: number;
  /**
   * How many blocks below the checkpoint are re-checked on the next run (default 6). A stored block whose hash the
   * source no longer has at that height was replaced by a reorg: it and everything above it are rolled back.
   */
  readonly confirmations?: number;
  /** Name of the checkpoint (default `<chain>`); two ingestions of one chain into one store share it. */
  readonly checkpoint?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressListener;
  /** Told after each block is committed with the checkpoint. */
  readonly onBlock?: (block: { readonly height: number; readonly hash: string; readonly items: number }) => void;
}

export interface IngestResult {
  /** Heights asked of the source (the re-checked window included). */
  readonly from: number;
  readonly to: number;
  /** Blocks written (new, or replacing reorged ones). */
  readonly blocks: number;
  /** Transactions (UTXO) or transfers (account) newly written. */
  readonly items: number;
  /** The lowest replaced height, when a reorg was found. */
  readonly reorgFrom: number | null;
  readonly checkpoint: { readonly height: number; readonly hash: string } | null;
}

/**
 * Ingests a block range from a source into a store, resumable and reorg-safe:
 * - every block is written with the checkpoint in one database transaction, so a crash or Ctrl-C loses at most the
 *   block being written, and the next run resumes after the last whole block; adds are idempotent besides;
 * - the `confirmations` blocks under the checkpoint are fetched again and compared by hash; from the first that
 *   differs, the stored blocks are rolled back in one transaction and the source's blocks written instead.
 *
 * @example
 * const store = await openStore({ url: 'btc.db' })
 * await ingest({ store, source: blockFiles, from: 0, to: 1000, signal, onProgress })
 */
export async function ingest(params: IngestParameters): Promise<IngestResult> {
  const { store, source } = params;
  if (!source.getBlocks) {
    throw new ChaintrailError('UNSUPPORTED', 'This data source cannot list blocks, which ingestion needs.', { meta: { chain: source.chain } });
  }
  const name = params.checkpoint ?? source.chain;
  const depth = params.confirmations ?? 6;
  const target: UtxoStore | AccountStore = source.model === 'utxo' ? store.utxo(source.chain) : store.account(source.chain);
  const saved = await store.getCheckpoint(name);
  if (saved && saved.chain !== source.chain) {
    throw new ChaintrailError('STORE_ERROR', `Checkpoint "${name}" belongs to ${saved.chain}, not ${source.chain}.`, { meta: { name } });
  }
  let to = params.to;
  if (to === undefined) {
    if (!source.getTipHeight) throw new ChaintrailError('INVALID_ARGUMENT', 'Give `to`: this source cannot tell its tip height.');
    to = await source.getTipHeight({ ...(params.signal ? { signal: params.signal } : {}) });
  }
  const resumeAt = saved && saved.height >= params.from - 1 ? saved.height + 1 : params.from;
  const from = Math.max(params.from, resumeAt - depth);
  let stored = saved ? saved.height : -1;
  let blocks = 0;
  let items = 0;
  let reorgFrom: number | null = null;
  let checkpoint = saved ? { height: saved.height, hash: saved.hash } : null;

  const blockIter = source.getBlocks({ from, to, ...(params.signal ? { signal: params.signal } : {}) }) as AsyncIterable<UtxoBlock | AccountBlock>;
  for await (const block of blockIter) {
    // SQLite writes are synchronous and in-memory sources resolve at once: without a turn of the event loop between
    // blocks, Ctrl-C (a signal handler, a macrotask) would only be seen after the whole range.
    await new Promise<void>((resolve) => setImmediate(resolve));
    throwIfAborted(params.signal);
    const height = 'height' in block ? block.height : block.number;
    if (height <= stored && reorgFrom === null) {
      const have = await target.blockHash(height);
      if (have === block.hash) continue;
      if (have !== null) {
        // The source's chain no longer has our block here: undo it and everything above, then take theirs.
        await target.rollback({ above: height - 1, checkpoint: name });
        reorgFrom = height;
        stored = height - 1;
      }
    }
    let written: number;
    if ('height' in block) written = await (target as UtxoStore).addBlock(block, { checkpoint: name });
    else {
      await (target as AccountStore).addBlock(block, { checkpoint: name });
      written = block.transfers.length;
    }
    items += written;
    params.onBlock?.({ height, hash: block.hash, items: written });
    blocks++;
    checkpoint = { height, hash: block.hash };
    params.onProgress?.({ phase: 'ingest', done: height - from + 1, total: to - from + 1, unit: 'block' });
  }
  return { from, to, blocks, items, reorgFrom, checkpoint };
}
