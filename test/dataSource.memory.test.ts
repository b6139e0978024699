import { BITCOIN_CHAINS, MemoryAccountSource, MemoryUtxoSource } from '@chaintrail/core';
import { describeAccountConformance, describeUtxoConformance } from './support/dataSourceConformance.ts';

describeUtxoConformance('MemoryUtxoSource', async () => {
  const source = new MemoryUtxoSource({ chain: BITCOIN_CHAINS.mainnet });
  return { source, add: async (txs) => void txs.forEach((t) => source.add(t)), close: async () => undefined };
});

describeAccountConformance('MemoryAccountSource', async () => {
  const source = new MemoryAccountSource({ chain: 'eip155:1' });
  return { source, add: async (ts) => void ts.forEach((t) => source.add(t)), close: async () => undefined };
});
