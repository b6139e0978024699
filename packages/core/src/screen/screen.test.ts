import { describe, expect, it } from 'vitest';
import { isChaintrailError } from '../errors/ChaintrailError.ts';
import { CompactGraphBuilder } from '../index/CompactGraph.ts';
import { BITCOIN_CHAINS } from '../model/chain.ts';
import { toJson } from '../model/json.ts';
import { MemoryAccountSource } from '../source/MemoryAccountSource.ts';
import { MemoryUtxoSource } from '../source/MemoryUtxoSource.ts';
import { EVM, mapLabels, transfer, utxoTx } from '../trace/testFixtures.ts';
import { DEFAULT_RULES, formatShare, meetsShare, parseRules } from './rules.ts';
import { screen } from './screen.ts';

const addr = (n: number) => `0x${n.toString(16).padStart(40, '0')}`;
const [SANCTIONED, SPLITTER, SHELL1, SHELL2, DEPOSIT, CLEAN, FUNDER, MIXER] = [1, 2, 3, 4, 5, 6, 7, 8].map(addr) as [string, string, string, string, string, string, string, string];

// The sanctioned address funds a splitter, which pays a deposit address directly (1 hop) and, through two shells,
// another (3 hops). A clean funder pays the clean address.
const transfers = [
  transfer(null, SANCTIONED, 100n, 1, -1, 'reward'),
  transfer(null, FUNDER, 1000n, 1, -1, 'reward'),
  transfer(SANCTIONED, SPLITTER, 100n, 2),
  transfer(SPLITTER, DEPOSIT, 40n, 3),
  transfer(SPLITTER, SHELL1, 60n, 3, 1),
  transfer(SHELL1, SHELL2, 60n, 4),
  transfer(SHELL2, CLEAN, 1n, 5),
  transfer(FUNDER, CLEAN, 999n, 5, 1),
  transfer(FUNDER, MIXER, 1n, 5, 2),
  transfer(MIXER, DEPOSIT, 1n, 6),
];
const labels = mapLabels(EVM, [
  [SANCTIONED, 'sanctioned', 'Lazarus Group'],
  [MIXER, 'mixer', 'Tornado Cash'],
  [DEPOSIT, 'exchange', 'Binance'],
]);

describe('screen()', () => {
  const dataSource = new MemoryAccountSource({ chain: EVM, transfers });
  const index = (() => {
    const b = new CompactGraphBuilder({ chain: EVM });
    for (const t of transfers) b.addTransfer(t);
    return b.build();
  })();

  it('direct: a sanctioned address is severe, with its label as evidence', async () => {
    const r = await screen({ address: SANCTIONED, chain: EVM }, { labels, dataSource });
    expect(r.risk).toBe('severe');
    expect(r.exposures[0]).toMatchObject({ category: 'sanctioned', kind: 'direct', share: '1', entities: [{ entity: 'Lazarus Group' }] });
    expect(r.evidence.labels[0]).toMatchObject({ category: 'sanctioned', via: 'label' });
    expect(r.evidence.matched[0]!.rule).toBe(DEFAULT_RULES.rules[0]);
  });

  it('indirect: the splitter (1 hop) and the deposit address are high; the 3-hop address is medium; clean is none', async () => {
    for (const [who, risk, share, hops] of [
      [SPLITTER, 'high', '1.000000', 1],
      [DEPOSIT, 'high', '0.975609', 2],
    ] as const) {
      for (const source of [{ dataSource }, { index }]) {
        const r = await screen({ address: who, chain: EVM }, { labels, ...source });
        expect(r.risk).toBe(risk);
        expect(r.exposures.find((e) => e.category === 'sanctioned')).toMatchObject({ kind: 'indirect', share, hops });
      }
    }
    const far = await screen({ address: SHELL2, chain: EVM }, { labels, dataSource, hops: 3 });
    expect(far.exposures).toEqual([expect.objectContaining({ category: 'sanctioned', amount: 60n, hops: 3 })]);
    const tooFar = await screen({ address: SHELL2, chain: EVM }, { labels, dataSource, hops: 2 });
    expect(tooFar.risk).toBe('none');
    const clean = await screen({ address: CLEAN, chain: EVM }, { labels, dataSource, hops: 5 });
    // 1 of 1000 units traces to Lazarus (0.1%): medium, below the 1% threshold for high.
    expect(clean.risk).toBe('medium');
    expect(clean.exposures[0]).toMatchObject({ amount: 1n, total: 1000n, share: '0.001000', hops: 4 });
    const none = await screen({ address: FUNDER, chain: EVM }, { labels, dataSource });
    expect(none).toMatchObject({ risk: 'none', exposures: [], coverage: 'source', truncated: false });
  });

  it('gives the path to the sanctioned entity as evidence, and the same verdict byte for byte', async () => {
    const a = await screen({ address: DEPOSIT, chain: EVM, amount: 5n }, { labels, dataSource });
    const b = await screen({ address: DEPOSIT, chain: EVM, amount: 5n }, { labels, dataSource: new MemoryAccountSource({ chain: EVM, transfers: [...transfers].reverse() }) });
    expect(toJson(a)).toBe(toJson(b));
    const path = a.evidence.paths.find((p) => p.category === 'sanctioned')!;
    expect(path.hops.map((h) => h.address)).toEqual([DEPOSIT, SPLITTER, SANCTIONED]);
    expect(path.hops.at(-1)!.label).toMatchObject({ entity: 'Lazarus Group' });
    const viaIndex = await screen({ address: DEPOSIT, chain: EVM }, { labels, index });
    expect(viaIndex.evidence.paths[0]!.hops.map((h) => h.address)).toEqual([DEPOSIT, SPLITTER, SANCTIONED]);
    expect(viaIndex.coverage).toBe('index');
  });

  it('says when a budget cut the walk short', async () => {
    const r = await screen({ address: DEPOSIT, chain: EVM }, { labels, dataSource, budget: { fetches: 1 } });
    expect(r.truncated).toBe(true);
    // Only the first hop was read: the mixer (1 of 41 units) is found, the sanctioned source behind the splitter not.
    expect(r.risk).toBe('medium');
    expect(r.exposures.map((e) => e.category)).toEqual(['exchange', 'mixer']);
    const full = await screen({ address: DEPOSIT, chain: EVM }, { labels, dataSource });
    expect(full.truncated).toBe(false);
  });

  it('applies custom rules and reports forward exposure', async () => {
    const rules = parseRules({ version: 1, rules: [{ category: 'mixer', exposure: 'forward', minAmount: '1', risk: 'low' }] });
    const r = await screen({ address: FUNDER, chain: EVM }, { labels, dataSource, rules, forward: true });
    expect(r.risk).toBe('low');
    expect(r.exposures.find((e) => e.kind === 'forward')).toMatchObject({ category: 'mixer', amount: 1n });
  });

  it('screens a UTXO address, including cluster labels', async () => {
    const [bad, bad2, user] = ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh'] as const;
    const mainnet = BITCOIN_CHAINS.mainnet;
    const txs = [
      utxoTx({ name: 'cb', height: 1, index: 0, inputs: [], outputs: [[bad, 50n]] }),
      utxoTx({ name: 'pay', height: 2, index: 1, inputs: [['cb', 0, bad, 50n]], outputs: [[user, 10n], [bad, 39n]] }),
    ].map((tx) => ({ ...tx, chain: mainnet }));
    const source = new MemoryUtxoSource({ chain: mainnet, transactions: txs });
    const utxoLabels = mapLabels(mainnet, [[bad2, 'sanctioned', 'Hydra']]);
    const clustering = { clusterOf: (a: string) => (a === bad || a === bad2 ? 'hydra' : undefined), members: () => [bad, bad2] };
    const r = await screen({ address: user, chain: 'btc' }, { labels: utxoLabels, clustering, dataSource: source });
    expect(r.risk).toBe('high');
    expect(r.exposures[0]).toMatchObject({ category: 'sanctioned', kind: 'indirect', amount: 10n, share: '1.000000' });
  });

  it('checks rules and computes shares exactly', () => {
    expect(meetsShare(1n, 100n, '0.01')).toBe(true);
    expect(meetsShare(99n, 10000n, '0.01')).toBe(false);
    expect(formatShare(1n, 3n)).toBe('0.333333');
    for (const bad of [null, { version: 2, rules: [] }, { version: 1, rules: [{ category: 'nope', exposure: 'direct', risk: 'high' }] }, { version: 1, rules: [{ category: 'mixer', exposure: 'direct', risk: 'none' }] }, { version: 1, rules: [{ category: 'mixer', exposure: 'direct', risk: 'high', minShare: '2' }] }]) {
      try {
        parseRules(bad);
        expect.unreachable();
      } catch (e) {
        expect(isChaintrailError(e, 'INVALID_ARGUMENT')).toBe(true);
      }
    }
    expect(parseRules(JSON.parse(JSON.stringify(DEFAULT_RULES)))).toEqual(DEFAULT_RULES);
  });
});
