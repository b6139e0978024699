import { ChaintrailError } from '../errors/ChaintrailError.ts';
import { throwIfAborted } from '../errors/abort.ts';
import type { DataSource, Neighbourhood, NeighbourhoodParameters } from './DataSource.ts';
import { walkNeighbourhood } from './walkNeighbourhood.ts';

/** Edges an address may have on the walk's side and still be expanded (default of `maxDegree`). */
export const DEFAULT_NEIGHBOURHOOD_MAX_DEGREE = 1_000;

export interface ExpandNeighbourhoodParameters extends Omit<NeighbourhoodParameters, 'maxDegree'> {
  readonly source: DataSource;
  /** Default `DEFAULT_NEIGHBOURHOOD_MAX_DEGREE` (1,000): hubs such as exchanges are reached, not expanded. */
  readonly maxDegree?: number;
}

/**
 * Every address within `maxHops` of the start addresses, forward or backward, with its fewest hops and the edge it
 * came by (so paths can be rebuilt). A source with the `expandNeighbourhood` capability (a store: one recursive SQL
 * query) answers in one request; any other source is walked hop by hop (`walkNeighbourhood`). Both give the same
 * answer.
 *
 * @example
 * const { reached, hubs } = await expandNeighbourhood({ source: store.account('eip155:1'), from: [address], direction: 'backward', maxHops: 3 })
 */
export async function expandNeighbourhood(params: ExpandNeighbourhoodParameters): Promise<Neighbourhood> {
  throwIfAborted(params.signal);
  const { source, ...rest } = params;
  if (!Number.isInteger(params.maxHops) || params.maxHops < 0) {
    throw new ChaintrailError('INVALID_ARGUMENT', `maxHops must be a whole number ≥ 0, got ${params.maxHops}.`);
  }
  const maxDegree = params.maxDegree ?? DEFAULT_NEIGHBOURHOOD_MAX_DEGREE;
  if (!Number.isInteger(maxDegree) || maxDegree < 0) throw new ChaintrailError('INVALID_ARGUMENT', `maxDegree must be a whole number ≥ 0, got ${maxDegree}.`);
  if (params.direction !== 'forward' && params.direction !== 'backward') {
    throw new ChaintrailError('INVALID_ARGUMENT', `Unknown direction "${String(params.direction)}": use forward or backward.`);
  }
  const request: NeighbourhoodParameters = { ...rest, from: [...new Set(params.from)], maxDegree };
  if (source.expandNeighbourhood) return source.expandNeighbourhood(request);
  return walkNeighbourhood({ ...request, source });
}
