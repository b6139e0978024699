import { ChaintrailError } from '../errors/ChaintrailError.ts';
import { throwIfAborted } from '../errors/abort.ts';
import type { TaintPolicyName } from '../trace/policies/types.ts';
import type { CompactGraph } from './CompactGraph.ts';
import { IdMap } from './IdMap.ts';
import { walkNumeric } from './walkNumeric.ts';

const U64_MAX = 0xffffffffffffffffn;

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
  /** Keep, for each address reached, the neighbour that contributed most (for evidence paths; default true). */
  readonly steps?: boolean;
  /** Keep only the totals of the frontier and of unknown origins, not the per-address maps (default false). */
  readonly totalsOnly?: boolean;
  /**
   * Run on doubles when every amount fits below 2^52 (`CompactGraph.fitsDouble`), with exact checks; same results
   * to the unit, several times faster (default true; false forces bigint arithmetic).
   */
  readonly numeric?: boolean;
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
  /** Amounts sitting at the hop limit (empty with `totalsOnly`). */
  readonly frontier: Map<number, bigint>;
  readonly frontierTotal: bigint;
  /** Backward: amounts an address sent beyond what the graph shows it received (origin unknown); forward: kept. */
  readonly unknown: Map<number, bigint>;
  readonly unknownTotal: bigint;
  readonly dust: bigint;
  readonly truncated: bigint;
  readonly edges: number;
  readonly steps: Map<number, CompactStep>;
}

/** Per-graph scratch arrays, reused by every walk (walks are synchronous, so never shared by two at once). */
// Amounts live in BigUint64Arrays, not JS arrays of bigints: storing millions of fresh bigints into an old array
// makes the garbage collector the bottleneck. Amounts of 2^64−1 and above (large wei flows) go to a side Map.
interface Scratch {
  readonly amount: BigUint64Array;
  readonly queued: Uint8Array;
  readonly stepParent: Int32Array;
  readonly stepEdge: Uint32Array;
  readonly stepHop: Uint16Array;
  readonly stepAmount: BigUint64Array;
  readonly big: IdMap<bigint>;
  readonly stepBig: IdMap<bigint>;
}
const scratches = new WeakMap<CompactGraph, Scratch>();

function scratchOf(graph: CompactGraph): Scratch {
  let s = scratches.get(graph);
  if (!s) {
    const n = graph.nodeCount;
    s = {
      amount: new BigUint64Array(n),
      queued: new Uint8Array(n),
      stepParent: new Int32Array(n),
      stepEdge: new Uint32Array(n),
      stepHop: new Uint16Array(n),
      stepAmount: new BigUint64Array(n),
      big: new IdMap(),
      stepBig: new IdMap(),
    };
    scratches.set(graph, s);
  }
  return s;
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
  const LIMIT = 1n << 52n;
  if (
    params.numeric !== false &&
    (params.minValue ?? 0n) < LIMIT &&
    params.from.every((s) => s.amount === undefined || (s.amount >= 0n && s.amount < LIMIT)) &&
    graph.fitsDouble()
  ) {
    return walkNumeric(params);
  }
  const backward = direction === 'backward';
  const poison = policy === 'poison';
  const minValue = params.minValue ?? 0n;
  const maxEdges = params.maxEdges ?? Number.POSITIVE_INFINITY;
  const until = params.until;
  const keepSteps = params.steps ?? true;
  const offsets = backward ? graph.inOffsets : graph.outOffsets;
  const neighbour = backward ? graph.inSource : graph.outTarget;
  const edgeOf = backward ? graph.inEdge : null;
  const values = graph.value;
  const times = graph.time;
  const scratch = scratchOf(graph);
  const { amount: pending, queued, stepParent, stepEdge, stepHop, stepAmount, big, stepBig } = scratch;
  const totalsOnly = params.totalsOnly ?? false;
  let frontierTotal = 0n;
  let unknownTotal = 0n;
  const take = (v: number): bigint => {
    const a = pending[v]!;
    queued[v] = 0;
    pending[v] = 0n;
    if (a !== U64_MAX) return a;
    const b = big.get(v)!;
    big.delete(v);
    return b;
  };
  const put = (v: number, a: bigint): void => {
    if (a >= U64_MAX) {
      pending[v] = U64_MAX;
      big.set(v, a);
    } else pending[v] = a;
  };
  const toFrontier = (v: number, a: bigint): void => {
    frontierTotal += a;
    if (!totalsOnly) add(frontier, v, a);
  };
  const toUnknown = (v: number, a: bigint): void => {
    unknownTotal += a;
    if (!totalsOnly) add(unknown, v, a);
  };
  const stepped: number[] = [];
  const stopped = new Map<number, bigint>();
  const recorded = new Map<number, bigint>();
  const frontier = new Map<number, bigint>();
  const unknown = new Map<number, bigint>();
  let seeded = 0n;
  let absorbed = 0n;
  let dust = 0n;
  let truncated = 0n;
  let edges = 0;
  const add = (map: Map<number, bigint>, id: number, a: bigint) => map.set(id, (map.get(id) ?? 0n) + a);
  const usable = (e: number): boolean => until === undefined || (backward ? times[e]! >= until : times[e]! <= until);
  const totalOf = (v: number): bigint => {
    if (until === undefined) return graph.total(backward ? 'in' : 'out', v);
    let sum = 0n;
    for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
      const e = edgeOf ? edgeOf[k]! : k;
      if (usable(e)) sum += graph.edgeValue(e);
    }
    return sum;
  };

  let level: number[] = [];
  for (const seed of params.from) {
    if (seed.id < 0) continue;
    const a = seed.amount ?? totalOf(seed.id);
    seeded += a;
    if (queued[seed.id] === 0) {
      level.push(seed.id);
      queued[seed.id] = 1;
      put(seed.id, a);
    } else put(seed.id, take(seed.id) + a), (queued[seed.id] = 1);
  }

  try {
    for (let hop = 1; level.length > 0; hop++) {
      throwIfAborted(params.signal);
      // Take this level's amounts out of the scratch array before the next level writes into it.
      const amounts = level.map(take);
      const next: number[] = [];
      for (let i = 0; i < level.length; i++) {
        const v = level[i]!;
        const amount = amounts[i]!;
        // An address with no edges onward keeps what reached it (forward: it still holds it; backward: origin unknown).
        if (offsets[v] === offsets[v + 1]) {
          toUnknown(v, amount);
          continue;
        }
        if (hop > maxHops) {
          toFrontier(v, amount);
          continue;
        }
        if (amount < minValue) {
          dust += amount;
          continue;
        }
        const start = offsets[v]!;
        const end = offsets[v + 1]!;
        if (edges + (end - start) > maxEdges) {
          truncated += amount;
          continue;
        }
        edges += end - start;
        const total = totalOf(v);
        if (total === 0n) {
          toUnknown(v, amount);
          continue;
        }
        let spread = amount;
        if (amount > total) {
          toUnknown(v, amount - total);
          spread = total;
        } else if (poison) {
          absorbed += total - amount;
          spread = total;
        }
        // Cumulative rounding over the usable edges (see apportion); poison passes every edge on in full.
        let cumulative = 0n;
        let given = 0n;
        for (let k = start; k < end; k++) {
          const e = edgeOf ? edgeOf[k]! : k;
          if (until !== undefined && !usable(e)) continue;
          let w = values[e]!;
          if (w === U64_MAX) w = graph.edgeValue(e);
          let share: bigint;
          if (poison || spread === total) share = w;
          else {
            cumulative += w;
            const upTo = (spread * cumulative) / total;
            share = upTo - given;
            given = upTo;
            if (share === 0n) continue;
          }
          const u = neighbour[k]!;
          if (keepSteps) {
            const h = stepHop[u]!;
            if (h === 0 || (h === hop && share > stepAmount[u]! && stepAmount[u]! !== U64_MAX)) {
              if (h === 0) stepped.push(u);
              stepHop[u] = hop;
              stepParent[u] = v;
              stepEdge[u] = e;
              if (share >= U64_MAX) {
                stepAmount[u] = U64_MAX;
                stepBig.set(u, share);
              } else stepAmount[u] = share;
            }
          }
          if (share < minValue) {
            dust += share;
            continue;
          }
          if (classify) {
            const verdict = classify(u);
            if (verdict === 'stop') {
              add(stopped, u, share);
              continue;
            }
            if (verdict === 'record') add(recorded, u, share);
          }
          if (queued[u] === 0) {
            next.push(u);
            queued[u] = 1;
            put(u, share);
          } else {
            const known = pending[u]!;
            put(u, known === U64_MAX ? big.get(u)! + share : known + share);
          }
        }
      }
      level = next;
    }
  } finally {
    for (const v of level) take(v);
  }
  const steps = new Map<number, CompactStep>();
  for (const u of stepped) {
    const a = stepAmount[u]!;
    steps.set(u, { parent: stepParent[u]!, edge: stepEdge[u]!, amount: a === U64_MAX ? (stepBig.get(u) ?? a) : a, hops: stepHop[u]! });
    stepHop[u] = 0;
    stepAmount[u] = 0n;
  }
  stepBig.clear();
  return { seeded, absorbed, stopped, recorded, frontier, frontierTotal, unknown, unknownTotal, dust, truncated, edges, steps };
}
