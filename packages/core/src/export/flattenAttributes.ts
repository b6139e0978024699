/** A scalar an export format can hold. */
export type FlatValue = string | number | boolean;

/**
 * Flattens graph attributes for formats that only hold scalars (GEXF, CSV): bigints become decimal strings (amounts
 * stay exact), nested objects become `parent_child` keys (`block.height` → `block_height`), arrays of scalars are
 * joined with `.` (a call path `[0, 1]` → `0.1`); null and undefined are left out.
 *
 * @example
 * flattenAttributes({ value: 10n, block: { height: 5 } }) // { value: '10', block_height: 5 }
 */
export function flattenAttributes(attributes: Readonly<Record<string, unknown>>, prefix = ''): Record<string, FlatValue> {
  const out: Record<string, FlatValue> = {};
  for (const [name, value] of Object.entries(attributes)) {
    const key = prefix ? `${prefix}_${name}` : name;
    if (value === null || value === undefined) continue;
    if (typeof value === 'bigint') out[key] = value.toString();
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
    else if (Array.isArray(value)) out[key] = value.map((v) => (typeof v === 'bigint' ? v.toString() : String(v))).join('.');
    else if (typeof value === 'object') Object.assign(out, flattenAttributes(value as Record<string, unknown>, key));
  }
  return out;
}
