import { describe, expect, it } from 'vitest';
import { isChaintrailError } from '../errors/ChaintrailError.ts';
import { CompactGraphBuilder } from '../index/CompactGraph.ts';
import { MemoryAccountSource } from '../source/MemoryAccountSource.ts';
import { EVM, mapLabels, transfer } from './testFixtures.ts';
import { trace } from './trace.ts';

describe('trace() on the compact index', () => {
  const transfers = [transfer(null, 's', 3n, 9, -1, 'reward'), transfer('s', 'x', 3n, 10), transfer('q', 'x', 7n, 11), transfer('x', 'y', 2n, 12), transfer('x', 'z', 8n, 12, 1)];
  const source = new MemoryAccountSource({ chain: EVM, transfers });
  const builder = new CompactGraphBuilder({ chain: EVM });
  for (const t of transfers) builder.addTransfer(t);
  const index = builder.build();
  const labels = mapLabels(EVM, [['s', 'sanctioned', 'Thief']]);

  it('gives the same attribution as the account engine where time does not matter, with balanced books', async () => {
    const params = { from: ['z'], policy: 'haircut' as const, direction: 'backward' as const, labels, stopAt: ['sanctioned' as const] };
    const viaSource = await trace({ ...params, source });
    const viaIndex = await trace({ ...params, index });
    expect(viaIndex.reached).toEqual(viaSource.reached);
    const t = viaIndex.totals;
    expect(t.seeded + t.absorbed).toBe(t.frontier + t.fees + t.dust + t.stopped + t.truncated);
    expect(viaIndex.frontier).toEqual([expect.objectContaining({ address: 'q', taint: 6n, status: 'unknown', vout: -1 })]);
    expect(viaIndex.paths[0]!.hops.map((h) => h.address)).toEqual(['z', 'x', 's']);
    expect(viaIndex.stats.fetches).toBe(0);
    expect(viaIndex.graph!.size).toBe(3);
  });

  it('runs forward under poison, and needs a source for FIFO', async () => {
    const r = await trace({ index, from: ['s'], policy: 'poison', maxHops: 2 });
    expect(r.frontier.map((f) => [f.address, f.taint, f.status])).toEqual([
      ['z', 8n, 'unspent'],
      ['y', 2n, 'unspent'],
    ]);
    expect(r.totals.absorbed).toBe(7n);
    await expect(trace({ index, from: ['s'], policy: 'fifo' })).rejects.toSatisfy((e) => isChaintrailError(e, 'INVALID_ARGUMENT'));
    const fifo = await trace({ index, source, from: ['s'], policy: 'fifo' });
    expect(fifo.stats.fetches).toBeGreaterThan(0);
  });
});
