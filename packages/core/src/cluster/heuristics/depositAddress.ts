import { isNativeAsset } from '../../model/caip.ts';
import type { AccountTransfer, HolderId } from '../../model/transaction.ts';
import type { LabelLookup } from '../../labels/types.ts';
import type { Link } from './types.ts';

/** Known exchange hot wallets: a set of canonical addresses, or a label lookup whose 'exchange' labels count. */
export type ExchangeWallets = ReadonlySet<string> | LabelLookup;

export interface DepositAddressOptions {
  readonly exchanges: ExchangeWallets;
  /** How many blocks may pass between receiving and forwarding (default 3200, the paper's t_max). */
  readonly blockWindow?: number;
  /**
   * How much less than it received a deposit address may forward, for the native coin, in base units (default
   * 10^16 wei = 0.01 ETH, the paper's a_max: the forwarding transaction's gas is paid from the deposit).
   */
  readonly amountTolerance?: bigint;
  /** The same for tokens, in percent of what was received (default 0: token forwards move the exact amount). */
  readonly tokenTolerancePercent?: number;
}

/** Where deposit and the forwarding it explains are recorded, for evidence. */
export interface DepositAddress {
  readonly address: HolderId;
  readonly exchange: HolderId;
  readonly senders: readonly HolderId[];
  /** The forwarding transfers' tx hashes. */
  readonly forwards: readonly string[];
}

function isExchange(exchanges: ExchangeWallets, chain: AccountTransfer['chain'], address: string): boolean {
  if ('lookup' in exchanges) return exchanges.lookup(chain, address).some((l) => l.category === 'exchange');
  return (exchanges as ReadonlySet<string>).has(address);
}

export interface DepositAddressParameters extends DepositAddressOptions {
  readonly transfers: Iterable<AccountTransfer>;
}

/**
 * Deposit-address reuse (Victor 2020, "Address Clustering Heuristics for Ethereum", FC 2020, LNCS 12059, §3.1):
 * exchanges give each customer a deposit address and sweep it to a hot wallet. An address that forwards what it
 * received (all of it, less at most `amountTolerance`, within `blockWindow` blocks) to a known exchange hot wallet is a
 * deposit address; every sender that used one deposit address is one customer, so they are linked to each other and
 * to the deposit address (never to the exchange, which would make a supercluster of all its customers).
 *
 * @example
 * const { links, deposits } = depositAddressLinks({ transfers, exchanges: new Set([hotWallet]) });
 */
export function depositAddressLinks({
  transfers,
  exchanges,
  blockWindow = 3200,
  amountTolerance = 10n ** 16n,
  tokenTolerancePercent = 0,
}: DepositAddressParameters): { links: Link[]; deposits: DepositAddress[] } {
  // Incoming transfers per (address, asset), in chain order.
  const incoming = new Map<string, AccountTransfer[]>();
  const forwards: AccountTransfer[] = [];
  const ordered = [...transfers]
    .filter((t) => t.status !== 'failed' && t.from !== null && t.to !== null && t.from !== t.to && t.kind !== 'nft')
    .sort((a, b) => a.block.number - b.block.number || a.txIndex - b.txIndex || (a.logIndex ?? -1) - (b.logIndex ?? -1));
  for (const t of ordered) {
    const toExchange = isExchange(exchanges, t.chain, t.to!);
    if (toExchange && !isExchange(exchanges, t.chain, t.from!)) forwards.push(t);
    if (!toExchange) {
      const key = `${t.to}|${t.asset}`;
      const list = incoming.get(key);
      if (list) list.push(t);
      else incoming.set(key, [t]);
    }
  }
  const found = new Map<string, { exchange: HolderId; senders: Set<HolderId>; forwards: string[] }>();
  const used = new Set<AccountTransfer>();
  for (const f of forwards) {
    const received = (incoming.get(`${f.from}|${f.asset}`) ?? []).filter(
      (r) =>
        !used.has(r) &&
        r.block.number <= f.block.number &&
        f.block.number - r.block.number <= blockWindow &&
        (r.block.number < f.block.number || r.txIndex < f.txIndex) &&
        !isExchange(exchanges, r.chain, r.from!),
    );
    if (received.length === 0) continue;
    const total = received.reduce((s, r) => s + r.value, 0n);
    const slack = isNativeAsset(f.asset) ? amountTolerance : (total * BigInt(Math.round(tokenTolerancePercent * 100))) / 10_000n;
    if (f.value > total || total - f.value > slack) continue;
    for (const r of received) used.add(r);
    const entry = found.get(f.from!) ?? { exchange: f.to!, senders: new Set<HolderId>(), forwards: [] };
    for (const r of received) entry.senders.add(r.from!);
    entry.forwards.push(f.txHash);
    found.set(f.from!, entry);
  }
  const links: Link[] = [];
  const deposits: DepositAddress[] = [];
  for (const [address, entry] of found) {
    const senders = [...entry.senders];
    deposits.push({ address, exchange: entry.exchange, senders, forwards: entry.forwards });
    for (const sender of senders) {
      links.push({
        a: address,
        b: sender,
        txid: entry.forwards[0]!,
        heuristic: 'deposit-address',
        confidence: senders.length > 1 ? 70 : 60,
        detail: `deposit address ${address} of exchange wallet ${entry.exchange}`,
      });
    }
  }
  return { links, deposits };
}
