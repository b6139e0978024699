import { BitcoinCoreSource, EsploraSource, EvmRpcSource, loadBlockFiles } from '@chaintrail/adapters';
import { type BitcoinNetwork, BITCOIN_CHAINS, type ChainId, type DataSource, isBitcoinChain, isEvmChain, MemoryUtxoSource, parseChainId } from '@chaintrail/core';
import { isPostgresUrl, openStore, type Store } from '@chaintrail/store';
import { type CommandIO, type ParsedArgs, stringOption, listOption, UsageError } from '../command.ts';

/** The data-source options `trace` and `screen` share. */
export const SOURCE_OPTIONS = {
  blocks: { type: 'string', multiple: true },
  prevouts: { type: 'string' },
  esplora: { type: 'string' },
  rpc: { type: 'string' },
  network: { type: 'string' },
  cookie: { type: 'string' },
  store: { type: 'string' },
} as const;

/** A data source the options named, and what to close when the command is done with it (an open store). */
export interface OpenedSource {
  readonly source: DataSource | undefined;
  /** The store behind `source`, when it is one (`--store`). */
  readonly store?: Store;
  close(): Promise<void>;
}

const NETWORKS = Object.keys(BITCOIN_CHAINS) as BitcoinNetwork[];

/**
 * Opens the data source the options name: block files (the same files as `btc parse-block`, framed blk files too,
 * valued from `--prevouts`) in memory, an Esplora API, a node (`--rpc`: Bitcoin Core, or an EVM node when `chain` is
 * an EVM chain), or a chaintrail store (`--store`: a SQLite file, opened read-only, or a PostgreSQL URL). Bitcoin
 * Core keeps no spend index, so a forward trace over it fails with UNSUPPORTED. The source is undefined when none is
 * named and `required` is false.
 */
export async function openSource(args: ParsedArgs, io: CommandIO, required: boolean, chainHint?: ChainId): Promise<OpenedSource> {
  const storeUrl = stringOption(args, 'store');
  if (storeUrl !== undefined) {
    if (listOption(args, 'blocks').length > 0 || stringOption(args, 'esplora') !== undefined || stringOption(args, 'rpc') !== undefined) {
      throw new UsageError('give one of --blocks, --esplora, --rpc or --store');
    }
    const network = stringOption(args, 'network');
    const chain = chainHint ?? parseChainId(network === undefined ? 'btc' : (NETWORKS as string[]).includes(network) ? BITCOIN_CHAINS[network as BitcoinNetwork] : network);
    // Read-only for SQLite: a trace or a screening can run beside the process that keeps ingesting into the file.
    const store = await openStore({ url: storeUrl, readonly: !isPostgresUrl(storeUrl) });
    return { source: isBitcoinChain(chain) ? store.utxo(chain) : store.account(chain), store, close: () => store.close() };
  }
  const source = await openOtherSource(args, io, required, chainHint);
  return { source, close: async () => undefined };
}

async function openOtherSource(args: ParsedArgs, io: CommandIO, required: boolean, chainHint?: ChainId): Promise<DataSource | undefined> {
  let chain = chainHint;
  const blocks = listOption(args, 'blocks');
  const esplora = stringOption(args, 'esplora');
  const rpc = stringOption(args, 'rpc');
  const named = [blocks.length > 0, esplora !== undefined, rpc !== undefined].filter(Boolean).length;
  if (named > 1) throw new UsageError('give one of --blocks, --esplora or --rpc');
  const networkText = stringOption(args, 'network') ?? 'mainnet';
  if (!(NETWORKS as string[]).includes(networkText)) {
    // An EVM chain (`eth`, `anvil`, `eip155:1`) names the node behind --rpc.
    let evm: ChainId | undefined;
    try {
      evm = parseChainId(networkText);
    } catch {
      evm = undefined;
    }
    if (evm === undefined || !isEvmChain(evm)) throw new UsageError(`--network must be one of ${NETWORKS.join(', ')}, or an EVM chain with --rpc`);
    if (rpc === undefined) throw new UsageError('an EVM --network needs --rpc <url>');
    chain ??= evm;
  }
  const network = ((NETWORKS as string[]).includes(networkText) ? networkText : 'mainnet') as BitcoinNetwork;
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
  for (const url of [esplora, rpc]) {
    if (url === undefined) continue;
    try {
      new URL(url);
    } catch {
      throw new UsageError(`"${url}" is not a URL`);
    }
  }
  if (esplora !== undefined) return new EsploraSource({ url: esplora, network });
  if (rpc !== undefined) {
    // --rpc is an EVM node when the chain is an EVM one (screen --chain eth), else Bitcoin Core.
    if (chain !== undefined && isEvmChain(chain)) return EvmRpcSource.connect({ url: rpc, signal: io.signal });
    const cookie = stringOption(args, 'cookie');
    return new BitcoinCoreSource({ url: rpc, network, ...(cookie !== undefined ? { cookieFile: cookie } : {}) });
  }
  if (required) throw new UsageError('missing a data source: --blocks <files…>, --esplora <url>, --rpc <url> or --store <path|url>');
  return undefined;
}
