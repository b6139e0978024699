// Label store: loading the whole shared label folder (24 MB: OFAC, SDN, pools, TagPacks, Etherscan), lookups and
// category tests per second, memory per label; then a synthetic store of 2 million labels for lookups at scale.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChainId, type Label, LabelStore, loadLabelFiles } from '@chaintrail/core';
import { measure, report } from './report.ts';

const BENCH = 'labels';
const DATA = new URL('../../shared/data/labels', import.meta.url).pathname;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

/** User plus system CPU seconds since `start`. */
function cpuSeconds(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/** Seeded linear congruential generator: the same addresses on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function lookupRate(store: LabelStore, keys: readonly [ChainId, string][]): { lookups: number; categories: number } {
  let found = 0;
  const n = keys.length;
  const a = measure(() => {
    for (let i = 0; i < n; i++) found += store.lookup(keys[i]![0], keys[i]![1]).length;
  });
  const b = measure(() => {
    for (let i = 0; i < n; i++) if (store.hasCategory(keys[i]![0], keys[i]![1], 'sanctioned')) found++;
  });
  if (found < 0) throw new Error('unreachable');
  return { lookups: (a.runs * n) / (Number(a.ns) / 1e9), categories: (b.runs * n) / (Number(b.ns) / 1e9) };
}

if (existsSync(DATA)) {
  const before = heap();
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const cacheDir = mkdtempSync(join(tmpdir(), 'chaintrail-labels-bench-'));
  const { store, issues } = await loadLabelFiles({ paths: [DATA], cacheDir });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = cpuSeconds(cpuStart);
  const after = heap();
  const stats = store.stats();
  report({ bench: BENCH, metric: 'shared folder load time, cold (parses every YAML)', value: Number(seconds.toFixed(2)), unit: 's' });
  // CPU time is steadier than wall time on a shared machine.
  report({ bench: BENCH, metric: 'shared folder load CPU time, cold', value: Number(cpu.toFixed(2)), unit: 's' });
  report({ bench: BENCH, metric: 'shared folder labels', value: stats.labels, unit: 'labels' });
  report({ bench: BENCH, metric: 'shared folder issues', value: issues.length, unit: 'records' });
  report({ bench: BENCH, metric: 'load rate', value: Math.round(stats.labels / seconds), unit: 'labels/s' });
  report({ bench: BENCH, metric: 'load rate per CPU second, cold', value: Math.round(stats.labels / cpu), unit: 'labels/s' });
  const warmStart = process.hrtime.bigint();
  const warmCpuStart = process.cpuUsage();
  await loadLabelFiles({ paths: [DATA], cacheDir });
  const warm = Number(process.hrtime.bigint() - warmStart) / 1e9;
  const warmCpu = cpuSeconds(warmCpuStart);
  rmSync(cacheDir, { recursive: true, force: true });
  report({ bench: BENCH, metric: 'shared folder load time, TagPack cache warm', value: Number(warm.toFixed(2)), unit: 's', vs: 'cold load', ratio: Number((warm / seconds).toFixed(3)) });
  report({ bench: BENCH, metric: 'shared folder load CPU time, TagPack cache warm', value: Number(warmCpu.toFixed(2)), unit: 's', vs: 'cold load', ratio: Number((warmCpu / cpu).toFixed(3)) });
  report({ bench: BENCH, metric: 'memory per label (with original record)', value: Math.round((after - before) / stats.labels), unit: 'B' });
  const random = lcg(7);
  const keys: [ChainId, string][] = [];
  for (const chain of store.chains()) for (const address of store.addresses(chain)) if (random() < 0.2) keys.push([chain, address]);
  // Half misses: screening mostly asks about addresses nobody labelled.
  const misses = keys.map(([chain, address]) => [chain, `${address.slice(0, -1)}${address.endsWith('x') ? 'y' : 'x'}`] as [ChainId, string]);
  const rates = lookupRate(store, [...keys, ...misses]);
  report({ bench: BENCH, metric: 'lookups (shared set, half misses)', value: Math.round(rates.lookups), unit: 'lookups/s' });
  report({ bench: BENCH, metric: 'hasCategory (shared set, half misses)', value: Math.round(rates.categories), unit: 'tests/s' });
} else {
  process.stderr.write(`bench labels: ${DATA} is absent; skipping the shared-folder figures\n`);
}

// Scale: 2 million synthetic EVM labels (lower-case hex keys, no record), as a large user list would give.
const N = 2_000_000;
const random = lcg(42);
const hex = () => Math.floor(random() * 2 ** 32).toString(16).padStart(8, '0');
const labels: Label[] = [];
for (let i = 0; i < N; i++) {
  labels.push({ chain: 'eip155:1', address: `0x${hex()}${hex()}${hex()}${hex()}${hex()}`, category: i % 7 === 0 ? 'sanctioned' : 'exchange', source: 'user:bench', confidence: 100 });
}
const before = heap();
const start = process.hrtime.bigint();
const store = new LabelStore();
store.addAll(labels);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const after = heap();
report({ bench: BENCH, metric: '2M labels: add rate', value: Math.round(N / seconds), unit: 'labels/s' });
report({ bench: BENCH, metric: '2M labels: store overhead per label (index only)', value: Math.round((after - before) / N), unit: 'B' });
const keys: [ChainId, string][] = [];
for (let i = 0; i < 200_000; i++) keys.push(['eip155:1', i % 2 === 0 ? labels[Math.floor(random() * N)]!.address : `0x${hex()}${hex()}${hex()}${hex()}${hex()}`]);
const rates = lookupRate(store, keys);
report({ bench: BENCH, metric: '2M labels: lookups (half misses)', value: Math.round(rates.lookups), unit: 'lookups/s' });
report({ bench: BENCH, metric: '2M labels: hasCategory (half misses)', value: Math.round(rates.categories), unit: 'tests/s' });
