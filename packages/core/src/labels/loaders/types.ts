import type { Label } from '../types.ts';

/** A record a loader could not use, with where it is, so the user can fix the file; the rest still loads. */
export interface LoadIssue {
  /** The file (or the name given for a string input). */
  readonly file: string;
  /** 1-based line, where the format has lines; null when the problem is not on one line. */
  readonly line: number | null;
  /** `rejected`: the record was dropped; `truncated`: the source cut the record, so what it held is unknown. */
  readonly kind: 'rejected' | 'truncated';
  readonly reason: string;
  /** The offending text, shortened. */
  readonly text?: string;
}

/** What every loader returns: the labels it read and the records it could not use. */
export interface LoadResult {
  readonly labels: Label[];
  readonly issues: LoadIssue[];
}

/** What every loader takes: the file's text and its name (for `source` and for issues). */
export interface LoaderParameters {
  readonly text: string;
  /** The file name or path shown in sources and issues. */
  readonly file: string;
}

/** Shortens a text for an issue report. */
export function excerpt(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The last path segment, for `source` names (`ofac:sanctioned_addresses_XBT.txt`). */
export function baseName(file: string): string {
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return i < 0 ? file : file.slice(i + 1);
}
