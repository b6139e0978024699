import { compareTransfers, type AccountTransfer } from '@chaintrail/core';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { transferSortKey } from './AccountStore.ts';

const KINDS = ['native', 'internal', 'token', 'nft', 'reward', 'fee', 'withdrawal'] as const;

const transfer = fc.record({
  number: fc.nat({ max: 20_000_000 }),
  txIndex: fc.integer({ min: -1, max: 5000 }),
  kind: fc.constantFrom(...KINDS),
  traceAddress: fc.option(fc.array(fc.nat({ max: 300 }), { maxLength: 5 }), { nil: undefined }),
  logIndex: fc.option(fc.nat({ max: 2000 }), { nil: undefined }),
}).map(
  (r): AccountTransfer => ({
    chain: 'eip155:1',
    txHash: '0x00',
    block: { number: r.number, hash: '0x00', time: 0 },
    txIndex: r.txIndex,
    kind: r.kind,
    from: null,
    to: null,
    asset: 'eip155:1/slip44:60',
    value: 0n,
    status: 'success',
    ...(r.traceAddress ? { traceAddress: r.traceAddress } : {}),
    ...(r.logIndex !== undefined ? { logIndex: r.logIndex } : {}),
  }),
);

it('orders sort keys byte by byte exactly as compareTransfers orders transfers', () => {
  fc.assert(
    fc.property(transfer, transfer, (a, b) => {
      const byKey = transferSortKey(a) < transferSortKey(b) ? -1 : transferSortKey(a) > transferSortKey(b) ? 1 : 0;
      expect(byKey).toBe(Math.sign(compareTransfers(a, b)));
    }),
    { seed: 7, numRuns: 2000 },
  );
});
