import { MultiDirectedGraph } from 'graphology';
import type { EdgeAttributes, NodeAttributes, TransactionGraph } from './types.ts';

/**
 * A new, empty transaction graph: a graphology `MultiDirectedGraph` (several edges may join the same two nodes, e.g.
 * two outputs of one transaction to one address), so it can be handed to layouts, GEXF export or sigma.js as is.
 * graphology holds at most 2^24 edges (a V8 Map limit): use it for investigation-sized subgraphs; clustering at
 * scale reads transactions directly (see `cluster`).
 *
 * @example
 * const graph = createTransactionGraph();
 * addUtxoTransaction(graph, tx);
 * graph.order; // holders + transactions
 */
export function createTransactionGraph(): TransactionGraph {
  return new MultiDirectedGraph<NodeAttributes, EdgeAttributes>({ allowSelfLoops: true });
}
