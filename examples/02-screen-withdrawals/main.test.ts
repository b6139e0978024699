import { parseUnits } from '@chaintrail/core';
import { describe, expect, it } from 'vitest';
import { hasSharedData, NO_SHARED_DATA } from '../../test/support/sharedData.ts';
import { OFAC, run, why } from './main.ts';

describe.skipIf(!hasSharedData)(`example 02: screening withdrawals against OFAC and a local chain ${hasSharedData ? '' : NO_SHARED_DATA}`, () => {
  it('gives direct hits, 1-2 hop exposure and clean verdicts', async () => {
    const results = await run({ log: () => {} });
    const byName = new Map(results.map((r) => [r.name, r.verdict]));
    expect(results.map((r) => [r.name, r.verdict.risk])).toEqual([
      ['sanctioned address itself', 'severe'],
      ['mule (1 hop)', 'high'],
      ['withdrawal 1 (2 hops)', 'high'],
      ['withdrawal 2 (0.5% tainted)', 'medium'],
      ['withdrawal 3 (clean)', 'none'],
      ['listed, idle here', 'severe'],
      ['listed bitcoin address', 'severe'],
    ]);
    // The SDN list names the entity behind the listed address; the path leads back to it.
    expect(why(byName.get('sanctioned address itself')!)).toBe('on the sanctioned list (LAZARUS GROUP)');
    const w1 = byName.get('withdrawal 1 (2 hops)')!;
    expect(w1.exposures[0]).toMatchObject({ category: 'sanctioned', kind: 'indirect', hops: 2, share: '1.000000', amount: parseUnits('1.5', 18) });
    expect(w1.evidence.paths[0]!.hops.at(-1)).toMatchObject({ address: OFAC.eth.toLowerCase(), label: { category: 'sanctioned' } });
    // 0.05 of the mixed wallet's 10.05 ETH was sanctioned: haircut passes that share on to its 5 ETH payment.
    expect(byName.get('withdrawal 2 (0.5% tainted)')!.exposures[0]).toMatchObject({ share: '0.004975', hops: 2 });
    expect(byName.get('listed bitcoin address')).toMatchObject({ coverage: 'direct', chain: 'bip122:000000000019d6689c085ae165831e93' });
    expect(byName.get('withdrawal 3 (clean)')).toMatchObject({ coverage: 'source', exposures: [] });
  }, 60_000);
});
