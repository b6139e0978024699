import { routeAddress } from '../chains.ts';
import type { Label } from '../types.ts';
import { lineLocator } from './lineLocator.ts';
import { baseName, excerpt, type LoaderParameters, type LoadIssue, type LoadResult } from './types.ts';
import { parseJsonFile, UNPARSED } from './parseJsonFile.ts';

/** One mining pool: the coinbase tags it writes and the addresses it pays itself to. */
export interface MiningPool {
  readonly id: string;
  readonly name: string;
  readonly link?: string;
  /** Substrings of the coinbase scriptSig (UTF-8) the pool writes. */
  readonly tags: readonly string[];
  /** Canonical Bitcoin payout addresses. */
  readonly addresses: readonly string[];
  /** The file the pool came from. */
  readonly source: string;
}

/** Pools indexed for coinbase attribution: tags as hex (longest first) and payout addresses. */
export interface PoolSet {
  readonly pools: readonly MiningPool[];
  /** Every tag as the hex of its UTF-8 bytes, longest first so the most specific tag wins. */
  readonly tags: readonly { readonly tag: string; readonly hex: string; readonly pool: MiningPool }[];
  readonly byAddress: ReadonlyMap<string, MiningPool>;
}

export interface LoadPoolsResult extends LoadResult {
  readonly pools: PoolSet;
}

interface RawPool {
  id?: unknown;
  name?: unknown;
  link?: unknown;
  tags?: unknown;
  addresses?: unknown;
}

const hexOf = (text: string): string => Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Indexes pools for {@link attributeCoinbase}; pools of several files may be combined (the first file's pool wins an
 * address or tag both claim).
 *
 * @example
 * const set = poolSet([...a.pools.pools, ...b.pools.pools]);
 */
export function poolSet(pools: readonly MiningPool[]): PoolSet {
  const tags: { tag: string; hex: string; pool: MiningPool }[] = [];
  const seenTags = new Set<string>();
  const byAddress = new Map<string, MiningPool>();
  for (const pool of pools) {
    for (const tag of pool.tags) {
      if (tag === '' || seenTags.has(tag)) continue;
      seenTags.add(tag);
      tags.push({ tag, hex: hexOf(tag), pool });
    }
    for (const address of pool.addresses) if (!byAddress.has(address)) byAddress.set(address, pool);
  }
  tags.sort((a, b) => b.hex.length - a.hex.length);
  return { pools, tags, byAddress };
}

/**
 * Loads mining pool definitions: `pool-list.json` / `pools-v2.json` (`[{id, name, addresses, tags, link}]`, as kept by
 * bitcoin-data/mining-pools and mempool) or the legacy `pools.json` (`{coinbase_tags: {tag: {name, link}},
 * payout_addresses: {address: {name, link}}}`). Returns the pools, indexed for coinbase attribution, and a
 * `mining_pool` label per payout address.
 *
 * @example
 * const { pools } = loadPools({ file: 'pool-list.json', text: readFileSync('pool-list.json', 'utf8') });
 */
export function loadPools({ text, file }: LoaderParameters): LoadPoolsResult {
  const source = `pools:${baseName(file)}`;
  const issues: LoadIssue[] = [];
  const parsed = parseJsonFile({ text, file, issues });
  if (parsed === UNPARSED) return { labels: [], issues, pools: poolSet([]) };
  const raw: RawPool[] = [];
  if (Array.isArray(parsed)) raw.push(...(parsed as RawPool[]));
  else if (parsed !== null && typeof parsed === 'object' && ('coinbase_tags' in parsed || 'payout_addresses' in parsed)) {
    // The legacy file keys everything by tag or address; pools are the names both maps point at.
    const byName = new Map<string, { name: string; link?: unknown; tags: string[]; addresses: string[] }>();
    const entry = (value: unknown) => {
      const v = (value ?? {}) as { name?: unknown; link?: unknown };
      const name = typeof v.name === 'string' ? v.name : '';
      let pool = byName.get(name);
      if (!pool) byName.set(name, (pool = { name, link: v.link, tags: [], addresses: [] }));
      return pool;
    };
    const legacy = parsed as { coinbase_tags?: Record<string, unknown>; payout_addresses?: Record<string, unknown> };
    for (const [tag, value] of Object.entries(legacy.coinbase_tags ?? {})) entry(value).tags.push(tag);
    for (const [address, value] of Object.entries(legacy.payout_addresses ?? {})) entry(value).addresses.push(address);
    for (const pool of byName.values()) raw.push({ id: pool.name, ...pool });
  } else {
    issues.push({ file, line: null, kind: 'rejected', reason: 'expected a pool list array or a {coinbase_tags, payout_addresses} object' });
    return { labels: [], issues, pools: poolSet([]) };
  }
  const pools: MiningPool[] = [];
  const labels: Label[] = [];
  let locate: ((needle: string) => number) | undefined;
  for (const [i, p] of raw.entries()) {
    if (p === null || typeof p !== 'object' || typeof p.name !== 'string' || p.name === '') {
      issues.push({ file, line: null, kind: 'rejected', reason: `pool #${i} has no name`, text: excerpt(JSON.stringify(p) ?? '') });
      continue;
    }
    const tags = Array.isArray(p.tags) ? p.tags.filter((t): t is string => typeof t === 'string') : [];
    const addresses: string[] = [];
    for (const a of Array.isArray(p.addresses) ? p.addresses : []) {
      const routed = typeof a === 'string' ? routeAddress({ asset: 'BTC', text: a }) : { reason: 'not a string' };
      if ('reason' in routed || !routed.chain.startsWith('bip122:000000000019d6689c085ae165831e93')) {
        locate ??= lineLocator(text);
        const line = locate(JSON.stringify(String(a))) || null;
        issues.push({ file, line, kind: 'rejected', reason: `${p.name}: payout address is not a Bitcoin mainnet address`, text: excerpt(String(a)) });
        continue;
      }
      addresses.push(routed.address);
      labels.push({
        chain: routed.chain,
        address: routed.address,
        category: 'mining_pool',
        entity: p.name,
        sourceCategory: 'payout address',
        source,
        confidence: 80,
        record: { id: p.id, name: p.name, address: a, link: p.link },
      });
    }
    pools.push({
      id: String(p.id ?? p.name),
      name: p.name,
      ...(typeof p.link === 'string' ? { link: p.link } : {}),
      tags,
      addresses,
      source,
    });
  }
  return { labels, issues, pools: poolSet(pools) };
}
