import { getCreateAddress } from 'ethers';
import { address, array, hash32, invalidResponse, object, optionalAddress, quantity, smallQuantity } from './hex.ts';

/** The parts of an `eth_getBlockByNumber(n, true)` answer that transfers need, validated. */
export interface RpcBlock {
  readonly number: number;
  readonly hash: string;
  readonly time: number;
  readonly miner: string;
  readonly baseFeePerGas: bigint | null;
  readonly transactions: readonly RpcTransaction[];
  readonly withdrawals: readonly RpcWithdrawal[];
}

export interface RpcTransaction {
  readonly hash: string;
  readonly index: number;
  readonly from: string;
  /** The recipient; for a contract creation, the new contract's address (from sender and nonce). */
  readonly to: string;
  readonly isCreate: boolean;
  readonly value: bigint;
  /** Legacy gas price, or null for EIP-1559 transactions answered without one. */
  readonly gasPrice: bigint | null;
  /** True when the transaction runs contract code or creates a contract (it may make internal transfers). */
  readonly hasInput: boolean;
}

export interface RpcWithdrawal {
  readonly index: bigint;
  readonly address: string;
  /** In gwei, as the beacon chain counts. */
  readonly amountGwei: bigint;
}

export interface RpcReceipt {
  readonly txHash: string;
  /** 1 success, 0 failure, null before Byzantium (the receipt has a state root instead). */
  readonly status: 0 | 1 | null;
  readonly gasUsed: bigint;
  readonly effectiveGasPrice: bigint | null;
  readonly blobGasUsed: bigint;
  readonly blobGasPrice: bigint;
  readonly logs: readonly unknown[];
}

/**
 * Validates a full block (`eth_getBlockByNumber(n, true)`). Throws `INVALID_RESPONSE` naming the field that is
 * wrong, or `null` for a block the node does not have.
 *
 * @example
 * const block = parseRpcBlock(await rpc.call('eth_getBlockByNumber', ['0xb872', true]))
 */
export function parseRpcBlock(raw: unknown, method = 'eth_getBlockByNumber'): RpcBlock | null {
  if (raw === null) return null;
  const b = object(raw, method, 'the block');
  const number = smallQuantity(b.number, method, 'number');
  const transactions = array(b.transactions, method, 'transactions').map((t, i) => parseRpcTransaction(t, method, i));
  const withdrawals =
    b.withdrawals === undefined || b.withdrawals === null
      ? []
      : array(b.withdrawals, method, 'withdrawals').map((w) => {
          const o = object(w, method, 'a withdrawal');
          return {
            index: quantity(o.index, method, 'withdrawal.index'),
            address: address(o.address, method, 'withdrawal.address'),
            amountGwei: quantity(o.amount, method, 'withdrawal.amount'),
          };
        });
  return {
    number,
    hash: hash32(b.hash, method, 'hash'),
    time: smallQuantity(b.timestamp, method, 'timestamp'),
    // Parity's answers carry `author` too; both name the fee recipient.
    miner: address(b.miner ?? b.author, method, 'miner'),
    baseFeePerGas: b.baseFeePerGas === undefined || b.baseFeePerGas === null ? null : quantity(b.baseFeePerGas, method, 'baseFeePerGas'),
    transactions,
    withdrawals,
  };
}

/** Validates one transaction object. */
export function parseRpcTransaction(raw: unknown, method: string, expectedIndex?: number): RpcTransaction {
  const t = object(raw, method, 'a transaction');
  const from = address(t.from, method, 'from');
  const to = optionalAddress(t.to, method, 'to');
  const index = smallQuantity(t.transactionIndex, method, 'transactionIndex');
  if (expectedIndex !== undefined && index !== expectedIndex) throw invalidResponse(method, `transaction ${expectedIndex} says it is at ${index}`);
  const input = typeof t.input === 'string' ? t.input : typeof t.data === 'string' ? t.data : '0x';
  return {
    hash: hash32(t.hash, method, 'hash'),
    index,
    from,
    to: to ?? getCreateAddress({ from, nonce: quantity(t.nonce, method, 'nonce') }).toLowerCase(),
    isCreate: to === null,
    value: quantity(t.value, method, 'value'),
    gasPrice: t.gasPrice === undefined || t.gasPrice === null ? null : quantity(t.gasPrice, method, 'gasPrice'),
    hasInput: to === null || input.length > 2,
  };
}

/** Validates a receipt; null for a receipt the node does not have. */
export function parseRpcReceipt(raw: unknown, method = 'eth_getTransactionReceipt'): RpcReceipt | null {
  if (raw === null) return null;
  const r = object(raw, method, 'the receipt');
  const status = r.status === undefined || r.status === null ? null : quantity(r.status, method, 'status');
  if (status !== null && status !== 0n && status !== 1n) throw invalidResponse(method, 'status is neither 0 nor 1', r.status);
  const opt = (v: unknown, field: string): bigint | null => (v === undefined || v === null ? null : quantity(v, method, field));
  return {
    txHash: hash32(r.transactionHash, method, 'transactionHash'),
    status: status === null ? null : status === 1n ? 1 : 0,
    gasUsed: quantity(r.gasUsed, method, 'gasUsed'),
    effectiveGasPrice: opt(r.effectiveGasPrice, 'effectiveGasPrice'),
    blobGasUsed: opt(r.blobGasUsed, 'blobGasUsed') ?? 0n,
    blobGasPrice: opt(r.blobGasPrice, 'blobGasPrice') ?? 0n,
    logs: r.logs === undefined || r.logs === null ? [] : array(r.logs, method, 'logs'),
  };
}
