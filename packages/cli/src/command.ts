import type { ParseArgsConfig } from 'node:util';
import { toJson } from '@chaintrail/core';

/** What a command gets from the process: streams, environment and a signal fired on Ctrl-C. */
export interface CommandIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly signal: AbortSignal;
  /** True when stderr is a terminal, so progress bars may draw. */
  readonly interactive: boolean;
}

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  readonly positionals: string[];
}

/** One `chaintrail` subcommand. `name` may have two words (`btc parse-block`). */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** The usage line(s) shown by `--help`, after `chaintrail `. */
  readonly usage: string;
  readonly options: OptionsConfig;
  run(args: ParsedArgs, io: CommandIO): Promise<void>;
}

/** A mistake in how the command was called: exit code 2 with a one-line reason. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Writes one JSON line to stdout (bigints as decimal strings). */
export function writeJsonLine(io: CommandIO, value: unknown): void {
  io.stdout.write(`${toJson(value)}\n`);
}

/** Reads a string option, or throws a UsageError when it is required and missing. */
export function stringOption(args: ParsedArgs, name: string, required: true): string;
export function stringOption(args: ParsedArgs, name: string, required?: false): string | undefined;
export function stringOption(args: ParsedArgs, name: string, required = false): string | undefined {
  const value = args.values[name];
  if (Array.isArray(value)) return stringOption({ ...args, values: { [name]: value.at(-1) } }, name, required as false);
  if (value === undefined || value === false) {
    if (required) throw new UsageError(`missing --${name}`);
    return undefined;
  }
  if (typeof value !== 'string') throw new UsageError(`--${name} needs a value`);
  return value;
}

/** Reads a non-negative integer option. */
export function integerOption(args: ParsedArgs, name: string, fallback?: number): number | undefined {
  const text = stringOption(args, name);
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${name} must be a whole number, got "${text}"`);
  return Number(text);
}

/** Reads a repeatable string option as a list. */
export function listOption(args: ParsedArgs, name: string): string[] {
  const value = args.values[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}
