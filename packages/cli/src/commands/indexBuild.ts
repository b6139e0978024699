import { erc20Asset, isBitcoinChain, nativeAsset, parseChainId } from '@chaintrail/core';
import { buildCompactIndex, openStore, redactStoreUrl, saveCompactIndex } from '@chaintrail/store';
import { type Command, stringOption, UsageError, writeJsonLine } from '../command.ts';
import { createProgressReporter } from '../progress.ts';

/**
 * `chaintrail index build --store <path|url> --chain <caip2|btc|eth> [--asset native|<erc20 contract>]`: builds the
 * chain's compact index from the store and saves it there, replacing the previous one, so `screen --store` and a
 * withdrawal service load it in seconds instead of building it. Prints the saved index's header as one JSON line.
 */
export const indexBuild: Command = {
  name: 'index build',
  summary: "Build a chain's compact index from a store and save it in the store (for fast screening).",
  usage: 'index build --store <path|postgres-url> --chain <caip2|btc|eth> [--asset native|<erc20 contract>]',
  options: {
    store: { type: 'string' },
    chain: { type: 'string' },
    asset: { type: 'string' },
  },
  async run(args, io) {
    const url = stringOption(args, 'store', true);
    const chain = parseChainId(stringOption(args, 'chain', true));
    const assetText = stringOption(args, 'asset');
    if (isBitcoinChain(chain) && assetText !== undefined) throw new UsageError('--asset is for account chains; a Bitcoin index holds every output');
    if (assetText !== undefined && assetText !== 'native' && !/^0x[0-9a-fA-F]{40}$/.test(assetText)) {
      throw new UsageError('--asset must be native or an ERC-20 contract address');
    }
    // Account chains index one asset (amounts of different assets do not add up); the native one unless told.
    const asset = isBitcoinChain(chain) ? undefined : assetText === undefined || assetText === 'native' ? nativeAsset(chain) : erc20Asset(chain, assetText);
    const store = await openStore({ url });
    const progress = createProgressReporter({ io, quiet: Boolean(args.values.quiet), label: 'index' });
    try {
      const source = isBitcoinChain(chain) ? store.utxo(chain) : store.account(chain);
      // Read first: blocks ingested while the index builds may or may not be in it, those before are.
      const tip = await source.getTipHeight({ signal: io.signal });
      const index = await buildCompactIndex({ source, ...(asset ? { asset } : {}), signal: io.signal, onProgress: progress.onProgress });
      const header = await saveCompactIndex({ store, index, ...(asset ? { asset } : {}), tip, signal: io.signal, onProgress: progress.onProgress });
      writeJsonLine(io, { store: redactStoreUrl(url), ...header });
    } finally {
      progress.finish();
      await store.close();
    }
  },
};
