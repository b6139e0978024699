import { type ScreenResult, type TraceResult, isBitcoinChain } from '@chaintrail/core';
import type { ReportData, ReportEdge, ReportNode, ReportReached, ReportScreening, ReportUnit } from './types.ts';

/** Who an address is, for the report: a name and a category (chaintrail's taxonomy, or 'unlabelled'). */
export interface AddressName {
  readonly name: string;
  readonly category: string;
}

/**
 * A trace result as a file: what `chaintrail trace` prints, plus (optional) the traced subgraph in graphology's
 * serialization, names of addresses, the seeds and screening verdicts. `chaintrail report` reads it.
 */
export interface TraceDocumentParameters {
  readonly trace: TraceResult;
  readonly title?: string;
  readonly subtitle?: string;
  readonly unit?: ReportUnit;
  readonly seeds?: readonly string[];
  readonly names?: Readonly<Record<string, AddressName>>;
  readonly screenings?: readonly ScreenResult[];
}

/**
 * The JSON-ready document of a trace (write it with `toJson`, which keeps amounts exact as decimal strings).
 *
 * @example
 * await writeFile('trace.json', toJson(traceDocument({ trace: result, names }), 1));
 */
export function traceDocument(parameters: TraceDocumentParameters): Record<string, unknown> {
  const { trace, ...rest } = parameters;
  const { graph, ...result } = trace;
  return { ...result, ...(graph ? { graph: graph.export() } : {}), ...rest };
}

// The parsed JSON: amounts are decimal strings.
type Amount = string | number | bigint;
interface Hop {
  readonly txid: string;
  readonly address: string;
  readonly amount: Amount;
  readonly label?: { readonly entity?: string; readonly category: string };
}
interface ParsedTrace {
  readonly policy: string;
  readonly direction?: string;
  readonly chain: string;
  readonly frontier?: readonly { address: string; taint: Amount; value: Amount; hops: number; status: string }[];
  readonly reached?: readonly { entity: string; category: string; taint: Amount; addresses: readonly string[]; hops: number; stopped?: boolean }[];
  readonly paths?: readonly { amount: Amount; hops: readonly Hop[] }[];
  readonly totals?: { seeded?: Amount };
  readonly truncated?: { taint: Amount } | null;
  readonly graph?: {
    nodes: readonly { key: string; attributes?: Record<string, unknown> }[];
    edges: readonly { source: string; target: string; attributes?: Record<string, unknown> }[];
  };
  readonly title?: string;
  readonly subtitle?: string;
  readonly unit?: ReportUnit;
  readonly seeds?: readonly string[];
  readonly names?: Readonly<Record<string, AddressName>>;
  readonly screenings?: readonly {
    address: string;
    risk: string;
    exposures: readonly { category: string; kind: string; amount: Amount; share: string; hops: number; entities: readonly { entity: string }[] }[];
    evidence: {
      matched: readonly { rule: { note?: string; category: string; exposure: string; risk: string }; category: string; kind: string }[];
      labels: readonly { address: string; category: string; entity?: string; source: string; via: string; member?: string }[];
      paths: readonly { amount: Amount; hops: readonly Hop[] }[];
    };
  }[];
}

const big = (value: Amount | undefined): bigint => (value === undefined ? 0n : BigInt(value));
const short = (address: string): string => (address.length > 16 ? `${address.slice(0, 8)}…${address.slice(-6)}` : address);

/** taint / total as a decimal text with 4 places, rounded down (exact bigint arithmetic). */
function share(taint: bigint, total: bigint): string | undefined {
  if (total <= 0n) return undefined;
  const scaled = (taint * 10_000n) / total;
  return `${scaled / 10_000n}.${(scaled % 10_000n).toString().padStart(4, '0')}`;
}

/** Holder address of a trace-graph node key (`acct:<address>`, `out:<txid>:<vout>` with an address attribute). */
function holderOf(key: string, attributes: Record<string, unknown> | undefined): string | null {
  if (key.startsWith('acct:')) return key.slice(5);
  if (key.startsWith('out:') && typeof attributes?.address === 'string') return attributes.address;
  return null;
}

/**
 * Turns a trace document (parsed JSON, amounts as strings) into what the HTML report shows: the flow graph (the
 * traced subgraph when the document has one, else the evidence paths), reached entities with their share of the
 * traced funds, unlabelled holders where taint rests, the top paths and the screening verdicts with their evidence.
 *
 * @example
 * const data = reportDataFromTrace(JSON.parse(await readFile('trace.json', 'utf8')));
 */
export function reportDataFromTrace(document: unknown): ReportData {
  const doc = document as ParsedTrace;
  if (typeof doc !== 'object' || doc === null || typeof doc.policy !== 'string' || typeof doc.chain !== 'string') {
    throw new TypeError('not a trace document: expected { policy, chain, reached, paths, … } as `chaintrail trace` writes it');
  }
  const unit: ReportUnit = doc.unit ?? (isBitcoinChain(doc.chain as `${string}:${string}`) ? { symbol: 'BTC', decimals: 8 } : { symbol: 'ETH', decimals: 18 });
  const seeded = big(doc.totals?.seeded);
  const seeds = new Set(doc.seeds ?? (doc.paths ?? []).map((p) => p.hops[0]?.address).filter((a): a is string => a !== undefined));

  // Names: the document's own, then the labels the trace found.
  const names = new Map<string, AddressName>(Object.entries(doc.names ?? {}));
  const reachedOf = new Map<string, { entity: string; category: string }>();
  for (const r of doc.reached ?? []) for (const a of r.addresses) reachedOf.set(a, r);
  const nameOf = (address: string): AddressName => {
    const known = names.get(address);
    if (known) return known;
    const r = reachedOf.get(address);
    if (r) return { name: r.entity, category: r.category };
    return { name: short(address), category: 'unlabelled' };
  };

  const nodes = new Map<string, ReportNode & { taint: bigint }>();
  const addHolder = (address: string): string => {
    if (!nodes.has(address)) {
      const n = nameOf(address);
      const r = reachedOf.get(address);
      nodes.set(address, {
        id: address,
        label: n.name,
        kind: 'holder',
        category: n.category,
        ...(r ? { entity: r.entity } : {}),
        taint: 0n,
        ...(seeds.has(address) ? { source: true } : {}),
      });
    }
    return address;
  };
  const edges: ReportEdge[] = [];
  if (doc.graph) {
    const holderKeys = new Map<string, string>();
    for (const n of doc.graph.nodes) {
      const holder = holderOf(n.key, n.attributes);
      if (holder !== null) holderKeys.set(n.key, addHolder(holder));
      else nodes.set(n.key, { id: n.key, label: short(n.key.replace(/^tx:/, '')), kind: 'tx', category: 'tx', taint: 0n });
    }
    for (const e of doc.graph.edges) {
      const source = holderKeys.get(e.source) ?? e.source;
      const target = holderKeys.get(e.target) ?? e.target;
      if (!nodes.has(source)) addHolder(source);
      if (!nodes.has(target)) addHolder(target);
      const a = e.attributes ?? {};
      const taint = big(a.taint as Amount | undefined);
      const amount = a.value === undefined ? taint : big(a.value as Amount);
      edges.push({ source, target, amount, taint, ...(typeof a.txid === 'string' ? { txid: a.txid } : {}) });
    }
  } else {
    const seen = new Set<string>();
    for (const p of doc.paths ?? []) {
      for (let i = 0; i + 1 < p.hops.length; i++) {
        const from = p.hops[i]!;
        const to = p.hops[i + 1]!;
        const key = `${from.address}|${to.address}|${to.txid}`;
        if (seen.has(key)) continue;
        seen.add(key);
        edges.push({ source: addHolder(from.address), target: addHolder(to.address), amount: big(to.amount), taint: big(to.amount), txid: to.txid });
      }
    }
  }
  for (const e of edges) {
    const target = nodes.get(e.target);
    if (target) target.taint += e.taint ?? 0n;
  }
  for (const s of seeds) {
    const node = nodes.get(s);
    if (node) node.taint = edges.filter((e) => e.source === s).reduce((sum, e) => sum + (e.taint ?? 0n), 0n);
  }

  const reached: ReportReached[] = (doc.reached ?? []).map((r) => {
    const taint = big(r.taint);
    const s = share(taint, seeded);
    return { name: r.entity, category: r.category, addresses: r.addresses, taint, hops: r.hops, ...(s ? { share: s } : {}) };
  });
  // Taint resting with holders no label names (and that are not sources): worth a row each.
  const inReached = new Set((doc.reached ?? []).flatMap((r) => r.addresses));
  for (const f of doc.frontier ?? []) {
    if (seeds.has(f.address) || inReached.has(f.address) || big(f.taint) === 0n) continue;
    const n = nameOf(f.address);
    const taint = big(f.taint);
    const s = share(taint, seeded);
    reached.push({ name: n.name, category: n.category, addresses: [f.address], taint, hops: f.hops, ...(s ? { share: s } : {}) });
  }
  reached.sort((a, b) => (a.taint === b.taint ? a.name.localeCompare(b.name) : a.taint > b.taint ? -1 : 1));

  const paths = [...(doc.paths ?? [])]
    .filter((p) => big(p.amount) > 0n)
    .sort((a, b) => (big(a.amount) === big(b.amount) ? 0 : big(a.amount) > big(b.amount) ? -1 : 1))
    .slice(0, 5)
    .map((p) => {
      for (const h of p.hops) addHolder(h.address);
      return { taint: big(p.amount), hops: p.hops.map((h) => h.address), txids: [...new Set(p.hops.map((h) => h.txid).filter((t) => t !== ''))] };
    });

  const screening: ReportScreening[] = (doc.screenings ?? []).map((s) => {
    const name = nameOf(s.address).name;
    const reasons = s.evidence.matched.map((m) => {
      const exposure = s.exposures.find((e) => e.category === m.category && e.kind === m.kind);
      const figure = exposure && m.kind !== 'direct' ? ` (${exposure.share} of the funds, ${exposure.hops} hops)` : '';
      return {
        text: `${m.rule.risk}: ${m.kind} exposure to ${m.category}${figure}${m.rule.note ? `: ${m.rule.note}` : ''}`,
        evidence: [
          ...s.evidence.labels
            .filter((l) => l.category === m.category && m.kind === 'direct')
            .map((l) => `label ${l.category}${l.entity ? ` "${l.entity}"` : ''} from ${l.source}, via ${l.via}${l.member ? ` (cluster member ${l.member})` : ''}`),
          ...s.evidence.paths
            .filter((p) => p.hops.length > 0 && m.kind !== 'direct')
            .slice(0, 1)
            .map((p) => `path: ${p.hops.map((h) => nameOf(h.address).name).join(' ← ')}`),
        ],
      };
    });
    return { subject: `${name} (${s.address})`, verdict: s.risk, reasons: reasons.length > 0 ? reasons : [{ text: 'no rule matched', evidence: [] }] };
  });

  const notes: string[] = [];
  if (doc.truncated) notes.push(`A budget stopped the trace: ${big(doc.truncated.taint)} base units of taint were not followed.`);
  return {
    title: doc.title ?? `Trace on ${doc.chain}`,
    ...(doc.subtitle ? { subtitle: doc.subtitle } : {}),
    policy: `${doc.policy}${doc.direction ? `, ${doc.direction}` : ''}`,
    unit,
    nodes: [...nodes.values()],
    edges,
    reached,
    paths,
    ...(screening.length > 0 ? { screening } : {}),
    ...(notes.length > 0 ? { notes } : {}),
  };
}
