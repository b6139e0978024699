import { describe, expect, it } from 'vitest';
import { erc20Asset, nativeAsset } from '../../model/caip.ts';
import type { AccountTransfer } from '../../model/transaction.ts';
import type { Label, LabelLookup } from '../../labels/types.ts';
import { addAccountTransfer } from '../../graph/addAccountTransfer.ts';
import { createTransactionGraph } from '../../graph/createTransactionGraph.ts';
import { cluster } from '../cluster.ts';
import { depositAddressLinks } from './depositAddress.ts';

const ETH = 10n ** 18n;
const chain = 'eip155:1' as const;
const a = (n: number): string => `0x${n.toString(16).padStart(40, '0')}`;
const HOT = a(0xee);
const [alice, alice2, bob, deposit, other] = [a(1), a(2), a(3), a(0xd1), a(0xd2)];
let seq = 0;
const transfer = (from: string, to: string, value: bigint, block: number, asset = nativeAsset(chain)): AccountTransfer => ({
  chain,
  txHash: `0x${(++seq).toString(16).padStart(64, '0')}`,
  block: { number: block, hash: `0x${block.toString(16).padStart(64, '0')}`, time: block * 12 },
  txIndex: 0,
  kind: asset.includes('erc20') ? 'token' : 'native',
  ...(asset.includes('erc20') ? { logIndex: 0 } : {}),
  from,
  to,
  asset,
  value,
  status: 'success',
});

describe('depositAddressLinks', () => {
  it('finds a deposit address that forwards what it received to a hot wallet, and links its senders', () => {
    const transfers = [
      transfer(alice, deposit, 2n * ETH, 100),
      transfer(alice2, deposit, 1n * ETH, 150),
      transfer(deposit, HOT, 3n * ETH - 21_000n * 50_000_000_000n, 200), // less the gas, within 0.01 ETH
      transfer(bob, other, 5n * ETH, 100),
      transfer(other, HOT, 4n * ETH, 120), // forwards much less than it received: not a deposit address
    ];
    const { links, deposits } = depositAddressLinks({ transfers, exchanges: new Set([HOT]) });
    expect(deposits).toEqual([{ address: deposit, exchange: HOT, senders: [alice, alice2], forwards: [transfers[2]!.txHash] }]);
    expect(links.map((l) => [l.a, l.b, l.heuristic])).toEqual([
      [deposit, alice, 'deposit-address'],
      [deposit, alice2, 'deposit-address'],
    ]);
    const c = cluster(transfers, { heuristics: ['deposit-address'], deposit: { exchanges: new Set([HOT]) } });
    expect(c.clusterOf(alice)).toBe(c.clusterOf(alice2));
    expect(c.clusterOf(alice)).not.toBe(c.clusterOf(HOT));
    expect(c.clusterOf(bob)).not.toBe(c.clusterOf(other));
    expect(c.explain(alice, alice2)!.map((m) => m.heuristic)).toEqual(['deposit-address', 'deposit-address']);
    // The same from the graph's transfer edges.
    const graph = createTransactionGraph();
    for (const t of transfers) addAccountTransfer(graph, t);
    const g = cluster(graph, { heuristics: ['deposit-address'], deposit: { exchanges: new Set([HOT]) } });
    expect(g.clusterOf(alice)).toBe(g.clusterOf(alice2));
    expect(g.stats.deposits).toEqual(c.stats.deposits);
  });

  it('must not fire outside the block window, above the tolerance, or on forwards to a non-exchange', () => {
    const late = [transfer(alice, deposit, ETH, 100), transfer(deposit, HOT, ETH, 100 + 3201)];
    expect(depositAddressLinks({ transfers: late, exchanges: new Set([HOT]) }).deposits).toEqual([]);
    expect(depositAddressLinks({ transfers: late, exchanges: new Set([HOT]), blockWindow: 5000 }).deposits).toHaveLength(1);
    const short = [transfer(alice, deposit, ETH, 100), transfer(deposit, HOT, ETH - 2n * 10n ** 16n, 101)];
    expect(depositAddressLinks({ transfers: short, exchanges: new Set([HOT]) }).deposits).toEqual([]);
    expect(depositAddressLinks({ transfers: short, exchanges: new Set([a(0xff)]) }).deposits).toEqual([]);
  });

  it('takes tokens at their exact amount and reads exchanges from a label lookup', () => {
    const usdt = erc20Asset(chain, '0xdAC17F958D2ee523a2206206994597C13D831ec7');
    const transfers = [transfer(alice, deposit, 500_000_000n, 100, usdt), transfer(deposit, HOT, 500_000_000n, 101, usdt)];
    const labels: LabelLookup = {
      lookup: (_c, address): Label[] => (address === HOT ? [{ chain, address, category: 'exchange', source: 'test', confidence: 100 }] : []),
    };
    expect(depositAddressLinks({ transfers, exchanges: labels }).deposits).toHaveLength(1);
    const partial = [transfer(alice, deposit, 500_000_000n, 100, usdt), transfer(deposit, HOT, 499_000_000n, 101, usdt)];
    expect(depositAddressLinks({ transfers: partial, exchanges: labels }).deposits).toEqual([]);
    expect(depositAddressLinks({ transfers: partial, exchanges: labels, tokenTolerancePercent: 1 }).deposits).toHaveLength(1);
  });
});
