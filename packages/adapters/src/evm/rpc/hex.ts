import { ChaintrailError } from '@chaintrail/core';

/** Why a node's answer was refused: names the method and the field, for `INVALID_RESPONSE`. */
export function invalidResponse(method: string, what: string, value?: unknown): ChaintrailError<'INVALID_RESPONSE'> {
  return new ChaintrailError('INVALID_RESPONSE', `${method}: ${what}.`, {
    meta: { method, value: typeof value === 'string' ? value.slice(0, 80) : typeof value },
  });
}

/**
 * A JSON-RPC quantity (`0x1f`) as a bigint; also takes a JSON number (Parity's `blockNumber`) and, for explorer
 * APIs, a decimal string. Anything else is an `INVALID_RESPONSE` naming the method and field.
 *
 * @example
 * quantity('0x3e9', 'eth_getBlockByNumber', 'value') // 1001n
 */
export function quantity(value: unknown, method: string, field: string): bigint {
  if (typeof value === 'string') {
    if (/^0x[0-9a-fA-F]{1,64}$/.test(value)) return BigInt(value);
    if (value === '0x') return 0n;
    if (/^\d{1,78}$/.test(value)) return BigInt(value);
  } else if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) {
    return BigInt(value);
  }
  throw invalidResponse(method, `${field} is not a quantity`, value);
}

/** A quantity that must fit a JS number (block numbers, indexes, timestamps). */
export function smallQuantity(value: unknown, method: string, field: string): number {
  const n = quantity(value, method, field);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw invalidResponse(method, `${field} is too large`, value);
  return Number(n);
}

/** A 20-byte address in canonical lower case. */
export function address(value: unknown, method: string, field: string): string {
  if (typeof value === 'string' && /^0x[0-9a-fA-F]{40}$/.test(value)) return value.toLowerCase();
  throw invalidResponse(method, `${field} is not an address`, value);
}

/** An address, or null where the field is null or absent (a contract creation's `to`). */
export function optionalAddress(value: unknown, method: string, field: string): string | null {
  if (value === null || value === undefined) return null;
  return address(value, method, field);
}

/** A 32-byte hash in lower case. */
export function hash32(value: unknown, method: string, field: string): string {
  if (typeof value === 'string' && /^0x[0-9a-fA-F]{64}$/.test(value)) return value.toLowerCase();
  throw invalidResponse(method, `${field} is not a 32-byte hash`, value);
}

/** A block number as the JSON-RPC quantity nodes take. */
export function toQuantity(n: number | bigint): string {
  return `0x${n.toString(16)}`;
}

/** Asserts the value is a JSON object. */
export function object(value: unknown, method: string, what: string): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  throw invalidResponse(method, `${what} is not an object`, value);
}

/** Asserts the value is a JSON array. */
export function array(value: unknown, method: string, what: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw invalidResponse(method, `${what} is not an array`, value);
}
