import type { ChainId } from '../model/chain.ts';
import type { Category, Label, LabelLookup } from './types.ts';

/** What propagation needs of a clustering: the members of a cluster (the clustering issue's `Clustering` fits). */
export interface ClusterMembers<Id = string | number> {
  members(clusterId: Id): Iterable<string>;
}

export interface ClusterEntitiesParameters<Id = string | number> {
  readonly labels: LabelLookup;
  readonly chain: ChainId;
  /** Cluster ids to name, with a clustering that lists their members… */
  readonly clusters: Iterable<Id>;
  readonly clustering: ClusterMembers<Id>;
}

/** One candidate name of a cluster and the members (and labels) that support it. */
export interface EntityCandidate {
  readonly entity: string;
  readonly members: number;
  /** Sum of the supporting labels' confidence: the ranking key. */
  readonly weight: number;
  readonly sources: readonly string[];
}

/** A cluster named by its labelled members. */
export interface ClusterEntity<Id = string | number> {
  readonly clusterId: Id;
  readonly size: number;
  readonly labelledMembers: number;
  /** The best-supported entity name, or null when no member's label names one. */
  readonly entity: string | null;
  /** Every category any member carries, with how many members carry it. */
  readonly categories: Readonly<Partial<Record<Category, number>>>;
  /** True when members name different entities: all candidates are listed, none is dropped. */
  readonly conflict: boolean;
  readonly candidates: readonly EntityCandidate[];
  /** Members labelled sanctioned: a cluster with any is exposed, whatever its name. */
  readonly sanctionedMembers: readonly string[];
}

/** Entity names differ in case and spacing across sources ("Binance", "binance "); compare them normalised. */
function nameKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * Propagates address labels to clusters (as GraphSense does for its entities): a cluster is named by the entity its
 * labelled members name, ranked by the members and label confidence behind each name. Members that name different
 * entities make a conflict: every candidate is kept, with its support, for an analyst to resolve.
 *
 * @example
 * for (const named of clusterEntities({ labels: store, chain, clusters: [clustering.clusterOf(a)!], clustering })) named.entity
 */
export function* clusterEntities<Id>({ labels, chain, clusters, clustering }: ClusterEntitiesParameters<Id>): Generator<ClusterEntity<Id>> {
  for (const clusterId of clusters) {
    let size = 0;
    let labelled = 0;
    const categories: Partial<Record<Category, number>> = {};
    const candidates = new Map<string, { entity: string; members: Set<string>; weight: number; sources: Set<string> }>();
    const sanctioned: string[] = [];
    for (const member of clustering.members(clusterId)) {
      size++;
      const memberLabels: readonly Label[] = labels.lookup(chain, member);
      if (memberLabels.length === 0) continue;
      labelled++;
      const seen = new Set<Category>();
      for (const label of memberLabels) {
        if (!seen.has(label.category)) {
          seen.add(label.category);
          categories[label.category] = (categories[label.category] ?? 0) + 1;
        }
        if (label.entity === undefined) continue;
        const key = nameKey(label.entity);
        let candidate = candidates.get(key);
        if (!candidate) candidates.set(key, (candidate = { entity: label.entity, members: new Set(), weight: 0, sources: new Set() }));
        candidate.members.add(member);
        candidate.weight += label.confidence;
        candidate.sources.add(label.source);
      }
      if (seen.has('sanctioned')) sanctioned.push(member);
    }
    const ranked = [...candidates.values()]
      .map((c) => ({ entity: c.entity, members: c.members.size, weight: c.weight, sources: [...c.sources].sort() }))
      .sort((a, b) => b.members - a.members || b.weight - a.weight || a.entity.localeCompare(b.entity));
    yield {
      clusterId,
      size,
      labelledMembers: labelled,
      entity: ranked[0]?.entity ?? null,
      categories,
      conflict: ranked.length > 1,
      candidates: ranked,
      sanctionedMembers: sanctioned,
    };
  }
}
