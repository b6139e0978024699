import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvRow, parseCsv } from './csv.ts';

/** The first, character-at-a-time parser: the grammar the fast one must keep. */
function referenceParseCsv(text: string): { rows: CsvRow[]; unterminated: number | null } {
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


describe('parseCsv', () => {
  it('reads quoted fields, escaped quotes and newlines inside quotes, with start lines', () => {
    const { rows, unterminated } = parseCsv('a,"b, ""c"""\r\n1,"two\nlines"\n\nx,y');
    expect(unterminated).toBeNull();
    expect(rows).toEqual([
      { fields: ['a', 'b, "c"'], line: 1 },
      { fields: ['1', 'two\nlines'], line: 2 },
      { fields: ['x', 'y'], line: 5 },
    ]);
  });
  it('reports an unterminated quote instead of throwing', () => {
    const { rows, unterminated } = parseCsv('a,b\n"open,c\nd');
    expect(rows).toEqual([{ fields: ['a', 'b'], line: 1 }]);
    expect(unterminated).toBe(2);
  });
  it('gives what the character-at-a-time reference parser gives, on any mix of commas, quotes and line breaks', () => {
    const text = fc.array(fc.constantFrom('a', 'b', ',', '"', '""', '\n', '\r', '\r\n', ' '), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        expect(parseCsv(t)).toEqual(referenceParseCsv(t));
      }),
      { seed: 20261123, numRuns: 2000 },
    );
  });
});
