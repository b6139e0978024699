import type { Category, LabelLookup } from '../labels/types.ts';
import type { ChainId } from '../model/chain.ts';
import type { ClusterLookup, LabelEvidence } from './types.ts';

/** The labels of an address, its own first, then its cluster's; and the entity name to group it under. */
export interface ResolvedEntity {
  readonly evidence: readonly LabelEvidence[];
  readonly categories: ReadonlySet<Category>;
  /** The name the trace groups this address under, per category. */
  name(category: Category): string;
}

/**
 * Looks up what names an address, with caching: its own labels, else the labels carried by members of its cluster
 * (each cluster is read once). Evidence is sorted so results are byte-for-byte deterministic.
 *
 * @example
 * const resolve = entityResolver({ chain, labels, clustering })
 * resolve('1A1z…')?.categories.has('exchange')
 */
export function entityResolver(params: {
  readonly chain: ChainId;
  readonly labels?: LabelLookup | undefined;
  readonly clustering?: ClusterLookup | undefined;
}): (address: string) => ResolvedEntity | undefined {
  const { chain, labels, clustering } = params;
  const byAddress = new Map<string, ResolvedEntity | undefined>();
  const byCluster = new Map<string | number, LabelEvidence[]>();
  if (!labels) return () => undefined;

  const clusterEvidence = (cluster: string | number): LabelEvidence[] => {
    let found = byCluster.get(cluster);
    if (found) return found;
    found = [];
    for (const member of clustering!.members(cluster)) {
      for (const l of labels.lookup(chain, member)) {
        found.push({ ...fromLabel(member, l), via: 'cluster', cluster: String(cluster), member });
      }
    }
    byCluster.set(cluster, found);
    return found;
  };

  return (address) => {
    if (byAddress.has(address)) return byAddress.get(address);
    const own = labels.lookup(chain, address).map((l) => ({ ...fromLabel(address, l), via: 'label' as const }));
    let evidence: LabelEvidence[] = own;
    let cluster: string | number | undefined;
    if (evidence.length === 0 && clustering) {
      cluster = clustering.clusterOf(address);
      if (cluster !== undefined) evidence = clusterEvidence(cluster).map((e) => ({ ...e, address }));
    }
    if (evidence.length === 0) {
      byAddress.set(address, undefined);
      return undefined;
    }
    evidence.sort(compareEvidence);
    const categories = new Set(evidence.map((e) => e.category));
    const resolved: ResolvedEntity = {
      evidence,
      categories,
      name: (category) => evidence.find((e) => e.category === category && e.entity)?.entity ?? (cluster !== undefined ? `cluster:${cluster}` : address),
    };
    byAddress.set(address, resolved);
    return resolved;
  };
}

function fromLabel(address: string, l: { category: Category; entity?: string; source: string; confidence: number }) {
  return {
    address,
    category: l.category,
    ...(l.entity !== undefined ? { entity: l.entity } : {}),
    source: l.source,
    confidence: l.confidence,
  };
}

function compareEvidence(a: LabelEvidence, b: LabelEvidence): number {
  return (
    b.confidence - a.confidence ||
    cmp(a.category, b.category) ||
    cmp(a.entity ?? '', b.entity ?? '') ||
    cmp(a.source, b.source) ||
    cmp(a.member ?? '', b.member ?? '')
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
