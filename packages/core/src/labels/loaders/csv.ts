/** One CSV record: its fields and the 1-based line it starts on. */
export interface CsvRow {
  readonly fields: string[];
  readonly line: number;
}

/**
 * Parses CSV text (RFC 4180: quoted fields, `""` escapes, newlines inside quotes) into rows with their line numbers.
 * A quote left open at the end yields a last row flagged `unterminated` instead of throwing, so one bad record does
 * not lose the file.
 *
 * @example
 * parseCsv('a,"b,c"\n1,2') // [{ fields: ['a', 'b,c'], line: 1 }, { fields: ['1', '2'], line: 2 }]
 */
export function parseCsv(text: string): { rows: CsvRow[]; unterminated: number | null } {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      fieldStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.length > 1 || fields[0] !== '') rows.push({ fields, line: rowLine });
      fields = [];
      field = '';
      fieldStart = true;
      line++;
      rowLine = line;
    } else {
      field += ch;
      fieldStart = false;
    }
  }
  if (quoted) return { rows, unterminated: rowLine };
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    rows.push({ fields, line: rowLine });
  }
  return { rows, unterminated: null };
}
