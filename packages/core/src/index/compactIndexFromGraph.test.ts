import { describe, expect, it } from 'vitest';
import { addAccountTransfer } from '../graph/addAccountTransfer.ts';
import { addUtxoTransaction } from '../graph/addUtxoTransaction.ts';
import { createTransactionGraph } from '../graph/createTransactionGraph.ts';
import { CHAIN, EVM, transfer, utxoTx } from '../trace/testFixtures.ts';
import { type CompactGraph, CompactGraphBuilder } from './CompactGraph.ts';
import { compactIndexFromGraph } from './compactIndexFromGraph.ts';

/** Every edge as `from>to:value@time`, sorted: two indexes hold the same edges when these lists are equal. */
function edges(g: CompactGraph): string[] {
  const out: string[] = [];
  for (let v = 0; v < g.nodeCount; v++) {
    for (let e = g.outOffsets[v]!; e < g.outOffsets[v + 1]!; e++) out.push(`${g.address(v)}>${g.address(g.outTarget[e]!)}:${g.edgeValue(e)}@${g.time[e]}`);
  }
  return out.sort();
}

describe('compactIndexFromGraph', () => {
  it('indexes the UTXO chain of a graph as the builder indexes its transactions', () => {
    const txs = [
      utxoTx({ name: 'a', height: 1, index: 1, inputs: [['p', 0, 'X', 30n], ['q', 1, 'W', 70n]], outputs: [['Y', 55n], ['Z', 44n]] }),
      utxoTx({ name: 'b', height: 2, index: 1, inputs: [['a', 0, 'Y', 55n]], outputs: [['V', 50n], ['Y', 4n]] }),
    ];
    const graph = createTransactionGraph();
    for (const tx of txs) addUtxoTransaction(graph, tx);
    addAccountTransfer(graph, transfer('0xaa', '0xbb', 5n, 1)); // another chain: left out
    const direct = new CompactGraphBuilder({ chain: CHAIN });
    for (const tx of txs) direct.addTransaction(tx);
    const fromGraph = compactIndexFromGraph({ graph, chain: CHAIN });
    expect(edges(fromGraph)).toEqual(edges(direct.build()));
    expect(edges(fromGraph)).toContain('X>Y:16@1'); // 55 split 30:70 over X and W, cumulative rounding
  });

  it('indexes one asset of an account chain, leaving failed transfers out', () => {
    const graph = createTransactionGraph();
    addAccountTransfer(graph, transfer('0xaa', '0xbb', 5n, 1));
    addAccountTransfer(graph, transfer('0xbb', '0xcc', 3n, 2, 1));
    addAccountTransfer(graph, { ...transfer('0xcc', '0xaa', 9n, 3), status: 'failed' });
    const g = compactIndexFromGraph({ graph, chain: EVM, asset: `${EVM}/slip44:60` });
    expect(edges(g)).toEqual(['0xaa>0xbb:5@1', '0xbb>0xcc:3@2']);
  });
});
