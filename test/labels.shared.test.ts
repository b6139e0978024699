import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  canonicalAddress,
  LABEL_CHAINS,
  LabelStore,
  loadEtherscan,
  loadLabelFiles,
  loadOfacList,
  loadOfacSdn,
  loadTagPack,
  type Label,
} from '@chaintrail/core';
import { hasSharedData, sharedPath } from './support/sharedData.ts';

const LISTS = sharedPath('labels', 'ofac-lists');
const listFiles = hasSharedData ? readdirSync(LISTS).filter((f) => /^sanctioned_addresses_.*\.(txt|json)$/.test(f)) : [];
const key = (l: Label) => `${l.chain} ${l.address}`;

describe.skipIf(!hasSharedData)('OFAC lists (shared data, snapshot 2024-09-27)', () => {
  it.each(listFiles)('%s: every address loads and canonicalises', (file) => {
    const text = readFileSync(`${LISTS}/${file}`, 'utf8');
    const entries = file.endsWith('.json') ? (JSON.parse(text) as string[]) : text.split('\n').filter((l) => l.trim() !== '');
    const { labels, issues } = loadOfacList({ file, text });
    expect(issues).toEqual([]);
    expect(labels).toHaveLength(entries.length);
    for (const label of labels) {
      expect(label.category).toBe('sanctioned');
      expect(canonicalAddress(label.chain, label.address)).toBe(label.address);
    }
  });

  it('the text and JSON forms of every list give the same addresses', () => {
    for (const file of listFiles.filter((f) => f.endsWith('.txt'))) {
      const json = file.replace(/\.txt$/, '.json');
      const a = loadOfacList({ file, text: readFileSync(`${LISTS}/${file}`, 'utf8') }).labels.map(key).sort();
      const b = loadOfacList({ file: json, text: readFileSync(`${LISTS}/${json}`, 'utf8') }).labels.map(key).sort();
      expect(b).toEqual(a);
    }
  });

  it('routes the odd entries by format: the Tron address in XBT, Omni/Tron/0x in USDT', () => {
    const xbt = loadOfacList({ file: 'sanctioned_addresses_XBT.txt', text: readFileSync(`${LISTS}/sanctioned_addresses_XBT.txt`, 'utf8') }).labels;
    expect(xbt.filter((l) => l.chain === LABEL_CHAINS.tron).map((l) => l.address)).toEqual(['TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq']);
    const usdt = loadOfacList({ file: 'sanctioned_addresses_USDT.txt', text: readFileSync(`${LISTS}/sanctioned_addresses_USDT.txt`, 'utf8') }).labels;
    expect([...new Set(usdt.map((l) => l.chain))].sort()).toEqual([LABEL_CHAINS.bitcoin, 'eip155:1', LABEL_CHAINS.tron].sort());
    const evm = usdt.filter((l) => l.chain === 'eip155:1');
    expect(evm.length).toBeGreaterThan(0);
    expect(evm.every((l) => l.address === l.address.toLowerCase())).toBe(true);
  });

  it('case variants of one ETH address collapse to one key, and lookups accept the checksummed form', () => {
    const store = new LabelStore();
    const text = readFileSync(`${LISTS}/sanctioned_addresses_ETH.txt`, 'utf8');
    const raw = text.split('\n').filter(Boolean);
    store.addAll(loadOfacList({ file: 'sanctioned_addresses_ETH.txt', text }).labels);
    store.addAll(loadOfacList({ file: 'sanctioned_addresses_ETH.txt', text: text.toUpperCase().replaceAll('0X', '0x') }).labels);
    expect(store.stats().addresses).toBe(new Set(raw.map((a) => a.toLowerCase())).size);
    expect(store.stats().duplicates).toBe(raw.length);
    const mixed = raw.find((a) => a !== a.toLowerCase())!;
    expect(store.hasCategory('eip155:1', mixed, 'sanctioned')).toBe(true);
  });
});

describe.skipIf(!hasSharedData)('OFAC SDN CSV (2024-05-03, latin-1)', () => {
  const text = hasSharedData ? new TextDecoder('latin1').decode(readFileSync(sharedPath('labels', 'ofac-sdn.csv'))) : '';
  const { labels, issues } = hasSharedData ? loadOfacSdn({ file: 'ofac-sdn.csv', text }) : { labels: [], issues: [] };
  const listed = new Set(
    listFiles.filter((f) => f.endsWith('.txt')).flatMap((f) => loadOfacList({ file: f, text: readFileSync(`${LISTS}/${f}`, 'utf8') }).labels.map(key)),
  );

  it('finds the addresses in the remarks, with the SDN name and program', () => {
    expect(labels.length).toBeGreaterThan(250);
    const lazarus = labels.filter((l) => l.entity === 'LAZARUS GROUP');
    expect(lazarus.length).toBeGreaterThan(0);
    expect(lazarus[0]!.sourceCategory).toMatch(/^OFAC SDN /);
    // every address the SDN file gives is one the (later) per-asset lists also hold: nothing invented
    const missing = labels.filter((l) => !listed.has(key(l)));
    expect(missing.map(key)).toEqual([]);
  });

  it('reports the records cut by the 1000-character remark limit, and does not load the cut addresses', () => {
    const cut = issues.filter((i) => i.kind === 'truncated');
    expect(cut.length).toBeGreaterThanOrEqual(10);
    expect(issues.filter((i) => i.kind === 'rejected')).toEqual([]);
    const suex = cut.find((i) => i.reason.startsWith('SUEX OTC'))!;
    expect(suex).toMatchObject({ file: 'ofac-sdn.csv', kind: 'truncated' });
    expect(suex.line).toBeGreaterThan(0);
    expect(suex.text).toContain('XBT 1B64QRxf');
    // the full address is on the XBT list, but the SDN loader neither loads the prefix nor completes it
    expect(listed.has(`${LABEL_CHAINS.bitcoin} 1B64QRxfaa35MVkf7sDjuGUYAP5izQt7Qi`)).toBe(true);
    expect(labels.some((l) => l.address.startsWith('1B64QRxf'))).toBe(false);
  });
});

describe.skipIf(!hasSharedData)('TagPacks and Etherscan labels (shared data)', () => {
  it('loads GraphSense packs with inherited headers', () => {
    const ofac = loadTagPack({ file: 'ofac.yaml', text: readFileSync(sharedPath('labels', 'graphsense-tagpacks', 'packs', 'ofac.yaml'), 'utf8') });
    expect(ofac.issues).toEqual([]);
    expect(ofac.labels.length).toBe(572);
    expect(ofac.labels.every((l) => l.category === 'sanctioned' && l.date === '2024-02-26')).toBe(true);
    const mixers = loadTagPack({ file: 'mixing_fc2021.yaml', text: readFileSync(sharedPath('labels', 'graphsense-tagpacks', 'packs', 'mixing_fc2021.yaml'), 'utf8') });
    expect(mixers.labels.length).toBeGreaterThan(0);
    expect(mixers.labels.every((l) => l.category === 'mixer' && l.confidence === 70)).toBe(true);
  });

  it('loads the combined Etherscan dump, lower-casing its mixed-case addresses', () => {
    const text = readFileSync(sharedPath('labels', 'etherscan-labels', 'combined', 'combinedAllLabels.json'), 'utf8');
    const { labels, issues } = loadEtherscan({ file: 'combinedAllLabels.json', text });
    expect(issues).toEqual([]);
    expect(labels).toHaveLength(29_945);
    expect(labels.every((l) => l.address === l.address.toLowerCase())).toBe(true);
    const tornado = labels.filter((l) => l.category === 'sanctioned' && /tornado/i.test(l.entity ?? ''));
    expect(tornado.length).toBeGreaterThan(10);
  });

  it('loads folders by recognising each format, skipping non-label files', async () => {
    const { store, files, skipped, issues, pools } = await loadLabelFiles({
      paths: [sharedPath('labels', 'ofac-lists'), sharedPath('labels', 'mining-pools'), sharedPath('labels', 'ofac-sdn.csv')],
    });
    expect(files.filter((f) => f.format === 'ofac-list')).toHaveLength(listFiles.length);
    expect(files.find((f) => f.file.endsWith('ofac-sdn.csv'))?.format).toBe('ofac-sdn');
    expect(skipped.some((f) => f.endsWith('SOURCE.txt'))).toBe(true);
    expect(pools.pools.some((p) => p.name === 'F2Pool')).toBe(true);
    // the signet pool lists hold test-network addresses: reported with their file, not loaded as mainnet
    expect(issues.filter((i) => i.kind === 'rejected').every((i) => i.file.includes('signet') || i.file.includes('pools-v2'))).toBe(true);
    const lazarusAddress = store.lookup(LABEL_CHAINS.bitcoin, '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h');
    expect(lazarusAddress.map((l) => l.source).sort()).toEqual(['ofac-sdn:ofac-sdn.csv', 'ofac:sanctioned_addresses_XBT.json', 'ofac:sanctioned_addresses_XBT.txt']);
    expect(store.entityOf(LABEL_CHAINS.bitcoin, '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h')).toBe('YAN, Xiaobing');
  });
});
