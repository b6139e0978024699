import { ChaintrailError } from '@chaintrail/core';
import { address, array, invalidResponse, object, optionalAddress, quantity } from '../rpc/hex.ts';
import type { ValueFrame } from './types.ts';

const TYPES: Readonly<Record<string, ValueFrame['type']>> = {
  CALL: 'call',
  CALLCODE: 'callcode',
  DELEGATECALL: 'delegatecall',
  STATICCALL: 'staticcall',
  CREATE: 'create',
  CREATE2: 'create',
  SELFDESTRUCT: 'selfdestruct',
  SUICIDE: 'selfdestruct',
};

/**
 * Flattens one transaction's geth `callTracer` tree into frames, depth first (the order of Parity's `traceAddress`).
 * A frame with `error` failed; it and every frame below it moved nothing, even where a child reports no error
 * of its own (the revert undoes the child's effects).
 *
 * @example
 * const frames = flattenGethCallTrace({ trace: await rpc.call('debug_traceTransaction', [hash, { tracer: 'callTracer' }]), txIndex: 0, txHash: hash })
 */
export function flattenGethCallTrace(params: {
  readonly trace: unknown;
  readonly txIndex: number;
  readonly txHash: string | null;
  readonly method?: string;
}): ValueFrame[] {
  const method = params.method ?? 'debug_traceTransaction';
  const frames: ValueFrame[] = [];
  const walk = (raw: unknown, traceAddress: number[], parentReverted: boolean): void => {
    const f = object(raw, method, 'a call frame');
    const typeName = typeof f.type === 'string' ? f.type.toUpperCase() : '';
    const type = TYPES[typeName];
    if (!type) throw invalidResponse(method, `unknown call frame type "${String(f.type)}"`);
    const failed = typeof f.error === 'string' && f.error.length > 0;
    const reverted = parentReverted || failed;
    frames.push({
      txHash: params.txHash,
      txIndex: params.txIndex,
      traceAddress,
      type,
      from: address(f.from, method, 'from'),
      // A failed CREATE has no address; a SELFDESTRUCT's `to` is the beneficiary.
      to: optionalAddress(f.to, method, 'to'),
      value: f.value === undefined || f.value === null ? 0n : quantity(f.value, method, 'value'),
      reverted,
      failed,
    });
    const calls = f.calls === undefined || f.calls === null ? [] : array(f.calls, method, 'calls');
    calls.forEach((c, i) => walk(c, [...traceAddress, i], reverted));
  };
  walk(params.trace, [], false);
  return frames;
}

/**
 * Parses `debug_traceBlockByNumber(n, { tracer: 'callTracer' })`: one entry per transaction, in block order.
 * Older geth gives no `txHash` per entry, so hashes come from the block's transaction list.
 *
 * @example
 * const frames = parseGethBlockTraces({ result, txHashes: block.transactions.map((t) => t.hash) })
 */
export function parseGethBlockTraces(params: { readonly result: unknown; readonly txHashes: readonly string[] }): ValueFrame[] {
  const method = 'debug_traceBlockByNumber';
  const entries = array(params.result, method, 'the result');
  if (entries.length !== params.txHashes.length) {
    throw invalidResponse(method, `${entries.length} traces for ${params.txHashes.length} transactions`);
  }
  const frames: ValueFrame[] = [];
  entries.forEach((raw, txIndex) => {
    const entry = object(raw, method, 'a trace entry');
    if (typeof entry.error === 'string') {
      // The node answered but could not trace this transaction (pruned state, a tracer limit): a node error.
      throw new ChaintrailError('RPC_ERROR', `${method}: the node could not trace transaction ${txIndex}: ${entry.error}.`, {
        meta: { method, txIndex, rpcMessage: entry.error },
      });
    }
    const txHash = params.txHashes[txIndex]!;
    if (typeof entry.txHash === 'string' && entry.txHash.toLowerCase() !== txHash) {
      throw invalidResponse(method, `trace ${txIndex} is for ${entry.txHash}, not ${txHash}`);
    }
    frames.push(...flattenGethCallTrace({ trace: entry.result, txIndex, txHash, method }));
  });
  return frames;
}
