import { MultiDirectedGraph } from 'graphology';
import { ChaintrailError } from '../errors/ChaintrailError.ts';
import type { CompactGraph } from '../index/CompactGraph.ts';
import { walkCompact } from '../index/walkCompact.ts';
import type { Category } from '../labels/types.ts';
import { cmpBig, cmpStr } from './book.ts';
import type { ResolvedEntity } from './entities.ts';
import type { TaintPolicyName } from './policies/types.ts';
import type { FrontierEntry, PathHop, ReachedEntity, TraceParameters, TracePath, TraceResult, TraceSeed } from './types.ts';

/** True when a trace can run on the compact index: haircut or poison from addresses (or clusters) only. */
export function canTraceOnIndex(params: TraceParameters, seeds: readonly TraceSeed[], policy: TaintPolicyName): boolean {
  if (!params.index || policy === 'fifo' || params.taintFees) return false;
  if (params.source && params.source.chain !== params.index.chain) return false;
  return seeds.every((s) =>
    typeof s === 'string' ? !/^[0-9a-fA-F]{64}:\d+$/.test(s) && !/^0x[0-9a-fA-F]{64}$/.test(s) : 'address' in s || 'addresses' in s || 'cluster' in s,
  );
}

/**
 * `trace()` on the compact address graph: the same policies (haircut, poison) and rounding, address by address
 * instead of output by output, with no fetches. Frontier entries are addresses (`txid` empty, `vout` -1).
 */
export function traceIndex(p: {
  readonly params: TraceParameters;
  readonly index: CompactGraph;
  readonly seeds: readonly TraceSeed[];
  readonly policy: TaintPolicyName;
  readonly direction: 'forward' | 'backward';
  readonly maxHops: number;
  readonly stopAt: ReadonlySet<Category>;
  readonly resolve: (address: string) => ResolvedEntity | undefined;
}): TraceResult {
  const { params, index, resolve, stopAt } = p;
  const addresses: string[] = [];
  for (const s of p.seeds) {
    if (typeof s === 'string') addresses.push(s);
    else if ('address' in s) addresses.push(s.address);
    else if ('addresses' in s) addresses.push(...s.addresses);
    else if ('cluster' in s) {
      if (!params.clustering) throw new ChaintrailError('INVALID_ARGUMENT', `Seed cluster ${s.cluster} needs a clustering.`);
      addresses.push(...params.clustering.members(s.cluster));
    }
  }
  const ids = [...new Set(addresses.map((a) => index.id(a)).filter((id) => id >= 0))].sort((a, b) => a - b);
  const untilHeight = params.until?.height;
  const walk = walkCompact({
    graph: index,
    from: ids.map((id) => ({ id })),
    direction: p.direction,
    policy: p.policy,
    maxHops: p.maxHops,
    ...(params.minValue !== undefined ? { minValue: params.minValue } : {}),
    ...(params.budget?.nodes !== undefined ? { maxEdges: params.budget.nodes } : {}),
    ...(untilHeight !== undefined ? { until: untilHeight } : {}),
    ...(params.signal ? { signal: params.signal } : {}),
    classify: (id) => {
      const entity = resolve(index.address(id));
      if (!entity) return undefined;
      return [...entity.categories].some((c) => stopAt.has(c)) ? 'stop' : 'record';
    },
  });
  const hopsOf = (id: number) => walk.steps.get(id)?.hops ?? 0;
  const frontier: FrontierEntry[] = [];
  const push = (map: Map<number, bigint>, status: FrontierEntry['status']) => {
    for (const [id, taint] of map) frontier.push({ txid: '', vout: -1, address: index.address(id), value: taint, taint, hops: hopsOf(id), status });
  };
  push(walk.frontier, 'hops');
  push(walk.unknown, p.direction === 'backward' ? 'unknown' : 'unspent');
  frontier.sort((a, b) => cmpBig(b.taint, a.taint) || cmpStr(a.address, b.address));

  const reached = new Map<string, { entity: string; category: Category; taint: bigint; stopped: boolean; addresses: Set<string>; evidence: ReachedEntity['evidence'][number][]; hops: number }>();
  for (const [map, stopped] of [[walk.stopped, true], [walk.recorded, false]] as const) {
    for (const [id, taint] of map) {
      const address = index.address(id);
      const entity = resolve(address)!;
      for (const category of [...entity.categories].sort()) {
        const name = entity.name(category);
        const key = `${category}\u0000${name}`;
        const r = reached.get(key) ?? { entity: name, category, taint: 0n, stopped: stopAt.has(category) && stopped, addresses: new Set(), evidence: [], hops: hopsOf(id) };
        r.taint += taint;
        r.hops = Math.min(r.hops, hopsOf(id));
        if (!r.addresses.has(address)) {
          r.addresses.add(address);
          r.evidence.push(...entity.evidence.filter((e) => e.category === category));
        }
        reached.set(key, r);
      }
    }
  }
  const reachedList: ReachedEntity[] = [...reached.values()]
    .map((r) => ({ ...r, addresses: [...r.addresses].sort() }))
    .sort((a, b) => cmpBig(b.taint, a.taint) || cmpStr(a.category, b.category) || cmpStr(a.entity, b.entity));

  const ends = [
    ...[...walk.stopped].map(([id, amount]) => ({ id, amount, end: 'entity' as const })),
    ...[...walk.frontier].map(([id, amount]) => ({ id, amount, end: 'frontier' as const })),
  ]
    .sort((a, b) => (a.end === b.end ? 0 : a.end === 'entity' ? -1 : 1) || cmpBig(b.amount, a.amount) || a.id - b.id)
    .slice(0, params.maxPaths ?? 10);
  const paths: TracePath[] = ends.map(({ id, amount, end }) => {
    const hops: PathHop[] = [];
    const seen = new Set<number>();
    for (let at: number | undefined = id; at !== undefined && !seen.has(at); ) {
      seen.add(at);
      const step = walk.steps.get(at);
      const label = resolve(index.address(at))?.evidence[0];
      hops.push({ txid: '', vout: -1, address: index.address(at), amount: at === id ? amount : (step?.amount ?? walk.seeded), ...(label ? { label } : {}) });
      at = step?.parent;
    }
    return { amount, end, hops: hops.reverse() };
  });

  let graph: TraceResult['graph'] = null;
  if (params.graph !== false) {
    const g = new MultiDirectedGraph({ allowSelfLoops: true });
    for (const [u, step] of [...walk.steps].sort((a, b) => a[0] - b[0])) {
      const [from, to] = p.direction === 'backward' ? [u, step.parent] : [step.parent, u];
      for (const id of [from, to]) if (!g.hasNode(`addr:${index.address(id)}`)) g.addNode(`addr:${index.address(id)}`, { kind: 'address', address: index.address(id) });
      g.addEdge(`addr:${index.address(from)}`, `addr:${index.address(to)}`, { taint: step.amount, value: index.edgeValue(step.edge), time: index.time[step.edge] });
    }
    graph = g;
  }
  const sum = (m: Map<number, bigint>) => [...m.values()].reduce((s, v) => s + v, 0n);
  return {
    policy: p.policy,
    direction: p.direction,
    chain: index.chain,
    frontier,
    reached: reachedList,
    paths,
    totals: {
      seeded: walk.seeded,
      absorbed: walk.absorbed,
      frontier: walk.frontierTotal + walk.unknownTotal,
      fees: 0n,
      dust: walk.dust,
      stopped: sum(walk.stopped),
      truncated: walk.truncated,
    },
    dust: { count: 0, taint: walk.dust },
    truncated: walk.truncated > 0n ? { reason: 'budget', fetches: 0, nodes: walk.edges, pending: [], taint: walk.truncated } : null,
    stats: { fetches: 0, nodes: walk.edges, maxHops: Math.max(0, ...[...walk.steps.values()].map((s) => s.hops)) },
    graph,
  };
}
