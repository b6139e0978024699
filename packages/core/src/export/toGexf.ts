import type { AbstractGraph, Attributes } from 'graphology-types';
import gexf from 'graphology-gexf';
import { flattenAttributes } from './flattenAttributes.ts';

export interface ToGexfParameters {
  readonly graph: AbstractGraph<Attributes, Attributes>;
  /** GEXF version (default 1.3, which Gephi 0.9+ reads). */
  readonly version?: '1.2' | '1.3';
}

/** A node's label in Gephi: its holder or txid, whichever it has; the key otherwise. */
function labelOf(key: string, attributes: Attributes): string {
  for (const name of ['label', 'entity', 'holder', 'txid'] as const) {
    const value = attributes[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return key;
}

/**
 * The graph as GEXF for Gephi (graphology-gexf's writer). Every attribute is kept, flattened to scalars (see
 * `flattenAttributes`): amounts as exact decimal strings in `value`. Edges also get a `weight`, the amount as a
 * float, because Gephi sizes edges by weight; it is for drawing only, read amounts from `value`.
 *
 * @example
 * await writeFile('trace.gexf', toGexf({ graph }));
 */
export function toGexf(parameters: ToGexfParameters): string {
  const { graph } = parameters;
  return gexf.write(graph, {
    version: parameters.version ?? '1.3',
    formatNode: (key, attributes) => ({ label: labelOf(key, attributes), attributes: flattenAttributes(attributes) }),
    formatEdge: (_key, attributes) => {
      const value = attributes.value;
      return {
        ...(typeof value === 'bigint' ? { weight: Number(value) } : {}),
        attributes: flattenAttributes(attributes),
      };
    },
  });
}
