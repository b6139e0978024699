import { MultiDirectedGraph } from 'graphology';
import type { AbstractGraph } from 'graphology-types';
import type { Category } from '../labels/types.ts';
import type { ResolvedEntity } from './entities.ts';
import type {
  FrontierEntry,
  FrontierStatus,
  LabelEvidence,
  PathHop,
  ReachedEntity,
  TracePath,
  TraceTotals,
  TraceTruncation,
} from './types.ts';

/** One place taint sat during a trace (a UTXO output, or an account after a transfer), with its best parent. */
export interface TaintNode {
  readonly key: string;
  readonly txid: string;
  readonly vout: number;
  readonly address: string;
  readonly value: bigint;
  taint: bigint;
  readonly hops: number;
  /** Key of the node that contributed most to this one (toward the seeds); null for a seed. */
  readonly parent: string | null;
  label?: LabelEvidence;
}

interface MutableReached {
  entity: string;
  category: Category;
  taint: bigint;
  stopped: boolean;
  addresses: Set<string>;
  evidence: LabelEvidence[];
  hops: number;
}

export interface BookParameters {
  readonly resolve: (address: string) => ResolvedEntity | undefined;
  readonly stopAt: ReadonlySet<Category>;
  readonly minValue: bigint;
  readonly maxHops: number;
}

/**
 * The books of one trace: where every unit of taint ended (frontier, fees, dust, stopped at an entity, truncated),
 * the entities reached, and the nodes and edges for paths and the subgraph. Both engines (UTXO, account) write here.
 */
export class TraceBook {
  readonly nodes = new Map<string, TaintNode>();
  readonly #frontier: FrontierEntry[] = [];
  readonly #reached = new Map<string, MutableReached>();
  readonly #ends: { key: string; end: TracePath['end'] }[] = [];
  readonly #edges: { source: string; target: string; attributes: Record<string, unknown> }[] = [];
  readonly #graphNodes = new Map<string, Record<string, unknown>>();
  readonly #truncated: TraceTruncation['pending'][number][] = [];
  readonly totals = { seeded: 0n, absorbed: 0n, frontier: 0n, fees: 0n, dust: 0n, stopped: 0n, truncated: 0n };
  readonly dust = { count: 0, taint: 0n };
  maxHopsSeen = 0;
  get maxHops(): number {
    return this.#params.maxHops;
  }
  readonly #params: BookParameters;

  constructor(params: BookParameters) {
    this.#params = params;
  }

  /**
   * Records a node that now holds taint and says whether the trace should follow it: not when it reached a
   * `stopAt` entity, is dust, or sits at the hop limit. Seeds are never stopped by their own labels.
   */
  admit(node: TaintNode, seed = false): boolean {
    this.nodes.set(node.key, node);
    if (node.hops > this.maxHopsSeen) this.maxHopsSeen = node.hops;
    if (seed) this.totals.seeded += node.taint;
    if (!seed && node.taint < this.#params.minValue) {
      this.totals.dust += node.taint;
      this.dust.count++;
      this.dust.taint += node.taint;
      return false;
    }
    if (!seed) {
      const entity = this.#params.resolve(node.address);
      if (entity) {
        node.label = entity.evidence[0]!;
        let stop = false;
        for (const category of [...entity.categories].sort()) {
          const stopped = this.#params.stopAt.has(category);
          stop ||= stopped;
          this.#reach(node, entity, category, stopped);
        }
        if (stop) {
          this.totals.stopped += node.taint;
          this.#ends.push({ key: node.key, end: 'entity' });
          return false;
        }
      }
    }
    if (node.hops >= this.#params.maxHops) {
      this.addFrontier(node, 'hops');
      return false;
    }
    return true;
  }

  #reach(node: TaintNode, entity: ResolvedEntity, category: Category, stopped: boolean): void {
    const name = entity.name(category);
    const id = `${category}\u0000${name}`;
    let r = this.#reached.get(id);
    if (!r) {
      r = { entity: name, category, taint: 0n, stopped, addresses: new Set(), evidence: [], hops: node.hops };
      this.#reached.set(id, r);
    }
    r.taint += node.taint;
    if (node.hops < r.hops) r.hops = node.hops;
    if (!r.addresses.has(node.address)) {
      r.addresses.add(node.address);
      r.evidence.push(...entity.evidence.filter((e) => e.category === category));
    }
    if (!stopped) this.#ends.push({ key: node.key, end: 'entity' });
  }

  addFrontier(node: TaintNode, status: FrontierStatus, value = node.value): void {
    this.#frontier.push({ txid: node.txid, vout: node.vout, address: node.address, value, taint: node.taint, hops: node.hops, status });
    this.totals.frontier += node.taint;
    this.#ends.push({ key: node.key, end: 'frontier' });
  }

  absorb(amount: bigint): void {
    this.totals.absorbed += amount;
  }

  fee(amount: bigint): void {
    this.totals.fees += amount;
  }

  /** Moves taint counted as fees back out (it flows on into a coinbase). */
  unfee(amount: bigint): void {
    this.totals.fees -= amount;
  }

  truncate(node: { txid: string; vout: number; address: string; taint: bigint }): void {
    if (node.taint === 0n) return;
    this.#truncated.push({ txid: node.txid, vout: node.vout, address: node.address, taint: node.taint });
    this.totals.truncated += node.taint;
  }

  graphNode(key: string, attributes: Record<string, unknown>): void {
    if (!this.#graphNodes.has(key)) this.#graphNodes.set(key, attributes);
  }

  graphEdge(source: string, target: string, attributes: Record<string, unknown>): void {
    this.#edges.push({ source, target, attributes });
  }

  /** The frontier, one entry per output (account: per address) and status, largest taint first. */
  frontier(): FrontierEntry[] {
    const merged = new Map<string, FrontierEntry>();
    for (const f of this.#frontier) {
      const key = f.vout < 0 ? `${f.address}|${f.status}` : `${f.txid}:${f.vout}|${f.status}`;
      const known = merged.get(key);
      merged.set(key, known ? { ...known, taint: known.taint + f.taint, hops: Math.min(known.hops, f.hops) } : f);
    }
    return [...merged.values()].sort(
      (a, b) => cmpBig(b.taint, a.taint) || cmpStr(a.txid, b.txid) || a.vout - b.vout || cmpStr(a.address, b.address),
    );
  }

  reached(): ReachedEntity[] {
    return [...this.#reached.values()]
      .map((r) => ({
        entity: r.entity,
        category: r.category,
        taint: r.taint,
        stopped: r.stopped,
        addresses: [...r.addresses].sort(),
        evidence: dedupe(r.evidence),
        hops: r.hops,
      }))
      .sort((a, b) => cmpBig(b.taint, a.taint) || cmpStr(a.category, b.category) || cmpStr(a.entity, b.entity));
  }

  paths(max: number): TracePath[] {
    const ends = [...new Map(this.#ends.map((e) => [e.key, e])).values()]
      .map((e) => ({ ...e, node: this.nodes.get(e.key)! }))
      .sort((a, b) => (a.end === b.end ? 0 : a.end === 'entity' ? -1 : 1) || cmpBig(b.node.taint, a.node.taint) || cmpStr(a.key, b.key))
      .slice(0, max);
    return ends.map(({ node, end }) => {
      const hops: PathHop[] = [];
      const seen = new Set<string>();
      for (let n: TaintNode | undefined = node; n && !seen.has(n.key); n = n.parent ? this.nodes.get(n.parent) : undefined) {
        seen.add(n.key);
        hops.push({ txid: n.txid, vout: n.vout, address: n.address, amount: n.taint, ...(n.label ? { label: n.label } : {}) });
      }
      return { amount: node.taint, end, hops: hops.reverse() };
    });
  }

  truncation(fetches: number, nodes: number): TraceTruncation | null {
    if (this.#truncated.length === 0) return null;
    const pending = [...this.#truncated].sort((a, b) => cmpBig(b.taint, a.taint) || cmpStr(a.txid, b.txid) || a.vout - b.vout);
    return { reason: 'budget', fetches, nodes, pending, taint: this.totals.truncated };
  }

  totalsSnapshot(): TraceTotals {
    return { ...this.totals };
  }

  graph(): AbstractGraph {
    const g = new MultiDirectedGraph({ allowSelfLoops: true });
    for (const [key, attributes] of [...this.#graphNodes].sort((a, b) => cmpStr(a[0], b[0]))) g.addNode(key, attributes);
    for (const e of this.#edges) {
      if (!g.hasNode(e.source)) g.addNode(e.source, {});
      if (!g.hasNode(e.target)) g.addNode(e.target, {});
      g.addEdge(e.source, e.target, e.attributes);
    }
    return g;
  }
}

function dedupe(evidence: readonly LabelEvidence[]): LabelEvidence[] {
  const seen = new Map<string, LabelEvidence>();
  for (const e of evidence) seen.set(`${e.address}|${e.category}|${e.entity ?? ''}|${e.source}|${e.member ?? ''}`, e);
  return [...seen.values()].sort(
    (a, b) => cmpStr(a.address, b.address) || b.confidence - a.confidence || cmpStr(a.source, b.source) || cmpStr(a.entity ?? '', b.entity ?? ''),
  );
}

export function cmpBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
