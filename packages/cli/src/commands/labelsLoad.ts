import { loadLabelFiles } from '@chaintrail/core';
import { type Command, UsageError, writeJsonLine } from '../command.ts';
import { cacheOption, formatOption, resolvePath } from './labelPaths.ts';

/** `chaintrail labels load <paths…>`: loads label files and folders and reports what they hold and what was rejected. */
export const labelsLoad: Command = {
  name: 'labels load',
  summary: 'Load label files or folders; print counts per source and category, conflicts and rejected records (file:line).',
  usage: 'labels load <paths…> [--format ofac-list|ofac-sdn|pools|tagpack|actorpack|etherscan|user] [--cache-dir <dir>]',
  options: { format: { type: 'string' }, 'cache-dir': { type: 'string' } },
  async run(args, io) {
    if (args.positionals.length === 0) throw new UsageError('give at least one label file or folder');
    const started = performance.now();
    const format = formatOption(args);
    const result = await loadLabelFiles({
      paths: args.positionals.map((p) => resolvePath(io, p)),
      ...(format === undefined ? {} : { format }),
      ...cacheOption(args, io),
      signal: io.signal,
    });
    const stats = result.store.stats();
    const at = (i: { file: string; line: number | null }) => `${i.file}${i.line === null ? '' : `:${i.line}`}`;
    writeJsonLine(io, {
      files: result.files.length,
      skipped: result.skipped,
      labels: stats.labels,
      addresses: stats.addresses,
      duplicates: stats.duplicates,
      bySource: stats.bySource,
      byCategory: stats.byCategory,
      pools: result.pools.pools.length,
      conflicts: result.store.conflicts(),
      rejected: result.issues.filter((i) => i.kind === 'rejected').map((i) => ({ at: at(i), reason: i.reason, ...(i.text === undefined ? {} : { text: i.text }) })),
      truncated: result.issues.filter((i) => i.kind === 'truncated').map((i) => ({ at: at(i), reason: i.reason, ...(i.text === undefined ? {} : { text: i.text }) })),
      ms: Math.round(performance.now() - started),
    });
  },
};
