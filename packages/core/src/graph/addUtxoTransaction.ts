import { nativeAsset } from '../model/caip.ts';
import type { UtxoTransaction } from '../model/transaction.ts';
import { holderNode, txNode } from './keys.ts';
import type { TransactionGraph } from './types.ts';

/**
 * Adds a UTXO transaction to the graph: a `tx` node, an `input` edge from each input's holder and an `output` edge to
 * each output's holder. Idempotent: adding the same transaction again changes nothing (keys are derived from the
 * txid and positions). Inputs whose prevout is unknown (no holder or value) get no edge; the tx node's `inputCount`
 * still counts them. Returns true when the transaction was new.
 *
 * @example
 * const graph = createTransactionGraph();
 * addUtxoTransaction(graph, tx); // true
 * addUtxoTransaction(graph, tx); // false, nothing changed
 */
export function addUtxoTransaction(graph: TransactionGraph, tx: UtxoTransaction): boolean {
  const key = txNode(tx.chain, tx.txid);
  if (graph.hasNode(key)) return false;
  const asset = nativeAsset(tx.chain);
  graph.addNode(key, {
    kind: 'tx',
    chain: tx.chain,
    txid: tx.txid,
    block: tx.block,
    index: tx.index,
    coinbase: tx.coinbase !== null,
    version: tx.version,
    locktime: tx.locktime,
    fee: tx.fee,
    inputCount: tx.inputs.length,
    outputCount: tx.outputs.length,
    ...(tx.vsize === undefined ? {} : { vsize: tx.vsize }),
  });
  tx.inputs.forEach((input, position) => {
    if (input.address === null || input.value === null) return;
    const holder = holderNode(tx.chain, input.address);
    graph.mergeNode(holder, { kind: 'holder', chain: tx.chain, holder: input.address });
    graph.addDirectedEdgeWithKey(`${key}/in:${position}`, holder, key, {
      kind: 'input',
      chain: tx.chain,
      txid: tx.txid,
      position,
      value: input.value,
      asset,
      prevTxid: input.prevTxid,
      prevVout: input.prevVout,
      scriptType: input.scriptType,
      sequence: input.sequence,
    });
  });
  for (const output of tx.outputs) {
    const holder = holderNode(tx.chain, output.address);
    graph.mergeNode(holder, { kind: 'holder', chain: tx.chain, holder: output.address });
    graph.addDirectedEdgeWithKey(`${key}/out:${output.n}`, key, holder, {
      kind: 'output',
      chain: tx.chain,
      txid: tx.txid,
      position: output.n,
      value: output.value,
      asset,
      scriptType: output.scriptType,
    });
  }
  return true;
}
