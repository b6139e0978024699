import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isChaintrailError } from '@chaintrail/core';
import { type Command, type CommandIO, UsageError } from './command.ts';
import { commands } from './commands/index.ts';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** The global options every command accepts. */
const GLOBAL_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  quiet: { type: 'boolean', short: 'q' },
} as const;

function helpText(list: readonly Command[], prefix = ''): string {
  const width = Math.max(...list.map((c) => c.name.length));
  const lines = list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `chaintrail ${version}: follow money across blockchains.`,
    '',
    `Usage: chaintrail ${prefix ? `${prefix} ` : ''}<command> [options]`,
    '',
    'Commands:',
    ...lines,
    '',
    'Every command takes --help and --quiet. JSON goes to stdout, logs and progress to stderr.',
    'Exit codes: 0 success, 1 runtime failure, 2 bad usage.',
  ].join('\n');
}

function commandHelp(c: Command): string {
  const options = Object.entries(c.options)
    .map(([name, o]) => `  --${name}${o.type === 'string' ? ' <value>' : ''}${o.multiple ? ' (repeatable)' : ''}`)
    .join('\n');
  return `${c.summary}\n\nUsage: chaintrail ${c.usage}\n${options ? `\nOptions:\n${options}\n` : ''}`;
}

/** Finds the command named by the first one or two words of argv. */
function route(argv: readonly string[]): { command: Command; rest: string[] } | undefined {
  const two = `${argv[0]} ${argv[1]}`;
  const command = commands.find((c) => c.name === two) ?? commands.find((c) => c.name === argv[0]);
  if (!command) return undefined;
  return { command, rest: argv.slice(command.name.split(' ').length) };
}

/**
 * Runs the CLI with `argv` (without `node` and the script) and returns the exit code.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2), io)
 */
export async function main(argv: readonly string[], io: CommandIO): Promise<number> {
  const first = argv[0];
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(`${helpText(commands)}\n`);
    return 0;
  }
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  const routed = route(argv);
  if (!routed) {
    const group = commands.filter((c) => c.name.startsWith(`${first} `));
    if (group.length > 0 && (argv.length === 1 || argv[1] === '--help' || argv[1] === '-h')) {
      io.stdout.write(`${helpText(group, first)}\n`);
      return argv.length === 1 ? 2 : 0;
    }
    io.stderr.write(`chaintrail: unknown command "${argv.slice(0, group.length > 0 ? 2 : 1).join(' ')}" (see chaintrail --help)\n`);
    return 2;
  }
  const { command, rest } = routed;
  try {
    const parsed = parseArgs({
      args: rest,
      options: { ...GLOBAL_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    if (parsed.values.help) {
      io.stdout.write(commandHelp(command));
      return 0;
    }
    await command.run(parsed, io);
    return 0;
  } catch (e) {
    if (e instanceof UsageError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
      io.stderr.write(`chaintrail ${command.name}: ${e.message} (see chaintrail ${command.name} --help)\n`);
      return 2;
    }
    if (isChaintrailError(e)) {
      io.stderr.write(`chaintrail ${command.name}: ${e.shortMessage}${e.code === 'ABORTED' ? '' : ` [${e.code}]`}\n`);
      return 1;
    }
    io.stderr.write(`chaintrail ${command.name}: unexpected failure: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}
