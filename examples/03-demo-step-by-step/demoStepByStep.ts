// The demo's story, one step at a time: play it on a local anvil, read it back through the EVM JSON-RPC source,
// label, cluster (and ask the clustering why two addresses were merged), trace, screen.
// Run: pnpm exec tsx examples/03-demo-step-by-step/demoStepByStep.ts
import { startAnvil } from '@chaintrail/adapters';
import { DEMO_ANVIL, clusterLookup, demoLabels, ingestDemoChain, playDemoScenario } from '@chaintrail/cli';
import { DEFAULT_RULES, ETH_DECIMALS, cluster, formatUnits, screen, trace } from '@chaintrail/core';

const eth = (v: bigint): string => `${formatUnits(v, ETH_DECIMALS)} ETH`;

// 1. A local chain and the story, with real signed transactions.
const anvil = await startAnvil(DEMO_ANVIL);
const scenario = await playDemoScenario({ rpcUrl: anvil.url });
const { actors } = scenario;
console.log(`1. played ${scenario.steps.length} transactions on ${scenario.chain}`);

// 2. Read it back as any EVM chain is read: blocks, receipts, call traces (the splitter's internal transfers).
const { source, transfers, traceFormat } = await ingestDemoChain({ rpcUrl: anvil.url, scenario });
await anvil.stop();
console.log(`2. ingested ${transfers.length} transfers (${transfers.filter((t) => t.kind === 'internal').length} internal, from ${traceFormat} traces)`);

// 3. What the investigator knows: a label list and an ownership register; the 50% rule derives the rest.
const labels = demoLabels(scenario);
for (const [id, status] of labels.statuses) console.log(`3. ${id}: ${status.status}: ${status.explanation}`);

// 4. Clustering with the deposit-address heuristic (Victor 2020): a deposit address joins the customer who used it.
const clustering = cluster(transfers.filter((t) => t.value > 0n), { heuristics: ['deposit-address'], deposit: { exchanges: labels.store } });
for (const merge of clustering.explain(actors.shell.address, actors.depositShell.address) ?? []) {
  console.log(`4. ${merge.from} ~ ${merge.to}: ${merge.heuristic} (confidence ${merge.confidence}) in ${merge.txid}: ${merge.detail}`);
}
console.log(`4. the honest customer is not in Harbourline's cluster: ${clustering.explain(actors.shell.address, actors.honestCustomer.address) === null}`);

// 5. Forward trace from the flagged sources, haircut policy, stopping at exchanges.
const result = await trace({
  source,
  from: [{ address: actors.poolPayout.address }, { address: actors.sanctioned.address }],
  policy: 'haircut',
  labels: labels.store,
  clustering: clusterLookup(clustering),
  stopAt: ['exchange'],
});
for (const r of result.reached) console.log(`5. ${r.entity} (${r.category}) received ${eth(r.taint)} of taint, ${r.hops} hops away`);

// 6. Screen the deposit address as an exchange's withdrawal check would.
const verdict = await screen(
  { chain: scenario.chain, address: actors.depositShell.address },
  { labels: labels.store, clustering: clusterLookup(clustering), dataSource: source, rules: DEFAULT_RULES },
);
console.log(`6. ${actors.depositShell.name}: ${verdict.risk} (${verdict.evidence.labels.map((l) => `${l.source} via ${l.via}`).join(', ')})`);
