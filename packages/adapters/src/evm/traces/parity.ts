import { address, array, hash32, invalidResponse, object, optionalAddress, quantity, smallQuantity } from '../rpc/hex.ts';
import { isPrefix, type RewardTrace, type ValueFrame } from './types.ts';

const CALL_TYPES: Readonly<Record<string, ValueFrame['type']>> = {
  call: 'call',
  callcode: 'callcode',
  delegatecall: 'delegatecall',
  staticcall: 'staticcall',
};

export interface ParityTraces {
  readonly frames: ValueFrame[];
  /** Block and uncle rewards (pre-Merge chains). */
  readonly rewards: RewardTrace[];
}

/**
 * Parses Parity/Erigon/OpenEthereum `trace_block` or `trace_transaction` results. A trace with `error` failed;
 * its descendants (same transaction, `traceAddress` below it) are marked reverted too, since Parity reports a
 * child of a reverted frame without an error of its own.
 *
 * @example
 * const { frames, rewards } = parseParityTraces({ result: await rpc.call('trace_block', ['0xf4240']) })
 */
export function parseParityTraces(params: { readonly result: unknown; readonly method?: string }): ParityTraces {
  const method = params.method ?? 'trace_block';
  const frames: ValueFrame[] = [];
  const rewards: RewardTrace[] = [];
  const failedByTx = new Map<string, (readonly number[])[]>();
  for (const raw of array(params.result, method, 'the result')) {
    const t = object(raw, method, 'a trace');
    const action = object(t.action, method, 'action');
    if (t.type === 'reward') {
      rewards.push({
        author: address(action.author, method, 'action.author'),
        value: quantity(action.value, method, 'action.value'),
        rewardType: typeof action.rewardType === 'string' ? action.rewardType : 'block',
      });
      continue;
    }
    const txHash = hash32(t.transactionHash, method, 'transactionHash');
    const txIndex = smallQuantity(t.transactionPosition, method, 'transactionPosition');
    const traceAddress = array(t.traceAddress, method, 'traceAddress').map((n) => smallQuantity(n, method, 'traceAddress'));
    const failed = typeof t.error === 'string' && t.error.length > 0;
    if (failed) {
      const list = failedByTx.get(txHash) ?? [];
      list.push(traceAddress);
      failedByTx.set(txHash, list);
    }
    const result = t.result === null || t.result === undefined ? null : object(t.result, method, 'result');
    let frame: Omit<ValueFrame, 'reverted'>;
    if (t.type === 'call') {
      const type = CALL_TYPES[String(action.callType)];
      if (!type) throw invalidResponse(method, `unknown callType "${String(action.callType)}"`);
      frame = {
        txHash, txIndex, traceAddress, type, failed,
        from: address(action.from, method, 'action.from'),
        to: address(action.to, method, 'action.to'),
        value: action.value === undefined ? 0n : quantity(action.value, method, 'action.value'),
      };
    } else if (t.type === 'create') {
      frame = {
        txHash, txIndex, traceAddress, type: 'create', failed,
        from: address(action.from, method, 'action.from'),
        to: optionalAddress(result?.address, method, 'result.address'),
        value: quantity(action.value, method, 'action.value'),
      };
    } else if (t.type === 'suicide' || t.type === 'selfdestruct') {
      frame = {
        txHash, txIndex, traceAddress, type: 'selfdestruct', failed,
        from: address(action.address, method, 'action.address'),
        to: address(action.refundAddress, method, 'action.refundAddress'),
        value: quantity(action.balance, method, 'action.balance'),
      };
    } else {
      throw invalidResponse(method, `unknown trace type "${String(t.type)}"`);
    }
    frames.push({ ...frame, reverted: false });
  }
  return {
    frames: frames.map((f) => {
      const failed = failedByTx.get(f.txHash!);
      return failed && failed.some((p) => isPrefix(p, f.traceAddress)) ? { ...f, reverted: true } : f;
    }),
    rewards,
  };
}
