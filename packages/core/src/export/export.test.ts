import { MultiDirectedGraph } from 'graphology';
import gexf from 'graphology-gexf';
import { describe, expect, it } from 'vitest';
import type { AccountTransfer } from '../model/transaction.ts';
import { edgesToCsv } from './edgesToCsv.ts';
import { flattenAttributes } from './flattenAttributes.ts';
import { toGexf } from './toGexf.ts';
import { toGraphologyJson } from './toGraphologyJson.ts';
import { transfersToJsonl } from './transfersToJsonl.ts';

const CHAIN = 'eip155:1';
const A = '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed';
const B = '0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359';
// 2^64 + 1 wei: more than a float holds exactly.
const BIG = 18446744073709551617n;

function transfer(value: bigint, logIndex?: number): AccountTransfer {
  return {
    chain: CHAIN,
    txHash: `0x${'ab'.repeat(32)}`,
    block: { number: 46147, hash: `0x${'cd'.repeat(32)}`, time: 1438918233 },
    txIndex: 0,
    kind: logIndex === undefined ? 'native' : 'token',
    ...(logIndex === undefined ? {} : { logIndex }),
    from: A,
    to: B,
    asset: 'eip155:1/slip44:60',
    value,
    status: 'success',
  };
}

/** A graph shaped like chaintrail's transaction graph: holder nodes and transfer edges with bigint values. */
function sampleGraph(): MultiDirectedGraph {
  const graph = new MultiDirectedGraph();
  graph.addNode(`${CHAIN}:${A}`, { kind: 'holder', chain: CHAIN, holder: A });
  graph.addNode(`${CHAIN}:${B}`, { kind: 'holder', chain: CHAIN, holder: B });
  graph.addDirectedEdgeWithKey('t1', `${CHAIN}:${A}`, `${CHAIN}:${B}`, { kind: 'transfer', value: BIG, block: { number: 46147 }, traceAddress: [0, 1], note: 'a "quoted", comma' });
  graph.addDirectedEdgeWithKey('t2', `${CHAIN}:${A}`, `${CHAIN}:${B}`, { kind: 'transfer', value: 5n, block: { number: 46148 } });
  return graph;
}

describe('exports', () => {
  it('flattens bigints exactly, nested objects and call paths', () => {
    expect(flattenAttributes({ value: BIG, block: { number: 1, hash: 'h' }, traceAddress: [0, 2], gone: null })).toEqual({
      value: '18446744073709551617',
      block_number: 1,
      block_hash: 'h',
      traceAddress: '0.2',
    });
  });

  it('writes GEXF that graphology-gexf reads back with the exact amounts and both parallel edges', () => {
    const text = toGexf({ graph: sampleGraph() });
    expect(text).toContain('<gexf');
    const back = gexf.parse(MultiDirectedGraph, text);
    expect(back.order).toBe(2);
    expect(back.size).toBe(2);
    expect(back.getNodeAttribute(`${CHAIN}:${A}`, 'label')).toBe(A);
    const values = back.mapEdges((_k, e) => String(e.value)).sort();
    expect(values).toEqual(['18446744073709551617', '5']);
    expect(back.mapEdges((_k, e) => e.kind)).toEqual(['transfer', 'transfer']);
  });

  it('writes graphology JSON that MultiDirectedGraph.from reads back', () => {
    const json = JSON.parse(toGraphologyJson({ graph: sampleGraph() })) as Parameters<typeof MultiDirectedGraph.from>[0];
    const back = MultiDirectedGraph.from(json);
    expect(back.size).toBe(2);
    expect(back.getEdgeAttribute('t1', 'value')).toBe('18446744073709551617');
  });

  it('writes edges as RFC 4180 CSV with a header and quoted fields', () => {
    const lines = edgesToCsv({ graph: sampleGraph() }).split('\r\n');
    expect(lines[0]).toBe('key,source,target,kind,value,block_number,traceAddress,note');
    expect(lines[1]).toBe(`t1,${CHAIN}:${A},${CHAIN}:${B},transfer,18446744073709551617,46147,0.1,"a ""quoted"", comma"`);
    expect(lines[2]).toBe(`t2,${CHAIN}:${A},${CHAIN}:${B},transfer,5,46148,,`);
    expect(lines[3]).toBe('');
  });

  it('writes transfers as JSON Lines, one parseable object per line', () => {
    const text = transfersToJsonl({ transfers: [transfer(BIG), transfer(1n, 7)] });
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ value: '18446744073709551617', kind: 'native', from: A, to: B });
    expect(lines[1]).toMatchObject({ value: '1', kind: 'token', logIndex: 7 });
    expect(text.endsWith('\n')).toBe(true);
  });
});
