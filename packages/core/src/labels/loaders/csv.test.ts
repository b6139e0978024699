import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';

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
});
