import { describe, expect, it } from 'vitest';
import { craftTx } from '../cluster/craft.ts';
import { nativeAsset } from '../model/caip.ts';
import { addUtxoTransaction } from './addUtxoTransaction.ts';
import { createTransactionGraph } from './createTransactionGraph.ts';
import { holderNode, txNode } from './keys.ts';
import { utxoTransactionsOf } from './transactionsOf.ts';

const manyToMany = craftTx({
  txid: 'many',
  inputs: [
    ['bc1qa', 5n],
    ['bc1qb', 7n],
    { address: null, value: null },
  ],
  outputs: [
    ['bc1qc', 3n],
    ['bc1qd', 4n],
    ['bc1qc', 4n],
  ],
});

describe('addUtxoTransaction', () => {
  it('puts the transaction between its holders: inputs + outputs edges, not inputs × outputs', () => {
    const graph = createTransactionGraph();
    expect(addUtxoTransaction(graph, manyToMany)).toBe(true);
    const tx = txNode(manyToMany.chain, manyToMany.txid);
    expect(graph.getNodeAttributes(tx)).toMatchObject({ kind: 'tx', inputCount: 3, outputCount: 3, fee: null });
    expect(graph.size).toBe(2 + 3); // the unknown input has no holder, so no edge
    expect(graph.order).toBe(1 + 4);
    expect(graph.inDegree(tx)).toBe(2);
    // two outputs to one address are two edges (a multigraph)
    const c = holderNode(manyToMany.chain, 'bc1qc');
    expect(graph.inEdges(c).map((e) => graph.getEdgeAttribute(e, 'position')).sort()).toEqual([0, 2]);
    expect(graph.getNodeAttributes(c)).toEqual({ kind: 'holder', chain: manyToMany.chain, holder: 'bc1qc' });
    const edge = graph.edges(holderNode(manyToMany.chain, 'bc1qb'), tx)[0]!;
    expect(graph.getEdgeAttributes(edge)).toMatchObject({ kind: 'input', value: 7n, asset: nativeAsset(manyToMany.chain), position: 1 });
  });

  it('is idempotent and rebuilds the same transaction', () => {
    const graph = createTransactionGraph();
    addUtxoTransaction(graph, manyToMany);
    const before = JSON.stringify(graph.export(), (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
    expect(addUtxoTransaction(graph, manyToMany)).toBe(false);
    expect(JSON.stringify(graph.export(), (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))).toBe(before);
    const [back] = utxoTransactionsOf(graph);
    expect(back!.outputs).toEqual(manyToMany.outputs);
    expect(back!.inputs.slice(0, 2)).toEqual(manyToMany.inputs.slice(0, 2));
    expect(back!.inputs[2]!.address).toBeNull();
  });
});
