import { compareTransfers, erc20Asset, erc721Asset, nativeAsset, type AccountBlockRef, type AccountTransfer, type ChainId, type TransferStatus } from '@chaintrail/core';
import { holderOrNull, type TransferLog } from '../tokens/transferLogs.ts';
import { movesValue, type RewardTrace, type ValueFrame } from '../traces/types.ts';
import type { RpcBlock, RpcReceipt, RpcTransaction } from './parseBlock.ts';

/** What could not be had for a block, and how many transactions it touched. */
export interface MissingData {
  /** Transactions running contract code whose internal transfers are unknown (no traces). */
  readonly traces: number;
  /** Transactions without a receipt: status unknown, no fee. */
  readonly receipts: number;
  /** Pre-Byzantium transactions whose receipt has no status and no trace could tell. */
  readonly status: number;
}

export interface AssembleTransfersParameters {
  readonly chain: ChainId;
  readonly block: RpcBlock;
  /** The transactions to assemble (default: all of the block's, plus block-level rewards and withdrawals). */
  readonly only?: RpcTransaction;
  /** Receipt per transaction hash; a missing entry is a receipt the node could not give. */
  readonly receipts: ReadonlyMap<string, RpcReceipt>;
  /** Call frames of the traced transactions, or null when the block has no traces. */
  readonly frames: readonly ValueFrame[] | null;
  /** Parity reward traces, where the trace source carries them. */
  readonly rewards?: readonly RewardTrace[];
  /** Transfer logs of the block (from eth_getLogs or the receipts). */
  readonly tokenLogs: readonly TransferLog[];
  readonly unconfirmed?: boolean;
}

const WEI_PER_GWEI = 1_000_000_000n;

/**
 * Turns a block's validated parts into account transfers, in chain order: for each transaction its native value
 * (status from the receipt; failed transactions keep their transfer with status `failed`), the value moved by its
 * call frames (not from reverted frames or their children, not by DELEGATECALL/STATICCALL/CALLCODE), its ERC-20 and
 * ERC-721 Transfer logs, then the fee its sender paid (the base fee burned, `to` null; the rest to the block's
 * fee recipient). Block and uncle rewards and beacon withdrawals come first with txIndex -1 and the block hash as
 * their txHash. Zero-value native, internal and fee movements are left out; zero-value token transfers are kept
 * (address-poisoning scams use them).
 *
 * @example
 * const { transfers, missing } = assembleTransfers({ chain: 'eip155:1', block, receipts, frames, tokenLogs })
 */
export function assembleTransfers(params: AssembleTransfersParameters): { transfers: AccountTransfer[]; missing: MissingData } {
  const { chain, block } = params;
  const native = nativeAsset(chain);
  const ref: AccountBlockRef = { number: block.number, hash: block.hash, time: block.time };
  const extra = params.unconfirmed ? { unconfirmed: true } : {};
  const transfers: AccountTransfer[] = [];
  const missing = { traces: 0, receipts: 0, status: 0 };

  if (!params.only) {
    (params.rewards ?? []).forEach((r, i) => {
      if (r.value === 0n) return;
      transfers.push({
        chain, txHash: block.hash, block: ref, txIndex: -1, kind: 'reward', traceAddress: [i],
        from: null, to: r.author, asset: native, value: r.value, status: 'success', ...extra,
      });
    });
    block.withdrawals.forEach((w, i) => {
      if (w.amountGwei === 0n) return;
      transfers.push({
        chain, txHash: block.hash, block: ref, txIndex: -1, kind: 'withdrawal', traceAddress: [(params.rewards?.length ?? 0) + i],
        from: null, to: w.address, asset: native, value: w.amountGwei * WEI_PER_GWEI, status: 'success', ...extra,
      });
    });
  }

  const framesByTx = new Map<number, ValueFrame[]>();
  for (const f of params.frames ?? []) {
    const list = framesByTx.get(f.txIndex);
    if (list) list.push(f);
    else framesByTx.set(f.txIndex, [f]);
  }
  const logsByTx = new Map<number, TransferLog[]>();
  for (const l of params.tokenLogs) {
    const list = logsByTx.get(l.txIndex);
    if (list) list.push(l);
    else logsByTx.set(l.txIndex, [l]);
  }

  for (const tx of params.only ? [params.only] : block.transactions) {
    const receipt = params.receipts.get(tx.hash);
    const frames = params.frames ? (framesByTx.get(tx.index) ?? []) : null;
    const top = frames?.find((f) => f.traceAddress.length === 0);
    let status: TransferStatus;
    if (receipt && receipt.status !== null) status = receipt.status === 1 ? 'success' : 'failed';
    else if (top) status = top.failed ? 'failed' : 'success';
    else status = 'unknown';
    if (!receipt) missing.receipts++;
    else if (receipt.status === null && !top) missing.status++;
    if (frames === null && tx.hasInput) missing.traces++;

    const base = { chain, txHash: tx.hash, block: ref, txIndex: tx.index, ...extra };
    if (tx.value > 0n) {
      transfers.push({ ...base, kind: 'native', from: tx.from, to: tx.to, asset: native, value: tx.value, status });
    }
    for (const f of frames ?? []) {
      if (f.traceAddress.length === 0 || !movesValue(f) || f.to === null) continue;
      transfers.push({
        ...base, kind: 'internal', traceAddress: f.traceAddress, from: f.from, to: f.to, asset: native, value: f.value,
        status: 'success',
      });
    }
    for (const l of logsByTx.get(tx.index) ?? []) {
      if (l.txHash !== tx.hash) continue;
      transfers.push({
        ...base,
        kind: l.standard === 'erc20' ? 'token' : 'nft',
        logIndex: l.logIndex,
        from: holderOrNull(l.from),
        to: holderOrNull(l.to),
        asset: l.standard === 'erc20' ? erc20Asset(chain, l.contract) : erc721Asset(chain, l.contract),
        value: l.value,
        ...(l.tokenId !== undefined ? { tokenId: l.tokenId } : {}),
        // Logs exist only for executions that succeeded.
        status: 'success',
      });
    }
    if (receipt) {
      const price = receipt.effectiveGasPrice ?? tx.gasPrice;
      if (price !== null) {
        const total = receipt.gasUsed * price;
        const burned = block.baseFeePerGas !== null ? receipt.gasUsed * block.baseFeePerGas : 0n;
        const tip = total - burned;
        const blob = receipt.blobGasUsed * receipt.blobGasPrice;
        // Fees are paid whether or not the transaction succeeded.
        if (tip > 0n) transfers.push({ ...base, kind: 'fee', from: tx.from, to: block.miner, asset: native, value: tip, status: 'success' });
        if (burned + blob > 0n) transfers.push({ ...base, kind: 'fee', from: tx.from, to: null, asset: native, value: burned + blob, status: 'success' });
      } else {
        missing.receipts++;
      }
    }
  }
  return { transfers: transfers.sort(compareTransfers), missing };
}
