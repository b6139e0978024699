import { id } from 'ethers';
import { address, array, hash32, object, smallQuantity } from '../rpc/hex.ts';

/** keccak256("Transfer(address,address,uint256)"), shared by ERC-20 and ERC-721. */
export const TRANSFER_TOPIC = id('Transfer(address,address,uint256)');

/** A decoded Transfer log: ERC-20 (3 topics, amount in data) or ERC-721 (4 topics, token id indexed). */
export interface TransferLog {
  readonly standard: 'erc20' | 'erc721';
  readonly contract: string;
  readonly txHash: string;
  readonly txIndex: number;
  readonly blockNumber: number;
  readonly blockHash: string;
  readonly logIndex: number;
  readonly from: string;
  readonly to: string;
  /** Amount for ERC-20, 1 for ERC-721. */
  readonly value: bigint;
  readonly tokenId?: bigint;
}

export interface DecodeTransferLogsResult {
  readonly transfers: TransferLog[];
  /** Logs with the Transfer topic that fit neither standard (wrong data length, odd topics): counted, not guessed. */
  readonly skipped: number;
}

const ZERO = '0x0000000000000000000000000000000000000000';

/**
 * Decodes `Transfer(address,address,uint256)` logs as returned by `eth_getLogs` or in receipts. Logs marked
 * `removed` (reorged away) are dropped. Address topics must be 12 zero bytes and an address; anything else is
 * skipped and counted rather than read wrongly.
 *
 * @example
 * const { transfers } = decodeTransferLogs({ logs: await rpc.call('eth_getLogs', [{ fromBlock, toBlock, topics: [TRANSFER_TOPIC] }]) })
 */
export function decodeTransferLogs(params: { readonly logs: unknown; readonly method?: string }): DecodeTransferLogsResult {
  const method = params.method ?? 'eth_getLogs';
  const transfers: TransferLog[] = [];
  let skipped = 0;
  for (const raw of array(params.logs, method, 'the logs')) {
    const log = object(raw, method, 'a log');
    if (log.removed === true) continue;
    const topics = array(log.topics, method, 'topics');
    if (typeof topics[0] !== 'string' || topics[0].toLowerCase() !== TRANSFER_TOPIC) continue;
    const data = typeof log.data === 'string' ? log.data : '';
    const from = topicAddress(topics[1]);
    const to = topicAddress(topics[2]);
    const base = {
      contract: address(log.address, method, 'address'),
      txHash: hash32(log.transactionHash, method, 'transactionHash'),
      txIndex: smallQuantity(log.transactionIndex, method, 'transactionIndex'),
      blockNumber: smallQuantity(log.blockNumber, method, 'blockNumber'),
      blockHash: hash32(log.blockHash, method, 'blockHash'),
      logIndex: smallQuantity(log.logIndex, method, 'logIndex'),
    };
    if (from === null || to === null) {
      skipped++;
    } else if (topics.length === 3 && /^0x[0-9a-fA-F]{64}$/.test(data)) {
      transfers.push({ ...base, standard: 'erc20', from, to, value: BigInt(data) });
    } else if (topics.length === 4 && typeof topics[3] === 'string' && /^0x[0-9a-fA-F]{64}$/.test(topics[3])) {
      transfers.push({ ...base, standard: 'erc721', from, to, value: 1n, tokenId: BigInt(topics[3]) });
    } else {
      skipped++;
    }
  }
  return { transfers, skipped };
}

function topicAddress(topic: unknown): string | null {
  if (typeof topic !== 'string' || !/^0x0{24}[0-9a-fA-F]{40}$/.test(topic)) return null;
  return `0x${topic.slice(26).toLowerCase()}`;
}

/** Mints come from, and burns go to, the zero address: chaintrail writes them as null. */
export function holderOrNull(addr: string): string | null {
  return addr === ZERO ? null : addr;
}

/** A 32-byte topic holding an address, for `eth_getLogs` filters on the from/to position. */
export function addressTopic(addr: string): string {
  return `0x${'0'.repeat(24)}${addr.slice(2).toLowerCase()}`;
}
