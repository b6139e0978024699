// Clustering throughput: cluster() on the real blocks, and the compact path on a generated 10-million-input data set
// with block 574200's input/output-count distribution. `bash scripts/pnpm.sh bench cluster`.
import { loadBlockFiles } from '@chaintrail/adapters';
import {
  addUtxoTransaction,
  BITCOIN_CHAINS,
  cluster,
  clusterCompact,
  createTransactionGraph,
  type UtxoTransaction,
} from '@chaintrail/core';
import { hasSharedData, sharedPath } from '../test/support/sharedData.ts';
import { measure, report } from './report.ts';

const BENCH = 'cluster';
const TARGET_INPUTS = 10_000_000;

if (!hasSharedData) {
  process.stderr.write('cluster bench: ../shared/data is absent; it needs block 574200 for the shape distribution\n');
  process.exit(1);
}

const load = async (file: string, prevouts?: string): Promise<UtxoTransaction[]> =>
  (
    await loadBlockFiles({
      paths: [sharedPath('bitcoin', 'blocks', file)],
      ...(prevouts ? { prevoutsPath: sharedPath('bitcoin', 'blocks', prevouts) } : {}),
    })
  ).flatMap((b) => b.transactions);

const real = {
  574200: await load('block-574200.raw'),
  413567: await load('block-413567.raw'),
  277647: await load('block-277647.framed.dat', 'block-277647.prevouts.json'),
};

// 1. cluster() on the real blocks (parsing not timed).
for (const [height, txs] of Object.entries(real)) {
  const inputs = txs.reduce((s, t) => s + t.inputs.length, 0);
  for (const heuristics of [['common-input'], ['common-input', 'change']] as const) {
    const { runs, ns } = measure(() => cluster(txs, { heuristics }), { minMs: 1000 });
    report({ bench: BENCH, metric: `block ${height} ${heuristics.join('+')} throughput`, value: Math.round((inputs * runs) / (Number(ns) / 1e9)), unit: 'inputs/s' });
  }
}

// 2. The graphology path on the fully valued block 277647: building, then clustering from the graph.
{
  const txs = real[277647];
  const edges = txs.reduce((s, t) => s + t.inputs.length + t.outputs.length, 0);
  const build = measure(() => {
    const g = createTransactionGraph();
    for (const tx of txs) addUtxoTransaction(g, tx);
  });
  report({ bench: BENCH, metric: 'graph build (block 277647)', value: Math.round((edges * build.runs) / (Number(build.ns) / 1e9)), unit: 'edges/s' });
  const graph = createTransactionGraph();
  for (const tx of txs) addUtxoTransaction(graph, tx);
  const inputs = txs.reduce((s, t) => s + t.inputs.length, 0);
  const fromGraph = measure(() => cluster(graph));
  report({ bench: BENCH, metric: 'cluster(graph) throughput (block 277647)', value: Math.round((inputs * fromGraph.runs) / (Number(fromGraph.ns) / 1e9)), unit: 'inputs/s' });
}

// 3. A generated data set with block 574200's (inputs, outputs) distribution: seeded, so runs are comparable.
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const shapes = real[574200].filter((t) => t.coinbase === null).map((t) => [t.inputs.length, t.outputs.length] as const);

interface Generated {
  inputOffsets: Int32Array;
  inputHolders: Int32Array;
  holderCount: number;
  outputHolders: Int32Array;
  outputOffsets: Int32Array;
}

/**
 * Transactions whose shapes are drawn from block 574200. Each output pays a new holder (10% pay an existing one, as
 * address reuse does); each input spends a random output of the last million, so holders recur the way spends of
 * recent coins do.
 */
function generate(targetInputs: number, seed: number): Generated {
  const random = mulberry32(seed);
  const txCap = Math.ceil((targetInputs / 1.4) * 1.2);
  let inputOffsets = new Int32Array(txCap + 1);
  let outputOffsets = new Int32Array(txCap + 1);
  const inputHolders = new Int32Array(targetInputs + 64);
  let outputHolders = new Int32Array(targetInputs * 2);
  let holders = 0;
  let outputs = 0;
  let inputs = 0;
  let tx = 0;
  // Seed the set of spendable outputs.
  for (; outputs < 1000; outputs++) outputHolders[outputs] = holders++;
  while (inputs < targetInputs) {
    const [nin, nout] = shapes[Math.floor(random() * shapes.length)]!;
    if (tx + 1 >= inputOffsets.length) {
      const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      inputOffsets = grow(inputOffsets);
      outputOffsets = grow(outputOffsets);
    }
    const window = Math.min(outputs, 1_000_000);
    for (let k = 0; k < nin && inputs < inputHolders.length; k++) {
      inputHolders[inputs++] = outputHolders[outputs - 1 - Math.floor(random() * window)]!;
    }
    if (outputs + nout >= outputHolders.length) {
      const b = new Int32Array(outputHolders.length * 2);
      b.set(outputHolders);
      outputHolders = b;
    }
    for (let k = 0; k < nout; k++) {
      outputHolders[outputs++] = random() < 0.1 ? Math.floor(random() * holders) : holders++;
    }
    tx++;
    inputOffsets[tx] = inputs;
    outputOffsets[tx] = outputs;
  }
  return {
    inputOffsets: inputOffsets.subarray(0, tx + 1),
    outputOffsets: outputOffsets.subarray(0, tx + 1),
    inputHolders: inputHolders.subarray(0, inputs),
    holderCount: holders,
    outputHolders: outputHolders.subarray(0, outputs),
  };
}

const generated = generate(TARGET_INPUTS, 574200);
const inputCount = generated.inputOffsets[generated.inputOffsets.length - 1]!;
process.stderr.write(
  `cluster bench: generated ${generated.inputOffsets.length - 1} txs, ${inputCount} inputs, ${generated.outputHolders.length} outputs, ${generated.holderCount} holders\n`,
);
for (const bound of [Number.POSITIVE_INFINITY, 10_000]) {
  const transactions = { inputOffsets: generated.inputOffsets, inputHolders: generated.inputHolders, holderCount: generated.holderCount };
  let last: ReturnType<typeof clusterCompact> | undefined;
  last = clusterCompact({ transactions, superclusterBound: bound }); // warm-up, outside the CPU-time window
  const cpuBefore = process.cpuUsage();
  const { runs, ns } = measure(() => {
    last = clusterCompact({ transactions, superclusterBound: bound });
  }, { minMs: 1000, minRuns: 3 });
  const cpu = process.cpuUsage(cpuBefore);
  // measure() runs one more (warm-up) call than it counts.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6 / (runs + 1);
  const seconds = Number(ns) / 1e9 / runs;
  const label = bound === Number.POSITIVE_INFINITY ? 'no guard' : `guard ${bound}`;
  // On a shared machine wall time includes waiting for a core; CPU time is what the run itself cost.
  report({ bench: BENCH, metric: `compact 10M inputs (${label}) CPU time`, value: Number(cpuSeconds.toFixed(3)), unit: 's', vs: 'goal 3 s', ratio: Number((cpuSeconds / 3).toFixed(3)) });
  report({ bench: BENCH, metric: `compact 10M inputs (${label}) wall time`, value: Number(seconds.toFixed(3)), unit: 's', vs: 'goal 3 s', ratio: Number((seconds / 3).toFixed(3)) });
  report({ bench: BENCH, metric: `compact 10M inputs (${label}) throughput`, value: Math.round(inputCount / seconds), unit: 'inputs/s' });
  // Every input past a transaction's first is a union attempt; merges are the ones that joined two clusters.
  const attempts = inputCount - (generated.inputOffsets.length - 1);
  report({ bench: BENCH, metric: `compact 10M inputs (${label}) union attempts, whole run`, value: Math.round(attempts / seconds), unit: 'unions/s', vs: 'typed-array union-find alone, measured earlier: 4.7M unions/s', ratio: Number((attempts / seconds / 4.7e6).toFixed(3)) });
  process.stderr.write(`cluster bench (${label}): ${JSON.stringify(last!.summary())}\n`);
  if (bound === Number.POSITIVE_INFINITY) {
    report({ bench: BENCH, metric: 'union-find memory', value: last!.unionFindBytes / generated.holderCount, unit: 'bytes/address', vs: 'goal 8 bytes/address', ratio: last!.unionFindBytes / generated.holderCount / 8 });
    // The merge log (a, b, tx: Int32 each; heuristic, confidence: Uint8) and the result's cluster-of array.
    report({ bench: BENCH, metric: 'evidence + result memory', value: Number(((last!.merges * 14 + generated.holderCount * 8) / generated.holderCount).toFixed(2)), unit: 'bytes/address' });
  }
}

// 4. cluster() on UtxoTransaction objects with the same generator (1M inputs: objects cost ~1 KB per input of heap).
{
  const small = generate(1_000_000, 413567);
  const name = (id: number): string => `bc1q${id.toString(32).padStart(38, 'q')}`;
  const chain = BITCOIN_CHAINS.mainnet;
  const txs: UtxoTransaction[] = [];
  for (let t = 0; t + 1 < small.inputOffsets.length; t++) {
    const txid = t.toString(16).padStart(64, '0');
    txs.push({
      chain,
      txid,
      block: { height: 600_000 + (t >> 11), hash: '', time: 0 },
      index: t & 2047,
      coinbase: null,
      inputs: Array.from(small.inputHolders.subarray(small.inputOffsets[t]!, small.inputOffsets[t + 1]!), (h, k) => ({
        prevTxid: txid,
        prevVout: k,
        address: name(h),
        value: 100_000n + BigInt(h % 1000),
        scriptType: 'p2wpkh' as const,
        sequence: 0xffffffff,
      })),
      outputs: Array.from(small.outputHolders.subarray(small.outputOffsets[t]!, small.outputOffsets[t + 1]!), (h, n) => ({
        n,
        address: name(h),
        value: 50_000n + BigInt(h % 997),
        scriptType: 'p2wpkh' as const,
      })),
      fee: 1000n,
      version: 2,
      locktime: 0,
    });
  }
  const inputs = small.inputOffsets[small.inputOffsets.length - 1]!;
  const { runs, ns } = measure(() => cluster(txs, { superclusterBound: Number.POSITIVE_INFINITY }), { minMs: 1000, minRuns: 2 });
  report({ bench: BENCH, metric: 'cluster() on objects, 1M generated inputs', value: Math.round((inputs * runs) / (Number(ns) / 1e9)), unit: 'inputs/s' });
}
