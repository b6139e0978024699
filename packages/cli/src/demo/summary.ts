import { ETH_DECIMALS, TAINT_POLICIES, formatUnits } from '@chaintrail/core';
import type { DemoResult } from './runDemo.ts';
import { SCREENED_ROLES } from './runDemo.ts';
import type { Role } from './scenario.ts';

const eth = (value: bigint): string => `${formatUnits(value, ETH_DECIMALS)} ETH`;

/**
 * The demo's readable summary: the story, what clustering found (with its evidence), who received how much taint
 * and through which path under the chosen policy, the three policies side by side, and the screening verdicts.
 *
 * @example
 * for (const line of demoSummary(result)) console.log(line);
 */
export function demoSummary(result: DemoResult): string[] {
  const { scenario, clustering, trace } = result;
  const { actors } = scenario;
  const byAddress = new Map(Object.values(actors).map((a) => [a.address, a.name]));
  const nameOf = (address: string): string => byAddress.get(address) ?? address;
  const lines: string[] = [];
  lines.push(`The story (${scenario.chain}, local anvil, blocks ${scenario.fromBlock}-${scenario.toBlock}, ${scenario.steps.length} signed transactions):`);
  for (const step of scenario.steps) lines.push(`  block ${step.block}: ${step.story}`);
  lines.push('');
  lines.push(`Ingested ${result.ingested.transfers.length} transfers through the EVM JSON-RPC source (${result.ingested.traceFormat ?? 'no'} traces for the splitter's internal transfers).`);
  lines.push('');
  lines.push('Clustering (deposit-address heuristic, Victor 2020):');
  for (const [customer, deposit] of [['shell', 'depositShell'], ['honestCustomer', 'depositHonest']] as [Role, Role][]) {
    const merges = clustering.explain(actors[customer].address, actors[deposit].address);
    const merge = merges?.[0];
    lines.push(
      merge
        ? `  ${actors[deposit].name} belongs with ${actors[customer].name}: ${merge.heuristic}, confidence ${merge.confidence}, tx ${merge.txid.slice(0, 12)}… (${merge.detail ?? ''})`
        : `  ${actors[deposit].name}: not linked to ${actors[customer].name}`,
    );
  }
  const harbourline = result.labels.statuses.get('harbourline');
  if (harbourline) lines.push(`  Ownership: ${harbourline.explanation}`);
  lines.push('');
  lines.push(`Trace forward from ${actors.poolPayout.name} and ${actors.sanctioned.name} (policy: ${trace.policy}; stop at exchanges); ${eth(trace.totals.seeded)} traced:`);
  const width = Math.max(...trace.reached.map((r) => r.entity.length), 20);
  for (const r of trace.reached) {
    lines.push(`  ${r.entity.padEnd(width)}  ${r.category.padEnd(11)} ${eth(r.taint).padStart(10)}  ${r.hops} hops${r.stopped ? ', trace stopped here' : ''}`);
  }
  const inReached = new Set(trace.reached.flatMap((r) => r.addresses));
  for (const f of trace.frontier) {
    if (f.hops === 0 || inReached.has(f.address) || f.taint === 0n) continue;
    lines.push(`  ${nameOf(f.address).padEnd(width)}  ${'unlabelled'.padEnd(11)} ${eth(f.taint).padStart(10)}  ${f.hops} hops, still held`);
  }
  const top = trace.paths[0];
  if (top) lines.push(`  Top path (${eth(top.amount)}): ${top.hops.map((h) => nameOf(h.address)).join(' → ')}`);
  lines.push('');
  lines.push('The same trace under each policy (taint reaching each entity):');
  for (const name of TAINT_POLICIES) {
    const t = result.byPolicy[name];
    lines.push(`  ${name.padEnd(8)} ${t.reached.map((r) => `${r.entity}: ${eth(r.taint)}`).join('; ')}`);
  }
  lines.push('');
  lines.push('Screening the exchange deposit addresses (default rules):');
  SCREENED_ROLES.forEach((role, i) => {
    const s = result.screenings[i]!;
    const why = s.evidence.matched[0];
    lines.push(`  ${actors[role].name}: ${s.risk.toUpperCase()}${why ? ` (${why.kind} exposure to ${why.category}: ${why.rule.note ?? ''})` : ''}`);
  });
  return lines;
}
