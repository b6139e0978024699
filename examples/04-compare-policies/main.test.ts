import { parseUnits } from '@chaintrail/core';
import { describe, expect, it } from 'vitest';
import { hasSharedData, NO_SHARED_DATA } from '../../test/support/sharedData.ts';
import { type PolicyOutcome, run } from './main.ts';

const BTC = (text: string) => parseUnits(text, 8);
const taintOf = (o: PolicyOutcome | undefined, address: string) => o!.holders.find((h) => h.address === address)?.taint;

describe.skipIf(!hasSharedData)(`example 04: poison, haircut and FIFO on the same trace ${hasSharedData ? '' : NO_SHARED_DATA}`, () => {
  it('reproduces Anderson et al.’s worked example and conserves taint on the real block 277647', async () => {
    const { anderson, block } = await run();
    const [poison, haircut, fifo] = anderson;
    expect(anderson.map((o) => o.policy)).toEqual(['poison', 'haircut', 'fifo']);
    // Poison: all 10 BTC out are stolen, the 7 clean ones absorbed. Haircut: 30% of each output. FIFO: 2 + 1.
    expect(poison!.totals).toMatchObject({ seeded: BTC('3'), absorbed: BTC('7'), frontier: BTC('10') });
    expect([taintOf(haircut, '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy'), taintOf(haircut, 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq')]).toEqual([BTC('0.6'), BTC('2.4')]);
    expect([taintOf(fifo, '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy'), taintOf(fifo, 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq')]).toEqual([BTC('2'), BTC('1')]);

    expect(block.outcomes.map((o) => [o.policy, o.conserved])).toEqual([['poison', true], ['haircut', true], ['fifo', true]]);
    const seeded = block.outcomes.map((o) => o.totals.seeded);
    expect(new Set(seeded).size).toBe(1);
    const [bp, bh, bf] = block.outcomes;
    // Poison declares clean value tainted; haircut and FIFO never create taint.
    expect(bp!.totals.absorbed).toBeGreaterThan(0n);
    expect(bh!.totals.absorbed + bf!.totals.absorbed).toBe(0n);
    // The seed's fee share reaches the coinbase (25 BTC + 4,737,355 sat of fees): poison taints all of it.
    expect(taintOf(bp, '14cZMQk89mRYQkDEj8Rn25AnGoBi5H6uer')).toBe(BTC('25.04737355'));
    for (const h of bh!.holders) expect(taintOf(bp, h.address)! >= h.taint).toBe(true);
    expect(bh!.holders.map((h) => h.address).sort()).toEqual(bf!.holders.map((h) => h.address).sort());
  });
});
