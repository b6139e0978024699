// Screen a list of withdrawal addresses as an exchange would before paying out: against the OFAC lists (real
// snapshot in ../shared/data) for mainnet addresses, and against a local chain's history for the demo's deposit
// addresses (indirect exposure: where their funds came from). Bad lines get one clear reason each.
// Run: pnpm exec tsx examples/02-screen-withdrawals/screenWithdrawals.ts [shared data folder]
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAnvil } from '@chaintrail/adapters';
import { DEMO_ANVIL, clusterLookup, demoLabels, ingestDemoChain, playDemoScenario } from '@chaintrail/cli';
import { DEFAULT_RULES, LabelStore, cluster, isChaintrailError, loadOfacList, parseChainId, screen } from '@chaintrail/core';

const data = process.argv[2] ?? fileURLToPath(new URL('../../../shared/data', import.meta.url));

// 1. Labels: OFAC's ETH and XBT lists, loaded once.
const labels = new LabelStore();
for (const asset of ['ETH', 'XBT']) {
  const file = join(data, 'labels', 'ofac-lists', `sanctioned_addresses_${asset}.txt`);
  labels.addAll(loadOfacList({ text: await readFile(file, 'utf8'), file }).labels);
}
console.log(`labels loaded: ${labels.stats().labels}`);

// 2. A local chain with history: the demo's story, its labels and clusters.
const anvil = await startAnvil(DEMO_ANVIL);
const scenario = await playDemoScenario({ rpcUrl: anvil.url });
const { source, transfers } = await ingestDemoChain({ rpcUrl: anvil.url, scenario });
await anvil.stop();
const demo = demoLabels(scenario);
labels.addAll(demo.store.lookup(scenario.chain, scenario.actors.shell.address));
for (const role of ['poolPayout', 'sanctioned', 'hotWallet'] as const) labels.addAll(demo.store.lookup(scenario.chain, scenario.actors[role].address));
const clustering = clusterLookup(cluster(transfers.filter((t) => t.value > 0n), { heuristics: ['deposit-address'], deposit: { exchanges: labels } }));

// 3. The withdrawal list: the CSV beside this file, plus the demo's two deposit addresses on the local chain.
const csv = (await readFile(fileURLToPath(new URL('./withdrawals.csv', import.meta.url)), 'utf8')).trim().split('\n').slice(1);
const requests = [
  ...csv.map((line) => line.split(',')).map(([chain, address, amount]) => ({ chain: chain!, address: address!, amount: BigInt(amount!) })),
  { chain: scenario.chain, address: scenario.actors.depositShell.address, amount: 10n ** 18n },
  { chain: scenario.chain, address: scenario.actors.depositHonest.address, amount: 10n ** 18n },
];
for (const request of requests) {
  try {
    const local = parseChainId(request.chain) === scenario.chain;
    const verdict = await screen(request, { labels, rules: DEFAULT_RULES, ...(local ? { dataSource: source, clustering } : {}) });
    const why = verdict.evidence.matched[0];
    console.log(`${request.chain} ${request.address}: ${verdict.risk}${why ? ` (${why.kind} ${why.category}, ${verdict.evidence.labels[0]?.source ?? 'traced'})` : ''} [${verdict.coverage}]`);
  } catch (e) {
    if (!isChaintrailError(e)) throw e;
    console.log(`${request.chain} ${request.address}: rejected: ${e.shortMessage} [${e.code}]`);
  }
}
