import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ChaintrailError, throwIfAborted } from '@chaintrail/core';

/** One exported row: JSON values from JSON Lines, strings (empty as null) from CSV. */
export type EtlRow = Readonly<Record<string, unknown>>;

export interface ReadRowsParameters {
  readonly path: string;
  /** `jsonl` or `csv`; default from the file name (`.csv` is CSV, anything else JSON Lines). */
  readonly format?: 'jsonl' | 'csv';
  readonly signal?: AbortSignal;
}

/**
 * Streams the rows of a BigQuery / Blockchain-ETL export: newline-delimited JSON (BigQuery's JSON export and
 * ethereum-etl's `.json` files) or CSV with a header line (RFC 4180 quoting, fields may span lines).
 * Throws `PARSE_ERROR` naming the file and line.
 *
 * @example
 * for await (const row of readEtlRows({ path: 'token_transfers.csv' })) console.log(row.token_address)
 */
export async function* readEtlRows(params: ReadRowsParameters): AsyncIterable<EtlRow> {
  const format = params.format ?? (params.path.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl');
  const lines = createInterface({ input: createReadStream(params.path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNo = 0;
  const fail = (why: string, cause?: unknown) =>
    new ChaintrailError('PARSE_ERROR', `${params.path}:${lineNo}: ${why}`, { cause, meta: { file: params.path, line: lineNo } });
  if (format === 'jsonl') {
    for await (const line of lines) {
      lineNo++;
      if (lineNo % 1000 === 0) throwIfAborted(params.signal);
      if (line.trim() === '') continue;
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch (cause) {
        throw fail('not a JSON object', cause);
      }
      if (typeof row !== 'object' || row === null || Array.isArray(row)) throw fail('not a JSON object');
      yield row as EtlRow;
    }
    return;
  }
  let header: string[] | null = null;
  let pending = '';
  for await (const line of lines) {
    lineNo++;
    if (lineNo % 1000 === 0) throwIfAborted(params.signal);
    pending = pending === '' ? line : `${pending}\n${line}`;
    const fields = splitCsv(pending);
    if (fields === null) continue; // a quoted field goes on on the next line
    pending = '';
    if (header === null) {
      header = fields;
      continue;
    }
    if (fields.length === 1 && fields[0] === '') continue;
    if (fields.length !== header.length) throw fail(`${fields.length} fields where the header has ${header.length}`);
    const row: Record<string, unknown> = {};
    header.forEach((name, i) => (row[name] = fields[i] === '' ? null : fields[i]));
    yield row;
  }
  if (pending !== '') throw fail('unterminated quoted field');
}

/** Splits one CSV record; null when a quoted field is still open at the end of the text. */
function splitCsv(text: string): string[] | null {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) return null;
  fields.push(field);
  return fields;
}
