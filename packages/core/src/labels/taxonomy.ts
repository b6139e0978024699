import { type Category, isCategory } from './types.ts';

/**
 * How each source's own categories map onto chaintrail's taxonomy (documented in the README, "Labels and entities").
 * Keys are lower case. A source text not listed falls back to `other`, and the original text stays on the label as
 * `sourceCategory`, so nothing is lost by the mapping.
 */
export const CATEGORY_MAP: Readonly<Record<string, Category>> = {
  // GraphSense entity taxonomy (`category`)
  exchange: 'exchange',
  miner: 'mining_pool',
  mining_service: 'mining_pool',
  mixing_service: 'mixer',
  coinjoin: 'coinjoin',
  market: 'darknet_market',
  gambling: 'gambling',
  defi: 'defi',
  defi_dex: 'defi',
  defi_lending: 'defi',
  defi_bridge: 'bridge',
  bridge: 'bridge',
  payment_processor: 'payment_processor',
  service: 'service',
  wallet_service: 'service',
  hosted_wallet: 'service',
  user: 'user',
  // a token issuer's freeze list (Tether's USDT blacklist) is not a sanctions list
  black_list: 'other',
  // GraphSense abuse taxonomy (`abuse`): wins over `category` because it is the risk a screening cares about
  sanction: 'sanctioned',
  ransomware: 'ransomware',
  scam: 'scam',
  phishing: 'scam',
  ponzi_scheme: 'scam',
  pyramid_scheme: 'scam',
  investment_fraud: 'scam',
  service_hack: 'theft',
  hack: 'theft',
  theft: 'theft',
  // Etherscan label slugs
  'ofac-sanctions-lists': 'sanctioned',
  'ofac-sanctioned': 'sanctioned',
  'tornado-cash': 'mixer',
  'ethereum-mixer': 'mixer',
  mixer: 'mixer',
  'exploit': 'theft',
  'heist': 'theft',
  'hack-attacker': 'theft',
  phish: 'scam',
  'phish-hack': 'scam',
  'fake_phishing': 'scam',
  'scam-token': 'scam',
  'mining-pool': 'mining_pool',
  mining: 'mining_pool',
  'bridge-contract': 'bridge',
  'dex': 'defi',
  'lending': 'defi',
  'uniswap': 'defi',
  'sushiswap': 'defi',
  'balancer': 'defi',
  'curve-fi': 'defi',
  'aave': 'defi',
  'compound': 'defi',
  'bancor': 'defi',
  'rocket-pool': 'defi',
  'yield-farming': 'defi',
  'yearn-finance': 'defi',
  'lido': 'defi',
  'kyberswap': 'defi',
  'dydx': 'defi',
  '0x-protocol': 'defi',
  'gambling-contract': 'gambling',
  'payments': 'payment_processor',
};

/**
 * Etherscan exchange slugs: an account carrying one of these (e.g. `binance`, `kraken`) is an exchange wallet.
 * Etherscan names exchanges by slug rather than by a category.
 */
export const EXCHANGE_SLUGS: ReadonlySet<string> = new Set([
  'exchange',
  'binance',
  'coinbase',
  'kraken',
  'bitfinex',
  'huobi',
  'okx',
  'okex',
  'kucoin',
  'gemini',
  'ftx',
  'bittrex',
  'poloniex',
  'bitstamp',
  'gate-io',
  'crypto-com',
  'bybit',
  'bitmex',
  'upbit',
  'hitbtc',
  'mexc',
  'bithumb',
]);

/** Ranking used to pick one category among several a record carries: the riskiest statement wins. */
const PRECEDENCE: readonly Category[] = [
  'sanctioned',
  'ransomware',
  'theft',
  'darknet_market',
  'mixer',
  'scam',
  'coinjoin',
  'gambling',
  'exchange',
  'mining_pool',
  'bridge',
  'payment_processor',
  'defi',
  'service',
  'user',
  'other',
];

/**
 * Maps one source category text onto chaintrail's taxonomy, or undefined when the text is not known.
 *
 * @example
 * mapCategory('mixing_service') // 'mixer'
 * mapCategory('binance')        // 'exchange'
 */
export function mapCategory(text: string): Category | undefined {
  const key = text.trim().toLowerCase();
  if (isCategory(key)) return key;
  const mapped = CATEGORY_MAP[key];
  if (mapped) return mapped;
  if (EXCHANGE_SLUGS.has(key)) return 'exchange';
  return undefined;
}

/**
 * The one category of a record that carries several source categories (Etherscan label lists, a TagPack tag with
 * both `category` and `abuse`): the riskiest mapped one, or `fallback` when none maps.
 *
 * @example
 * pickCategory(['token-contract', 'binance']) // 'exchange'
 */
export function pickCategory(texts: Iterable<string>, fallback: Category = 'other'): Category {
  let best = PRECEDENCE.length;
  for (const text of texts) {
    const mapped = mapCategory(text);
    if (mapped === undefined) continue;
    const rank = PRECEDENCE.indexOf(mapped);
    if (rank < best) best = rank;
  }
  return PRECEDENCE[best] ?? fallback;
}
