import { BITCOIN_CHAINS, type BitcoinNetwork, ChaintrailError, type ChainId, UTXO_ADDRESS_FORMATS } from '@chaintrail/core';

/** What parsing and address encoding need to know about a Bitcoin network. */
export interface BitcoinNetworkParams {
  readonly name: BitcoinNetwork;
  readonly chain: ChainId;
  /** The 4 bytes that start every block in a blk*.dat file. */
  readonly magic: string;
  readonly p2pkh: number;
  readonly p2sh: number;
  readonly hrp: string;
}

const MAGIC: Readonly<Record<BitcoinNetwork, string>> = {
  mainnet: 'f9beb4d9',
  testnet: '0b110907',
  signet: '0a03cf40',
  regtest: 'fabfb5da',
};

/** The networks `--network` accepts. */
export const BITCOIN_NETWORKS = Object.keys(BITCOIN_CHAINS) as readonly BitcoinNetwork[];

/**
 * The parameters of a Bitcoin network by name. Throws `INVALID_CHAIN` for an unknown name.
 *
 * @example
 * bitcoinNetwork('testnet').hrp // 'tb'
 */
export function bitcoinNetwork(name: BitcoinNetwork | string = 'mainnet'): BitcoinNetworkParams {
  if (!(name in BITCOIN_CHAINS)) {
    throw new ChaintrailError('INVALID_CHAIN', `"${name}" is not a Bitcoin network: use one of ${BITCOIN_NETWORKS.join(', ')}.`, {
      meta: { network: name },
    });
  }
  const network = name as BitcoinNetwork;
  const chain = BITCOIN_CHAINS[network];
  const format = UTXO_ADDRESS_FORMATS[chain]!;
  return { name: network, chain, magic: MAGIC[network], p2pkh: format.p2pkh, p2sh: format.p2sh, hrp: format.hrp };
}

/** The network whose blk-file magic is `magic` (hex), if any. */
export function networkOfMagic(magic: string): BitcoinNetwork | undefined {
  return BITCOIN_NETWORKS.find((n) => MAGIC[n] === magic);
}
