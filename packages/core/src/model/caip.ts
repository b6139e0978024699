import type { ChainId } from './chain.ts';

/** A CAIP-10 account id: `<chain>:<address>`. */
export type AccountId = `${ChainId}:${string}`;

/** A CAIP-19 asset id, e.g. `eip155:1/erc20:0x…` or `bip122:…/slip44:0`. */
export type AssetId = `${ChainId}/${string}:${string}`;

/** SLIP-44 coin types of the native assets chaintrail meets. */
const SLIP44: Readonly<Record<string, number>> = { bip122: 0, eip155: 60 };

/**
 * The CAIP-10 id of an address (already canonical) on a chain.
 *
 * @example
 * accountId('eip155:1', '0xab…') // 'eip155:1:0xab…'
 */
export function accountId(chain: ChainId, address: string): AccountId {
  return `${chain}:${address}`;
}

/**
 * The CAIP-19 id of a chain's native asset (BTC, ETH, BNB…).
 *
 * @example
 * nativeAsset('bip122:000000000019d6689c085ae165831e93') // 'bip122:000000000019d6689c085ae165831e93/slip44:0'
 */
export function nativeAsset(chain: ChainId): AssetId {
  const namespace = chain.slice(0, chain.indexOf(':'));
  return `${chain}/slip44:${SLIP44[namespace] ?? 0}`;
}

/** The CAIP-19 id of an ERC-20 token (contract address lower case). */
export function erc20Asset(chain: ChainId, contract: string): AssetId {
  return `${chain}/erc20:${contract.toLowerCase()}`;
}

/** The CAIP-19 id of an ERC-721 collection (contract address lower case). */
export function erc721Asset(chain: ChainId, contract: string): AssetId {
  return `${chain}/erc721:${contract.toLowerCase()}`;
}

/** True when the asset is the chain's native coin. */
export function isNativeAsset(asset: AssetId): boolean {
  return asset.includes('/slip44:');
}
