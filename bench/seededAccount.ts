// Seeded account blocks for the store benchmarks (not a benchmark itself: no `.bench.ts`).
import { nativeAsset, type AccountBlock, type AccountTransfer } from '@chaintrail/core';
import { rng } from './rng.ts';

const ETH = 'eip155:1' as const;

/** Seeded account blocks: `count` native transfers among `count / 4` addresses, 200 per block. */
export function seededAccountBlocks(count: number, seed = 99): AccountBlock[] {
  const next = rng(seed);
  const V = Math.max(1, Math.floor(count / 4));
  const address = (i: number) => `0x${i.toString(16).padStart(40, '0')}`;
  const asset = nativeAsset(ETH);
  const blocks: AccountBlock[] = [];
  for (let i = 0; i < count; i++) {
    const number = Math.floor(i / 200);
    const ref = { number, hash: `0x${number.toString(16).padStart(64, 'b')}`, time: number * 12 };
    if (!blocks[number]) blocks[number] = { chain: ETH, number, hash: ref.hash, time: ref.time, transfers: [] };
    const t: AccountTransfer = {
      chain: ETH, txHash: `0x${i.toString(16).padStart(64, '0')}`, block: ref, txIndex: i % 200, kind: 'native',
      from: address(next() % V), to: address(next() % V), asset, value: BigInt(next()) * 1_000_000n, status: 'success',
    };
    (blocks[number]!.transfers as AccountTransfer[]).push(t);
  }
  return blocks;
}

