/** One CSV record: its fields and the 1-based line it starts on. */
export interface CsvRow {
  readonly fields: string[];
  readonly line: number;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Parses CSV text (RFC 4180: quoted fields, `""` escapes, newlines inside quotes) into rows with their line numbers.
 * A quote left open at the end yields `unterminated` (the line it starts on) instead of throwing, so one bad record
 * does not lose the file. Fields are cut out with indexOf and slice, not built a character at a time: OFAC's 4 MB
 * SDN file parses in milliseconds.
 *
 * @example
 * parseCsv('a,"b,c"\n1,2') // { rows: [{ fields: ['a', 'b,c'], line: 1 }, { fields: ['1', '2'], line: 2 }], unterminated: null }
 */
export function parseCsv(text: string): { rows: CsvRow[]; unterminated: number | null } {
  const rows: CsvRow[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const rowLine = line;
    const fields: string[] = [];
    // One record: fields until an unquoted line break or the end.
    for (;;) {
      if (text.charCodeAt(i) === 34 /* " */) {
        let value = '';
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) return { rows, unterminated: rowLine };
          value += text.slice(from, q);
          if (text.charCodeAt(q + 1) === 34) {
            value += '"';
            from = q + 2;
          } else {
            line += countNewlines(text, i, q);
            i = q + 1;
            break;
          }
        }
        // Anything between the closing quote and the separator is kept, as lenient parsers do.
        let end = i;
        while (end < n && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') end++;
        fields.push(value + text.slice(i, end));
        i = end;
      } else {
        let end = i;
        while (end < n && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') end++;
        fields.push(text.slice(i, end));
        i = end;
      }
      if (i < n && text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
    else if (i < n) i++;
    if (i <= n && (text[i - 1] === '\n' || text[i - 1] === '\r')) line++;
    if (fields.length > 1 || fields[0] !== '') rows.push({ fields, line: rowLine });
  }
  return { rows, unterminated: null };
}
