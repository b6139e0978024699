import { ChaintrailError } from '../../errors/ChaintrailError.ts';
import { fifo } from './fifo.ts';
import { haircut } from './haircut.ts';
import { poison } from './poison.ts';
import type { TaintPolicy, TaintPolicyName } from './types.ts';

/**
 * The policy object for a name (`'poison' | 'haircut' | 'fifo'`).
 *
 * @example
 * taintPolicy('haircut').forward({ inputs, outputs, fee })
 */
export function taintPolicy(name: TaintPolicyName | TaintPolicy): TaintPolicy {
  if (typeof name !== 'string') return name;
  const policy = { poison, haircut, fifo }[name];
  if (!policy) {
    throw new ChaintrailError('INVALID_ARGUMENT', `Unknown taint policy "${String(name)}": use poison, haircut or fifo.`, {
      meta: { policy: name },
    });
  }
  return policy;
}
