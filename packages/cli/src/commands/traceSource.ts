import { loadBlockFiles } from '@chaintrail/adapters';
import { type BitcoinNetwork, BITCOIN_CHAINS, type DataSource, MemoryUtxoSource } from '@chaintrail/core';
import { type CommandIO, type ParsedArgs, stringOption, listOption, UsageError } from '../command.ts';

/** The data-source options `trace` and `screen` share. */
export const SOURCE_OPTIONS = {
  blocks: { type: 'string', multiple: true },
  prevouts: { type: 'string' },
  esplora: { type: 'string' },
  rpc: { type: 'string' },
  network: { type: 'string' },
} as const;

const NETWORKS = Object.keys(BITCOIN_CHAINS) as BitcoinNetwork[];

/**
 * Opens the data source the options name: block files (the same files as `btc parse-block`, framed blk files too,
 * valued from `--prevouts`) in memory, or a node. Returns undefined when none is named and `required` is false.
 */
export async function openSource(args: ParsedArgs, io: CommandIO, required: boolean): Promise<DataSource | undefined> {
  const blocks = listOption(args, 'blocks');
  const esplora = stringOption(args, 'esplora');
  const rpc = stringOption(args, 'rpc');
  const named = [blocks.length > 0, esplora !== undefined, rpc !== undefined].filter(Boolean).length;
  if (named > 1) throw new UsageError('give one of --blocks, --esplora or --rpc');
  const networkText = stringOption(args, 'network') ?? 'mainnet';
  if (!(NETWORKS as string[]).includes(networkText)) throw new UsageError(`--network must be one of ${NETWORKS.join(', ')}`);
  const network = networkText as BitcoinNetwork;
  if (blocks.length > 0) {
    const prevoutsPath = stringOption(args, 'prevouts');
    const loaded = await loadBlockFiles({
      paths: blocks,
      network,
      ...(prevoutsPath !== undefined ? { prevoutsPath } : {}),
      signal: io.signal,
    });
    return new MemoryUtxoSource({ chain: BITCOIN_CHAINS[network], transactions: loaded.flatMap((b) => b.transactions) });
  }
  if (esplora !== undefined || rpc !== undefined) {
    // The Esplora and node adapters are not in this build yet: say so rather than pretend.
    throw new UsageError(`${esplora !== undefined ? '--esplora' : '--rpc'} needs a remote data-source adapter that this build does not have yet; use --blocks`);
  }
  if (required) throw new UsageError('missing a data source: --blocks <files…>, --esplora <url> or --rpc <url>');
  return undefined;
}
