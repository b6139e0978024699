import { startAnvil } from '@chaintrail/adapters';
import {
  type AccountTransfer,
  type ClusterLookup,
  type Clustering,
  DEFAULT_RULES,
  type ProgressListener,
  type ScreenResult,
  TAINT_POLICIES,
  type TaintPolicyName,
  type TraceResult,
  cluster,
  screen,
  throwIfAborted,
  trace,
} from '@chaintrail/core';
import { type IngestedDemoChain, ingestDemoChain } from './ingest.ts';
import { type DemoLabels, demoLabels } from './labels.ts';
import { DEMO_ANVIL, type DemoScenario, playDemoScenario } from './scenario.ts';

export interface RunDemoParameters {
  readonly signal?: AbortSignal;
  /** Progress of the long steps (ingest, trace), for a progress display. */
  readonly onProgress?: ProgressListener;
  /** One line of narration for the user (stderr). */
  readonly log?: (line: string) => void;
  /** Taint policy of the trace (default haircut). */
  readonly policy?: TaintPolicyName;
}

/** The exchange's two deposit addresses, screened as a withdrawal check would. */
export const SCREENED_ROLES = ['depositShell', 'depositHonest'] as const;

/** A Clustering as trace() and screen() read it (cluster ids as strings). */
export function clusterLookup(clustering: Clustering): ClusterLookup {
  return {
    clusterOf: (address) => {
      const id = clustering.clusterOf(address);
      return id === undefined ? undefined : String(id);
    },
    members: (id) => clustering.members(Number(id)),
  };
}

export interface DemoResult {
  readonly scenario: DemoScenario;
  readonly ingested: IngestedDemoChain;
  readonly labels: DemoLabels;
  readonly clustering: Clustering;
  readonly policy: TaintPolicyName;
  /** Forward from the flagged pool and the sanctioned wallet, under `policy`. */
  readonly trace: TraceResult;
  /** The same trace under each policy, to compare. */
  readonly byPolicy: Readonly<Record<TaintPolicyName, TraceResult>>;
  /** The deposit addresses' screening verdicts, in SCREENED_ROLES order. */
  readonly screenings: readonly ScreenResult[];
}

/**
 * The demo end to end: a local anvil chain, the sanctions-evasion story played on it with real signed transactions,
 * read back through the EVM JSON-RPC source, labelled, clustered (deposit-address heuristic), traced forward from
 * the flagged sources and screened. anvil is stopped at the end, also on failure or abort.
 *
 * @example
 * const result = await runDemo({ log: (l) => process.stderr.write(`${l}\n`) });
 */
export async function runDemo(parameters: RunDemoParameters = {}): Promise<DemoResult> {
  const { signal, onProgress } = parameters;
  const log = parameters.log ?? (() => {});
  const withSignal = signal ? { signal } : {};
  const withProgress = onProgress ? { onProgress } : {};
  log('starting a local EVM chain (anvil)…');
  const anvil = await startAnvil({ ...DEMO_ANVIL, ...withSignal });
  let scenario: DemoScenario;
  let ingested: IngestedDemoChain;
  try {
    log(`anvil listening on ${anvil.url}; playing the story with signed transactions…`);
    scenario = await playDemoScenario({ rpcUrl: anvil.url, ...withSignal, ...withProgress });
    log(`reading blocks ${scenario.fromBlock}-${scenario.toBlock} back through the EVM JSON-RPC source (receipts and call traces)…`);
    ingested = await ingestDemoChain({ rpcUrl: anvil.url, scenario, ...withSignal, ...withProgress });
  } finally {
    await anvil.stop();
  }
  throwIfAborted(signal);
  const labels = demoLabels(scenario);
  log(`labels: ${labels.store.stats().labels} (the flagged pool, the SDN wallet, the exchange, and what the 50% rule derives)`);
  const valueTransfers = ingested.transfers.filter((t: AccountTransfer) => t.value > 0n && t.kind !== 'fee');
  const clustering = cluster(valueTransfers, {
    heuristics: ['deposit-address'],
    deposit: { exchanges: labels.store },
    ...withSignal,
  });
  log(`clusters: ${clustering.summary().clusters} from ${clustering.summary().addresses} addresses, ${clustering.summary().merges} merges (deposit-address heuristic)`);
  const policy = parameters.policy ?? 'haircut';
  const clusters = clusterLookup(clustering);
  const { actors } = scenario;
  log('tracing forward from the flagged sources under poison, haircut and FIFO…');
  const byPolicy = {} as Record<TaintPolicyName, TraceResult>;
  for (const name of TAINT_POLICIES) {
    byPolicy[name] = await trace({
      source: ingested.source,
      from: [{ address: actors.poolPayout.address }, { address: actors.sanctioned.address }],
      policy: name,
      labels: labels.store,
      clustering: clusters,
      stopAt: ['exchange'],
      ...withSignal,
      ...withProgress,
    });
  }
  const traced = byPolicy[policy];
  const screenings: ScreenResult[] = [];
  for (const role of SCREENED_ROLES) {
    screenings.push(
      await screen(
        { chain: scenario.chain, address: actors[role].address },
        { labels: labels.store, clustering: clusters, dataSource: ingested.source, rules: DEFAULT_RULES, ...withSignal },
      ),
    );
  }
  return { scenario, ingested, labels, clustering, policy, trace: traced, byPolicy, screenings };
}
