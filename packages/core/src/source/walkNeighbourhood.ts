import pLimit from 'p-limit';
import { isChaintrailError } from '../errors/ChaintrailError.ts';
import { throwIfAborted } from '../errors/abort.ts';
import { nativeAsset } from '../model/caip.ts';
import type { UtxoTransaction } from '../model/transaction.ts';
import type { AccountDataSource, DataSource, Neighbourhood, NeighbourhoodEntry, NeighbourhoodParameters, UtxoDataSource } from './DataSource.ts';
import { cmpStr } from '../trace/book.ts';
import { pages } from './pages.ts';
import { requireMethod } from './require.ts';

export interface WalkNeighbourhoodParameters extends NeighbourhoodParameters {
  readonly source: DataSource;
  /** Source calls in flight at once (default 8, as `trace()`). */
  readonly concurrency?: number;
}

/** One edge out of an address on the walk's side: the neighbour and the transaction. */
interface Edge {
  readonly to: string;
  readonly txid: string;
}

/** Byte order of ASCII strings (addresses, hashes): what SQL's binary collation compares. */
const before = (a: { parent: string; txid: string }, b: { parent: string; txid: string }) =>
  a.parent < b.parent || (a.parent === b.parent && a.txid < b.txid);

/**
 * The neighbourhood of addresses walked hop by hop over a source's ordinary reads (address history, outspends,
 * transactions; address transfers on account chains): breadth first, each address expanded once at its fewest hops,
 * so cycles end, and an address with more than `maxDegree` edges is reached but not expanded. The reference
 * semantics of `expandNeighbourhood`; a store answers the same in one recursive SQL query.
 *
 * Edges: on a UTXO chain X → Y by transaction T when T spends an output paying X and has an output paying Y; on an
 * account chain X → Y for every successful transfer of the asset from X to Y.
 *
 * @example
 * const { reached } = await walkNeighbourhood({ source, from: [address], direction: 'backward', maxHops: 3, maxDegree: 1000 })
 */
export async function walkNeighbourhood(params: WalkNeighbourhoodParameters): Promise<Neighbourhood> {
  const { source } = params;
  const limit = pLimit(params.concurrency ?? 8);
  const edgesOf = source.model === 'utxo' ? utxoEdges(source, params) : accountEdges(source, params);
  const found = new Map<string, { hops: number; via: { parent: string; txid: string } | null }>();
  for (const address of params.from) found.set(address, { hops: 0, via: null });
  const hubs: string[] = [];
  let frontier = [...new Set(params.from)].sort();
  for (let hop = 1; hop <= params.maxHops && frontier.length > 0; hop++) {
    throwIfAborted(params.signal);
    const expanded = await Promise.all(frontier.map((address) => limit(() => edgesOf(address))));
    const next: string[] = [];
    frontier.forEach((parent, i) => {
      const edges = expanded[i]!;
      if (edges.degree > params.maxDegree) {
        hubs.push(parent);
        return;
      }
      for (const e of edges.edges) {
        const known = found.get(e.to);
        const via = { parent, txid: e.txid };
        if (!known) {
          found.set(e.to, { hops: hop, via });
          next.push(e.to);
        } else if (known.hops === hop && before(via, known.via!)) known.via = via;
      }
    });
    frontier = next.sort();
  }
  const reached = [...found]
    .map(([address, f]): NeighbourhoodEntry => ({ address, hops: f.hops, via: f.via }))
    .sort((a, b) => a.hops - b.hops || cmpStr(a.address, b.address));
  return { reached, hubs: hubs.sort() };
}

type EdgesOf = (address: string) => Promise<{ edges: Edge[]; degree: number }>;

function accountEdges(source: AccountDataSource, params: WalkNeighbourhoodParameters): EdgesOf {
  const history = requireMethod(source, 'getAddressTransfers', 'a neighbourhood walk on an account chain');
  const asset = params.asset ?? nativeAsset(source.chain);
  const forward = params.direction === 'forward';
  return async (address) => {
    const edges: Edge[] = [];
    const read = (cursor: string | undefined) =>
      history({ address, direction: forward ? 'out' : 'in', ...(cursor ? { cursor } : {}), ...(params.signal ? { signal: params.signal } : {}) });
    for await (const items of pages(read, params.signal)) {
      for (const t of items) {
        if (t.asset !== asset || t.status === 'failed' || t.from === null || t.to === null) continue;
        edges.push({ to: forward ? t.to : t.from, txid: t.txHash });
      }
    }
    return { edges, degree: edges.length };
  };
}

function utxoEdges(source: UtxoDataSource, params: WalkNeighbourhoodParameters): EdgesOf {
  const history = requireMethod(source, 'getAddressHistory', 'a neighbourhood walk on a UTXO chain');
  const read = { ...(params.signal ? { signal: params.signal } : {}) };
  const txs = new Map<string, Promise<UtxoTransaction | null>>();
  const tx = (txid: string) => {
    let p = txs.get(txid);
    if (!p) {
      p = source.getTransaction({ txid, ...read }).catch((e: unknown) => {
        if (isChaintrailError(e, 'NOT_FOUND')) return null;
        throw e;
      });
      txs.set(txid, p);
    }
    return p;
  };
  const paying = async (address: string): Promise<UtxoTransaction[]> => {
    const all: UtxoTransaction[] = [];
    for await (const items of pages((cursor) => history({ address, ...(cursor ? { cursor } : {}), ...read }), params.signal)) {
      all.push(...items.filter((t) => t.outputs.some((o) => o.address === address)));
    }
    return all;
  };
  if (params.direction === 'forward') {
    const outspends = requireMethod(source, 'getOutspends', 'a forward neighbourhood walk on a UTXO chain');
    return async (address) => {
      const spenders = new Set<string>();
      for (const t of await paying(address)) {
        const spends = await outspends({ txid: t.txid, ...read });
        t.outputs.forEach((o, i) => {
          const s = spends[i];
          if (o.address === address && s?.spent) spenders.add(s.txid);
        });
      }
      const edges: Edge[] = [];
      for (const txid of spenders) {
        const spender = await tx(txid);
        for (const o of spender?.outputs ?? []) edges.push({ to: o.address, txid });
      }
      return { edges, degree: spenders.size };
    };
  }
  return async (address) => {
    const funded = await paying(address);
    const edges: Edge[] = [];
    for (const t of funded) {
      for (const input of t.inputs) {
        let from = input.address;
        // An input added before its prevout was stored has no holder yet: the funding transaction names it.
        if (from === null && !t.coinbase) from = (await tx(input.prevTxid))?.outputs.find((o) => o.n === input.prevVout)?.address ?? null;
        if (from !== null) edges.push({ to: from, txid: t.txid });
      }
    }
    return { edges, degree: funded.length };
  };
}
