import { resolve } from 'node:path';
import { TAINT_POLICIES, type TaintPolicyName } from '@chaintrail/core';
import { type Command, UsageError, stringOption, writeJsonLine } from '../command.ts';
import { runDemo } from '../demo/runDemo.ts';
import { demoSummary } from '../demo/summary.ts';
import { writeDemoOutputs } from '../demo/writeDemoOutputs.ts';
import { createProgressReporter } from '../progress.ts';

/** `chaintrail demo`: the README's main job. */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'Play a sanctions-evasion story on a local EVM chain, then cluster, trace, screen and write an HTML report',
  usage: 'demo [--out <dir>] [--policy poison|haircut|fifo] [--json]',
  options: {
    out: { type: 'string' },
    policy: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const quiet = args.values.quiet === true;
    const policy = stringOption(args, 'policy') ?? 'haircut';
    if (!(TAINT_POLICIES as readonly string[]).includes(policy)) throw new UsageError(`--policy must be poison, haircut or fifo, got "${policy}"`);
    const dir = resolve(io.cwd, stringOption(args, 'out') ?? 'chaintrail-demo');
    const log = (line: string): void => {
      if (!quiet) io.stderr.write(`${line}\n`);
    };
    const progress = createProgressReporter({ io, quiet, label: 'demo' });
    let result;
    try {
      result = await runDemo({ signal: io.signal, log, policy: policy as TaintPolicyName, onProgress: progress.onProgress });
    } finally {
      progress.finish();
    }
    const files = await writeDemoOutputs({ result, dir });
    if (args.values.json === true) {
      writeJsonLine(io, {
        type: 'demo',
        chain: result.scenario.chain,
        policy: result.policy,
        reached: result.trace.reached.map((r) => ({ entity: r.entity, category: r.category, taint: r.taint, hops: r.hops })),
        byPolicy: Object.fromEntries(Object.entries(result.byPolicy).map(([k, t]) => [k, t.reached.map((r) => ({ entity: r.entity, taint: r.taint }))])),
        screenings: result.screenings.map((s) => ({ address: s.address, risk: s.risk })),
        files,
      });
      return;
    }
    const out = (line = ''): void => void io.stdout.write(`${line}\n`);
    for (const line of demoSummary(result)) out(line);
    out();
    out(`Report: ${files.report}`);
    out(`Also written: ${files.trace} (chaintrail report reads it), ${files.gexf} (Gephi), ${files.edgesCsv}, ${files.transfers}, ${files.labels}`);
  },
};
