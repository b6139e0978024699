import type { LoadIssue } from './types.ts';

/** Marks a file whose JSON did not parse; the issue has already been recorded. */
export const UNPARSED = Symbol('unparsed');

/**
 * Parses a label file's JSON text; on a syntax error records one `rejected` issue naming the file and returns
 * `UNPARSED`, so a loader reports the bad file and the rest of the load goes on.
 *
 * @example
 * const parsed = parseJsonFile({ text, file, issues }); if (parsed === UNPARSED) return { labels, issues }
 */
export function parseJsonFile({ text, file, issues }: { text: string; file: string; issues: LoadIssue[] }): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    issues.push({ file, line: null, kind: 'rejected', reason: `not valid JSON: ${(e as Error).message}` });
    return UNPARSED;
  }
}
