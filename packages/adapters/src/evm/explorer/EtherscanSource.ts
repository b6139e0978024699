import {
  ChaintrailError,
  canonicalAddress,
  compareTransfers,
  erc20Asset,
  erc721Asset,
  evmChain,
  nativeAsset,
  throwIfAborted,
  type AccountTransfer,
  type AccountDataSource,
  type AddressTransfersParameters,
  type ChainId,
  type Page,
} from '@chaintrail/core';
import { HttpClient, type HttpClientParameters } from '../../http/HttpClient.ts';
import { address, hash32, optionalAddress, quantity, smallQuantity } from '../rpc/hex.ts';
import { holderOrNull } from '../tokens/transferLogs.ts';
import { sleep } from '../../http/sleep.ts';

/** The account-history lists an Etherscan-compatible API gives, in the order pages walk through them. */
export const EXPLORER_ACTIONS = ['txlist', 'txlistinternal', 'tokentx', 'tokennfttx'] as const;
export type ExplorerAction = (typeof EXPLORER_ACTIONS)[number];

export interface EtherscanSourceParameters extends HttpClientParameters {
  /** The API endpoint: `https://api.etherscan.io/v2/api`, `https://api.bscscan.com/api`, a Blockscout `/api`… */
  readonly url: string;
  /** The caller's API key (never logged). */
  readonly apiKey?: string;
  /** EIP-155 chain id; also sent as `chainid` (Etherscan's v2 multichain API needs it, others ignore it). */
  readonly chainId: number;
  /** Lists to walk (default all four). */
  readonly actions?: readonly ExplorerAction[];
  /** Retries when the API answers "rate limit reached" in a 200 body (default 4). */
  readonly rateLimitRetries?: number;
}

/** Etherscan serves at most this many rows of one list for one block range (page × offset). */
const WINDOW = 10_000;

/**
 * Address history from an Etherscan-compatible explorer API (`account/txlist`, `txlistinternal`, `tokentx`,
 * `tokennfttx`), since plain JSON-RPC has no address index. Pages walk the lists one after the other, each oldest
 * first; the cursor is `<action>:<startblock>:<page>`. Past Etherscan's 10 000-row window the cursor moves
 * `startblock` forward instead of the page. Reverted internal calls are left out; failed transactions keep their
 * native transfer with status `failed`. Explorers give no fee recipient, so fees are not reported here.
 *
 * @example
 * const explorer = new EtherscanSource({ url: 'https://api.etherscan.io/v2/api', apiKey, chainId: 1 })
 * const page = await explorer.getAddressTransfers({ address: '0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae' })
 */
export class EtherscanSource implements AccountDataSource {
  readonly model = 'account' as const;
  readonly chain: ChainId;
  readonly #url: string;
  readonly #apiKey: string | undefined;
  readonly #chainId: number;
  readonly #http: HttpClient;
  readonly #actions: readonly ExplorerAction[];
  readonly #rateLimitRetries: number;
  readonly #backoffMs: number;

  constructor(params: EtherscanSourceParameters) {
    this.chain = evmChain(params.chainId);
    this.#chainId = params.chainId;
    this.#url = params.url;
    this.#apiKey = params.apiKey;
    this.#http = new HttpClient({ concurrency: 1, ...params });
    this.#actions = params.actions ?? EXPLORER_ACTIONS;
    this.#rateLimitRetries = params.rateLimitRetries ?? 4;
    this.#backoffMs = params.backoffMs ?? 1000;
  }

  /** Explorers answer address lists, not whole transactions: use `EvmRpcSource` for one transaction's transfers. */
  async getTransfers(params: { readonly txHash: string }): Promise<readonly AccountTransfer[]> {
    throw new ChaintrailError('UNSUPPORTED', 'The explorer source answers address history only.', {
      details: 'Read one transaction with EvmRpcSource (chaintrail evm tx).',
      meta: { txHash: params.txHash },
    });
  }

  async getAddressTransfers(params: AddressTransfersParameters): Promise<Page<AccountTransfer>> {
    const who = canonicalAddress(this.chain, params.address);
    const direction = params.direction ?? 'both';
    const limit = Math.min(Math.max(1, params.limit ?? 1000), WINDOW);
    let { action, startBlock, page } = parseCursor(params.cursor, this.#actions[0]!, params.fromBlock ?? 0);
    const endBlock = params.toBlock ?? 999_999_999;
    for (;;) {
      throwIfAborted(params.signal);
      const rows = await this.#list({ action, address: who, startBlock, endBlock, page, offset: limit, signal: params.signal });
      let next: string | null;
      let kept = rows;
      if (rows.length < limit) {
        const i = this.#actions.indexOf(action);
        next = i + 1 < this.#actions.length ? `${this.#actions[i + 1]}:${params.fromBlock ?? 0}:1` : null;
      } else if ((page + 1) * limit > WINDOW) {
        // Out of Etherscan's window: restart at the last block seen, dropping its rows so they come whole next time.
        const lastBlock = Number(rows.at(-1)!.blockNumber);
        const firstBlock = Number(rows[0]!.blockNumber);
        if (lastBlock > firstBlock) kept = rows.filter((r) => Number(r.blockNumber) < lastBlock);
        next = `${action}:${lastBlock > firstBlock ? lastBlock : lastBlock + 1}:1`;
      } else {
        next = `${action}:${startBlock}:${page + 1}`;
      }
      const items = kept
        .map((row, i) => this.#transfer(action, row, i, kept))
        .filter((t): t is AccountTransfer => t !== null)
        .filter((t) => direction === 'both' || (direction === 'in' ? t.to === who : t.from === who))
        .sort(compareTransfers);
      // An empty list moves straight on to the next one, so a page is empty only at the very end.
      if (items.length > 0 || next === null) return { items, next };
      ({ action, startBlock, page } = parseCursor(next, action, startBlock));
    }
  }

  async #list(p: {
    action: ExplorerAction;
    address: string;
    startBlock: number;
    endBlock: number;
    page: number;
    offset: number;
    signal: AbortSignal | undefined;
  }): Promise<Record<string, string>[]> {
    const url = new URL(this.#url);
    const query: Record<string, string> = {
      chainid: String(this.#chainId),
      module: 'account',
      action: p.action,
      address: p.address,
      startblock: String(p.startBlock),
      endblock: String(p.endBlock),
      page: String(p.page),
      offset: String(p.offset),
      sort: 'asc',
    };
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    if (this.#apiKey) url.searchParams.set('apikey', this.#apiKey);
    const label = `explorer ${p.action} page ${p.page} at ${new URL(this.#url).host}`;
    for (let attempt = 0; ; attempt++) {
      const body = await this.#http.requestJson<unknown>({ url: url.toString(), label, ...(p.signal ? { signal: p.signal } : {}) });
      if (typeof body !== 'object' || body === null) throw invalid(label, 'the answer is not an object');
      const { status, message, result } = body as { status?: unknown; message?: unknown; result?: unknown };
      if (Array.isArray(result)) return result as Record<string, string>[];
      const text = typeof result === 'string' ? result : String(message ?? '');
      if (/rate limit/i.test(text)) {
        if (attempt >= this.#rateLimitRetries) {
          throw new ChaintrailError('RATE_LIMITED', `${label}: ${text}.`, { details: 'Slow down, or use an API key with a higher limit.' });
        }
        await sleep(this.#backoffMs * 2 ** attempt, p.signal);
        continue;
      }
      if (status === '0' && /no (transactions|records)/i.test(String(message))) return [];
      if (/api ?key/i.test(text)) throw new ChaintrailError('HTTP_ERROR', `${label}: the explorer refused the API key (${text}).`, { meta: { action: p.action } });
      throw invalid(label, `the explorer answered status ${String(status)}: ${text}`);
    }
  }

  #transfer(action: ExplorerAction, row: Record<string, string>, position: number, rows: readonly Record<string, string>[]): AccountTransfer | null {
    const m = `explorer ${action}`;
    const block = {
      number: smallQuantity(row.blockNumber, m, 'blockNumber'),
      // txlistinternal gives no block hash.
      hash: row.blockHash ? hash32(row.blockHash, m, 'blockHash') : '',
      time: smallQuantity(row.timeStamp, m, 'timeStamp'),
    };
    const txHash = hash32(row.hash, m, 'hash');
    // txlistinternal gives no transaction index either: -1 says unknown.
    const txIndex = row.transactionIndex !== undefined && row.transactionIndex !== '' ? smallQuantity(row.transactionIndex, m, 'transactionIndex') : -1;
    const from = address(row.from, m, 'from');
    const to = optionalAddress(row.to || row.contractAddress || null, m, 'to');
    const value = quantity(row.value ?? '0', m, 'value');
    const base = { chain: this.chain, txHash, block, txIndex };
    switch (action) {
      case 'txlist': {
        if (value === 0n || to === null) return null;
        const failed = row.isError === '1' || row.txreceipt_status === '0';
        return { ...base, kind: 'native', from, to, asset: nativeAsset(this.chain), value, status: failed ? 'failed' : 'success' };
      }
      case 'txlistinternal': {
        if (value === 0n || to === null || row.isError === '1') return null;
        const traceAddress = /^\d+(_\d+)*$/.test(row.traceId ?? '') ? row.traceId!.split('_').map(Number) : [position];
        return { ...base, kind: 'internal', traceAddress, from, to, asset: nativeAsset(this.chain), value, status: 'success' };
      }
      case 'tokentx':
      case 'tokennfttx': {
        const contract = address(row.contractAddress, m, 'contractAddress');
        const toAddr = address(row.to, m, 'to');
        // Older explorers give no logIndex: number the transaction's rows in order instead.
        const logIndex = row.logIndex !== undefined && row.logIndex !== '' ? smallQuantity(row.logIndex, m, 'logIndex') : rows.slice(0, position).filter((r) => r.hash === row.hash).length;
        const common = { ...base, logIndex, from: holderOrNull(from), to: holderOrNull(toAddr), status: 'success' as const };
        return action === 'tokentx'
          ? { ...common, kind: 'token', asset: erc20Asset(this.chain, contract), value }
          : { ...common, kind: 'nft', asset: erc721Asset(this.chain, contract), value: 1n, tokenId: quantity(row.tokenID, m, 'tokenID') };
      }
    }
  }
}

function parseCursor(cursor: string | undefined, firstAction: ExplorerAction, fromBlock: number): { action: ExplorerAction; startBlock: number; page: number } {
  if (cursor === undefined) return { action: firstAction, startBlock: fromBlock, page: 1 };
  const m = /^([a-z]+):(\d+):(\d+)$/.exec(cursor);
  if (!m || !(EXPLORER_ACTIONS as readonly string[]).includes(m[1]!)) {
    throw new ChaintrailError('INVALID_ARGUMENT', `"${cursor}" is not an explorer cursor (<action>:<startblock>:<page>).`);
  }
  return { action: m[1] as ExplorerAction, startBlock: Number(m[2]), page: Math.max(1, Number(m[3])) };
}

function invalid(label: string, why: string): ChaintrailError {
  return new ChaintrailError('INVALID_RESPONSE', `${label}: ${why}.`);
}
