import { ChaintrailError } from '../errors/ChaintrailError.ts';
import { throwIfAborted } from '../errors/abort.ts';
import type { Category } from '../labels/types.ts';
import { nativeAsset } from '../model/caip.ts';
import { traceAccount } from './account.ts';
import { TraceBook } from './book.ts';
import { entityResolver } from './entities.ts';
import { Fetcher } from './fetcher.ts';
import { taintPolicy } from './policies/index.ts';
import type { TraceParameters, TraceResult, TraceSeed } from './types.ts';
import { traceUtxo } from './utxo.ts';
import { canTraceOnIndex, traceIndex } from './traceIndex.ts';

/** Categories a trace stops at unless told otherwise: an exchange is where funds are cashed out, and asked about. */
export const DEFAULT_STOP_AT: readonly Category[] = ['exchange'];

/**
 * Follows funds forward (where did they go) or backward (where did they come from) under an explicit taint policy
 * (poison, haircut or FIFO; see the policies' sources), with exact bigint amounts. Reads data only through the
 * `DataSource`, so the same trace runs on an in-memory block, a store or a remote node, expanding lazily; with an
 * `index` (the compact address graph), haircut and poison traces from addresses run on it instead.
 *
 * Stops at the hop limit, at `minValue` (dust, dropped and counted), at `stopAt` entities (default: exchanges, which
 * are reported with the taint they received), at the `until` bound and when the `budget` runs out (what was not
 * followed is listed in `truncated`). The books always balance:
 * `seeded + absorbed = frontier + fees + dust + stopped + truncated`.
 *
 * @example
 * const result = await trace({ source, from: ['<txid>:0'], policy: 'haircut', maxHops: 5, labels })
 * for (const f of result.frontier) console.log(f.address, f.taint)
 */
export async function trace(params: TraceParameters): Promise<TraceResult> {
  throwIfAborted(params.signal);
  const policy = taintPolicy(params.policy);
  const direction = params.direction ?? 'forward';
  if (direction !== 'forward' && direction !== 'backward') {
    throw new ChaintrailError('INVALID_ARGUMENT', `Unknown trace direction "${String(direction)}": use forward or backward.`);
  }
  const maxHops = params.maxHops ?? 10;
  if (!Number.isInteger(maxHops) || maxHops < 0) throw new ChaintrailError('INVALID_ARGUMENT', `maxHops must be a whole number ≥ 0, got ${maxHops}.`);
  const given: readonly TraceSeed[] = Array.isArray(params.from) ? (params.from as readonly TraceSeed[]) : [params.from as TraceSeed];
  if (given.length === 0) throw new ChaintrailError('INVALID_ARGUMENT', 'A trace needs at least one seed in `from`.');
  const seeds = given.map((seed) => expandCategorySeed(seed, params));
  const chain = params.source?.chain ?? params.index?.chain;
  if (!chain) throw new ChaintrailError('INVALID_ARGUMENT', 'A trace needs a `source` (or an `index`).');
  const resolve = entityResolver({ chain, labels: params.labels, clustering: params.clustering });
  const stopAt = new Set(params.stopAt ?? DEFAULT_STOP_AT);
  if (params.index && canTraceOnIndex(params, seeds, policy.name)) {
    return traceIndex({ params, index: params.index, seeds, policy: policy.name, direction, maxHops, stopAt, resolve });
  }
  const source = params.source;
  if (!source) {
    throw new ChaintrailError('INVALID_ARGUMENT', 'This trace needs a `source`: the compact index answers only haircut and poison traces from addresses.', {
      meta: { policy: policy.name },
    });
  }
  const book = new TraceBook({
    resolve,
    stopAt,
    minValue: params.minValue ?? 0n,
    maxHops,
  });
  const fetcher = new Fetcher({
    concurrency: params.concurrency ?? 8,
    maxFetches: params.budget?.fetches ?? Number.POSITIVE_INFINITY,
    signal: params.signal,
  });
  const maxNodes = params.budget?.nodes ?? Number.POSITIVE_INFINITY;
  const common = {
    seeds,
    direction,
    policy,
    until: params.until,
    maxNodes,
    taintFees: params.taintFees ?? false,
    clustering: params.clustering,
    fetcher,
    book,
    signal: params.signal,
    onProgress: params.onProgress,
  };
  const nodes =
    source.model === 'utxo'
      ? await traceUtxo({ ...common, source })
      : await traceAccount({ ...common, source, asset: params.asset ?? nativeAsset(source.chain) });
  return {
    policy: policy.name,
    direction,
    chain: source.chain,
    frontier: book.frontier(),
    reached: book.reached(),
    paths: book.paths(params.maxPaths ?? 10),
    totals: book.totalsSnapshot(),
    dust: { ...book.dust },
    truncated: book.truncation(fetcher.fetches, nodes),
    stats: { fetches: fetcher.fetches, nodes, maxHops: book.maxHopsSeen },
    graph: params.graph === false ? null : book.graph(),
  };
}

/** A label store that can list the addresses it labels on a chain (`LabelStore` can). */
interface ListingLabels {
  addresses(chain: string): Iterable<string>;
}

function expandCategorySeed(seed: TraceSeed, params: TraceParameters): TraceSeed {
  if (typeof seed !== 'object' || !('category' in seed)) return seed;
  const labels = params.labels as (TraceParameters['labels'] & Partial<ListingLabels>) | undefined;
  const chain = params.source?.chain ?? params.index?.chain;
  if (!labels || typeof labels.addresses !== 'function' || !chain) {
    throw new ChaintrailError('INVALID_ARGUMENT', `A category seed (${seed.category}) needs \`labels\` that can list their addresses, such as a LabelStore.`);
  }
  const addresses: string[] = [];
  for (const address of labels.addresses(chain)) {
    if (labels.lookup(chain, address).some((l) => l.category === seed.category && (seed.entity === undefined || l.entity === seed.entity))) addresses.push(address);
  }
  if (addresses.length === 0) {
    throw new ChaintrailError('NOT_FOUND', `No address on ${chain} is labelled ${seed.category}${seed.entity ? ` (${seed.entity})` : ''}.`, { meta: { chain, category: seed.category } });
  }
  return { addresses: addresses.sort(), name: seed.entity ?? seed.category };
}
