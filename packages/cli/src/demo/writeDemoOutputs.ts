import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { edgesToCsv, toGexf, toGraphologyJson, toJson, transfersToJsonl } from '@chaintrail/core';
import { renderReportHtml } from '../report/renderReportHtml.ts';
import { type AddressName, reportDataFromTrace, traceDocument } from '../report/traceDocument.ts';
import type { DemoResult } from './runDemo.ts';
import { ROLES } from './scenario.ts';

/** The files the demo writes, by kind. */
export interface DemoOutputs {
  readonly report: string;
  readonly trace: string;
  readonly labels: string;
  readonly transfers: string;
  readonly gexf: string;
  readonly graphJson: string;
  readonly edgesCsv: string;
}

/** Names of the story's addresses, for the report: the labels' entity where there is one, else the story's name. */
export function demoNames(result: DemoResult): Record<string, AddressName> {
  const names: Record<string, AddressName> = {};
  for (const role of ROLES) {
    const actor = result.scenario.actors[role];
    const label = result.labels.store.lookup(result.scenario.chain, actor.address)[0];
    names[actor.address] = { name: actor.name, category: label?.category ?? 'unlabelled' };
  }
  return names;
}

/**
 * Writes the demo's results into `dir`: the HTML report, the trace document it was made from (`chaintrail report`
 * reads it again), the label list, the ingested transfers as JSON Lines, and the traced subgraph as GEXF (Gephi),
 * graphology JSON and CSV of edges.
 *
 * @example
 * const files = await writeDemoOutputs({ result, dir: 'chaintrail-demo' });
 */
export async function writeDemoOutputs({ result, dir }: { result: DemoResult; dir: string }): Promise<DemoOutputs> {
  await mkdir(dir, { recursive: true });
  const { scenario } = result;
  const files: DemoOutputs = {
    report: join(dir, 'report.html'),
    trace: join(dir, 'trace.json'),
    labels: join(dir, 'labels.csv'),
    transfers: join(dir, 'transfers.jsonl'),
    gexf: join(dir, 'trace.gexf'),
    graphJson: join(dir, 'trace.graph.json'),
    edgesCsv: join(dir, 'trace.edges.csv'),
  };
  const document = traceDocument({
    trace: result.trace,
    title: 'chaintrail demo: following a flagged pool and a sanctioned wallet to an exchange',
    subtitle: `${scenario.chain} (local anvil), blocks ${scenario.fromBlock}-${scenario.toBlock}; sources: ${scenario.actors.poolPayout.name}, ${scenario.actors.sanctioned.name}`,
    unit: { symbol: 'ETH', decimals: 18 },
    seeds: [scenario.actors.poolPayout.address, scenario.actors.sanctioned.address],
    names: demoNames(result),
    screenings: result.screenings,
  });
  const json = toJson(document, 1);
  await writeFile(files.trace, `${json}\n`);
  await writeFile(files.report, await renderReportHtml({ data: reportDataFromTrace(JSON.parse(json)) }));
  await writeFile(files.labels, result.labels.csv);
  await writeFile(files.transfers, transfersToJsonl({ transfers: result.ingested.transfers }));
  if (result.trace.graph) {
    await writeFile(files.gexf, toGexf({ graph: result.trace.graph }));
    await writeFile(files.graphJson, toGraphologyJson({ graph: result.trace.graph }));
    await writeFile(files.edgesCsv, edgesToCsv({ graph: result.trace.graph }));
  }
  return files;
}
