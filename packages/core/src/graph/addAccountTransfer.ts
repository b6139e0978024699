import type { AccountTransfer } from '../model/transaction.ts';
import { holderNode } from './keys.ts';
import type { TransactionGraph } from './types.ts';

/** The key of a transfer edge: unique per transfer, so adding it twice is a no-op. */
function transferEdgeKey(t: AccountTransfer): string {
  const sub = t.logIndex !== undefined ? `log:${t.logIndex}` : t.traceAddress !== undefined ? `call:${t.traceAddress.join('.')}` : '';
  return `${t.chain}/transfer:${t.txHash}:${t.kind}:${sub}:${t.tokenId ?? ''}`;
}

/**
 * Adds an account-chain transfer as a `transfer` edge holder → holder carrying the tx hash, position, asset and
 * value. Idempotent: the edge key is derived from the transfer's identity (tx hash, kind, log index or call path,
 * token id). Transfers that moved no value between two holders get no edge: failed ones, minted rewards and
 * withdrawals (no sender) and burned fees (no receiver). Returns true when an edge was added.
 *
 * @example
 * addAccountTransfer(graph, { chain: 'eip155:1', txHash, from, to, asset, value: 10n ** 18n, kind: 'native', … }); // true
 */
export function addAccountTransfer(graph: TransactionGraph, transfer: AccountTransfer): boolean {
  if (transfer.from === null || transfer.to === null || transfer.status === 'failed') return false;
  const key = transferEdgeKey(transfer);
  if (graph.hasEdge(key)) return false;
  const from = holderNode(transfer.chain, transfer.from);
  const to = holderNode(transfer.chain, transfer.to);
  graph.mergeNode(from, { kind: 'holder', chain: transfer.chain, holder: transfer.from });
  graph.mergeNode(to, { kind: 'holder', chain: transfer.chain, holder: transfer.to });
  graph.addDirectedEdgeWithKey(key, from, to, {
    kind: 'transfer',
    chain: transfer.chain,
    txid: transfer.txHash,
    position: transfer.txIndex,
    transferKind: transfer.kind,
    ...(transfer.logIndex === undefined ? {} : { logIndex: transfer.logIndex }),
    ...(transfer.traceAddress === undefined ? {} : { traceAddress: transfer.traceAddress }),
    value: transfer.value,
    asset: transfer.asset,
    block: transfer.block,
    ...(transfer.tokenId === undefined ? {} : { tokenId: transfer.tokenId }),
  });
  return true;
}
