import { ChaintrailError } from '../errors/ChaintrailError.ts';
import { throwIfAborted } from '../errors/abort.ts';
import { accountTransfersOf, utxoTransactionsOf } from '../graph/transactionsOf.ts';
import type { TransactionGraph } from '../graph/types.ts';
import type { AccountTransfer, HolderId, UtxoTransaction } from '../model/transaction.ts';
import type { ProgressListener } from '../source/progress.ts';
import { Clustering, type SuspectMerge } from './Clustering.ts';
import { HolderIndex } from './HolderIndex.ts';
import { MergeLog } from './MergeLog.ts';
import { UnionFind } from './UnionFind.ts';
import { type ChangeOptions, detectChange } from './heuristics/change/detectChange.ts';
import type { ChangeContext } from './heuristics/change/types.ts';
import { changeContext } from './changeContext.ts';
import { detectCoinJoin } from './heuristics/coinjoin/detectCoinJoin.ts';
import type { CoinJoinKind } from './heuristics/coinjoin/types.ts';
import { type DepositAddress, type DepositAddressOptions, depositAddressLinks } from './heuristics/depositAddress.ts';
import type { HeuristicName } from './heuristics/types.ts';

export interface ClusterOptions {
  /** Which heuristics link holders (default `['common-input']`). */
  readonly heuristics?: readonly HeuristicName[];
  /**
   * The CoinJoin guard: which detectors flag transactions that common-input and change must skip (default all;
   * `false` turns the guard off, which is only right for data known to hold no CoinJoins).
   */
  readonly coinjoin?: readonly CoinJoinKind[] | false;
  /** Change detection: which signals, how they combine (default conservative: two agree, none contradicts). */
  readonly change?: ChangeOptions;
  /** The EVM deposit-address heuristic's exchange wallets, window and tolerances (needed for 'deposit-address'). */
  readonly deposit?: DepositAddressOptions;
  /**
   * A merge of two clusters that both hold more than this many holders is not made: it is recorded in `suspects`
   * with its evidence (default 10,000; `Infinity` turns the guard off). With the guard on, which of two suspect
   * merges is refused can depend on input order.
   */
  readonly superclusterBound?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressListener;
}

/** What `cluster` reads: a transaction graph, or transactions and transfers as they come (a parser's output). */
export type ClusterSource = TransactionGraph | Iterable<UtxoTransaction | AccountTransfer>;

const COMMON_INPUT_CONFIDENCE = 90;
const PROGRESS_EVERY = 4096;
function isGraph(source: ClusterSource): source is TransactionGraph {
  return typeof (source as TransactionGraph).forEachNode === 'function';
}

/**
 * Clusters holders into entities with union-find, recording the evidence of every merge. Reads a transaction graph
 * or any iterable of `UtxoTransaction` (and `AccountTransfer`, for the deposit-address heuristic), so millions of
 * transactions can be clustered straight from a parser without building a graph. With only common-input ownership
 * the source is read once, as a stream; change and deposit-address detection need the whole data set (they ask
 * where an address first appears and who spends an output), so the source is collected first.
 *
 * The partition does not depend on the order transactions arrive in (cluster ids do: they follow first
 * appearance), except where the supercluster guard refuses a merge.
 *
 * @example
 * const clustering = cluster(transactions, { heuristics: ['common-input', 'change'] });
 * clustering.clusterOf(address);
 * clustering.explain(a, b); // the merges, transaction by transaction
 */
export function cluster(source: ClusterSource, options: ClusterOptions = {}): Clustering {
  const heuristics = new Set(options.heuristics ?? ['common-input']);
  const commonInput = heuristics.has('common-input');
  const change = heuristics.has('change');
  const deposit = heuristics.has('deposit-address');
  if (deposit && options.deposit === undefined) {
    throw new ChaintrailError('INVALID_ARGUMENT', "The 'deposit-address' heuristic needs `deposit.exchanges`, the known exchange hot wallets.");
  }
  const guard = options.coinjoin === false ? null : (options.coinjoin ?? undefined);
  const bound = options.superclusterBound ?? 10_000;
  const { signal, onProgress } = options;

  const index = new HolderIndex();
  const unionFind = new UnionFind();
  const log = new MergeLog();
  const suspects: SuspectMerge[] = [];
  const coinjoins: Partial<Record<CoinJoinKind, number>> = {};
  const mergesBy: Partial<Record<HeuristicName, number>> = {};
  let transactions = 0;
  let inputs = 0;
  let changeOutputs = 0;

  const intern = (holder: HolderId): number => {
    const id = index.intern(holder);
    if (id === unionFind.count) unionFind.add();
    return id;
  };
  const link = (a: number, b: number, txid: string, heuristic: HeuristicName, confidence: number, detail?: string): void => {
    const ra = unionFind.find(a);
    const rb = unionFind.find(b);
    if (ra === rb) return;
    const sa = unionFind.rootSize(ra);
    const sb = unionFind.rootSize(rb);
    if (sa > bound && sb > bound) {
      suspects.push({
        a: index.nameOf(a),
        b: index.nameOf(b),
        txid,
        heuristic,
        confidence,
        ...(detail === undefined ? {} : { detail }),
        sizes: [sa, sb],
      });
      return;
    }
    unionFind.unionRoots(ra, rb);
    log.push(a, b, txid, heuristic, confidence, detail);
    mergesBy[heuristic] = (mergesBy[heuristic] ?? 0) + 1;
  };

  let context: ChangeContext | undefined;
  const transfers: AccountTransfer[] = [];
  const ingest = (tx: UtxoTransaction): void => {
    transactions++;
    inputs += tx.inputs.length;
    const verdict = guard === null || tx.coinbase !== null ? null : detectCoinJoin(guard === undefined ? { tx } : { tx, kinds: guard });
    if (verdict) coinjoins[verdict.kind] = (coinjoins[verdict.kind] ?? 0) + 1;
    let first = -1;
    for (const input of tx.inputs) {
      if (input.address === null) continue;
      const id = intern(input.address);
      if (first === -1) first = id;
      else if (commonInput && !verdict?.coinjoin) link(first, id, tx.txid, 'common-input', COMMON_INPUT_CONFIDENCE);
    }
    for (const output of tx.outputs) intern(output.address);
    if (change && context && verdict === null && first !== -1) {
      const { decision } = detectChange({ tx, context, ...options.change });
      if (decision) {
        changeOutputs++;
        const output = tx.outputs[decision.change]!;
        link(first, index.idOf(output.address)!, tx.txid, 'change', decision.confidence, `output ${output.n}: ${decision.signals.join(', ')}`);
      }
    }
    if (transactions % PROGRESS_EVERY === 0) {
      throwIfAborted(signal);
      onProgress?.({ phase: 'cluster', done: transactions, unit: 'transactions' });
    }
  };

  throwIfAborted(signal);
  if (isGraph(source)) {
    const utxo = utxoTransactionsOf(source);
    if (change) context = changeContext(utxo);
    for (const tx of utxo) ingest(tx);
    if (deposit) transfers.push(...accountTransfersOf(source));
  } else if (change) {
    const utxo: UtxoTransaction[] = [];
    for (const item of source) {
      if ('inputs' in item) utxo.push(item);
      else transfers.push(item);
    }
    context = changeContext(utxo);
    for (const tx of utxo) ingest(tx);
  } else {
    for (const item of source) {
      if ('inputs' in item) ingest(item);
      else if (deposit) transfers.push(item);
    }
  }

  const deposits: DepositAddress[] = [];
  if (deposit && options.deposit) {
    for (const t of transfers) {
      if (t.from !== null) intern(t.from);
      if (t.to !== null) intern(t.to);
    }
    const found = depositAddressLinks({ transfers, ...options.deposit });
    for (const l of found.links) link(index.idOf(l.a)!, index.idOf(l.b)!, l.txid, l.heuristic, l.confidence, l.detail);
    deposits.push(...found.deposits);
  }
  onProgress?.({ phase: 'cluster', done: transactions, total: transactions, unit: 'transactions' });
  return new Clustering({
    index,
    unionFind,
    log,
    suspects,
    stats: { transactions, inputs, coinjoins, changeOutputs, deposits, mergesBy },
  });
}
