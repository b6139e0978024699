import { describe, expect, it } from 'vitest';
import type { UtxoTransaction } from '../model/transaction.ts';
import { attributeCoinbase } from './attributeCoinbase.ts';
import { loadPools } from './loaders/loadPools.ts';

const BTC = 'bip122:000000000019d6689c085ae165831e93' as const;
const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex');

const poolList = JSON.stringify([
  { id: 22, name: 'F2Pool', addresses: ['1KFHE7w8BhaENAswwryaoccDb6qcT6DbYY'], tags: ['七彩神仙鱼', 'F2Pool'], link: 'https://www.f2pool.com' },
  { id: 43, name: 'BTC.com', addresses: ['1Bf9sZvBHPFGVPX71WX2njhd1NXKv5y7v5'], tags: ['/BTC.COM/', 'btccom'], link: 'https://pool.btc.com' },
  { id: 47, name: 'BTC Guild', addresses: [], tags: ['BTC Guild'], link: 'https://www.btcguild.com' },
]);

function coinbase(scriptSigHex: string, payTo: string): UtxoTransaction {
  return {
    chain: BTC,
    txid: '00'.repeat(32),
    block: { height: 1, hash: '00'.repeat(32), time: 0 },
    index: 0,
    coinbase: { scriptSig: scriptSigHex, text: '', height: 1 },
    inputs: [],
    outputs: [{ n: 0, address: payTo, value: 1n, scriptType: 'p2pkh' }],
    fee: 0n,
    version: 1,
    locktime: 0,
  };
}

describe('attributeCoinbase', () => {
  const { pools, labels, issues } = loadPools({ file: 'pool-list.json', text: poolList });

  it('loads pools and labels their payout addresses', () => {
    expect(issues).toEqual([]);
    expect(pools.pools.map((p) => p.name)).toEqual(['F2Pool', 'BTC.com', 'BTC Guild']);
    expect(labels.map((l) => [l.address, l.category, l.entity])).toEqual([
      ['1KFHE7w8BhaENAswwryaoccDb6qcT6DbYY', 'mining_pool', 'F2Pool'],
      ['1Bf9sZvBHPFGVPX71WX2njhd1NXKv5y7v5', 'mining_pool', 'BTC.com'],
    ]);
  });

  it('names the pool by tag first and reports the agreeing payout address too', () => {
    const result = attributeCoinbase({ tx: coinbase(`03381c08${hex('/BTC.COM/')}fabe6d6d`, '1Bf9sZvBHPFGVPX71WX2njhd1NXKv5y7v5'), pools });
    expect(result).toMatchObject({ matchedBy: 'tag', match: '/BTC.COM/', conflict: false });
    expect(result.pool?.name).toBe('BTC.com');
    expect(result.matches.map((m) => m.matchedBy)).toEqual(['tag', 'address']);
  });

  it('falls back to the payout address when no tag matches', () => {
    const result = attributeCoinbase({ tx: coinbase(`03ff4e06${hex('Mined by chenguan')}`, '1KFHE7w8BhaENAswwryaoccDb6qcT6DbYY'), pools });
    expect(result).toMatchObject({ matchedBy: 'address', match: '1KFHE7w8BhaENAswwryaoccDb6qcT6DbYY' });
    expect(result.pool?.name).toBe('F2Pool');
  });

  it('matches UTF-8 tags as bytes, only on byte boundaries', () => {
    expect(attributeCoinbase({ tx: coinbase(hex('七彩神仙鱼'), '1111111111111111111114oLvT2'), pools }).pool?.name).toBe('F2Pool');
    // the hex of "btccom" shifted by one nibble is not the tag
    expect(attributeCoinbase({ tx: coinbase(`0${hex('btccom')}0`, '1111111111111111111114oLvT2'), pools }).pool).toBeNull();
  });

  it('reports a conflict when the tag and the payout address name different pools', () => {
    const result = attributeCoinbase({ tx: coinbase(hex('BTC Guild'), '1KFHE7w8BhaENAswwryaoccDb6qcT6DbYY'), pools });
    expect(result.pool?.name).toBe('BTC Guild');
    expect(result.conflict).toBe(true);
  });

  it('returns null for a transaction that is not a coinbase or matches nothing', () => {
    const tx = { ...coinbase('', '1111111111111111111114oLvT2'), coinbase: null };
    expect(attributeCoinbase({ tx, pools })).toMatchObject({ pool: null, matchedBy: null, match: null, matches: [] });
  });

  it('reads the legacy pools.json shape', () => {
    const legacy = JSON.stringify({
      coinbase_tags: { '/BTC.COM/': { name: 'BTC.com', link: 'https://pool.btc.com' }, btccom: { name: 'BTC.com' } },
      payout_addresses: { '1Bf9sZvBHPFGVPX71WX2njhd1NXKv5y7v5': { name: 'BTC.com' }, 'tb1qnotmainnet': { name: 'X' } },
    });
    const loaded = loadPools({ file: 'pools.json', text: legacy });
    expect(loaded.pools.pools.find((p) => p.name === 'BTC.com')).toMatchObject({ tags: ['/BTC.COM/', 'btccom'], addresses: ['1Bf9sZvBHPFGVPX71WX2njhd1NXKv5y7v5'] });
    expect(loaded.issues.map((i) => i.kind)).toEqual(['rejected']);
  });
});
