import type { AccountTransfer, UtxoInput, UtxoOutput, UtxoTransaction } from '../model/transaction.ts';
import type { TransactionGraph } from './types.ts';

/**
 * The UTXO transactions held in the graph, rebuilt from the tx nodes and their edges, in chain order (block height,
 * then position). Inputs that had no edge (unknown prevout) come back with a null holder and value; the coinbase
 * scriptSig is not kept in the graph, so a coinbase comes back with an empty one.
 *
 * @example
 * for (const tx of utxoTransactionsOf(graph)) console.log(tx.txid, tx.inputs.length);
 */
export function utxoTransactionsOf(graph: TransactionGraph): UtxoTransaction[] {
  const result: UtxoTransaction[] = [];
  graph.forEachNode((key, node) => {
    if (node.kind !== 'tx') return;
    const inputs: (UtxoInput | undefined)[] = new Array<UtxoInput | undefined>(node.inputCount);
    const outputs: UtxoOutput[] = [];
    graph.forEachInEdge(key, (_edge, e, _source, _target, sourceAttributes) => {
      if (e.kind !== 'input' || sourceAttributes.kind !== 'holder') return;
      inputs[e.position] = {
        prevTxid: e.prevTxid,
        prevVout: e.prevVout,
        address: sourceAttributes.holder,
        value: e.value,
        scriptType: e.scriptType,
        sequence: e.sequence,
      };
    });
    graph.forEachOutEdge(key, (_edge, e, _source, _target, _s, targetAttributes) => {
      if (e.kind !== 'output' || targetAttributes.kind !== 'holder') return;
      outputs.push({ n: e.position, address: targetAttributes.holder, value: e.value, scriptType: e.scriptType });
    });
    outputs.sort((a, b) => a.n - b.n);
    result.push({
      chain: node.chain,
      txid: node.txid,
      block: node.block,
      index: node.index,
      coinbase: node.coinbase ? { scriptSig: '', text: '', height: node.block?.height ?? null } : null,
      inputs: Array.from(inputs, (input) => input ?? { prevTxid: '', prevVout: -1, address: null, value: null, scriptType: null, sequence: 0xffffffff }),
      outputs,
      fee: node.fee,
      version: node.version,
      locktime: node.locktime,
      ...(node.vsize === undefined ? {} : { vsize: node.vsize }),
    });
  });
  return result.sort(
    (a, b) => (a.block?.height ?? Number.MAX_SAFE_INTEGER) - (b.block?.height ?? Number.MAX_SAFE_INTEGER) || a.index - b.index,
  );
}

/**
 * The account transfers held in the graph (its `transfer` edges), in chain order (block, tx index).
 *
 * @example
 * const transfers = accountTransfersOf(graph);
 */
export function accountTransfersOf(graph: TransactionGraph): AccountTransfer[] {
  const result: AccountTransfer[] = [];
  graph.forEachEdge((_key, e, _source, _target, s, t) => {
    if (e.kind !== 'transfer' || s.kind !== 'holder' || t.kind !== 'holder') return;
    result.push({
      chain: e.chain,
      txHash: e.txid,
      block: e.block,
      txIndex: e.position,
      kind: e.transferKind,
      ...(e.traceAddress === undefined ? {} : { traceAddress: e.traceAddress }),
      ...(e.logIndex === undefined ? {} : { logIndex: e.logIndex }),
      from: s.holder,
      to: t.holder,
      asset: e.asset,
      value: e.value,
      ...(e.tokenId === undefined ? {} : { tokenId: e.tokenId }),
      status: 'success',
    });
  });
  return result.sort((a, b) => a.block.number - b.block.number || a.txIndex - b.txIndex);
}
