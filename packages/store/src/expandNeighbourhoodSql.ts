import { throwIfAborted, type ChainId, type Neighbourhood, type NeighbourhoodEntry, type NeighbourhoodParameters } from '@chaintrail/core';
import { num } from './rows.ts';
import type { SqlDriver, SqlValue } from './sql/driver.ts';

/** SQL text with its `?` parameters in order, so fragments compose without miscounting placeholders. */
interface Sql {
  readonly text: string;
  readonly args: readonly SqlValue[];
}

/** The edges out of the address `src` (an SQL expression) on the walk's side: joins, conditions, neighbour and txid. */
interface EdgeSql {
  readonly joins: Sql;
  readonly where: Sql;
  readonly dst: string;
  readonly txid: string;
  /** Rows that count toward the address's degree (one per edge unit), limited. */
  degree(src: string, limit: number): Sql;
}

export interface ExpandNeighbourhoodSqlParameters {
  readonly db: SqlDriver;
  readonly chain: ChainId;
  readonly model: 'utxo' | 'account';
  /** Account chains: the asset (the caller resolves the default). */
  readonly asset?: string;
  readonly params: NeighbourhoodParameters;
}

function accountEdges(chain: ChainId, asset: string, forward: boolean, src: string, alias: string): EdgeSql {
  const [from, to] = forward ? ['from_addr', 'to_addr'] : ['to_addr', 'from_addr'];
  return {
    joins: { text: ` cross join account_transfers ${alias}`, args: [] },
    where: {
      text: ` and ${alias}.chain = ? and ${alias}.${from} = ${src} and ${alias}.asset = ? and ${alias}.status <> 'failed' and ${alias}.${to} is not null`,
      args: [chain, asset],
    },
    dst: `${alias}.${to}`,
    txid: `${alias}.tx_hash`,
    degree: (s, limit) => ({
      text: `select 1 from account_transfers dg where dg.chain = ? and dg.${from} = ${s} and dg.asset = ? and dg.status <> 'failed' and dg.${to} is not null limit ?`,
      args: [chain, asset, limit],
    }),
  };
}

// Edge X → Y by T: T spends an output paying X and has an output paying Y. The address index finds the transactions
// paying X; the spends index (prev_txid, prev_vout) finds who spent them.
function utxoEdges(chain: ChainId, forward: boolean, src: string, alias: string): EdgeSql {
  const t = (name: string) => `${alias}_${name}`;
  if (forward) {
    const spentBy = (s: string, a: string) =>
      ` and ${a}_o.chain = ${a}_a.chain and ${a}_o.txid = ${a}_a.txid and ${a}_o.address = ${s}` +
      ` and ${a}_i.chain = ${a}_o.chain and ${a}_i.prev_txid = ${a}_o.txid and ${a}_i.prev_vout = ${a}_o.n`;
    return {
      joins: { text: ` cross join utxo_address_txs ${t('a')} cross join utxo_outputs ${t('o')} cross join utxo_inputs ${t('i')} cross join utxo_outputs ${t('e')}`, args: [] },
      where: {
        text: ` and ${t('a')}.chain = ? and ${t('a')}.address = ${src}${spentBy(src, alias)} and ${t('e')}.chain = ${t('i')}.chain and ${t('e')}.txid = ${t('i')}.txid`,
        args: [chain],
      },
      dst: `${t('e')}.address`,
      txid: `${t('i')}.txid`,
      degree: (s, limit) => ({
        text: `select distinct dg_i.txid from utxo_address_txs dg_a cross join utxo_outputs dg_o cross join utxo_inputs dg_i where dg_a.chain = ? and dg_a.address = ${s}${spentBy(s, 'dg')} limit ?`,
        args: [chain, limit],
      }),
    };
  }
  const pays = (s: string, a: string) =>
    `exists (select 1 from utxo_outputs ${a}_o where ${a}_o.chain = ${a}_a.chain and ${a}_o.txid = ${a}_a.txid and ${a}_o.address = ${s})`;
  // An input stored before its prevout has no holder: the funding output names it, as the hop-by-hop walk reads it.
  const holder = `coalesce(${t('p')}.address, ${t('i')}.address)`;
  return {
    joins: {
      text: ` cross join utxo_address_txs ${t('a')} cross join utxo_inputs ${t('i')}
       left join utxo_outputs ${t('p')} on ${t('p')}.chain = ${t('i')}.chain and ${t('p')}.txid = ${t('i')}.prev_txid and ${t('p')}.n = ${t('i')}.prev_vout`,
      args: [],
    },
    where: {
      text: ` and ${t('a')}.chain = ? and ${t('a')}.address = ${src} and ${t('i')}.chain = ${t('a')}.chain and ${t('i')}.txid = ${t('a')}.txid and ${pays(src, alias)} and ${holder} is not null`,
      args: [chain],
    },
    dst: holder,
    txid: `${t('a')}.txid`,
    degree: (s, limit) => ({ text: `select 1 from utxo_address_txs dg_a where dg_a.chain = ? and dg_a.address = ${s} and ${pays(s, 'dg')} limit ?`, args: [chain, limit] }),
  };
}

/**
 * The neighbourhood walk as one `WITH RECURSIVE` query (SQLite and PostgreSQL): the recursive part carries only
 * (address, hops) rows, which `UNION` deduplicates, so a level holds each address once and cycles end at `maxHops`;
 * hubs (more than `maxDegree` edges) are not expanded. The fewest hops per address and the least edge from the level
 * before are then taken in the same statement. Same answer as core's `walkNeighbourhood`.
 */
export async function expandNeighbourhoodSql(p: ExpandNeighbourhoodSqlParameters): Promise<Neighbourhood> {
  const { params, db } = p;
  throwIfAborted(params.signal);
  if (params.from.length === 0) return { reached: [], hubs: [] };
  const forward = params.direction === 'forward';
  const edges = (src: string, alias: string) =>
    p.model === 'account' ? accountEdges(p.chain, p.asset!, forward, src, alias) : utxoEdges(p.chain, forward, src, alias);
  const pg = db.dialect === 'postgres';
  const degree = (src: string): Sql => {
    const d = edges(src, 'unused').degree(src, params.maxDegree + 1);
    return { text: `(select count(*) from (${d.text}) dg)`, args: d.args };
  };
  const collate = pg ? ' collate "C"' : '';
  // The edges out of `src` joined to the rows of `from`. SQLite keeps the written join order (CROSS JOIN), so the
  // walk's few rows drive index lookups; PostgreSQL reorders joins by its estimates, which on a freshly filled table
  // (no statistics yet) chose scans that took minutes, so there the edges are a LATERAL subquery run per row, kept
  // from being flattened into the outer join by `offset 0`.
  const expand = (from: string, src: string, alias: string): { from: Sql; where: Sql; dst: string; txid: string } => {
    const e = edges(src, alias);
    if (!pg) return { from: { text: `${from}${e.joins.text}`, args: e.joins.args }, where: e.where, dst: e.dst, txid: e.txid };
    return {
      from: { text: `${from} cross join lateral (select ${e.dst} as dst, ${e.txid} as txid from (select 1) one${e.joins.text} where true${e.where.text} offset 0) ${alias}x`, args: [...e.joins.args, ...e.where.args] },
      where: { text: '', args: [] },
      dst: `${alias}x.dst`,
      txid: `${alias}x.txid`,
    };
  };
  const step = expand('walk w', 'w.address', 's');
  const via = expand('best v', 'v.address', 'e');
  const parts: Sql[] = [
    { text: `with recursive walk(address, hops) as (select cast(column1 as text), 0 from (values ${params.from.map(() => '(?)').join(', ')}) seeds union `, args: params.from },
    { text: `select ${step.dst}, w.hops + 1 from `, args: [] },
    step.from,
    { text: ` where w.hops < ?`, args: [params.maxHops] },
    step.where,
    { text: ` and `, args: [] },
    degree('w.address'),
    { text: ` <= ?), best as (select address, min(hops) as hops from walk group by address), `, args: [params.maxDegree] },
    { text: `hub as (select b.address from best b where b.hops < ? and `, args: [params.maxHops] },
    degree('b.address'),
    { text: ` > ?), `, args: [params.maxDegree] },
    // The least edge into each address from every level it is reached from; the final join keeps its fewest-hops one.
    { text: `via as (select ${via.dst} as address, v.hops + 1 as hops, min((v.address || ' ' || ${via.txid})${collate}) as edge from `, args: [] },
    via.from,
    { text: ` where v.hops < ? and v.address not in (select address from hub)`, args: [params.maxHops] },
    via.where,
    { text: ` group by ${via.dst}, v.hops + 1) select b.address, b.hops, x.edge, case when h.address is null then 0 else 1 end as hub from best b left join via x on x.address = b.address and x.hops = b.hops left join hub h on h.address = b.address`, args: [] },
  ];
  const rows = await db.query(parts.map((s) => s.text).join(''), parts.flatMap((s) => s.args));
  const reached: NeighbourhoodEntry[] = [];
  const hubs: string[] = [];
  for (const r of rows) {
    const address = String(r.address);
    const edge = r.edge === null || r.edge === undefined ? null : String(r.edge);
    const cut = edge === null ? -1 : edge.indexOf(' ');
    reached.push({ address, hops: num(r.hops), via: edge === null ? null : { parent: edge.slice(0, cut), txid: edge.slice(cut + 1) } });
    if (num(r.hub) === 1) hubs.push(address);
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  reached.sort((a, b) => a.hops - b.hops || cmp(a.address, b.address));
  return { reached, hubs: hubs.sort(cmp) };
}
