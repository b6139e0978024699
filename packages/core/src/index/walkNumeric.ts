import { throwIfAborted } from '../errors/abort.ts';
import type { CompactGraph } from './CompactGraph.ts';
import type { CompactStep, WalkCompactParameters, WalkCompactResult } from './walkCompact.ts';

const TWO_32 = 4294967296;
const TWO_M50 = 2 ** -50;

/** Scratch per graph for the double-precision walk (see walkCompact's). */
interface NumericScratch {
  readonly amount: Float64Array;
  readonly queued: Uint8Array;
  readonly stepParent: Int32Array;
  readonly stepEdge: Uint32Array;
  readonly stepHop: Uint16Array;
  readonly stepAmount: Float64Array;
}
const scratches = new WeakMap<CompactGraph, NumericScratch>();

/**
 * `floor(a·c / t)` for integers `a ≤ t`, `c ≤ t`, all below 2^53, exactly. The double quotient is within
 * `a·2^-52` of the true one, so its floor is right unless its fraction lies within that of an integer; then (rarely)
 * the division is redone in bigint.
 */
export function floorMulDiv(a: number, c: number, t: number): number {
  const q = (a * c) / t;
  const f = Math.floor(q);
  const frac = q - f;
  const delta = a * TWO_M50 + 1e-9;
  if (frac > delta && frac < 1 - delta) return f;
  return Number((BigInt(a) * BigInt(c)) / BigInt(t));
}

/**
 * The walk of `walkCompact` on doubles, for graphs whose totals fit below 2^53 (`CompactGraph.fitsDouble`): the
 * same levels, the same cumulative rounding, the same results to the unit, without allocating a bigint per edge.
 * Values are read from the BigUint64Array through a Uint32 view of the same bytes.
 */
export function walkNumeric(params: WalkCompactParameters): WalkCompactResult {
  const { graph, direction, policy, maxHops, classify } = params;
  const backward = direction === 'backward';
  const poison = policy === 'poison';
  const minValue = Number(params.minValue ?? 0n);
  const maxEdges = params.maxEdges ?? Number.POSITIVE_INFINITY;
  const until = params.until;
  const keepSteps = params.steps ?? true;
  const totalsOnly = params.totalsOnly ?? false;
  const offsets = backward ? graph.inOffsets : graph.outOffsets;
  const neighbour = backward ? graph.inSource : graph.outTarget;
  const edgeOf = backward ? graph.inEdge : null;
  const words = new Uint32Array(graph.value.buffer, graph.value.byteOffset, graph.value.length * 2);
  const times = graph.time;
  let s = scratches.get(graph);
  if (!s) {
    const n = graph.nodeCount;
    s = {
      amount: new Float64Array(n),
      queued: new Uint8Array(n),
      stepParent: new Int32Array(n),
      stepEdge: new Uint32Array(n),
      stepHop: new Uint16Array(n),
      stepAmount: new Float64Array(n),
    };
    scratches.set(graph, s);
  }
  const { amount: pending, queued, stepParent, stepEdge, stepHop, stepAmount } = s;
  const stepped: number[] = [];
  const stopped = new Map<number, bigint>();
  const recorded = new Map<number, bigint>();
  const frontier = new Map<number, bigint>();
  const unknown = new Map<number, bigint>();
  // Sums kept as doubles while exact, folded into bigints before they could lose a unit.
  const sums = { seeded: 0n, absorbed: 0n, dust: 0n, truncated: 0n, frontier: 0n, unknown: 0n };
  const acc = { absorbed: 0, dust: 0, truncated: 0, frontier: 0, unknown: 0 };
  const bump = (key: keyof typeof acc, x: number) => {
    const next = acc[key] + x;
    if (next < 2 ** 52) acc[key] = next;
    else {
      sums[key] += BigInt(acc[key]) + BigInt(x);
      acc[key] = 0;
    }
  };
  const add = (map: Map<number, bigint>, id: number, a: number) => map.set(id, (map.get(id) ?? 0n) + BigInt(a));
  const usable = (e: number): boolean => until === undefined || (backward ? times[e]! >= until : times[e]! <= until);
  const valueOf = (e: number): number => words[2 * e + 1]! * TWO_32 + words[2 * e]!;
  const totalOf = (v: number): number => {
    if (until === undefined) return Number(graph.total(backward ? 'in' : 'out', v));
    let sum = 0;
    for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
      const e = edgeOf ? edgeOf[k]! : k;
      if (usable(e)) sum += valueOf(e);
    }
    return sum;
  };
  let edges = 0;
  let level: number[] = [];
  for (const seed of params.from) {
    if (seed.id < 0) continue;
    const a = seed.amount !== undefined ? Number(seed.amount) : totalOf(seed.id);
    sums.seeded += seed.amount ?? BigInt(a);
    if (queued[seed.id] === 0) {
      level.push(seed.id);
      queued[seed.id] = 1;
      pending[seed.id] = a;
    } else pending[seed.id]! += a;
  }
  try {
    for (let hop = 1; level.length > 0; hop++) {
      throwIfAborted(params.signal);
      const amounts = level.map((v) => {
        const a = pending[v]!;
        pending[v] = 0;
        queued[v] = 0;
        return a;
      });
      const next: number[] = [];
      for (let i = 0; i < level.length; i++) {
        const v = level[i]!;
        const amount = amounts[i]!;
        const start = offsets[v]!;
        const end = offsets[v + 1]!;
        if (start === end) {
          bump('unknown', amount);
          if (!totalsOnly) add(unknown, v, amount);
          continue;
        }
        if (hop > maxHops) {
          bump('frontier', amount);
          if (!totalsOnly) add(frontier, v, amount);
          continue;
        }
        if (amount < minValue) {
          bump('dust', amount);
          continue;
        }
        if (edges + (end - start) > maxEdges) {
          bump('truncated', amount);
          continue;
        }
        edges += end - start;
        const total = totalOf(v);
        if (total === 0) {
          bump('unknown', amount);
          if (!totalsOnly) add(unknown, v, amount);
          continue;
        }
        let spread = amount;
        if (amount > total) {
          bump('unknown', amount - total);
          if (!totalsOnly) add(unknown, v, amount - total);
          spread = total;
        } else if (poison) {
          bump('absorbed', total - amount);
          spread = total;
        }
        const whole = poison || spread === total;
        let cumulative = 0;
        let given = 0;
        for (let k = start; k < end; k++) {
          const e = edgeOf ? edgeOf[k]! : k;
          if (until !== undefined && !usable(e)) continue;
          const w = valueOf(e);
          let share: number;
          if (whole) share = w;
          else {
            cumulative += w;
            const upTo = floorMulDiv(spread, cumulative, total);
            share = upTo - given;
            given = upTo;
            if (share === 0) continue;
          }
          const u = neighbour[k]!;
          if (keepSteps) {
            const h = stepHop[u]!;
            if (h === 0 || (h === hop && share > stepAmount[u]!)) {
              if (h === 0) stepped.push(u);
              stepHop[u] = hop;
              stepParent[u] = v;
              stepEdge[u] = e;
              stepAmount[u] = share;
            }
          }
          if (share < minValue) {
            bump('dust', share);
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
            pending[u] = share;
          } else pending[u]! += share;
        }
      }
      level = next;
    }
  } finally {
    for (const v of level) {
      pending[v] = 0;
      queued[v] = 0;
    }
  }
  const steps = new Map<number, CompactStep>();
  for (const u of stepped) {
    steps.set(u, { parent: stepParent[u]!, edge: stepEdge[u]!, amount: BigInt(stepAmount[u]!), hops: stepHop[u]! });
    stepHop[u] = 0;
  }
  const total = (key: keyof typeof acc) => sums[key] + BigInt(acc[key]);
  return {
    seeded: sums.seeded,
    absorbed: total('absorbed'),
    stopped,
    recorded,
    frontier,
    frontierTotal: total('frontier'),
    unknown,
    unknownTotal: total('unknown'),
    dust: total('dust'),
    truncated: total('truncated'),
    edges,
    steps,
  };
}
