import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBlockFiles } from '@chaintrail/adapters';
import { attributeCoinbase, loadPools, poolSet, type UtxoTransaction } from '@chaintrail/core';
import { runCli } from '../packages/cli/src/testing.ts';
import { hasSharedData, sharedPath } from './support/sharedData.ts';

const block = (name: string) => sharedPath('bitcoin', 'blocks', name);
const POOL_FILES = ['bitcoin-data/pool-list.json', 'mempool/pools-v2.json', 'bitcoin-data/pools.json', 'mempool/pools.json'];

describe.skipIf(!hasSharedData)('mining pool attribution of the shared mainnet blocks', () => {
  const coinbases = new Map<number, UtxoTransaction>();
  const load = async () => {
    if (coinbases.size > 0) return;
    const blocks = await loadBlockFiles({ paths: [block('block-574200.raw'), block('block-277647.framed.dat'), block('block-413567.raw')] });
    for (const b of blocks) coinbases.set(b.height, b.transactions[0]!);
  };

  it.each(POOL_FILES)('%s: 574200 is BTC.com by tag and address, 277647 BTC Guild by tag, 413567 F2Pool', async (file) => {
    await load();
    const { pools, issues } = loadPools({ file, text: readFileSync(sharedPath('labels', 'mining-pools', file), 'utf8') });
    expect(issues.filter((i) => !i.reason.includes('payout address'))).toEqual([]);
    const btccom = attributeCoinbase({ tx: coinbases.get(574200)!, pools });
    expect(btccom).toMatchObject({ matchedBy: 'tag', conflict: false });
    expect(btccom.pool?.name).toBe('BTC.com');
    expect(btccom.matches.map((m) => [m.matchedBy, m.pool.name])).toEqual([
      ['tag', 'BTC.com'],
      ['address', 'BTC.com'],
    ]);
    const guild = attributeCoinbase({ tx: coinbases.get(277647)!, pools });
    expect([guild.pool?.name, guild.matchedBy, guild.match]).toEqual(['BTC Guild', 'tag', 'BTC Guild']);
    const f2 = attributeCoinbase({ tx: coinbases.get(413567)!, pools });
    expect(f2.pool?.name).toBe('F2Pool');
    expect(f2.matches.find((m) => m.matchedBy === 'address')).toMatchObject({ match: '1KFHE7w8BhaENAswwryaoccDb6qcT6DbYY' });
  });

  it('413567 has no ASCII pool tag ("Mined by chenguan…"): its payout address alone names F2Pool', async () => {
    await load();
    const tx = coinbases.get(413567)!;
    expect(tx.coinbase!.text).toContain('Mined by chenguan');
    const { pools } = loadPools({ file: 'pool-list.json', text: readFileSync(sharedPath('labels', 'mining-pools', 'bitcoin-data', 'pool-list.json'), 'utf8') });
    // Explorers that match tags on ASCII text only never see F2Pool's UTF-8 tag (七彩神仙鱼): drop non-ASCII tags
    const asciiOnly = poolSet(pools.pools.map((p) => ({ ...p, tags: p.tags.filter((t) => /^[\x20-\x7e]+$/.test(t)) })));
    const result = attributeCoinbase({ tx, pools: asciiOnly });
    expect([result.pool?.name, result.matchedBy, result.match]).toEqual(['F2Pool', 'address', '1KFHE7w8BhaENAswwryaoccDb6qcT6DbYY']);
  });

  it('chaintrail labels pool prints one JSON line per block, null where nothing matches', async () => {
    const r = await runCli([
      'labels',
      'pool',
      '--blocks',
      block('block-574200.raw'),
      block('block-277647.framed.dat'),
      block('block-13b8a.hex'),
      '--pools',
      sharedPath('labels', 'mining-pools', 'bitcoin-data', 'pool-list.json'),
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map(({ height, pool, matchedBy, match }) => ({ height, pool, matchedBy, match }))).toEqual([
      { height: 574200, pool: 'BTC.com', matchedBy: 'tag', match: '/BTC.COM/' },
      { height: 277647, pool: 'BTC Guild', matchedBy: 'tag', match: 'BTC Guild' },
      { height: null, pool: null, matchedBy: null, match: null },
    ]);
    expect(lines[0]!['hash']).toMatch(/^0{8}[0-9a-f]{56}$/);
  });

  it('chaintrail labels pool exits 2 without --blocks or pool definitions', async () => {
    expect((await runCli(['labels', 'pool', '--pools', sharedPath('labels', 'mining-pools')])).code).toBe(2);
    expect((await runCli(['labels', 'pool', '--blocks', block('block-574200.raw')])).code).toBe(2);
  });
});
