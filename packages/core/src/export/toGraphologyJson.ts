import type { AbstractGraph, Attributes } from 'graphology-types';
import { toJson } from '../model/json.ts';

export interface ToGraphologyJsonParameters {
  readonly graph: AbstractGraph<Attributes, Attributes>;
  /** Indentation, as in JSON.stringify. */
  readonly space?: number;
}

/**
 * The graph in graphology's serialization format (`graph.export()`: `{ options, attributes, nodes, edges }`), as JSON
 * with bigints written as decimal strings. `Graph.from(JSON.parse(text))` reads it back in graphology (amounts then
 * come back as strings).
 *
 * @example
 * await writeFile('trace.graph.json', toGraphologyJson({ graph }));
 */
export function toGraphologyJson(parameters: ToGraphologyJsonParameters): string {
  return toJson(parameters.graph.export(), parameters.space);
}
