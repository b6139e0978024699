import { describe, expect, it } from 'vitest';
import { addAccountTransfer } from '../graph/addAccountTransfer.ts';
import { addUtxoTransaction } from '../graph/addUtxoTransaction.ts';
import { createTransactionGraph } from '../graph/createTransactionGraph.ts';
import { MemoryAccountSource } from '../source/MemoryAccountSource.ts';
import { MemoryUtxoSource } from '../source/MemoryUtxoSource.ts';
import { sourceFromGraph } from './graphSource.ts';
import { CHAIN, EVM, transfer, txid, utxoTx } from './testFixtures.ts';
import { trace } from './trace.ts';

describe('sourceFromGraph', () => {
  it('traces on the graphology transaction graph as on the transactions themselves', async () => {
    const txs = [
      utxoTx({ name: 'a', height: 1, index: 0, inputs: [], outputs: [['X', 3n]] }),
      utxoTx({ name: 'b', height: 2, index: 0, inputs: [], outputs: [['X', 7n]] }),
      utxoTx({ name: 'c', height: 3, index: 1, inputs: [['a', 0, 'X', 3n], ['b', 0, 'X', 7n]], outputs: [['Y', 2n], ['Z', 7n]] }),
    ];
    const graph = createTransactionGraph();
    for (const tx of txs) addUtxoTransaction(graph, tx);
    for (const policy of ['poison', 'haircut', 'fifo'] as const) {
      const onGraph = await trace({ source: sourceFromGraph({ graph, chain: CHAIN }), from: [`${txid('a')}:0`], policy, graph: false });
      const direct = await trace({ source: new MemoryUtxoSource({ chain: CHAIN, transactions: txs }), from: [`${txid('a')}:0`], policy, graph: false });
      expect(onGraph.frontier).toEqual(direct.frontier);
      expect(onGraph.totals).toEqual(direct.totals);
    }
  });

  it('reads account transfers too', async () => {
    const transfers = [transfer('s', 'x', 3n, 1), transfer('x', 'y', 2n, 2)];
    const graph = createTransactionGraph();
    for (const t of transfers) addAccountTransfer(graph, t);
    const source = sourceFromGraph({ graph, chain: EVM });
    expect(source).toBeInstanceOf(MemoryAccountSource);
    const r = await trace({ source, from: ['s'], policy: 'haircut' });
    expect(r.frontier.map((f) => [f.address, f.taint])).toEqual([['y', 2n], ['x', 1n]]);
    expect(r.totals.seeded).toBe(3n); // s held 3 before the data starts: a seed's own funds are tainted
  });
});
