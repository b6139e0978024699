import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ChaintrailError, edgesToCsv, toGexf, toGraphologyJson } from '@chaintrail/core';
import { MultiDirectedGraph } from 'graphology';
import { type Command, stringOption, UsageError } from '../command.ts';
import { renderReportHtml } from '../report/renderReportHtml.ts';
import { reportDataFromTrace } from '../report/traceDocument.ts';

/**
 * `chaintrail report <trace.json> -o report.html`: one self-contained HTML page from a trace document (what
 * `chaintrail trace` prints, or the `trace.json` the demo writes), and, when the document holds the traced
 * subgraph, its exports for Gephi (GEXF), graphology (JSON) and spreadsheets (CSV of edges).
 */
export const reportCommand: Command = {
  name: 'report',
  summary: 'Write a self-contained HTML report (flow graph, reached entities, paths, verdicts) from a trace JSON',
  usage: 'report <trace.json> -o <report.html> [--gexf <file>] [--graph-json <file>] [--csv <file>]',
  options: {
    output: { type: 'string', short: 'o' },
    gexf: { type: 'string' },
    'graph-json': { type: 'string' },
    csv: { type: 'string' },
  },
  async run(args, io) {
    const input = args.positionals[0];
    if (input === undefined) throw new UsageError('missing <trace.json>');
    if (args.positionals.length > 1) throw new UsageError(`unexpected argument "${args.positionals[1]}"`);
    const output = stringOption(args, 'output', true);
    const path = resolve(io.cwd, input);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      throw new ChaintrailError('NOT_FOUND', `cannot read ${input}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { cause: e });
    }
    let document: { graph?: unknown };
    try {
      document = JSON.parse(text) as { graph?: unknown };
    } catch (e) {
      throw new ChaintrailError('PARSE_ERROR', `${input} is not JSON: ${(e as Error).message}`, { cause: e });
    }
    let data;
    try {
      data = reportDataFromTrace(document);
    } catch (e) {
      throw new ChaintrailError('PARSE_ERROR', `${input}: ${(e as Error).message}`, { cause: e });
    }
    await writeFile(resolve(io.cwd, output), await renderReportHtml({ data }));
    const exports = { gexf: stringOption(args, 'gexf'), json: stringOption(args, 'graph-json'), csv: stringOption(args, 'csv') };
    if (exports.gexf || exports.json || exports.csv) {
      if (!document.graph) {
        throw new ChaintrailError('INVALID_ARGUMENT', `${input} holds no traced subgraph: --gexf, --graph-json and --csv need one (the demo's trace.json has it).`);
      }
      const graph = MultiDirectedGraph.from(document.graph as Parameters<typeof MultiDirectedGraph.from>[0]);
      if (exports.gexf) await writeFile(resolve(io.cwd, exports.gexf), toGexf({ graph }));
      if (exports.json) await writeFile(resolve(io.cwd, exports.json), toGraphologyJson({ graph }));
      if (exports.csv) await writeFile(resolve(io.cwd, exports.csv), edgesToCsv({ graph }));
    }
    if (args.values.quiet !== true) io.stderr.write(`report: wrote ${output} (${data.reached.length} entities, ${data.nodes.length} nodes)\n`);
  },
};
