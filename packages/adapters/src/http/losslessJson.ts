import { ChaintrailError } from '@chaintrail/core';

/**
 * Parses JSON keeping every number that has a fraction or an exponent (`0.00012345`, `21e-8`) as its original text,
 * so amounts can be converted to base units exactly (`parseUnits`), never through a float. Integers stay numbers when
 * they are safe integers, and become text otherwise. Throws a `SyntaxError` for malformed JSON, as `JSON.parse` does.
 *
 * @example
 * parseJsonLossless('{"value": 92233720.36854775}') // { value: '92233720.36854775' }
 */
export function parseJsonLossless(text: string): unknown {
  return JSON.parse(quoteInexactNumbers(text));
}

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?$/;

// One pass over the text: outside strings, a number token that is not a safe integer is wrapped in quotes.
function quoteInexactNumbers(text: string): string {
  let out = '';
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip a string, honouring escapes.
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i += 2;
        else if (d === 0x22) break;
        else i++;
      }
      i++;
      continue;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      i++;
      let exact = true;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d >= 0x30 && d <= 0x39) i++;
        else if (d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) {
          exact = false;
          i++;
        } else break;
      }
      const token = text.slice(start, i);
      // A malformed token stays as it is, so JSON.parse rejects it.
      if ((!exact || !Number.isSafeInteger(Number(token))) && JSON_NUMBER.test(token)) {
        out += `${text.slice(last, start)}"${token}"`;
        last = i;
      }
      continue;
    }
    i++;
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * Reads a JSON value that should be a decimal amount (a number's text from `parseJsonLossless`, or an integer).
 * Throws `INVALID_RESPONSE` naming `where` when it is neither.
 */
export function decimalText(value: unknown, where: string): string {
  if (typeof value === 'string' && /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/.test(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  throw new ChaintrailError('INVALID_RESPONSE', `${where}: expected a decimal amount, got ${JSON.stringify(value)}.`, { meta: { where } });
}
