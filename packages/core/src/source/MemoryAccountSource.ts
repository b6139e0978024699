import { ChaintrailError } from '../errors/ChaintrailError.ts';
import { throwIfAborted } from '../errors/abort.ts';
import type { ChainId } from '../model/chain.ts';
import type { AccountTransfer, HolderId } from '../model/transaction.ts';
import type {
  AccountBlock,
  AccountDataSource,
  AddressTransfersParameters,
  BlockRangeParameters,
  Page,
  ReadParameters,
} from './DataSource.ts';

/** Orders transfers as an account sees them: block, transaction index, then trace or log position. */
export function compareTransfers(a: AccountTransfer, b: AccountTransfer): number {
  return (
    a.block.number - b.block.number ||
    a.txIndex - b.txIndex ||
    kindOrder(a) - kindOrder(b) ||
    comparePositions(a.traceAddress ?? [], b.traceAddress ?? []) ||
    (a.logIndex ?? -1) - (b.logIndex ?? -1)
  );
}

// Within one transaction: its own value first, then calls, then logs, then the fee it paid.
const KIND_ORDER: Readonly<Record<AccountTransfer['kind'], number>> = {
  withdrawal: 0,
  reward: 0,
  native: 1,
  internal: 2,
  token: 3,
  nft: 3,
  fee: 4,
};

function kindOrder(t: AccountTransfer): number {
  return KIND_ORDER[t.kind];
}

function comparePositions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** A stable identity for a transfer, so adding the same one twice changes nothing. */
export function transferKey(t: AccountTransfer): string {
  const position = t.traceAddress ? `t${t.traceAddress.join('.')}` : t.logIndex !== undefined ? `l${t.logIndex}` : '';
  return `${t.txHash}|${t.txIndex}|${t.kind}|${position}|${t.asset}|${t.from ?? ''}|${t.to ?? ''}`;
}

/**
 * An account-chain data source over transfers held in memory (an ingested block range, a test's transfers).
 *
 * @example
 * const source = new MemoryAccountSource({ chain: 'eip155:1', transfers })
 * const page = await source.getAddressTransfers({ address, direction: 'out' })
 */
export class MemoryAccountSource implements AccountDataSource {
  readonly model = 'account' as const;
  readonly chain: ChainId;
  readonly #byKey = new Map<string, AccountTransfer>();
  readonly #byTx = new Map<string, AccountTransfer[]>();
  readonly #byHolder = new Map<HolderId, AccountTransfer[]>();
  #sorted = true;

  constructor(params: { readonly chain: ChainId; readonly transfers?: Iterable<AccountTransfer> }) {
    this.chain = params.chain;
    for (const t of params.transfers ?? []) this.add(t);
  }

  get size(): number {
    return this.#byKey.size;
  }

  /** Adds a transfer (idempotent). */
  add(transfer: AccountTransfer): void {
    const key = transferKey(transfer);
    if (this.#byKey.has(key)) return;
    this.#byKey.set(key, transfer);
    push(this.#byTx, transfer.txHash, transfer);
    if (transfer.from !== null) push(this.#byHolder, transfer.from, transfer);
    if (transfer.to !== null && transfer.to !== transfer.from) push(this.#byHolder, transfer.to, transfer);
    this.#sorted = false;
  }

  /** Every transfer, in chain order. */
  transfers(): AccountTransfer[] {
    return [...this.#byKey.values()].sort(compareTransfers);
  }

  #sort(): void {
    if (this.#sorted) return;
    for (const list of this.#byHolder.values()) list.sort(compareTransfers);
    for (const list of this.#byTx.values()) list.sort(compareTransfers);
    this.#sorted = true;
  }

  async getTransfers(params: { readonly txHash: string } & ReadParameters): Promise<readonly AccountTransfer[]> {
    throwIfAborted(params.signal);
    this.#sort();
    const list = this.#byTx.get(params.txHash.toLowerCase()) ?? this.#byTx.get(params.txHash);
    if (!list) {
      throw new ChaintrailError('NOT_FOUND', `Transaction ${params.txHash} is not in this in-memory source.`, {
        meta: { txHash: params.txHash, chain: this.chain },
      });
    }
    return list;
  }

  async getAddressTransfers(params: AddressTransfersParameters): Promise<Page<AccountTransfer>> {
    throwIfAborted(params.signal);
    this.#sort();
    const direction = params.direction ?? 'both';
    const all = (this.#byHolder.get(params.address) ?? []).filter(
      (t) =>
        (direction === 'both' || (direction === 'in' ? t.to === params.address : t.from === params.address)) &&
        (params.fromBlock === undefined || t.block.number >= params.fromBlock) &&
        (params.toBlock === undefined || t.block.number <= params.toBlock),
    );
    const start = params.cursor ? Number(params.cursor) : 0;
    const limit = params.limit ?? 100;
    return { items: all.slice(start, start + limit), next: start + limit < all.length ? String(start + limit) : null };
  }

  async *getBlocks(params: BlockRangeParameters): AsyncIterable<AccountBlock> {
    const byNumber = new Map<number, AccountTransfer[]>();
    for (const t of this.transfers()) {
      if (t.block.number >= params.from && t.block.number <= params.to) push(byNumber, t.block.number, t);
    }
    let done = 0;
    for (const [number, transfers] of [...byNumber].sort((a, b) => a[0] - b[0])) {
      throwIfAborted(params.signal);
      const ref = transfers[0]!.block;
      yield { chain: this.chain, number, hash: ref.hash, time: ref.time, transfers };
      params.onProgress?.({ phase: 'blocks', done: ++done, total: byNumber.size, unit: 'block' });
    }
  }

  async getTipHeight(params: ReadParameters = {}): Promise<number> {
    throwIfAborted(params.signal);
    let tip = -1;
    for (const t of this.#byKey.values()) if (t.block.number > tip) tip = t.block.number;
    return tip;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
