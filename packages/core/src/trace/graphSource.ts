import { accountTransfersOf, utxoTransactionsOf } from '../graph/transactionsOf.ts';
import type { TransactionGraph } from '../graph/types.ts';
import { type ChainId, isBitcoinChain } from '../model/chain.ts';
import { MemoryAccountSource } from '../source/MemoryAccountSource.ts';
import { MemoryUtxoSource } from '../source/MemoryUtxoSource.ts';

/**
 * A data source over the public graphology transaction graph (`createTransactionGraph`), for one chain, so
 * `trace()` and `screen()` run on a graph an investigator has built or loaded. The graph is read once; at millions of
 * edges use the compact index (`CompactGraphBuilder`) instead.
 *
 * @example
 * const result = await trace({ source: sourceFromGraph({ graph, chain }), from: ['<txid>:0'], policy: 'fifo' })
 */
export function sourceFromGraph(params: { readonly graph: TransactionGraph; readonly chain: ChainId }): MemoryUtxoSource | MemoryAccountSource {
  const { graph, chain } = params;
  if (isBitcoinChain(chain)) {
    return new MemoryUtxoSource({ chain, transactions: utxoTransactionsOf(graph).filter((tx) => tx.chain === chain) });
  }
  return new MemoryAccountSource({ chain, transfers: accountTransfersOf(graph).filter((t) => t.chain === chain) });
}
