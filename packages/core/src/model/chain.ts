import { ChaintrailError } from '../errors/ChaintrailError.ts';

/** A CAIP-2 chain id: `namespace:reference`, e.g. `bip122:000000000019d6689c085ae165831e93` or `eip155:1`. */
export type ChainId = `${string}:${string}`;

/** The Bitcoin networks chaintrail knows, by the CAIP-2 reference (first 32 hex of the genesis hash). */
export const BITCOIN_CHAINS = {
  mainnet: 'bip122:000000000019d6689c085ae165831e93',
  testnet: 'bip122:000000000933ea01ad0ee984209779ba',
  signet: 'bip122:00000008819873e925422c1ff0f99f7c',
  regtest: 'bip122:0f9188f13cb7b2c71f2a335e3a4fc328',
} as const satisfies Record<string, ChainId>;

export type BitcoinNetwork = keyof typeof BITCOIN_CHAINS;

/** Short names users type on the command line, mapped to CAIP-2. */
const ALIASES: Readonly<Record<string, ChainId>> = {
  btc: BITCOIN_CHAINS.mainnet,
  bitcoin: BITCOIN_CHAINS.mainnet,
  'btc-testnet': BITCOIN_CHAINS.testnet,
  'btc-signet': BITCOIN_CHAINS.signet,
  'btc-regtest': BITCOIN_CHAINS.regtest,
  eth: 'eip155:1',
  ethereum: 'eip155:1',
  bsc: 'eip155:56',
  polygon: 'eip155:137',
  arbitrum: 'eip155:42161',
  optimism: 'eip155:10',
  base: 'eip155:8453',
  avalanche: 'eip155:43114',
  sepolia: 'eip155:11155111',
  anvil: 'eip155:31337',
};

const CAIP2 = /^([-a-z0-9]{3,8}):([-_a-zA-Z0-9]{1,32})$/;

/**
 * Parses a CAIP-2 id or a known alias (`btc`, `eth`, `bsc`, …) into a CAIP-2 id.
 *
 * @example
 * parseChainId('btc') // 'bip122:000000000019d6689c085ae165831e93'
 * parseChainId('eip155:56') // 'eip155:56'
 */
export function parseChainId(text: string): ChainId {
  const alias = ALIASES[text.toLowerCase()];
  if (alias) return alias;
  const m = CAIP2.exec(text);
  if (!m) {
    throw new ChaintrailError('INVALID_CHAIN', `"${text}" is not a CAIP-2 chain id or a known chain name.`, {
      details: `Use a CAIP-2 id such as eip155:1 or ${BITCOIN_CHAINS.mainnet}, or one of: ${Object.keys(ALIASES).join(', ')}.`,
      meta: { chain: text },
    });
  }
  if (m[1] === 'eip155' && !/^[1-9][0-9]*$/.test(m[2]!)) {
    throw new ChaintrailError('INVALID_CHAIN', `"${text}" is not a valid eip155 chain id: the reference must be a decimal chain id.`, {
      meta: { chain: text },
    });
  }
  return text as ChainId;
}

/** The CAIP-2 id of an EVM chain from its numeric chain id. */
export function evmChain(chainId: number | bigint): ChainId {
  return `eip155:${chainId.toString()}`;
}

/** The CAIP-2 id of a Bitcoin network. */
export function bitcoinChain(network: BitcoinNetwork): ChainId {
  return BITCOIN_CHAINS[network];
}

export function isBitcoinChain(chain: ChainId): boolean {
  return chain.startsWith('bip122:');
}

export function isEvmChain(chain: ChainId): boolean {
  return chain.startsWith('eip155:');
}

/** The Bitcoin network of a `bip122:` chain id, or undefined for an unknown reference. */
export function bitcoinNetworkOf(chain: ChainId): BitcoinNetwork | undefined {
  for (const [network, id] of Object.entries(BITCOIN_CHAINS)) if (id === chain) return network as BitcoinNetwork;
  return undefined;
}

/** The numeric chain id of an `eip155:` chain. */
export function evmChainNumber(chain: ChainId): number {
  if (!isEvmChain(chain)) throw new ChaintrailError('INVALID_CHAIN', `${chain} is not an EVM (eip155) chain.`, { meta: { chain } });
  return Number(chain.slice('eip155:'.length));
}
