import { ChaintrailError } from '../errors/ChaintrailError.ts';
import type { DataSource } from './DataSource.ts';

/**
 * Returns the source's method `name` bound to it, or throws `UNSUPPORTED` naming what the algorithm needed.
 *
 * @example
 * const outspends = requireMethod(source, 'getOutspends', 'forward tracing')
 */
export function requireMethod<S extends DataSource, K extends keyof S & string>(
  source: S,
  name: K,
  purpose: string,
): NonNullable<S[K]> {
  const method = source[name];
  if (typeof method !== 'function') {
    throw new ChaintrailError('UNSUPPORTED', `This data source cannot ${name}, which ${purpose} needs.`, {
      details: `Use a source that implements ${name} (for example a store, an in-memory source or Esplora).`,
      meta: { chain: source.chain, method: name },
    });
  }
  return method.bind(source) as NonNullable<S[K]>;
}
