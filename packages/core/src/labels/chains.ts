import { canonicalAddress } from '../model/address.ts';
import { decodeBase58Check } from '../model/base58.ts';
import { BITCOIN_CHAINS, type ChainId } from '../model/chain.ts';

/**
 * CAIP-2 ids for the chains label sources name that chaintrail has no address format for. Their addresses are kept
 * as written (canonicalAddress keeps the text of unknown chains), so lookups match exactly.
 *
 * - `tron:27Lqcw`: Tron mainnet, the id used by wallets (WalletConnect) for Tron.
 * - `monero:418015bb9ae982a1975da7d79277c270`, `bip122:000000000000000000651ef99cb9fcbe` (Bitcoin Cash):
 *   the first 32 hex digits of the genesis (Monero) or fork (Bitcoin Cash) block hash, as CAIP-2 does for bip122.
 * - `xrpl:0`: the XRP Ledger mainnet (network id 0).
 * - `slip44:<coin type>`: chaintrail's fallback for chains with no CAIP-2 namespace we could vouch for (Zcash,
 *   Dash, Verge, Bitcoin Gold, Bitcoin SV): the SLIP-44 coin type is stable and unambiguous.
 */
export const LABEL_CHAINS = {
  bitcoin: BITCOIN_CHAINS.mainnet,
  ethereum: 'eip155:1',
  ethereumClassic: 'eip155:61',
  bsc: 'eip155:56',
  arbitrum: 'eip155:42161',
  litecoin: 'bip122:12a765e31ffd4059bada1e25190f6e98',
  dogecoin: 'bip122:1a91e3dace36e2be3bf030a65679fe82',
  bitcoinCash: 'bip122:000000000000000000651ef99cb9fcbe',
  tron: 'tron:27Lqcw',
  monero: 'monero:418015bb9ae982a1975da7d79277c270',
  xrp: 'xrpl:0',
  zcash: 'slip44:133',
  dash: 'slip44:5',
  verge: 'slip44:77',
  bitcoinGold: 'slip44:156',
  bitcoinSv: 'slip44:236',
} as const satisfies Record<string, ChainId>;

/**
 * Asset tickers as OFAC's SDN list and TagPacks write them, mapped to the chain their addresses live on.
 * Tokens map to the chain that issues them (USDT/USDC to Ethereum); {@link routeAddress} still routes each address
 * by its format, because OFAC's USDT list mixes Omni (Bitcoin), Tron and Ethereum addresses.
 */
export const ASSET_CHAINS: Readonly<Record<string, ChainId>> = {
  XBT: LABEL_CHAINS.bitcoin,
  BTC: LABEL_CHAINS.bitcoin,
  OMNI: LABEL_CHAINS.bitcoin,
  ETH: LABEL_CHAINS.ethereum,
  USDT: LABEL_CHAINS.ethereum,
  USDC: LABEL_CHAINS.ethereum,
  ETC: LABEL_CHAINS.ethereumClassic,
  BSC: LABEL_CHAINS.bsc,
  BEP20: LABEL_CHAINS.bsc,
  BNB: LABEL_CHAINS.bsc,
  ARB: LABEL_CHAINS.arbitrum,
  LTC: LABEL_CHAINS.litecoin,
  DOGE: LABEL_CHAINS.dogecoin,
  BCH: LABEL_CHAINS.bitcoinCash,
  TRX: LABEL_CHAINS.tron,
  XMR: LABEL_CHAINS.monero,
  XRP: LABEL_CHAINS.xrp,
  ZEC: LABEL_CHAINS.zcash,
  DASH: LABEL_CHAINS.dash,
  XVG: LABEL_CHAINS.verge,
  BTG: LABEL_CHAINS.bitcoinGold,
  BSV: LABEL_CHAINS.bitcoinSv,
};

/** Where an address landed, or why it could not be placed on any chain. */
export type RoutedAddress = { readonly chain: ChainId; readonly address: string } | { readonly reason: string };

const EVM = /^0x[0-9a-fA-F]{40}$/;
const TRON = /^T[1-9A-HJ-NP-Za-km-z]{33}$/;

function isTronAddress(text: string): boolean {
  if (!TRON.test(text)) return false;
  const payload = decodeBase58Check(text);
  return typeof payload !== 'string' && payload.length === 21 && payload[0] === 0x41;
}

function tryCanonical(chain: ChainId, text: string): string | undefined {
  try {
    // Sources write EVM addresses in any case, some with checksums that were never computed: the lower-case form
    // is the key either way, so a wrong mixed case must not drop a sanctioned address.
    return canonicalAddress(chain, text, { strictChecksum: false });
  } catch {
    return undefined;
  }
}

/**
 * Places an address from a label source on its chain by its format, with the source's asset as the hint:
 * `0x…` goes to the asset's EVM chain (Ethereum when the asset is not an EVM chain's), a Tron base58check address
 * to Tron, anything else to the asset's chain, and what fails there but is a Bitcoin address (Omni USDT) to Bitcoin.
 *
 * @example
 * routeAddress({ asset: 'XBT', text: 'TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq' }) // { chain: 'tron:27Lqcw', address: 'TUCs…' }
 * routeAddress({ asset: 'USDT', text: '16iWn2J1McqjToYLHSsAyS6En3QA8YQ91H' }) // { chain: 'bip122:0000…', … }
 */
export function routeAddress({ asset, text }: { asset?: string; text: string }): RoutedAddress {
  const trimmed = text.trim();
  const hint = asset === undefined ? undefined : ASSET_CHAINS[asset.toUpperCase()];
  if (trimmed === '') return { reason: 'empty address' };
  if (EVM.test(trimmed)) {
    const chain = hint?.startsWith('eip155:') ? hint : LABEL_CHAINS.ethereum;
    return { chain, address: trimmed.toLowerCase() };
  }
  if (trimmed.startsWith('0x')) return { reason: 'starts with 0x but is not 40 hex digits' };
  if (isTronAddress(trimmed)) return { chain: LABEL_CHAINS.tron, address: trimmed };
  if (hint && !hint.startsWith('eip155:')) {
    const address = tryCanonical(hint, trimmed);
    if (address !== undefined) return { chain: hint, address };
  }
  const bitcoin = tryCanonical(LABEL_CHAINS.bitcoin, trimmed);
  if (bitcoin !== undefined) return { chain: LABEL_CHAINS.bitcoin, address: bitcoin };
  if (hint === undefined) return { reason: `no chain given and "${trimmed}" is neither an EVM, Tron nor Bitcoin address` };
  return { reason: `not a valid ${asset} address (nor EVM, Tron or Bitcoin)` };
}
