import { accountTransfersOf, utxoTransactionsOf } from '../graph/transactionsOf.ts';
import type { TransactionGraph } from '../graph/types.ts';
import type { AssetId } from '../model/caip.ts';
import { type ChainId, isBitcoinChain } from '../model/chain.ts';
import { type CompactGraph, CompactGraphBuilder } from './CompactGraph.ts';

export interface CompactIndexFromGraphParameters {
  /** A transaction graph (`createTransactionGraph`), which may hold several chains. */
  readonly graph: TransactionGraph;
  /** The chain to index: an index holds one chain. */
  readonly chain: ChainId;
  /** Account chains: the asset whose transfers become edges (default: every asset). */
  readonly asset?: AssetId;
}

/**
 * The compact index of one chain of a graphology transaction graph: the same edges `CompactGraphBuilder` makes of the
 * graph's transactions (UTXO: each output split over the inputs' holders; accounts: each successful transfer). For
 * when an investigation's graph has grown past what graphology walks quickly, or to screen against it.
 *
 * @example
 * const index = compactIndexFromGraph({ graph, chain: 'eip155:1', asset: nativeAsset('eip155:1') })
 * const verdict = await screen({ address, chain: 'eth' }, { labels, index })
 */
export function compactIndexFromGraph(params: CompactIndexFromGraphParameters): CompactGraph {
  const { graph, chain } = params;
  const builder = new CompactGraphBuilder({ chain });
  if (isBitcoinChain(chain)) {
    for (const tx of utxoTransactionsOf(graph)) if (tx.chain === chain) builder.addTransaction(tx);
  } else {
    for (const t of accountTransfersOf(graph)) if (t.chain === chain) builder.addTransfer(t, params.asset);
  }
  return builder.build();
}
