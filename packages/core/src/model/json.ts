/**
 * JSON.stringify that writes bigints as decimal strings, so amounts survive the trip to JSON exactly.
 *
 * @example
 * toJson({ value: 10n }) // '{"value":"10"}'
 */
export function toJson(value: unknown, space?: number): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), space);
}
