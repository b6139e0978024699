import { BITCOIN_NETWORKS, bitcoinNetwork, type BitcoinNetworkParams } from '@chaintrail/adapters';
import { type OptionsConfig, type ParsedArgs, stringOption, UsageError } from '../command.ts';

/** `--network`, which every `btc` command takes: address encoding and the blk-file magic. */
export const NETWORK_OPTION: OptionsConfig = { network: { type: 'string' } };

/** The network of `--network` (default mainnet), or a UsageError naming the choices. */
export function networkOption(args: ParsedArgs): BitcoinNetworkParams {
  const name = stringOption(args, 'network') ?? 'mainnet';
  if (!(BITCOIN_NETWORKS as readonly string[]).includes(name)) {
    throw new UsageError(`--network must be one of ${BITCOIN_NETWORKS.join(', ')}, got "${name}"`);
  }
  return bitcoinNetwork(name);
}

/** A txid argument: 64 hex digits, lower-cased. */
export function txidArgument(args: ParsedArgs, what = 'txid'): string {
  const txid = args.positionals[0];
  if (txid === undefined) throw new UsageError(`missing <${what}>`);
  if (!/^[0-9a-fA-F]{64}$/.test(txid)) throw new UsageError(`"${txid}" is not a txid (64 hex digits)`);
  return txid.toLowerCase();
}
