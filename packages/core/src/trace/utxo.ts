import { ChaintrailError, isChaintrailError } from '../errors/ChaintrailError.ts';
import { throwIfAborted } from '../errors/abort.ts';
import { type OutPoint, outPoint, parseOutPoint, type UtxoTransaction } from '../model/transaction.ts';
import type { Outspend, UtxoDataSource } from '../source/DataSource.ts';
import { pages } from '../source/pages.ts';
import { requireMethod } from '../source/require.ts';
import type { TaintNode } from './book.ts';
import type { EngineParameters } from './engineParameters.ts';
import { Heap } from './heap.ts';
import { haircut } from './policies/haircut.ts';

export interface UtxoEngineParameters extends EngineParameters {
  readonly source: UtxoDataSource;
}

/** A transaction waiting to be processed, with the taint (forward: per input; backward: per output) it received. */
interface Pending {
  readonly tx: UtxoTransaction;
  readonly amounts: bigint[];
  /** Node keys that contributed, per slot (for paths). */
  readonly from: (string | null)[];
  hops: number;
  /** Tie-break among transactions whose position in the block the source does not give (index -1). */
  rank: number;
  /** Forward with taintFees: the fee taint a coinbase collects from its block. */
  coinbaseFees?: bigint;
  coinbaseFrom?: string | null;
  coinbaseBest?: bigint;
}

const COINBASE_LAST = Number.MAX_SAFE_INTEGER;

function position(p: Pending): [number, number] {
  const height = p.tx.block?.height ?? Number.POSITIVE_INFINITY;
  return [height, p.coinbaseFees !== undefined ? COINBASE_LAST : p.tx.index];
}

/**
 * Traces over a UTXO chain. Transactions are processed in chain order (forward: ascending height and position,
 * backward: descending), each once, after every fetch that could add taint to it has landed: a transaction's
 * inputs (forward) or outputs (backward) come only from transactions on the near side of it in that order, so
 * when it is the next in line, all of its taint is known and a policy sees the whole transaction at once.
 */
export async function traceUtxo(p: UtxoEngineParameters): Promise<number> {
  const { source, book, fetcher, policy, signal } = p;
  const forward = p.direction === 'forward';
  const pending = new Map<string, Pending>();
  const before = (a: Pending, b: Pending): boolean => {
    const [ha, ia] = position(a);
    const [hb, ib] = position(b);
    const less = ha !== hb ? ha < hb : ia !== ib ? ia < ib : a.rank !== b.rank ? a.rank < b.rank : a.tx.txid < b.tx.txid;
    return forward ? less : !less && a !== b;
  };
  const heap = new Heap<Pending>(before);
  let processed = 0;
  let ranks = 0;
  // Work for the next round of fetches: forward, tainted outputs to find the spender of; backward, outputs whose
  // funding transaction to fetch.
  let work: TaintNode[] = [];
  // Fee taint on its way to the coinbase of its block (forward with taintFees).
  let feeWork: { node: TaintNode; height: number }[] = [];

  const getTx = (txid: string) => fetcher.get(`tx:${txid}`, (s) => source.getTransaction({ txid, ...(s ? { signal: s } : {}) }));
  const outspends = forward ? requireMethod(source, 'getOutspends', 'forward tracing') : undefined;
  const getOutspends = (txid: string) =>
    fetcher.get(`outspends:${txid}`, (s) => outspends!({ txid, ...(s ? { signal: s } : {}) }) as Promise<readonly Outspend[]>);
  const getBlocks = p.taintFees && forward ? requireMethod(source, 'getBlocks', 'following fees into the coinbase (taintFees)') : undefined;
  const getCoinbase = (height: number) =>
    fetcher.get(`coinbase:${height}`, async (s) => {
      for await (const block of getBlocks!({ from: height, to: height, ...(s ? { signal: s } : {}) })) {
        const cb = block.transactions.find((t) => t.coinbase !== null);
        if (cb) return cb;
      }
      throw new ChaintrailError('NOT_FOUND', `The source has no coinbase for block ${height}, so fee taint cannot follow.`, {
        meta: { height },
      });
    });

  const enqueue = (tx: UtxoTransaction, slot: number, amount: bigint, from: string | null, hops: number): void => {
    let entry = pending.get(tx.txid);
    if (!entry) {
      const slots = forward ? tx.inputs.length : tx.outputs.length;
      entry = { tx, amounts: new Array<bigint>(slots).fill(0n), from: new Array<string | null>(slots).fill(null), hops, rank: 0 };
      pending.set(tx.txid, entry);
      heap.push(entry);
    }
    entry.amounts[slot] = entry.amounts[slot]! + amount;
    if (from !== null) entry.from[slot] = from;
    if (hops < entry.hops) entry.hops = hops;
  };

  // Seeds. Tainted inputs go straight to their transaction.
  for (const seed of p.seeds) {
    if (typeof seed !== 'object' || !('input' in seed)) continue;
    if (!forward) throw new ChaintrailError('INVALID_ARGUMENT', 'An input seed can only be traced forward.');
    const fetched = getTx(seed.input.txid);
    if (!fetched) throw new ChaintrailError('BUDGET_EXCEEDED', 'The fetch budget ran out before the seeds were read.');
    const tx = await fetched;
    const input = tx.inputs[seed.input.vin];
    if (!input || input.value === null || input.address === null) {
      throw new ChaintrailError('INVALID_ARGUMENT', `Seed input ${seed.input.txid}:${seed.input.vin} does not exist or has no known value.`, {
        meta: { txid: seed.input.txid, vin: seed.input.vin },
      });
    }
    const amount = seed.amount ?? input.value;
    const node: TaintNode = {
      key: outPoint(input.prevTxid, input.prevVout),
      txid: input.prevTxid,
      vout: input.prevVout,
      address: input.address,
      value: input.value,
      taint: amount,
      hops: 0,
      parent: null,
    };
    if (book.admit(node, true)) enqueue(tx, seed.input.vin, amount, node.key, 1);
  }
  const seedNodes = await resolveSeeds(p, getTx);
  for (const node of seedNodes) {
    book.graphNode(`out:${node.key}`, { kind: 'output', address: node.address, value: node.value });
    if (!book.admit(node, true)) continue;
    work.push(node);
  }

  for (;;) {
    throwIfAborted(signal);
    const next = work;
    const fees = feeWork;
    work = [];
    feeWork = [];
    await Promise.all([...next.map((node) => (forward ? followSpend(node) : followFunding(node))), ...fees.map(followFee)]);
    const tx = heap.pop();
    if (!tx) break;
    if (waitsForSameBlock(tx)) {
      // The source gave no position in the block (Esplora, a node's getTransaction): let a pending transaction of
      // the same block that this one depends on go first.
      tx.rank = forward ? ++ranks : -++ranks;
      heap.push(tx);
      continue;
    }
    if (processed >= p.maxNodes) {
      truncatePending([tx, ...heap.drain()]);
      break;
    }
    pending.delete(tx.tx.txid);
    processed++;
    if (forward) processForward(tx);
    else processBackward(tx);
    p.onProgress?.({ phase: 'trace', done: processed, unit: 'transaction' });
  }
  return processed;

  function waitsForSameBlock(entry: Pending): boolean {
    if (entry.tx.index >= 0 || entry.coinbaseFees !== undefined) return false;
    const height = entry.tx.block?.height;
    if (forward) return entry.tx.inputs.some((i) => pending.get(i.prevTxid)?.tx.block?.height === height);
    for (const other of pending.values()) {
      if (other !== entry && other.tx.block?.height === height && other.tx.inputs.some((i) => i.prevTxid === entry.tx.txid)) return true;
    }
    return false;
  }

  async function followSpend(node: TaintNode): Promise<void> {
    const spends = getOutspends(node.txid);
    if (!spends) return book.truncate(node);
    const spend = (await spends)[node.vout];
    if (!spend || !spend.spent) return book.addFrontier(node, 'unspent');
    if (spend.block ? beyond(spend.block.height, spend.block.time) : p.until !== undefined) return book.addFrontier(node, 'bound');
    const fetched = getTx(spend.txid);
    if (!fetched) return book.truncate(node);
    const spender = await fetched;
    if (spender.block && beyond(spender.block.height, spender.block.time)) return book.addFrontier(node, 'bound');
    book.graphEdge(`out:${node.key}`, `tx:${spender.txid}`, { taint: node.taint, value: node.value });
    enqueue(spender, spend.vin, node.taint, node.key, node.hops + 1);
  }

  async function followFee({ node, height }: { node: TaintNode; height: number }): Promise<void> {
    const fetched = getCoinbase(height);
    if (!fetched) return;
    let coinbase: UtxoTransaction;
    try {
      coinbase = await fetched;
    } catch (e) {
      // A source that holds only part of a block (a test's transactions) has no coinbase to follow: fees stay fees.
      if (isChaintrailError(e, 'NOT_FOUND')) return;
      throw e;
    }
    book.unfee(node.taint);
    let entry = pending.get(coinbase.txid);
    if (!entry) {
      entry = { tx: coinbase, amounts: [], from: [], hops: node.hops + 1, rank: 0, coinbaseFees: 0n, coinbaseFrom: null, coinbaseBest: -1n };
      pending.set(coinbase.txid, entry);
      heap.push(entry);
    }
    entry.coinbaseFees = entry.coinbaseFees! + node.taint;
    if (node.taint > entry.coinbaseBest!) {
      entry.coinbaseBest = node.taint;
      entry.coinbaseFrom = node.parent;
    }
    book.graphEdge(`tx:${node.txid}`, `tx:${coinbase.txid}`, { taint: node.taint, fee: true });
  }

  async function followFunding(node: TaintNode): Promise<void> {
    const fetched = getTx(node.txid);
    if (!fetched) return book.truncate(node);
    let funder: UtxoTransaction;
    try {
      funder = await fetched;
    } catch (e) {
      // The source does not hold the funding transaction (a block file without its ancestors): the walk ends here.
      if (isChaintrailError(e, 'NOT_FOUND')) return book.addFrontier(node, 'unknown');
      throw e;
    }
    if (funder.block && beyond(funder.block.height, funder.block.time)) return book.addFrontier(node, 'bound');
    enqueue(funder, node.vout, node.taint, node.key, node.hops + 1);
  }

  function beyond(height: number, time: number): boolean {
    const u = p.until;
    if (!u) return false;
    if (forward) return (u.height !== undefined && height > u.height) || (u.time !== undefined && time > u.time);
    return (u.height !== undefined && height < u.height) || (u.time !== undefined && time < u.time);
  }

  function processForward(entry: Pending): void {
    const { tx } = entry;
    book.graphNode(`tx:${tx.txid}`, { kind: 'transaction', height: tx.block?.height ?? null });
    let result: { outputs: bigint[]; fee: bigint; absorbed: bigint };
    let parent: string | null;
    if (entry.coinbaseFees !== undefined) {
      // A coinbase has no ordered inputs: the fees it collects are pooled with the subsidy (haircut; FIFO too), or
      // poison it. Fees a miner left unclaimed stay counted as fees.
      const outputs = tx.outputs.map((o) => o.value);
      const total = outputs.reduce((s, v) => s + v, 0n);
      const fees = entry.coinbaseFees < total ? entry.coinbaseFees : total;
      if (fees < entry.coinbaseFees) book.fee(entry.coinbaseFees - fees);
      const inputs = [{ value: total - fees, taint: 0n }, { value: fees, taint: fees }];
      result = (policy.name === 'poison' ? policy : haircut).forward({ inputs, outputs, fee: 0n });
      parent = entry.coinbaseFrom ?? null;
    } else {
      const inputs = tx.inputs.map((input, vin) => {
        if (input.value === null) {
          throw new ChaintrailError('MISSING_PREVOUT', `Input ${vin} of ${tx.txid} has no known value, so its taint cannot be split.`, {
            details: 'Use a source that values inputs (a prevouts file with --blocks, Esplora, or a node with txindex).',
            meta: { txid: tx.txid, vin, prevout: outPoint(input.prevTxid, input.prevVout) },
          });
        }
        return { value: input.value, taint: entry.amounts[vin]! };
      });
      const fee = inputs.reduce((s, i) => s + i.value, 0n) - tx.outputs.reduce((s, o) => s + o.value, 0n);
      result = policy.forward({ inputs, outputs: tx.outputs.map((o) => o.value), fee });
      parent = bestSlot(entry);
    }
    book.absorb(result.absorbed);
    if (result.fee > 0n) {
      book.fee(result.fee);
      if (p.taintFees && tx.block && entry.coinbaseFees === undefined && entry.hops < book.maxHops) {
        const node: TaintNode = {
          key: `fee:${tx.txid}`,
          txid: tx.txid,
          vout: -1,
          address: 'fee',
          value: result.fee,
          taint: result.fee,
          hops: entry.hops,
          parent,
        };
        book.nodes.set(node.key, node);
        feeWork.push({ node, height: tx.block.height });
      }
    }
    tx.outputs.forEach((output, vout) => {
      const taint = result.outputs[vout]!;
      if (taint === 0n) return;
      const node: TaintNode = {
        key: outPoint(tx.txid, vout),
        txid: tx.txid,
        vout,
        address: output.address,
        value: output.value,
        taint,
        hops: entry.hops,
        parent,
      };
      book.graphNode(`out:${node.key}`, { kind: 'output', address: node.address, value: node.value });
      book.graphEdge(`tx:${tx.txid}`, `out:${node.key}`, { taint, value: output.value });
      if (book.admit(node)) work.push(node);
    });
  }

  function processBackward(entry: Pending): void {
    const { tx } = entry;
    book.graphNode(`tx:${tx.txid}`, { kind: 'transaction', height: tx.block?.height ?? null });
    if (tx.coinbase) {
      tx.outputs.forEach((output, vout) => {
        const amount = entry.amounts[vout]!;
        if (amount === 0n) return;
        const key = outPoint(tx.txid, vout);
        const node = book.nodes.get(key);
        if (node) book.addFrontier({ ...node, taint: amount }, 'coinbase');
      });
      return;
    }
    const values = tx.inputs.map((input, vin) => {
      if (input.value === null) {
        throw new ChaintrailError('MISSING_PREVOUT', `Input ${vin} of ${tx.txid} has no known value, so the funds cannot be attributed.`, {
          meta: { txid: tx.txid, vin },
        });
      }
      return input.value;
    });
    const outputs = tx.outputs.map((o) => o.value);
    const fee = values.reduce((s, v) => s + v, 0n) - outputs.reduce((s, v) => s + v, 0n);
    const result = policy.backward({ inputs: values, outputs, fee, amounts: entry.amounts });
    book.absorb(result.absorbed);
    const parent = bestSlot(entry);
    tx.inputs.forEach((input, vin) => {
      const amount = result.inputs[vin]!;
      if (amount === 0n) return;
      const node: TaintNode = {
        key: outPoint(input.prevTxid, input.prevVout),
        txid: input.prevTxid,
        vout: input.prevVout,
        address: input.address ?? 'unknown',
        value: input.value!,
        taint: amount,
        hops: entry.hops,
        parent,
      };
      book.graphNode(`out:${node.key}`, { kind: 'output', address: node.address, value: node.value });
      book.graphEdge(`out:${node.key}`, `tx:${tx.txid}`, { taint: amount, value: node.value });
      if (book.admit(node)) work.push(node);
    });
  }

  function truncatePending(entries: Pending[]): void {
    for (const entry of entries) {
      entry.amounts.forEach((amount, slot) => {
        if (amount === 0n) return;
        const key = entry.from[slot];
        const node = key ? book.nodes.get(key) : undefined;
        book.truncate({ txid: node?.txid ?? entry.tx.txid, vout: node?.vout ?? slot, address: node?.address ?? '', taint: amount });
      });
      if (entry.coinbaseFees) book.truncate({ txid: entry.tx.txid, vout: -1, address: 'fee', taint: entry.coinbaseFees });
    }
  }

  function bestSlot(entry: Pending): string | null {
    let best = -1n;
    let key: string | null = null;
    entry.amounts.forEach((amount, slot) => {
      if (amount > best && entry.from[slot] !== null) {
        best = amount;
        key = entry.from[slot]!;
      }
    });
    return key;
  }
}

async function resolveSeeds(
  p: UtxoEngineParameters,
  getTx: (txid: string) => Promise<UtxoTransaction> | undefined,
): Promise<TaintNode[]> {
  const outpoints = new Map<OutPoint, bigint | undefined>();
  const addresses: string[] = [];
  for (const seed of p.seeds) {
    if (typeof seed === 'string') {
      if (/^[0-9a-fA-F]{64}:\d+$/.test(seed)) {
        const { txid, vout } = parseOutPoint(seed);
        outpoints.set(outPoint(txid, vout), undefined);
      } else addresses.push(seed);
    } else if ('outpoint' in seed) {
      const { txid, vout } = parseOutPoint(seed.outpoint);
      outpoints.set(outPoint(txid, vout), seed.amount);
    } else if ('input' in seed) continue;
    else if ('address' in seed) addresses.push(seed.address);
    else if ('addresses' in seed) addresses.push(...seed.addresses);
    else if ('cluster' in seed) {
      if (!p.clustering) throw new ChaintrailError('INVALID_ARGUMENT', `Seed cluster ${seed.cluster} needs a clustering.`);
      addresses.push(...p.clustering.members(seed.cluster));
    } else if ('coinbase' in seed) {
      const getBlocks = requireMethod(p.source, 'getBlocks', 'seeding a trace with coinbase outputs');
      const want = seed.coinbase.addresses ? new Set(seed.coinbase.addresses) : undefined;
      for await (const block of getBlocks({ from: seed.coinbase.fromHeight, to: seed.coinbase.toHeight, ...(p.signal ? { signal: p.signal } : {}) })) {
        for (const tx of block.transactions) {
          if (!tx.coinbase) continue;
          for (const o of tx.outputs) if (o.value > 0n && (!want || want.has(o.address))) outpoints.set(outPoint(tx.txid, o.n), undefined);
        }
      }
    } else if ('txHash' in seed) {
      throw new ChaintrailError('INVALID_ARGUMENT', 'A transaction-hash seed is for account chains; on a UTXO chain seed outpoints.', {
        meta: { seed: seed.txHash },
      });
    }
  }
  if (addresses.length > 0) {
    const history = requireMethod(p.source, 'getAddressHistory', 'seeding a trace with addresses');
    const wanted = new Set(addresses);
    for (const address of wanted) {
      const read = (cursor: string | undefined) => history({ address, ...(cursor ? { cursor } : {}), ...(p.signal ? { signal: p.signal } : {}) });
      for await (const items of pages(read, p.signal)) {
        p.fetcher.fetches++;
        for (const tx of items) {
          // Change the address paid itself traces back to (forward: is fed by) its own seeded outputs: skip it.
          if (tx.inputs.some((i) => i.address === address)) continue;
          if (tx.block && p.until && p.direction === 'forward' && p.until.height !== undefined && tx.block.height > p.until.height) continue;
          for (const o of tx.outputs) if (o.address === address && o.value > 0n) outpoints.set(outPoint(tx.txid, o.n), undefined);
        }
      }
    }
  }
  const keys = [...outpoints.keys()].sort();
  const txs = await Promise.all(
    keys.map((key) => {
      const fetched = getTx(parseOutPoint(key).txid);
      if (!fetched) throw new ChaintrailError('BUDGET_EXCEEDED', 'The fetch budget ran out before the seeds were read.', { meta: { seed: key } });
      return fetched;
    }),
  );
  return keys.map((key, i) => {
    const { vout } = parseOutPoint(key);
    const output = txs[i]!.outputs[vout];
    if (!output) throw new ChaintrailError('NOT_FOUND', `Seed ${key}: the transaction has no output ${vout}.`, { meta: { seed: key } });
    const amount = outpoints.get(key as OutPoint) ?? output.value;
    if (amount < 0n || amount > output.value) {
      throw new ChaintrailError('INVALID_ARGUMENT', `Seed ${key}: the amount ${amount} is not between 0 and the output's value ${output.value}.`);
    }
    return { key, txid: txs[i]!.txid, vout, address: output.address, value: output.value, taint: amount, hops: 0, parent: null };
  });
}
