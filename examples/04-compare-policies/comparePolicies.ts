// Poison, haircut and FIFO on the same trace: the demo's story, traced forward from the flagged pool and the
// sanctioned wallet under each policy, side by side (Anderson et al. 2018, "Tracing stolen bitcoin", compares them).
// Run: pnpm exec tsx examples/04-compare-policies/comparePolicies.ts
import { startAnvil } from '@chaintrail/adapters';
import { DEMO_ANVIL, demoLabels, ingestDemoChain, playDemoScenario } from '@chaintrail/cli';
import { ETH_DECIMALS, TAINT_POLICIES, formatUnits, trace } from '@chaintrail/core';

const anvil = await startAnvil(DEMO_ANVIL);
const scenario = await playDemoScenario({ rpcUrl: anvil.url });
const { source } = await ingestDemoChain({ rpcUrl: anvil.url, scenario });
await anvil.stop();
const labels = demoLabels(scenario);
const { actors } = scenario;

const rows: Record<string, Record<string, string>> = {};
for (const policy of TAINT_POLICIES) {
  const result = await trace({
    source,
    from: [{ address: actors.poolPayout.address }, { address: actors.sanctioned.address }],
    policy,
    labels: labels.store,
    stopAt: ['exchange'],
  });
  // Taint held by each holder where the trace ended (entities it stopped at, and unspent balances).
  const held = new Map<string, bigint>();
  for (const r of result.reached) if (r.stopped) held.set(r.entity, r.taint);
  for (const f of result.frontier) {
    const name = Object.values(actors).find((a) => a.address === f.address)?.name ?? f.address;
    held.set(name, (held.get(name) ?? 0n) + f.taint);
  }
  for (const [name, taint] of held) (rows[name] ??= {})[policy] = formatUnits(taint, ETH_DECIMALS);
  console.log(`${policy}: seeded ${formatUnits(result.totals.seeded, ETH_DECIMALS)} ETH, absorbed (clean value declared tainted) ${formatUnits(result.totals.absorbed, ETH_DECIMALS)} ETH`);
}
console.table(rows);
for (const [name, byPolicy] of Object.entries(rows)) console.log(`${name}: poison ${byPolicy.poison ?? '0'} | haircut ${byPolicy.haircut ?? '0'} | fifo ${byPolicy.fifo ?? '0'}`);
