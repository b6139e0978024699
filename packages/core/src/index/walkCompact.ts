import { ChaintrailError } from '../errors/ChaintrailError.ts';
import { throwIfAborted } from '../errors/abort.ts';
import type { TaintPolicyName } from '../trace/policies/types.ts';
import type { CompactGraph } from './CompactGraph.ts';

/** What the walk asks of each address it reaches: record it (labelled) and whether to stop there. */
export type CompactClassifier = (id: number) => 'stop' | 'record' | undefined;

export interface WalkCompactParameters {
  readonly graph: CompactGraph;
  /** Seed address ids, each with the amount to trace (default: all it received (backward) or sent (forward)). */
  readonly from: readonly { readonly id: number; readonly amount?: bigint }[];
  readonly direction: 'forward' | 'backward';
  readonly policy: TaintPolicyName;
  readonly maxHops: number;
  readonly classify?: CompactClassifier;
  /** Amounts below this on an address are dropped as dust (default 0). */
  readonly minValue?: bigint;
  /** Most edges to read before stopping with `truncated` (default unlimited). */
  readonly maxEdges?: number;
  /** Ignore edges with a time above (forward) or below (backward) this. */
  readonly until?: number;
  readonly signal?: AbortSignal;
}

/** Where an address's amount came from on the walk: the neighbour and edge of the largest contribution. */
export interface CompactStep {
  readonly parent: number;
  readonly edge: number;
  readonly amount: bigint;
  readonly hops: number;
}

/**
 * What a walk found, by address id. `seeded + absorbed = Σ stopped + Σ frontier + Σ unknown + dust + truncated`.
 */
export interface WalkCompactResult {
  readonly seeded: bigint;
  readonly absorbed: bigint;
  /** Amounts that reached addresses the classifier stopped at. */
  readonly stopped: Map<number, bigint>;
  /** Amounts that passed through recorded (labelled, not stopping) addresses. */
  readonly recorded: Map<number, bigint>;
  /** Amounts sitting at the hop limit. */
  readonly frontier: Map<number, bigint>;
  /** Backward: amounts an address sent beyond what the graph shows it received (origin unknown); forward: kept. */
  readonly unknown: Map<number, bigint>;
  readonly dust: bigint;
  readonly truncated: bigint;
  readonly edges: number;
  readonly steps: Map<number, CompactStep>;
}

/**
 * Haircut (or poison) propagation over the compact address graph, level by level up to `maxHops`. At each address,
 * the amount is split over its in-edges (backward) or out-edges (forward) in proportion to their values, with the
 * same cumulative rounding as `apportion`, so the books balance to the unit. Walks are time-agnostic (an
 * address's whole history is one pool), as in GraphSense's address-graph exposure; FIFO needs the order of each
 * account's flows and runs only through `trace()`.
 *
 * @example
 * const r = walkCompact({ graph, from: [{ id: graph.id(address) }], direction: 'backward', policy: 'haircut', maxHops: 3 })
 */
export function walkCompact(params: WalkCompactParameters): WalkCompactResult {
  const { graph, direction, policy, maxHops, classify } = params;
  if (policy === 'fifo') {
    throw new ChaintrailError('UNSUPPORTED', 'FIFO needs each account’s ordered flows: run it with trace() over a DataSource, not on the compact index.');
  }
  const backward = direction === 'backward';
  const poison = policy === 'poison';
  const minValue = params.minValue ?? 0n;
  const maxEdges = params.maxEdges ?? Number.POSITIVE_INFINITY;
  const until = params.until;
  const offsets = backward ? graph.inOffsets : graph.outOffsets;
  const neighbour = backward ? graph.inSource : graph.outTarget;
  const edgeOf = backward ? graph.inEdge : null;
  const values = graph.value;
  const times = graph.time;
  const result = {
    seeded: 0n,
    absorbed: 0n,
    stopped: new Map<number, bigint>(),
    recorded: new Map<number, bigint>(),
    frontier: new Map<number, bigint>(),
    unknown: new Map<number, bigint>(),
    dust: 0n,
    truncated: 0n,
    edges: 0,
    steps: new Map<number, CompactStep>(),
  };
  const add = (map: Map<number, bigint>, id: number, amount: bigint) => map.set(id, (map.get(id) ?? 0n) + amount);
  const valueOf = (e: number): bigint => {
    const v = values[e]!;
    return v === 0xffffffffffffffffn ? graph.edgeValue(e) : v;
  };
  const usable = (e: number): boolean =>
    until === undefined || (backward ? times[e]! >= until : times[e]! <= until);

  let level = new Map<number, bigint>();
  for (const seed of params.from) {
    if (seed.id < 0) continue;
    let amount = seed.amount;
    if (amount === undefined) {
      amount = 0n;
      for (let k = offsets[seed.id]!; k < offsets[seed.id + 1]!; k++) {
        const e = edgeOf ? edgeOf[k]! : k;
        if (usable(e)) amount += valueOf(e);
      }
    }
    result.seeded += amount;
    add(level, seed.id, amount);
  }

  for (let hop = 1; level.size > 0; hop++) {
    throwIfAborted(params.signal);
    const next = new Map<number, bigint>();
    // Deterministic order: ascending id.
    const ids = [...level.keys()].sort((a, b) => a - b);
    for (const v of ids) {
      const amount = level.get(v)!;
      if (hop > maxHops) {
        add(result.frontier, v, amount);
        continue;
      }
      const start = offsets[v]!;
      const end = offsets[v + 1]!;
      if (result.edges + (end - start) > maxEdges) {
        result.truncated += amount;
        continue;
      }
      result.edges += end - start;
      let total = 0n;
      for (let k = start; k < end; k++) {
        const e = edgeOf ? edgeOf[k]! : k;
        if (usable(e)) total += valueOf(e);
      }
      if (total === 0n) {
        add(result.unknown, v, amount);
        continue;
      }
      let spread = amount;
      if (poison) {
        result.absorbed += total > amount ? total - amount : 0n;
        if (amount > total) add(result.unknown, v, amount - total);
        spread = total;
      } else if (amount > total) {
        add(result.unknown, v, amount - total);
        spread = total;
      }
      // Cumulative rounding over the usable edges (see apportion).
      let cumulative = 0n;
      let given = 0n;
      for (let k = start; k < end; k++) {
        const e = edgeOf ? edgeOf[k]! : k;
        if (!usable(e)) continue;
        const w = valueOf(e);
        cumulative += w;
        const upTo = poison ? cumulative : (spread * cumulative) / total;
        const share = upTo - given;
        given = upTo;
        if (share === 0n) continue;
        const u = neighbour[k]!;
        const known = result.steps.get(u);
        if (!known || (known.hops === hop && share > known.amount)) result.steps.set(u, { parent: v, edge: e, amount: share, hops: hop });
        if (share < minValue) {
          result.dust += share;
          continue;
        }
        const verdict = classify?.(u);
        if (verdict === 'stop') {
          add(result.stopped, u, share);
          continue;
        }
        if (verdict === 'record') add(result.recorded, u, share);
        add(next, u, share);
      }
    }
    level = next;
  }
  return result;
}
