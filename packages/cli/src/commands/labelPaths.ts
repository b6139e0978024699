import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { LABEL_FORMATS, type LabelFormat } from '@chaintrail/core';
import { type CommandIO, listOption, type ParsedArgs, stringOption, UsageError } from '../command.ts';

/** Resolves a path given on the command line against the command's working directory. */
export function resolvePath(io: CommandIO, path: string): string {
  return isAbsolute(path) ? path : resolve(io.cwd, path);
}

/**
 * Splits `--name a b c` the way users type it: parseArgs takes only `a` as the option's value, so the positionals
 * that name existing files or folders are taken as more values of the option; the others stay positionals.
 */
export function pathsAndRest(args: ParsedArgs, io: CommandIO, option: string): { paths: string[]; rest: string[] } {
  const paths = listOption(args, option).map((p) => resolvePath(io, p));
  const rest: string[] = [];
  for (const p of args.positionals) {
    if (paths.length > 0 && existsSync(resolvePath(io, p))) paths.push(resolvePath(io, p));
    else rest.push(p);
  }
  return { paths, rest };
}

/** Reads `--format`, checking it names a known label format. */
export function formatOption(args: ParsedArgs): LabelFormat | undefined {
  const format = stringOption(args, 'format');
  if (format === undefined) return undefined;
  if (!(LABEL_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${LABEL_FORMATS.join(', ')}, got "${format}"`);
  return format as LabelFormat;
}

/** `--cache-dir <dir>` (or CHAINTRAIL_CACHE_DIR): where parsed TagPacks are cached between runs. */
export function cacheOption(args: ParsedArgs, io: CommandIO): { cacheDir?: string } {
  const dir = stringOption(args, 'cache-dir') ?? io.env['CHAINTRAIL_CACHE_DIR'];
  return dir === undefined || dir === '' ? {} : { cacheDir: resolvePath(io, dir) };
}
