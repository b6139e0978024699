import {
  type ChainId,
  EntityRegistry,
  type EntityStatus,
  LabelStore,
  blockedLabels,
  deriveBlocked,
  loadUserList,
} from '@chaintrail/core';
import type { DemoScenario } from './scenario.ts';

export interface DemoLabels {
  readonly store: LabelStore;
  readonly registry: EntityRegistry;
  /** Each entity's sanctions status (designated, blocked by the 50% rule, clear), with its explanation. */
  readonly statuses: ReadonlyMap<string, EntityStatus>;
  /** The label file as the demo writes it (a user list, the format `chaintrail labels load` reads). */
  readonly csv: string;
}

/**
 * What the investigator knows before looking, as an analyst would write it down: a user label list (the flagged
 * pool, the sanctioned wallet, the exchange's hot wallet) and an ownership register (Volga Digital is designated;
 * it owns 60% of Harbourline Trading, whose address is known). OFAC's 50% rule then makes Harbourline blocked too.
 *
 * @example
 * const { store, statuses } = demoLabels(scenario);
 * store.lookup(scenario.chain, scenario.actors.shell.address); // [{ category: 'sanctioned', source: 'entities:blocked_50_percent', … }]
 */
export function demoLabels(scenario: DemoScenario): DemoLabels {
  const { chain, actors } = scenario;
  const csv = [
    'chain,address,category,entity,source',
    `${chain},${actors.poolPayout.address},mining_pool,Redline Pool,compliance-team-flags`,
    `${chain},${actors.sanctioned.address},sanctioned,Volga Digital Ltd,ofac-style-sdn-list`,
    `${chain},${actors.hotWallet.address},exchange,Kestrel Exchange,exchange-attribution`,
    '',
  ].join('\n');
  const loaded = loadUserList({ text: csv, file: 'demo-labels.csv' });
  if (loaded.issues.length > 0) throw new Error(`demo labels did not load: ${JSON.stringify(loaded.issues)}`);
  const store = new LabelStore();
  store.addAll(loaded.labels);

  const registry = new EntityRegistry();
  registry.addEntity({ id: 'volga', name: 'Volga Digital Ltd', designation: { source: 'ofac-style-sdn-list', program: 'DEMO' } });
  registry.addEntity({ id: 'harbourline', name: 'Harbourline Trading Pte. Ltd.' });
  registry.addOwnership({ owner: 'volga', owned: 'harbourline', share: '60%', source: 'corporate-registry-extract' });
  registry.linkAddress({ entity: 'volga', chain: chain as ChainId, address: actors.sanctioned.address });
  registry.linkAddress({ entity: 'harbourline', chain: chain as ChainId, address: actors.shell.address });
  const statuses = deriveBlocked({ registry, labels: store });
  store.addAll(blockedLabels({ registry, statuses }));
  return { store, registry, statuses, csv };
}
