// Screening latency and haircut throughput on the compact index, at 10M edges.
// A seeded synthetic address graph: uniform senders, a quarter of payments to 20k hub addresses (services), the rest
// uniform; 0.2% of addresses sanctioned, 200 hubs and 1,000 others exchanges, 500 mixers.
import { type Category, CompactGraphBuilder, DEFAULT_RULES, type Label, type LabelLookup, screen, walkCompact } from '@chaintrail/core';
import { percentile, report } from './report.ts';

const BENCH = 'screen';
const NODES = Number(process.env.SCREEN_NODES ?? 2_000_000);
const EDGES = Number(process.env.SCREEN_EDGES ?? 10_000_000);
const HUBS = 20_000;
const CHAIN = 'eip155:1' as const;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = mulberry32(20261123);
const name = (i: number) => `0x${i.toString(16).padStart(40, '0')}`;

let t0 = performance.now();
const builder = new CompactGraphBuilder({ chain: CHAIN });
for (let i = 0; i < NODES; i++) builder.interner.intern(name(i));
for (let e = 0; e < EDGES; e++) {
  const from = Math.floor(rand() * NODES);
  const to = rand() < 0.25 ? Math.floor(rand() * rand() * HUBS) : Math.floor(rand() * NODES);
  if (from === to) continue;
  builder.addEdgeIds(from, to, BigInt(1 + Math.floor(rand() * 1e8)), Math.floor(e / 2000));
}
const graph = builder.build();
const buildMs = performance.now() - t0;
report({ bench: BENCH, metric: 'edges', value: graph.edgeCount, unit: 'edges' });
report({ bench: BENCH, metric: 'build', value: Math.round(buildMs), unit: 'ms' });
report({ bench: BENCH, metric: 'adjacency bytes per edge (both directions, without offsets)', value: (graph.byteLength - graph.outOffsets.byteLength - graph.inOffsets.byteLength) / graph.edgeCount, unit: 'B/edge', vs: 'target 24', ratio: (graph.byteLength - graph.outOffsets.byteLength - graph.inOffsets.byteLength) / graph.edgeCount / 24 });
report({ bench: BENCH, metric: 'bytes per edge (with offsets)', value: Number((graph.byteLength / graph.edgeCount).toFixed(2)), unit: 'B/edge' });

const labelled = new Map<string, Label[]>();
const label = (i: number, category: Category) =>
  labelled.set(name(i), [{ chain: CHAIN, address: name(i), category, source: 'bench', confidence: 100, entity: `${category}-${i}` }]);
for (let i = 0; i < 200; i++) label(i, 'exchange');
for (let k = 0; k < NODES * 0.002; k++) label(HUBS + Math.floor(rand() * (NODES - HUBS)), 'sanctioned');
for (let k = 0; k < 1000; k++) label(HUBS + Math.floor(rand() * (NODES - HUBS)), 'exchange');
for (let k = 0; k < 500; k++) label(HUBS + Math.floor(rand() * (NODES - HUBS)), 'mixer');
const labels: LabelLookup = { lookup: (_chain, address) => labelled.get(address) ?? [] };

// 1,000 addresses that received funds.
const targets: string[] = [];
while (targets.length < 1000) {
  const id = Math.floor(rand() * NODES);
  if (graph.inOffsets[id + 1]! > graph.inOffsets[id]!) targets.push(name(id));
}

for (const address of targets.slice(0, 100)) await screen({ address, chain: CHAIN }, { labels, index: graph, hops: 3 });
const latencies: number[] = [];
const walkLatencies: number[] = [];
const risks: Record<string, number> = {};
let edgesRead = 0;
for (const address of targets) {
  let start = process.hrtime.bigint();
  const verdict = await screen({ address, chain: CHAIN }, { labels, index: graph, hops: 3, rules: DEFAULT_RULES });
  latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
  risks[verdict.risk] = (risks[verdict.risk] ?? 0) + 1;
  start = process.hrtime.bigint();
  const walk = walkCompact({ graph, from: [{ id: graph.id(address) }], direction: 'backward', policy: 'haircut', maxHops: 3 });
  walkLatencies.push(Number(process.hrtime.bigint() - start) / 1e6);
  edgesRead += walk.edges;
}
report({ bench: BENCH, metric: 'screen p50 (3 hops backward, haircut, 1000 addresses)', value: Number(percentile(latencies, 50).toFixed(4)), unit: 'ms' });
report({ bench: BENCH, metric: 'screen p99 (3 hops backward, haircut, 1000 addresses)', value: Number(percentile(latencies, 99).toFixed(4)), unit: 'ms', vs: 'goal 5 ms', ratio: Number((percentile(latencies, 99) / 5).toFixed(4)) });
report({ bench: BENCH, metric: 'screen max', value: Number(Math.max(...latencies).toFixed(3)), unit: 'ms' });
report({ bench: BENCH, metric: 'walk p50 (3 hops backward haircut, unlabelled)', value: Number(percentile(walkLatencies, 50).toFixed(4)), unit: 'ms' });
report({ bench: BENCH, metric: 'walk p99 (3 hops backward haircut, unlabelled)', value: Number(percentile(walkLatencies, 99).toFixed(4)), unit: 'ms' });
report({ bench: BENCH, metric: 'edges read per unlabelled 3-hop walk (mean)', value: Math.round(edgesRead / targets.length), unit: 'edges' });
process.stderr.write(`verdicts: ${JSON.stringify(risks)}\n`);

// Haircut propagation throughput: from 1,000 seeds, 4 hops, every edge split exactly (no evidence paths kept,
// frontier as a total);
// the median of 3 runs, after the per-address totals are computed.
graph.total('out', 0);
graph.total('in', 0);
const seeds = targets.map((a) => ({ id: graph.id(a) }));
for (const direction of ['forward', 'backward'] as const) {
  const rates: number[] = [];
  let edges = 0;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    const r = walkCompact({ graph, from: seeds, direction, policy: 'haircut', maxHops: 4, steps: false, totalsOnly: true });
    const ms = performance.now() - start;
    edges = r.edges;
    rates.push(r.edges / (ms / 1000));
  }
  const rate = percentile(rates, 50);
  report({ bench: BENCH, metric: `haircut propagation ${direction} (1000 seeds, 4 hops, median of 3)`, value: Math.round(rate), unit: 'edges/s', vs: 'goal 5M edges/s', ratio: Number((rate / 5e6).toFixed(3)) });
  report({ bench: BENCH, metric: `haircut propagation ${direction} edges per run`, value: edges, unit: 'edges' });
}

// A full haircut pass: one hop from every address, every edge of the graph split once (sequential over the CSR,
// scattered writes). Wall-clock and CPU-time rates (the shared machine's load inflates the wall clock).
const everyone = Array.from({ length: graph.nodeCount }, (_, id) => ({ id }));
for (const numeric of [true, false]) {
  const rates: number[] = [];
  const cpuRates: number[] = [];
  let edges = 0;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    const cpu0 = process.cpuUsage();
    const r = walkCompact({ graph, from: everyone, direction: 'forward', policy: 'haircut', maxHops: 1, steps: false, totalsOnly: true, numeric });
    const ms = performance.now() - start;
    const cpu = process.cpuUsage(cpu0);
    edges = r.edges;
    rates.push(r.edges / (ms / 1000));
    cpuRates.push(r.edges / ((cpu.user + cpu.system) / 1e6));
  }
  const label = numeric ? 'doubles, checked exactly' : 'bigint';
  report({ bench: BENCH, metric: `full haircut pass over ${edges} edges (${label}, median of 3)`, value: Math.round(percentile(rates, 50)), unit: 'edges/s', vs: 'goal 5M edges/s', ratio: Number((percentile(rates, 50) / 5e6).toFixed(3)) });
  report({ bench: BENCH, metric: `full haircut pass (${label}), per CPU second`, value: Math.round(percentile(cpuRates, 50)), unit: 'edges/cpu-s' });
}
