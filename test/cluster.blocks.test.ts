// Clustering on real mainnet blocks: common-input clusters against a direct computation, the graph path, the CoinJoin
// detectors against GraphSense's CoinJoin tags, and the CLI commands.
import { readFileSync } from 'node:fs';
import { loadBlockFiles } from '@chaintrail/adapters';
import { runCli } from '../packages/cli/src/testing.ts';
import {
  addUtxoTransaction,
  type Clustering,
  cluster,
  createTransactionGraph,
  detectCoinJoin,
  type UtxoTransaction,
} from '@chaintrail/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { startEsploraReplay } from './support/esploraReplay.ts';
import { hasSharedData, NO_SHARED_DATA, sharedPath } from './support/sharedData.ts';

const BLOCKS = {
  574200: { paths: [sharedPath('bitcoin', 'blocks', 'block-574200.raw')] },
  413567: { paths: [sharedPath('bitcoin', 'blocks', 'block-413567.raw')] },
  277647: { paths: [sharedPath('bitcoin', 'blocks', 'block-277647.framed.dat')], prevoutsPath: sharedPath('bitcoin', 'blocks', 'block-277647.prevouts.json') },
} as const;
type Height = keyof typeof BLOCKS;

/**
 * Common-input clusters computed directly: an address ↔ transaction incidence list and an iterative depth-first search
 * for connected components (no union-find), skipping the transactions the CoinJoin guard flags.
 */
function directComponents(txs: readonly UtxoTransaction[]): string[][] {
  const neighbours = new Map<string, Set<string>>();
  const touch = (node: string): Set<string> => {
    let set = neighbours.get(node);
    if (!set) neighbours.set(node, (set = new Set()));
    return set;
  };
  for (const tx of txs) {
    for (const o of tx.outputs) touch(`a:${o.address}`);
    const inputs = tx.inputs.flatMap((i) => (i.address === null ? [] : [`a:${i.address}`]));
    for (const a of inputs) touch(a);
    if (detectCoinJoin({ tx })?.coinjoin) continue;
    for (const a of inputs) {
      touch(a).add(`t:${tx.txid}`);
      touch(`t:${tx.txid}`).add(a);
    }
  }
  const seen = new Set<string>();
  const components: string[][] = [];
  for (const start of neighbours.keys()) {
    if (!start.startsWith('a:') || seen.has(start)) continue;
    const component: string[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.startsWith('a:')) component.push(node.slice(2));
      for (const next of neighbours.get(node) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    components.push(component.sort());
  }
  return components.sort((x, y) => (x[0]! < y[0]! ? -1 : 1));
}

function partitionOf(c: Clustering): string[][] {
  const groups = new Map<number, string[]>();
  for (const [address, id] of c.entries()) {
    const group = groups.get(id);
    if (group) group.push(address);
    else groups.set(id, [address]);
  }
  return [...groups.values()].map((g) => g.sort()).sort((x, y) => (x[0]! < y[0]! ? -1 : 1));
}

describe.skipIf(!hasSharedData)('clustering real blocks', () => {
  const txs = {} as Record<Height, UtxoTransaction[]>;
  beforeAll(async () => {
    for (const height of Object.keys(BLOCKS).map(Number) as Height[]) {
      txs[height] = (await loadBlockFiles(BLOCKS[height])).flatMap((b) => b.transactions);
    }
  });

  for (const height of [574200, 413567, 277647] as const) {
    it(`block ${height}: common-input clusters agree with a direct computation, in any order`, () => {
      const c = cluster(txs[height]);
      const direct = directComponents(txs[height]);
      expect(partitionOf(c)).toEqual(direct);
      expect(partitionOf(cluster([...txs[height]].reverse()))).toEqual(direct);
      const largest = c.largest()!;
      expect(largest.size).toBe(Math.max(...direct.map((g) => g.length)));
      // Every member of the largest cluster is explained from its first member by a chain of real transactions.
      const members = c.members(largest.id);
      const txids = new Set(txs[height].map((t) => t.txid));
      for (const m of members.slice(1)) {
        const chain = c.explain(members[0]!, m)!;
        expect(chain[0]!.from).toBe(members[0]);
        expect(chain.at(-1)!.to).toBe(m);
        for (const step of chain) expect(txids.has(step.txid)).toBe(true);
      }
      const known = txs[height].reduce((s, t) => s + t.inputs.filter((i) => i.address !== null).length, 0);
      const inputs = txs[height].reduce((s, t) => s + t.inputs.length, 0);
      console.info(`block ${height}: ${inputs} inputs (${known} with known prevouts), ${c.addresses} addresses, ${c.clusters} clusters, largest ${largest.size}, ${c.merges} merges`);
    });
  }

  it('block 277647 through the graphology graph gives the same clusters, and re-adding changes nothing', () => {
    const graph = createTransactionGraph();
    for (const tx of txs[277647]) addUtxoTransaction(graph, tx);
    const { order, size } = graph;
    for (const tx of txs[277647]) expect(addUtxoTransaction(graph, tx)).toBe(false);
    expect([graph.order, graph.size]).toEqual([order, size]);
    const edges = txs[277647].reduce((s, t) => s + t.inputs.length + t.outputs.length, 0);
    expect(size).toBe(edges); // every input is valued from the prevouts file
    expect(partitionOf(cluster(graph, { heuristics: ['common-input', 'change'] }))).toEqual(
      partitionOf(cluster(txs[277647], { heuristics: ['common-input', 'change'] })),
    );
  });

  it('change merges only add to common-input clusters, and every merge is explained', () => {
    for (const height of [574200, 277647] as const) {
      const plain = cluster(txs[height]);
      const withChange = cluster(txs[height], { heuristics: ['common-input', 'change'] });
      expect(withChange.clusters).toBeLessThanOrEqual(plain.clusters);
      expect(withChange.merges).toBe(withChange.addresses - withChange.clusters);
      for (const [a, id] of plain.entries()) {
        const first = plain.members(id)[0]!;
        expect(withChange.clusterOf(a)).toBe(withChange.clusterOf(first));
      }
      console.info(`block ${height} with change: ${withChange.clusters} clusters, ${withChange.stats.changeOutputs} change outputs, largest ${withChange.largest()!.size}`);
    }
  });

  it('CoinJoin detectors: every transaction touching a GraphSense CoinJoin-tagged address is flagged; ordinary ones are not', () => {
    const tagged = new Set<string>();
    for (const pack of ['samourai.yaml', 'wasabi_collector.yaml']) {
      const text = readFileSync(sharedPath('labels', 'graphsense-tagpacks', 'packs', pack), 'utf8');
      for (const m of text.matchAll(/^- address: (\S+)$/gm)) tagged.add(m[1]!);
    }
    expect(tagged.size).toBeGreaterThan(30_000);
    let touching = 0;
    let flagged = 0;
    let total = 0;
    for (const list of Object.values(txs)) {
      for (const tx of list) {
        total++;
        const verdict = detectCoinJoin({ tx });
        if (verdict) flagged++;
        const touches = tx.outputs.some((o) => tagged.has(o.address)) || tx.inputs.some((i) => i.address !== null && tagged.has(i.address));
        if (touches) {
          touching++;
          expect(verdict).not.toBeNull();
        }
      }
    }
    // Blocks of 2013, 2016 and 2019 predate or miss the tagged CoinJoins: the bound below is the check that counts.
    expect(flagged / total).toBeLessThan(0.01);
    console.info(`CoinJoin check: ${total} real transactions, ${touching} touch a tagged CoinJoin address, ${flagged} flagged`);
  });
});

describe.skipIf(!hasSharedData)('chaintrail cluster (CLI)', () => {
  const block = sharedPath('bitcoin', 'blocks', 'block-277647.framed.dat');
  const prevouts = sharedPath('bitcoin', 'blocks', 'block-277647.prevouts.json');

  it('prints the summary and writes one line per address', async () => {
    const dir = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/ct-cluster-`);
    const r = await runCli(['cluster', '--blocks', block, '--prevouts', prevouts, '--out', `${dir}/clusters.jsonl`, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as { addresses: number; clusters: number; largest: { id: number; size: number }; merges: number; suspect: number };
    const blocks = await loadBlockFiles({ paths: [block], prevoutsPath: prevouts });
    expect(summary).toEqual(cluster(blocks.flatMap((b) => b.transactions)).summary());
    const lines = readFileSync(`${dir}/clusters.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { address: string; cluster: number });
    expect(lines).toHaveLength(summary.addresses);
    expect(lines.filter((l) => l.cluster === summary.largest.id)).toHaveLength(summary.largest.size);
  });

  it('explains two addresses of the largest cluster, and says null for two apart', async () => {
    const blocks = await loadBlockFiles({ paths: [block], prevoutsPath: prevouts });
    const c = cluster(blocks.flatMap((b) => b.transactions));
    const [a, , b] = c.members(c.largest()!.id);
    const r = await runCli(['cluster', 'explain', a!, b!, '--blocks', block, '--prevouts', prevouts, '--quiet']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { a: string; b: string; cluster: number; chain: { from: string; to: string; heuristic: string }[] };
    expect(out.cluster).toBe(c.largest()!.id);
    expect(out.chain[0]!.from).toBe(a);
    expect(out.chain.at(-1)!.to).toBe(b);
    expect(out.chain.every((m) => m.heuristic === 'common-input')).toBe(true);
    const other = c.members(c.largest()!.id === 0 ? 1 : 0)[0]!;
    const apart = await runCli(['cluster', 'explain', a!, other, '--blocks', block, '--prevouts', prevouts, '--quiet']);
    expect(JSON.parse(apart.stdout)).toEqual({ a, b: other, cluster: null, chain: null });
  });

  it('asks an Esplora server for the prevouts the files lack (unknown ones stay unknown)', async () => {
    const server = await startEsploraReplay();
    try {
      const small = sharedPath('bitcoin', 'blocks', 'block-13b8a.hex');
      const r = await runCli(['cluster', '--blocks', small, '--esplora', `${server.url}/api`]);
      expect(r.code).toBe(0);
      const blocks = await loadBlockFiles({ paths: [small] });
      expect(JSON.parse(r.stdout)).toEqual(cluster(blocks.flatMap((b) => b.transactions)).summary());
      const asked = new Set(blocks.flatMap((b) => b.transactions.flatMap((t) => t.inputs.filter((i) => i.address === null).map((i) => `/api/tx/${i.prevTxid}`))));
      expect(asked.size).toBeGreaterThan(0);
      expect(new Set(server.requests.map((q) => q.url))).toEqual(asked);
      expect(r.stderr).toContain('have no holder');
    } finally {
      await server.close();
    }
    expect((await runCli(['cluster', '--blocks', block, '--esplora', 'not a url'])).code).toBe(2);
  });

  it('exits 2 on bad usage and 1 on an unreadable block', async () => {
    expect((await runCli(['cluster'])).code).toBe(2);
    expect((await runCli(['cluster', '--blocks', block, '--heuristics', 'telepathy'])).code).toBe(2);
    expect((await runCli(['cluster', 'explain', 'only-one', '--blocks', block])).code).toBe(2);
    const missing = await runCli(['cluster', '--blocks', '/nonexistent/block.raw']);
    expect(missing.code).toBe(1);
  });
});

if (!hasSharedData) console.warn(NO_SHARED_DATA);
