import { ETH_DECIMALS, formatUnits } from '@chaintrail/core';
import { type Command, writeJsonLine } from '../command.ts';
import { runDemo } from '../demo/runDemo.ts';

/** `chaintrail demo`: the README's main job. */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'Play a sanctions-evasion story on a local EVM chain, then trace and screen it (and the real Bitcoin blocks)',
  usage: 'demo [--json]',
  options: {
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const quiet = args.values.quiet === true;
    const log = (line: string): void => {
      if (!quiet) io.stderr.write(`${line}\n`);
    };
    const result = await runDemo({ signal: io.signal, log });
    const { scenario } = result;
    if (args.values.json === true) {
      writeJsonLine(io, { type: 'scenario', chain: scenario.chain, actors: scenario.actors, steps: scenario.steps });
      return;
    }
    const out = (line = ''): void => void io.stdout.write(`${line}\n`);
    out(`The story (${scenario.chain}, blocks ${scenario.fromBlock}-${scenario.toBlock}):`);
    for (const step of scenario.steps) {
      out(`  block ${step.block}: ${step.story}${step.value > 0n ? ` (${formatUnits(step.value, ETH_DECIMALS)} ETH)` : ''}`);
    }
  },
};
