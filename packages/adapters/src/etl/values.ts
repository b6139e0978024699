import { ChaintrailError } from '@chaintrail/core';

// BigQuery writes INT64 and NUMERIC as JSON strings, ethereum-etl as numbers; CSV gives text. Integers only.

export function etlBigint(value: unknown, field: string): bigint {
  const text = typeof value === 'number' ? (Number.isSafeInteger(value) ? String(value) : null) : typeof value === 'string' ? value.replace(/\.0*$/, '') : null;
  if (text === null || !/^-?\d+$/.test(text)) {
    throw new ChaintrailError('PARSE_ERROR', `Field ${field} is not an integer: ${JSON.stringify(value)}.`, { meta: { field } });
  }
  return BigInt(text);
}

export function etlBigintOrNull(value: unknown, field: string): bigint | null {
  return value === null || value === undefined || value === '' ? null : etlBigint(value, field);
}

export function etlNumber(value: unknown, field: string): number {
  return Number(etlBigint(value, field));
}

export function etlNumberOrNull(value: unknown, field: string): number | null {
  return value === null || value === undefined || value === '' ? null : etlNumber(value, field);
}

export function etlString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new ChaintrailError('PARSE_ERROR', `Field ${field} is missing or not text.`, { meta: { field } });
  }
  return value;
}

let lastText = '';
let lastSeconds = 0;

/**
 * A block timestamp in Unix seconds: BigQuery writes `2016-05-30 02:41:59 UTC`, the etl tools Unix seconds.
 */
export function etlTimestamp(value: unknown, field: string): number {
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))) return etlNumber(value, field);
  if (typeof value === 'string') {
    // Rows of one block repeat its timestamp: parse each distinct text once.
    if (value === lastText) return lastSeconds;
    const ms = Date.parse(value.replace(' UTC', 'Z').replace(' ', 'T'));
    if (Number.isFinite(ms)) {
      lastText = value;
      lastSeconds = Math.floor(ms / 1000);
      return lastSeconds;
    }
  }
  throw new ChaintrailError('PARSE_ERROR', `Field ${field} is not a timestamp: ${JSON.stringify(value)}.`, { meta: { field } });
}

/** A BOOL that may come as true/false or as text. */
export function etlBool(value: unknown): boolean {
  return value === true || value === 'true' || value === 'True' || value === 1 || value === '1';
}
