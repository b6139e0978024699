import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
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

/** One row with where it came from, for error messages that name the file and line. */
export interface EtlRecord {
  readonly row: EtlRow;
  /** The line the row starts on (1 is the first line; a CSV header is line 1). */
  readonly line: number;
  /** Bytes of the file read so far (UTF-8, line ends included): progress through a large file. */
  readonly bytes: number;
}

/**
 * Streams the rows of a BigQuery / Blockchain-ETL export: newline-delimited JSON (BigQuery's JSON export and
 * ethereum-etl's `.json` files) or CSV with a header line (RFC 4180 quoting, fields may span lines).
 * Throws `PARSE_ERROR` naming the file and line, `NOT_FOUND` for a file that is not there.
 *
 * @example
 * for await (const row of readEtlRows({ path: 'token_transfers.csv' })) console.log(row.token_address)
 */
export async function* readEtlRows(params: ReadRowsParameters): AsyncIterable<EtlRow> {
  for await (const record of readEtlRecords(params)) yield record.row;
}

/**
 * `readEtlRows` with each row's line number and the bytes read so far. `required` columns must be in a CSV
 * header (a JSON Lines row may leave out a null field, as BigQuery does, so it is checked row by row instead).
 *
 * @example
 * for await (const { row, line } of readEtlRecords({ path: 'traces.csv', required: ['trace_type'] })) check(row, line)
 */
export async function* readEtlRecords(params: ReadRowsParameters & { readonly required?: readonly string[] }): AsyncIterable<EtlRecord> {
  const format = params.format ?? (params.path.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl');
  const input = createReadStream(params.path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let bytes = 0;
  const fail = (why: string, cause?: unknown) =>
    new ChaintrailError('PARSE_ERROR', `${params.path}:${lineNo}: ${why}`, { cause, meta: { file: params.path, line: lineNo } });
  try {
    if (format === 'jsonl') {
      for await (const line of lines) {
        lineNo++;
        bytes += Buffer.byteLength(line) + 1;
        if (lineNo % 1000 === 0) throwIfAborted(params.signal);
        if (line.trim() === '') continue;
        let row: unknown;
        try {
          row = JSON.parse(line);
        } catch (cause) {
          throw fail('not a JSON object (a cut or corrupt line)', cause);
        }
        if (typeof row !== 'object' || row === null || Array.isArray(row)) throw fail('not a JSON object');
        yield { row: row as EtlRow, line: lineNo, bytes };
      }
      return;
    }
    let header: string[] | null = null;
    let pending = '';
    let startLine = 0;
    for await (const line of lines) {
      lineNo++;
      bytes += Buffer.byteLength(line) + 1;
      if (lineNo % 1000 === 0) throwIfAborted(params.signal);
      if (pending === '') startLine = lineNo;
      pending = pending === '' ? line : `${pending}\n${line}`;
      const fields = splitCsv(pending);
      if (fields === null) continue; // a quoted field goes on on the next line
      pending = '';
      if (header === null) {
        header = fields;
        const missing = (params.required ?? []).filter((c) => !fields.includes(c));
        if (missing.length > 0) throw fail(`the header lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
        continue;
      }
      if (fields.length === 1 && fields[0] === '') continue;
      if (fields.length !== header.length) throw fail(`${fields.length} fields where the header has ${header.length}`);
      const row: Record<string, unknown> = {};
      header.forEach((name, i) => (row[name] = fields[i] === '' ? null : fields[i]));
      yield { row, line: startLine, bytes };
    }
    if (pending !== '') throw fail('unterminated quoted field');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EISDIR') {
      throw new ChaintrailError('NOT_FOUND', `${params.path}: no such file.`, { cause: e, meta: { file: params.path } });
    }
    throw e;
  } finally {
    input.destroy();
  }
}

/**
 * The last row of an export, read from the end of the file (and its header, for CSV) without reading the rest:
 * what a sorted export's highest block is. Null for a file without rows (or a last line over 64 MiB).
 *
 * @example
 * const last = await lastEtlRow({ path: 'transactions.jsonl' }) // { block_number: '483920', … }
 */
export async function lastEtlRow(params: { readonly path: string; readonly format?: 'jsonl' | 'csv' }): Promise<EtlRow | null> {
  const format = params.format ?? (params.path.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl');
  let file;
  try {
    file = await open(params.path, 'r');
  } catch (e) {
    throw new ChaintrailError('NOT_FOUND', `${params.path}: no such file.`, { cause: e, meta: { file: params.path } });
  }
  try {
    const { size } = await file.stat();
    let last: string | null = null;
    let onlyLine = false;
    // Grow the window until it holds a whole last line (a contract creation's input can run to 100 kB of hex).
    for (let span = Math.min(size, 65_536); ; span = Math.min(size, span * 4)) {
      const tail = Buffer.alloc(span);
      await file.read(tail, 0, span, size - span);
      const lines = tail.toString('utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
      // The first line of the window may be cut; only a later one is whole (unless the window is the whole file).
      if (lines.length > (span === size ? 0 : 1)) {
        last = lines.at(-1)!;
        onlyLine = span === size && lines.length === 1;
        break;
      }
      if (span === size || span >= 64 * 1024 * 1024) break;
    }
    if (last === null) return null;
    if (format === 'jsonl') {
      const row: unknown = JSON.parse(last);
      return typeof row === 'object' && row !== null && !Array.isArray(row) ? (row as EtlRow) : null;
    }
    // A CSV file of one line is a header without rows.
    if (onlyLine) return null;
    const head = Buffer.alloc(Math.min(size, 65_536));
    await file.read(head, 0, head.length, 0);
    const header = splitCsv(head.toString('utf8').split(/\r?\n/)[0] ?? '');
    const fields = splitCsv(last);
    if (header === null || fields === null || fields.length !== header.length) return null;
    const row: Record<string, unknown> = {};
    header.forEach((name, i) => (row[name] = fields[i] === '' ? null : fields[i]));
    return row;
  } catch (e) {
    if (e instanceof SyntaxError) return null;
    throw e;
  } finally {
    await file.close();
  }
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
