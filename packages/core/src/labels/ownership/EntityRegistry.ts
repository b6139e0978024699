import { ChaintrailError } from '../../errors/ChaintrailError.ts';
import { canonicalAddress } from '../../model/address.ts';
import type { ChainId } from '../../model/chain.ts';
import { addShares, compareShares, formatShare, parseShare, type Share, ZERO_SHARE } from './share.ts';

/** Why an entity is blocked in its own right: a designation the user records (an SDN entry, an EU listing). */
export interface Designation {
  /** Who designated it: `ofac-sdn`, `eu`, a file name. */
  readonly source: string;
  /** The sanctions program, where known (`CYBER2`, `DPRK3`). */
  readonly program?: string;
  readonly date?: string;
}

/** A person or company behind addresses. */
export interface Entity {
  readonly id: string;
  readonly name: string;
  readonly designation?: Designation;
}

/** `owner` holds `share` of `owned`. */
export interface Ownership {
  readonly owner: string;
  readonly owned: string;
  readonly share: Share;
  readonly source?: string;
}

/** `controller` controls `controlled` (a director, a manager, a trustee) without necessarily owning it. */
export interface Control {
  readonly controller: string;
  readonly controlled: string;
  readonly source?: string;
}

export interface AddEntityParameters {
  readonly id: string;
  readonly name?: string;
  readonly designation?: Designation;
}

export interface AddOwnershipParameters {
  readonly owner: string;
  readonly owned: string;
  /** Exact share: `'60%'`, `'1/3'`, `'0.6'`, `'6000bp'` or a {@link Share}. */
  readonly share: string | Share;
  readonly source?: string;
}

/**
 * The entities a user records, the addresses they hold, and who owns or controls whom. Shares are exact fractions
 * and the shares recorded in one entity may not add up to more than 100%. Feed it to {@link deriveBlocked}.
 *
 * @example
 * const r = new EntityRegistry();
 * r.addEntity({ id: 'A', designation: { source: 'ofac-sdn', program: 'CYBER2' } });
 * r.addEntity({ id: 'B', name: 'B Holdings Pte Ltd' });
 * r.addOwnership({ owner: 'A', owned: 'B', share: '60%' });
 * r.linkAddress({ entity: 'B', chain: 'eip155:1', address: '0x8589427373D6D84E98730D7795D8f6f8731FDA16' });
 */
export class EntityRegistry {
  readonly #entities = new Map<string, Entity>();
  readonly #owners = new Map<string, Ownership[]>();
  readonly #holdings = new Map<string, Ownership[]>();
  readonly #controllers = new Map<string, Control[]>();
  readonly #controls = new Map<string, Control[]>();
  readonly #addresses = new Map<string, { chain: ChainId; address: string }[]>();
  readonly #byAddress = new Map<string, string>();

  /** Records an entity (again: merges the name and designation). */
  addEntity({ id, name, designation }: AddEntityParameters): Entity {
    if (id.trim() === '') throw new ChaintrailError('INVALID_ARGUMENT', 'an entity needs a non-empty id.');
    const previous = this.#entities.get(id);
    const entity: Entity = {
      id,
      name: name ?? previous?.name ?? id,
      ...((designation ?? previous?.designation) ? { designation: (designation ?? previous?.designation)! } : {}),
    };
    this.#entities.set(id, entity);
    return entity;
  }

  #require(id: string, role: string): Entity {
    const entity = this.#entities.get(id);
    if (!entity) {
      throw new ChaintrailError('INVALID_ARGUMENT', `${role} "${id}" is not a recorded entity: add it with addEntity first.`, { meta: { entity: id } });
    }
    return entity;
  }

  /** Records that `owner` holds `share` of `owned`. Throws when the recorded shares of `owned` would pass 100%. */
  addOwnership({ owner, owned, share, source }: AddOwnershipParameters): Ownership {
    this.#require(owner, 'owner');
    this.#require(owned, 'owned entity');
    if (owner === owned) throw new ChaintrailError('INVALID_ARGUMENT', `"${owner}" cannot own itself.`, { meta: { entity: owner } });
    const exact = parseShare(share);
    const total = (this.#owners.get(owned) ?? []).reduce((sum, o) => addShares(sum, o.share), exact);
    if (compareShares(total, { num: 1n, den: 1n }) > 0) {
      throw new ChaintrailError('INVALID_ARGUMENT', `the recorded owners of "${owned}" would hold ${formatShare(total)}, more than 100%.`, {
        meta: { owned, owner },
      });
    }
    const link: Ownership = { owner, owned, share: exact, ...(source === undefined ? {} : { source }) };
    push(this.#owners, owned, link);
    push(this.#holdings, owner, link);
    return link;
  }

  /** Records that `controller` controls `controlled`. */
  addControl({ controller, controlled, source }: { controller: string; controlled: string; source?: string }): Control {
    this.#require(controller, 'controller');
    this.#require(controlled, 'controlled entity');
    const link: Control = { controller, controlled, ...(source === undefined ? {} : { source }) };
    push(this.#controllers, controlled, link);
    push(this.#controls, controller, link);
    return link;
  }

  /** Records that `entity` holds `address` on `chain` (canonicalised; throws INVALID_ADDRESS when it does not parse). */
  linkAddress({ entity, chain, address }: { entity: string; chain: ChainId; address: string }): void {
    this.#require(entity, 'entity');
    const canonical = canonicalAddress(chain, address, { strictChecksum: false });
    const key = `${chain}|${canonical}`;
    const holder = this.#byAddress.get(key);
    if (holder !== undefined && holder !== entity) {
      throw new ChaintrailError('INVALID_ARGUMENT', `${canonical} is already linked to "${holder}".`, { meta: { chain, address: canonical, entity, holder } });
    }
    if (holder === undefined) {
      this.#byAddress.set(key, entity);
      push(this.#addresses, entity, { chain, address: canonical });
    }
  }

  entity(id: string): Entity | undefined {
    return this.#entities.get(id);
  }

  entities(): Entity[] {
    return [...this.#entities.values()];
  }

  /** Who owns `id`, with their shares. */
  ownersOf(id: string): readonly Ownership[] {
    return this.#owners.get(id) ?? [];
  }

  /** What `id` owns. */
  holdingsOf(id: string): readonly Ownership[] {
    return this.#holdings.get(id) ?? [];
  }

  controllersOf(id: string): readonly Control[] {
    return this.#controllers.get(id) ?? [];
  }

  controlledBy(id: string): readonly Control[] {
    return this.#controls.get(id) ?? [];
  }

  addressesOf(id: string): readonly { chain: ChainId; address: string }[] {
    return this.#addresses.get(id) ?? [];
  }

  /** The entity holding a canonical address, if one is linked. */
  entityOfAddress(chain: ChainId, address: string): string | undefined {
    return this.#byAddress.get(`${chain}|${address}`);
  }

  /** The total share of `id` recorded as owned by anyone. */
  recordedOwnership(id: string): Share {
    return this.ownersOf(id).reduce((sum, o) => addShares(sum, o.share), ZERO_SHARE);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
