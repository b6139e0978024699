import { MemoryUtxoSource } from '@chaintrail/core';
import { bitcoinNetwork } from './network.ts';
import { loadBlockFiles, type LoadBlockFilesParameters } from './loadBlockFiles.ts';

/**
 * Block files as a `UtxoDataSource`: `loadBlockFiles`, then every transaction in a `MemoryUtxoSource`, so raw blocks
 * answer `getTransaction`, `getOutspends` (within the files), `getAddressHistory` and `getBlocks` like the network
 * sources do. For investigation-sized sets of blocks.
 *
 * @example
 * const source = await openBlockFiles({ paths: ['blk00000.dat'] })
 * await source.getOutspends({ txid })
 */
export async function openBlockFiles(params: LoadBlockFilesParameters): Promise<MemoryUtxoSource> {
  const blocks = await loadBlockFiles(params);
  return new MemoryUtxoSource({
    chain: bitcoinNetwork(params.network ?? 'mainnet').chain,
    transactions: blocks.flatMap((b) => b.transactions),
  });
}
