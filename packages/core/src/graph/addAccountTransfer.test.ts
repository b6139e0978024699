import { describe, expect, it } from 'vitest';
import { nativeAsset } from '../model/caip.ts';
import type { AccountTransfer } from '../model/transaction.ts';
import { addAccountTransfer } from './addAccountTransfer.ts';
import { createTransactionGraph } from './createTransactionGraph.ts';
import { holderNode } from './keys.ts';
import { accountTransfersOf } from './transactionsOf.ts';

describe('addAccountTransfer', () => {
  const base: AccountTransfer = {
    chain: 'eip155:1',
    txHash: `0x${'ab'.repeat(32)}`,
    block: { number: 100, hash: `0x${'cd'.repeat(32)}`, time: 1 },
    txIndex: 3,
    kind: 'native',
    from: '0x1111111111111111111111111111111111111111',
    to: '0x2222222222222222222222222222222222222222',
    asset: nativeAsset('eip155:1'),
    value: 10n ** 18n,
    status: 'success',
  };

  it('adds one holder → holder edge per transfer, idempotently, and skips moves of no value', () => {
    const graph = createTransactionGraph();
    expect(addAccountTransfer(graph, base)).toBe(true);
    expect(addAccountTransfer(graph, { ...base })).toBe(false);
    const token = { ...base, kind: 'token' as const, logIndex: 4, asset: 'eip155:1/erc20:0xdac17f958d2ee523a2206206994597c13d831ec7' as const };
    expect(addAccountTransfer(graph, token)).toBe(true);
    expect(addAccountTransfer(graph, { ...base, status: 'failed', txHash: '0x01' })).toBe(false);
    expect(addAccountTransfer(graph, { ...base, kind: 'reward', from: null })).toBe(false);
    expect(graph.size).toBe(2);
    expect(graph.order).toBe(2);
    const edges = graph.edges(holderNode('eip155:1', base.from!), holderNode('eip155:1', base.to!));
    expect(edges.map((e) => graph.getEdgeAttribute(e, 'kind'))).toEqual(['transfer', 'transfer']);
    expect(accountTransfersOf(graph)).toEqual([base, token]);
  });
});
