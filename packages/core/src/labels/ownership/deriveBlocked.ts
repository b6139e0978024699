import type { Label, LabelLookup } from '../types.ts';
import type { Designation, EntityRegistry } from './EntityRegistry.ts';
import { addShares, compareShares, formatShare, HALF, type Share, ZERO_SHARE } from './share.ts';

/**
 * - `designated`: blocked in its own right (a recorded designation, or an address with a sanctioned label);
 * - `blocked_50_percent`: owned 50% or more, in aggregate, by blocked persons;
 * - `blocked_control`: controlled by a blocked person, when the caller treats control as blocking;
 * - `controlled_by_blocked`: controlled by a blocked person but not blocked by ownership (OFAC: proceed with caution);
 * - `clear`: none of these.
 */
export type EntityStatusKind = 'designated' | 'blocked_50_percent' | 'blocked_control' | 'controlled_by_blocked' | 'clear';

export interface EntityStatus {
  readonly entity: string;
  readonly name: string;
  readonly status: EntityStatusKind;
  readonly blocked: boolean;
  readonly designation?: Designation;
  /** The share of the entity held by blocked owners, summed. */
  readonly blockedOwnership: Share;
  readonly blockedOwners: readonly { readonly owner: string; readonly share: Share }[];
  readonly blockedControllers: readonly string[];
  /** Entity ids from a designated entity down to this one, one list per chain of ownership (or control). */
  readonly chains: readonly (readonly string[])[];
  readonly explanation: string;
}

export interface DeriveBlockedParameters {
  readonly registry: EntityRegistry;
  /** When given, an entity with a linked address that carries a (non-derived) `sanctioned` label is designated. */
  readonly labels?: LabelLookup;
  /**
   * Treat an entity controlled by a blocked person as blocked (default false: OFAC's 50 Percent Rule is about
   * ownership only; control is reported as `controlled_by_blocked`). Stricter compliance policies turn this on.
   */
  readonly treatControlAsBlocking?: boolean;
  /** At most this many ownership chains per entity in the evidence (default 10). */
  readonly maxChains?: number;
}

/**
 * Derives who is blocked through ownership the way OFAC's 50 Percent Rule does (OFAC, "Revised Guidance on Entities
 * Owned by Persons Whose Property and Interests in Property Are Blocked", 13 August 2014, and FAQs 398-402): an
 * entity owned 50% or more, directly or indirectly, in the aggregate, by one or more blocked persons is itself
 * blocked. Indirect ownership counts through entities that are themselves blocked (blocked A owns 50% of B, B owns
 * 50% of C: C is blocked); shares are not multiplied down a chain, and holdings of unblocked owners never count.
 * Computed as a monotone fixed point over a work list, so cycles of ownership terminate; each derived status names
 * the chains of ownership that caused it.
 *
 * @example
 * const status = deriveBlocked({ registry });
 * status.get('C') // { status: 'blocked_50_percent', chains: [['A', 'B', 'C']], explanation: '…' }
 */
export function deriveBlocked({ registry, labels, treatControlAsBlocking = false, maxChains = 10 }: DeriveBlockedParameters): Map<string, EntityStatus> {
  const designations = new Map<string, Designation>();
  for (const entity of registry.entities()) {
    if (entity.designation) {
      designations.set(entity.id, entity.designation);
      continue;
    }
    if (!labels) continue;
    for (const { chain, address } of registry.addressesOf(entity.id)) {
      const label = labels.lookup(chain, address).find((l) => l.category === 'sanctioned' && l.derived === undefined);
      if (label) {
        designations.set(entity.id, { source: label.source, ...(label.date === undefined ? {} : { date: label.date }) });
        break;
      }
    }
  }
  /** When each entity became blocked, so evidence only points at owners blocked earlier (no cycles in chains). */
  const order = new Map<string, number>();
  const rule = new Map<string, EntityStatusKind>();
  const aggregate = new Map<string, Share>();
  const owners = new Map<string, { owner: string; share: Share }[]>();
  const controllers = new Map<string, string[]>();
  const queue: string[] = [];
  const block = (id: string, kind: EntityStatusKind) => {
    order.set(id, order.size);
    rule.set(id, kind);
    queue.push(id);
  };
  for (const id of designations.keys()) block(id, 'designated');
  for (let i = 0; i < queue.length; i++) {
    const blocked = queue[i]!;
    for (const holding of registry.holdingsOf(blocked)) {
      const total = addShares(aggregate.get(holding.owned) ?? ZERO_SHARE, holding.share);
      aggregate.set(holding.owned, total);
      pushTo(owners, holding.owned, { owner: blocked, share: holding.share });
      if (!order.has(holding.owned) && compareShares(total, HALF) >= 0) block(holding.owned, 'blocked_50_percent');
    }
    for (const control of registry.controlledBy(blocked)) {
      pushTo(controllers, control.controlled, blocked);
      if (treatControlAsBlocking && !order.has(control.controlled)) block(control.controlled, 'blocked_control');
    }
  }

  const chainMemo = new Map<string, string[][]>();
  const chainsOf = (id: string): string[][] => {
    const memo = chainMemo.get(id);
    if (memo) return memo;
    const mine = order.get(id)!;
    let out: string[][] = [];
    if (rule.get(id) === 'designated') out = [[id]];
    else {
      const sources = rule.get(id) === 'blocked_control' ? (controllers.get(id) ?? []) : (owners.get(id) ?? []).map((o) => o.owner);
      for (const source of sources) {
        if ((order.get(source) ?? Infinity) >= mine) continue; // blocked later, through this entity: not a cause
        for (const chain of chainsOf(source)) {
          if (out.length >= maxChains) break;
          out.push([...chain, id]);
        }
      }
    }
    chainMemo.set(id, out);
    return out;
  };

  const result = new Map<string, EntityStatus>();
  for (const entity of registry.entities()) {
    const id = entity.id;
    const blockedOwners = owners.get(id) ?? [];
    const blockedControllers = controllers.get(id) ?? [];
    const status: EntityStatusKind = rule.get(id) ?? (blockedControllers.length > 0 ? 'controlled_by_blocked' : 'clear');
    const designation = designations.get(id);
    const ownership = aggregate.get(id) ?? ZERO_SHARE;
    const chains = order.has(id) ? chainsOf(id) : blockedControllers.map((c) => [...(chainsOf(c)[0] ?? [c]), id]);
    const name = (x: string) => registry.entity(x)?.name ?? x;
    const ownersText = blockedOwners.map((o) => `${name(o.owner)} ${formatShare(o.share)}`).join(', ');
    let explanation: string;
    switch (status) {
      case 'designated':
        explanation = `${entity.name} is designated (${designation!.source}${designation!.program ? `, ${designation!.program}` : ''}).`;
        break;
      case 'blocked_50_percent':
        explanation = `${entity.name} is blocked under OFAC's 50 Percent Rule: blocked persons own ${formatShare(ownership)} of it in aggregate (${ownersText}); chain: ${chains[0]?.map(name).join(' → ')}.`;
        break;
      case 'blocked_control':
        explanation = `${entity.name} is treated as blocked because blocked ${blockedControllers.map(name).join(', ')} control${blockedControllers.length > 1 ? '' : 's'} it (policy: control blocks).`;
        break;
      case 'controlled_by_blocked':
        explanation = `${entity.name} is not blocked by ownership${blockedOwners.length > 0 ? ` (blocked persons own ${formatShare(ownership)})` : ''} but is controlled by blocked ${blockedControllers.map(name).join(', ')}: OFAC advises caution.`;
        break;
      default:
        explanation =
          blockedOwners.length > 0
            ? `${entity.name} is not blocked: blocked persons own ${formatShare(ownership)} of it, under 50% (${ownersText}).`
            : `${entity.name} has no blocked owner or controller on record.`;
    }
    result.set(id, {
      entity: id,
      name: entity.name,
      status,
      blocked: order.has(id),
      ...(designation === undefined ? {} : { designation }),
      blockedOwnership: ownership,
      blockedOwners,
      blockedControllers,
      chains,
      explanation,
    });
  }
  return result;
}

/**
 * Labels for the addresses of blocked entities: category `sanctioned`, with the derivation (rule, chains, one-line
 * explanation) for those blocked through ownership or control, so screening sees them through the same LabelLookup.
 *
 * @example
 * store.addAll(blockedLabels({ registry, statuses: deriveBlocked({ registry, labels: store }) }));
 */
export function blockedLabels({ registry, statuses }: { registry: EntityRegistry; statuses: ReadonlyMap<string, EntityStatus> }): Label[] {
  const out: Label[] = [];
  for (const status of statuses.values()) {
    if (!status.blocked) continue;
    const derivedRule = status.status === 'blocked_50_percent' ? 'ofac_50_percent' : status.status === 'blocked_control' ? 'control' : undefined;
    for (const { chain, address } of registry.addressesOf(status.entity)) {
      out.push({
        chain,
        address,
        category: 'sanctioned',
        entity: status.name,
        sourceCategory: status.status,
        source: `entities:${status.status}`,
        ...(status.designation?.date === undefined ? {} : { date: status.designation.date }),
        confidence: status.status === 'blocked_control' ? 70 : 100,
        record: {
          entity: status.entity,
          status: status.status,
          blockedOwnership: formatShare(status.blockedOwnership),
          blockedOwners: status.blockedOwners.map((o) => ({ owner: o.owner, share: formatShare(o.share) })),
          ...(status.designation ? { designation: status.designation } : {}),
        },
        ...(derivedRule === undefined ? {} : { derived: { rule: derivedRule, explanation: status.explanation, chains: status.chains } }),
      });
    }
  }
  return out;
}

function pushTo<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
