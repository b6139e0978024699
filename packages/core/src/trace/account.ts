import { ChaintrailError } from '../errors/ChaintrailError.ts';
import { throwIfAborted } from '../errors/abort.ts';
import type { AssetId } from '../model/caip.ts';
import type { AccountTransfer } from '../model/transaction.ts';
import type { AccountDataSource } from '../source/DataSource.ts';
import { compareTransfers, transferKey } from '../source/MemoryAccountSource.ts';
import { pages } from '../source/pages.ts';
import { requireMethod } from '../source/require.ts';
import { apportion } from './apportion.ts';
import type { TaintNode } from './book.ts';
import type { EngineParameters } from './engineParameters.ts';
import { Heap } from './heap.ts';
import type { TaintPolicy, TaintPool } from './policies/types.ts';

export interface AccountEngineParameters extends EngineParameters {
  readonly source: AccountDataSource;
  readonly asset: AssetId;
}

interface ActiveAccount {
  readonly address: string;
  readonly pool: TaintPool;
  readonly node: TaintNode;
  /** Seeds: every inflow is tainted in full. */
  readonly seed: boolean;
  lastTx: string;
}

/**
 * Traces over an account chain (EVM). Each account is a pool under the policy, fed by its inflows and drained by
 * its outflows in chain order (block, transaction index, trace/log position), so the same policies as on UTXO
 * chains run over each account's ordered stream. Forward, every transfer is processed once, globally in chain order,
 * so cycles between accounts terminate. Backward, each outflow is attributed to the inflows that funded it, which
 * lie strictly earlier, so the walk terminates too. Value an account spends beyond what the data shows it
 * received is taken as clean value held before the data starts.
 */
export async function traceAccount(p: AccountEngineParameters): Promise<number> {
  const history = requireMethod(p.source, 'getAddressTransfers', 'tracing on an account chain');
  const streams = new Map<string, Promise<AccountTransfer[]> | undefined>();
  const stream = (address: string): Promise<AccountTransfer[]> | undefined => {
    if (streams.has(address)) return streams.get(address);
    const promise = p.fetcher.get(`stream:${address}`, async (signal) => {
      const all: AccountTransfer[] = [];
      const read = (cursor: string | undefined) =>
        history({
          address,
          direction: 'both',
          ...(p.direction === 'forward' && p.until?.height !== undefined ? { toBlock: p.until.height } : {}),
          ...(p.direction === 'backward' && p.until?.height !== undefined ? { fromBlock: p.until.height } : {}),
          ...(cursor ? { cursor } : {}),
          ...(signal ? { signal } : {}),
        });
      for await (const items of pages(read, signal)) all.push(...items.filter((t) => relevant(t, p)));
      return all.sort(compareTransfers);
    });
    streams.set(address, promise);
    return promise;
  };
  return p.direction === 'forward' ? forward(p, stream) : backward(p, stream);
}

function relevant(t: AccountTransfer, p: AccountEngineParameters): boolean {
  if (t.asset !== p.asset || t.status === 'failed') return false;
  const u = p.until;
  if (!u) return true;
  if (p.direction === 'forward') return !(u.height !== undefined && t.block.number > u.height) && !(u.time !== undefined && t.block.time > u.time);
  return !(u.height !== undefined && t.block.number < u.height) && !(u.time !== undefined && t.block.time < u.time);
}

async function seedTransfers(p: AccountEngineParameters): Promise<{ addresses: string[]; transfers: AccountTransfer[] }> {
  const addresses: string[] = [];
  const transfers: AccountTransfer[] = [];
  for (const seed of p.seeds) {
    if (typeof seed === 'string') {
      if (/^0x[0-9a-fA-F]{64}$/.test(seed)) transfers.push(...(await txTransfers(p, seed)));
      else addresses.push(seed.toLowerCase());
    } else if ('address' in seed) addresses.push(seed.address.toLowerCase());
    else if ('addresses' in seed) addresses.push(...seed.addresses.map((a) => a.toLowerCase()));
    else if ('cluster' in seed) {
      if (!p.clustering) throw new ChaintrailError('INVALID_ARGUMENT', `Seed cluster ${seed.cluster} needs a clustering.`);
      addresses.push(...p.clustering.members(seed.cluster));
    } else if ('txHash' in seed) transfers.push(...(await txTransfers(p, seed.txHash)));
    else {
      throw new ChaintrailError('INVALID_ARGUMENT', 'Outpoint, input and coinbase seeds are for UTXO chains; on an account chain seed addresses or transaction hashes.');
    }
  }
  return { addresses: [...new Set(addresses)].sort(), transfers: transfers.sort(compareTransfers) };
}

async function txTransfers(p: AccountEngineParameters, txHash: string): Promise<AccountTransfer[]> {
  p.fetcher.fetches++;
  const all = await p.source.getTransfers({ txHash, ...(p.signal ? { signal: p.signal } : {}) });
  return all.filter((t) => relevant(t, p) && t.kind !== 'fee' && t.from !== null && t.to !== null);
}

async function forward(
  p: AccountEngineParameters,
  stream: (address: string) => Promise<AccountTransfer[]> | undefined,
): Promise<number> {
  const { book, policy } = p;
  const active = new Map<string, ActiveAccount>();
  const done = new Set<string>();
  const queue = new Heap<AccountTransfer>((a, b) => compareTransfers(a, b) < 0);
  let seq = 0;
  let processed = 0;

  const activate = async (address: string, node: TaintNode, at: AccountTransfer | null, seed: boolean): Promise<boolean> => {
    const fetched = stream(address);
    if (!fetched) {
      book.truncate(node);
      return false;
    }
    const transfers = await fetched;
    const pool = policy.pool();
    // What the account held before taint first reached it was clean.
    let before = 0n;
    for (const t of transfers) {
      if (at === null || compareTransfers(t, at) >= 0) {
        if (!done.has(transferKey(t))) queue.push(t);
        continue;
      }
      if (t.to === address) before += t.value;
      if (t.from === address) before -= t.value;
    }
    if (before > 0n) pool.inflow(before, 0n, -1);
    active.set(address, { address, pool, node, seed, lastTx: node.txid });
    book.graphNode(`acct:${address}`, { kind: 'account', address });
    return true;
  };

  const arrive = async (t: AccountTransfer, taint: bigint, parent: string | null, hops: number): Promise<void> => {
    const to = t.to!;
    const target = active.get(to);
    book.graphEdge(`acct:${t.from}`, `acct:${to}`, { txid: t.txHash, taint, value: t.value });
    if (target) {
      target.pool.inflow(t.value, target.seed ? t.value : taint, 0);
      if (target.seed) book.totals.seeded += t.value;
      target.lastTx = t.txHash;
      return;
    }
    const node: TaintNode = { key: `acct:${to}:${seq++}`, txid: t.txHash, vout: -1, address: to, value: t.value, taint, hops, parent };
    if (!book.admit(node)) return;
    if (await activate(to, node, t, false)) active.get(to)!.pool.inflow(t.value, taint, 0);
  };

  const { addresses, transfers } = await seedTransfers(p);
  for (const address of addresses) {
    const node: TaintNode = { key: `acct:${address}:seed`, txid: '', vout: -1, address, value: 0n, taint: 0n, hops: 0, parent: null };
    book.admit(node, true);
    await activate(address, node, null, true);
  }
  for (const t of transfers) {
    const node: TaintNode = { key: `seed:${transferKey(t)}`, txid: t.txHash, vout: -1, address: t.from!, value: t.value, taint: t.value, hops: 0, parent: null };
    book.admit(node, true);
    done.add(transferKey(t));
    await arrive(t, t.value, node.key, 1);
  }

  for (;;) {
    throwIfAborted(p.signal);
    const t = queue.pop();
    if (!t) break;
    const key = transferKey(t);
    if (done.has(key)) continue;
    if (processed >= p.maxNodes) {
      for (const account of active.values()) book.truncate({ txid: account.lastTx, vout: -1, address: account.address, taint: account.pool.taint });
      active.clear();
      break;
    }
    done.add(key);
    processed++;
    p.onProgress?.({ phase: 'trace', done: processed, unit: 'transfer' });
    const sender = t.from !== null ? active.get(t.from) : undefined;
    const recipient = t.to !== null ? active.get(t.to) : undefined;
    let taint = 0n;
    if (sender) {
      if (sender.seed && t.value > sender.pool.balance) {
        // A seed's funds from before the data are its funds too: tainted, not clean.
        const missing = t.value - sender.pool.balance;
        sender.pool.inflow(missing, missing, -1);
        book.totals.seeded += missing;
      }
      const out = sender.pool.outflow(t.value);
      book.absorb(out.absorbed);
      taint = out.taint;
      sender.lastTx = t.txHash;
    }
    if (taint === 0n) {
      if (recipient) {
        recipient.pool.inflow(t.value, recipient.seed ? t.value : 0n, 0);
        if (recipient.seed) book.totals.seeded += t.value;
      }
      continue;
    }
    if (t.to === null || (t.kind === 'fee' && !p.taintFees)) {
      book.fee(taint);
      continue;
    }
    await arrive(t, taint, sender!.node.key, sender!.node.hops + 1);
  }

  for (const account of [...active.values()].sort((a, b) => (a.address < b.address ? -1 : 1))) {
    if (account.pool.taint === 0n) continue;
    const node = { ...account.node, txid: account.lastTx, taint: account.pool.taint };
    book.addFrontier(node, 'unspent', account.pool.balance);
  }
  return processed;
}

/** A question the backward walk asks: what funded `amount` of this outflow of `address`? */
interface Demand {
  readonly address: string;
  readonly transfer: AccountTransfer;
  readonly node: TaintNode;
}

async function backward(
  p: AccountEngineParameters,
  stream: (address: string) => Promise<AccountTransfer[]> | undefined,
): Promise<number> {
  const { book, policy } = p;
  let processed = 0;
  let seq = 0;
  let level: Demand[] = [];

  const { addresses, transfers } = await seedTransfers(p);
  const seedInflows: AccountTransfer[] = [...transfers];
  for (const address of addresses) {
    const fetched = stream(address);
    if (!fetched) throw new ChaintrailError('BUDGET_EXCEEDED', 'The fetch budget ran out before the seeds were read.');
    seedInflows.push(...(await fetched).filter((t) => t.to === address && t.kind !== 'fee'));
  }
  for (const t of seedInflows.sort(compareTransfers)) {
    const seed: TaintNode = { key: `seed:${transferKey(t)}`, txid: t.txHash, vout: -1, address: t.to ?? '', value: t.value, taint: t.value, hops: 0, parent: null };
    book.admit(seed, true);
    fund(t, t.value, seed.key, 1);
  }

  // A transfer's sender is where its value came from: a node, then a demand on the sender's own inflows.
  function fund(t: AccountTransfer, amount: bigint, parent: string, hops: number): void {
    if (t.from === null) {
      const node: TaintNode = { key: `mint:${transferKey(t)}`, txid: t.txHash, vout: -1, address: t.kind, value: t.value, taint: amount, hops, parent };
      book.nodes.set(node.key, node);
      book.addFrontier(node, 'coinbase');
      return;
    }
    const node: TaintNode = { key: `acct:${t.from}:${seq++}`, txid: t.txHash, vout: -1, address: t.from, value: t.value, taint: amount, hops, parent };
    book.graphEdge(`acct:${t.from}`, `acct:${t.to}`, { txid: t.txHash, taint: amount, value: t.value });
    if (book.admit(node)) level.push({ address: t.from, transfer: t, node });
  }

  while (level.length > 0) {
    throwIfAborted(p.signal);
    const demands = level;
    level = [];
    const byAccount = new Map<string, Demand[]>();
    for (const d of demands) {
      const list = byAccount.get(d.address);
      if (list) list.push(d);
      else byAccount.set(d.address, [d]);
    }
    const accounts = [...byAccount.keys()].sort();
    const fetched = accounts.map((a) => stream(a));
    const loaded = await Promise.all(fetched.map((f) => f ?? Promise.resolve(undefined)));
    for (let k = 0; k < accounts.length; k++) {
      const address = accounts[k]!;
      const list = byAccount.get(address)!;
      const txs = loaded[k];
      if (!txs || processed >= p.maxNodes) {
        for (const d of list) book.truncate(d.node);
        continue;
      }
      processed += list.length;
      p.onProgress?.({ phase: 'trace', done: processed, unit: 'transfer' });
      book.graphNode(`acct:${address}`, { kind: 'account', address });
      const funding = simulate(policy, address, txs, new Set(list.map((d) => transferKey(d.transfer))));
      for (const d of list) {
        const lots = funding.get(transferKey(d.transfer)) ?? [{ tag: -1, amount: d.transfer.value }];
        const weights = lots.map((l) => l.amount);
        const total = weights.reduce((s, w) => s + w, 0n);
        let shares: bigint[];
        if (policy.name === 'poison') {
          shares = weights;
          book.absorb(total - d.node.taint);
        } else shares = apportion({ amount: d.node.taint, weights, total });
        lots.forEach((lot, i) => {
          const amount = shares[i]!;
          if (amount === 0n) return;
          if (lot.tag < 0) {
            const node: TaintNode = { key: `prior:${address}:${seq++}`, txid: d.transfer.txHash, vout: -1, address, value: amount, taint: amount, hops: d.node.hops, parent: d.node.key };
            book.nodes.set(node.key, node);
            book.addFrontier(node, 'unknown');
            return;
          }
          fund(txs[lot.tag]!, amount, d.node.key, d.node.hops + 1);
        });
      }
    }
  }
  return processed;
}

/** Runs an account's pool over its stream; returns, for each wanted outflow, the inflow lots (by stream index) that funded it. */
function simulate(
  policy: TaintPolicy,
  address: string,
  txs: readonly AccountTransfer[],
  wanted: ReadonlySet<string>,
): Map<string, readonly { tag: number; amount: bigint }[]> {
  const pool = policy.pool();
  const funding = new Map<string, readonly { tag: number; amount: bigint }[]>();
  let left = wanted.size;
  for (let i = 0; i < txs.length && left > 0; i++) {
    const t = txs[i]!;
    if (t.to === address && t.from !== address) pool.inflow(t.value, 0n, i);
    if (t.from === address && t.to !== address) {
      const out = pool.outflow(t.value);
      const key = transferKey(t);
      if (wanted.has(key)) {
        funding.set(key, out.funding);
        left--;
      }
    }
  }
  return funding;
}
