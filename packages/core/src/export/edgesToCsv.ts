import type { AbstractGraph, Attributes } from 'graphology-types';
import { type FlatValue, flattenAttributes } from './flattenAttributes.ts';

export interface EdgesToCsvParameters {
  readonly graph: AbstractGraph<Attributes, Attributes>;
}

/** RFC 4180 quoting: a field with a comma, a quote or a line break is quoted, quotes doubled. */
function csvField(value: FlatValue | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The graph's edges as CSV (RFC 4180, header line first): `key,source,target`, then one column per attribute any
 * edge has (flattened, see `flattenAttributes`), in first-seen order. Amounts are exact decimal strings, so a
 * spreadsheet or pandas reads them without float rounding when told to read them as text or decimals.
 *
 * @example
 * await writeFile('edges.csv', edgesToCsv({ graph }));
 */
export function edgesToCsv(parameters: EdgesToCsvParameters): string {
  const { graph } = parameters;
  const rows: { key: string; source: string; target: string; attributes: Record<string, FlatValue> }[] = [];
  const columns = new Set<string>();
  graph.forEachEdge((key, attributes, source, target) => {
    const flat = flattenAttributes(attributes);
    for (const name of Object.keys(flat)) columns.add(name);
    rows.push({ key, source, target, attributes: flat });
  });
  const names = [...columns].filter((c) => c !== 'key' && c !== 'source' && c !== 'target');
  const lines = [['key', 'source', 'target', ...names].join(',')];
  for (const row of rows) {
    lines.push([row.key, row.source, row.target, ...names.map((n) => row.attributes[n])].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
