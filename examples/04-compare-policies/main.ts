// Example 4: the same trace under the three taint policies, poison, haircut and FIFO.
//
// Part 1 replays the worked example of Anderson, Shumailov, Ahmed & Rietmann ("Bitcoin Redux", WEIS 2018): an
// address receives 3 stolen BTC then 7 freshly mined BTC and spends them as 2 BTC then 8 BTC.
// Part 2 traces a real coin through mainnet block 277647 (fully valued with its prevouts), with fee taint flowing
// on into the coinbase, and prints where the taint ends under each policy.
// Every trace's books balance to the satoshi: seeded + absorbed = frontier + fees + dust + stopped + truncated.
//
// Run: bash scripts/pnpm.sh exec tsx examples/04-compare-policies/main.ts
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadBlockFiles } from '@chaintrail/adapters';
import {
  BITCOIN_CHAINS,
  formatUnits,
  MemoryUtxoSource,
  parseUnits,
  TAINT_POLICIES,
  trace,
  type TaintPolicyName,
  type TraceTotals,
  type UtxoTransaction,
} from '@chaintrail/core';

/** `../shared/data` beside the repository (override with CHAINTRAIL_SHARED_DATA). */
export const SHARED_DATA = process.env.CHAINTRAIL_SHARED_DATA ?? fileURLToPath(new URL('../../../shared/data', import.meta.url));

/** Taint one policy left with each holder, largest first. */
export interface PolicyOutcome {
  readonly policy: TaintPolicyName;
  readonly holders: readonly { readonly address: string; readonly value: bigint; readonly taint: bigint }[];
  readonly totals: TraceTotals;
  /** seeded + absorbed === frontier + fees + dust + stopped + truncated */
  readonly conserved: boolean;
}

export interface CompareResult {
  readonly anderson: readonly PolicyOutcome[];
  readonly block: { readonly seed: string; readonly outcomes: readonly PolicyOutcome[] };
}

const BTC = (text: string | number) => parseUnits(String(text), 8);

function balances(t: TraceTotals): boolean {
  return t.seeded + t.absorbed === t.frontier + t.fees + t.dust + t.stopped + t.truncated;
}

/** Runs `trace()` once per policy from the same seed and sums the frontier per holder. */
async function comparePolicies(params: Omit<Parameters<typeof trace>[0], 'policy'>): Promise<PolicyOutcome[]> {
  const outcomes: PolicyOutcome[] = [];
  for (const policy of TAINT_POLICIES) {
    const r = await trace({ ...params, policy });
    const byHolder = new Map<string, { address: string; value: bigint; taint: bigint }>();
    for (const f of r.frontier) {
      const h = byHolder.get(f.address) ?? { address: f.address, value: 0n, taint: 0n };
      h.value += f.value;
      h.taint += f.taint;
      byHolder.set(f.address, h);
    }
    const holders = [...byHolder.values()].sort((a, b) => (b.taint > a.taint ? 1 : b.taint < a.taint ? -1 : a.address < b.address ? -1 : 1));
    outcomes.push({ policy, holders, totals: r.totals, conserved: balances(r.totals) });
  }
  return outcomes;
}

/**
 * Anderson et al.'s scenario as Bitcoin transactions: a theft pays 3 BTC to the address, a coinbase pays it 7 BTC,
 * and one transaction spends both (stolen coin first) into 2 BTC and 8 BTC. Amounts come from the shared JSON.
 */
function andersonTransactions(file: string): UtxoTransaction[] {
  const spec = JSON.parse(readFileSync(file, 'utf8')) as { scenario: { deposits_in_order: { amount_btc: number; tainted: boolean }[] } };
  const [stolen, mined] = spec.scenario.deposits_in_order;
  if (!stolen?.tainted || !mined || mined.tainted) throw new Error(`${file}: expected a tainted deposit followed by a clean one`);
  const chain = BITCOIN_CHAINS.mainnet;
  // Well-formed addresses picked for the story (the genesis address and two from the bitcoin wiki), not real actors.
  const victim = '1A1zP1eP5QGefi2DMTefTPfGh8CRbnkfNa';
  const address = '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2';
  const [payeeA, payeeB] = ['3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'] as const;
  const base = { chain, block: null, version: 2, locktime: 0 } as const;
  const theft: UtxoTransaction = {
    ...base, txid: 'aa'.repeat(32), index: 1, coinbase: null, fee: 0n,
    inputs: [{ prevTxid: '11'.repeat(32), prevVout: 0, address: victim, value: BTC(stolen.amount_btc), scriptType: 'p2pkh', sequence: 0xffffffff }],
    outputs: [{ n: 0, address, value: BTC(stolen.amount_btc), scriptType: 'p2pkh' }],
  };
  const mint: UtxoTransaction = {
    ...base, txid: 'bb'.repeat(32), index: 0, coinbase: { scriptSig: '', text: '', height: null }, fee: 0n, inputs: [],
    outputs: [{ n: 0, address, value: BTC(mined.amount_btc), scriptType: 'p2pkh' }],
  };
  const spend: UtxoTransaction = {
    ...base, txid: 'cc'.repeat(32), index: 2, coinbase: null, fee: 0n,
    inputs: [
      { prevTxid: theft.txid, prevVout: 0, address, value: BTC(stolen.amount_btc), scriptType: 'p2pkh', sequence: 0xffffffff },
      { prevTxid: mint.txid, prevVout: 0, address, value: BTC(mined.amount_btc), scriptType: 'p2pkh', sequence: 0xffffffff },
    ],
    outputs: [
      { n: 0, address: payeeA, value: BTC(2), scriptType: 'p2sh' },
      { n: 1, address: payeeB, value: BTC(8), scriptType: 'p2wpkh' },
    ],
  };
  return [theft, mint, spend];
}

/** The transaction of block 277647 that starts the longest chain of spends inside the block (first on ties). */
function longestChainStart(txs: readonly UtxoTransaction[]): UtxoTransaction {
  const byId = new Map(txs.map((t) => [t.txid, t]));
  const spenders = new Map<string, UtxoTransaction[]>();
  for (const t of txs) for (const i of t.inputs) if (byId.has(i.prevTxid)) spenders.set(i.prevTxid, [...(spenders.get(i.prevTxid) ?? []), t]);
  const depth = (t: UtxoTransaction): number => 1 + Math.max(0, ...(spenders.get(t.txid) ?? []).map(depth));
  let best = txs[1]!;
  for (const t of txs) if (!t.coinbase && depth(t) > depth(best)) best = t;
  return best;
}

export async function run(): Promise<CompareResult> {
  const anderson = await comparePolicies({
    source: new MemoryUtxoSource({ chain: BITCOIN_CHAINS.mainnet, transactions: andersonTransactions(`${SHARED_DATA}/taint/anderson2018_worked_example.json`) }),
    from: [`${'aa'.repeat(32)}:0`], // the 3 stolen BTC
    maxHops: 5,
  });
  const blockFile = `${SHARED_DATA}/bitcoin/blocks/block-277647.framed.dat`;
  const [block] = await loadBlockFiles({ paths: [blockFile], prevoutsPath: `${SHARED_DATA}/bitcoin/blocks/block-277647.prevouts.json` });
  const txs = block!.transactions;
  const start = longestChainStart(txs);
  // The seed's first input comes from before the block: seed the coin it spends, and let fees taint the coinbase.
  const outcomes = await comparePolicies({
    source: new MemoryUtxoSource({ chain: BITCOIN_CHAINS.mainnet, transactions: txs }),
    from: [{ input: { txid: start.txid, vin: 0 } }],
    maxHops: 10,
    taintFees: true,
  });
  return { anderson, block: { seed: `${start.inputs[0]!.prevTxid}:${start.inputs[0]!.prevVout}`, outcomes } };
}

function print(title: string, outcomes: readonly PolicyOutcome[], rows = 8): void {
  console.log(`\n${title}`);
  for (const o of outcomes) {
    const t = o.totals;
    console.log(`\n  ${o.policy}: seeded ${formatUnits(t.seeded, 8)} + absorbed ${formatUnits(t.absorbed, 8)} = frontier ${formatUnits(t.frontier, 8)} + fees ${formatUnits(t.fees, 8)} + dust ${formatUnits(t.dust, 8)} + stopped ${formatUnits(t.stopped, 8)} + truncated ${formatUnits(t.truncated, 8)}  ${o.conserved ? '✓ conserved' : '✗ NOT CONSERVED'}`);
    console.log(`    ${'holder'.padEnd(44)} ${'holds BTC'.padStart(14)} ${'tainted BTC'.padStart(14)}`);
    for (const h of o.holders.slice(0, rows)) console.log(`    ${h.address.padEnd(44)} ${formatUnits(h.value, 8).padStart(14)} ${formatUnits(h.taint, 8).padStart(14)}`);
    if (o.holders.length > rows) console.log(`    … ${o.holders.length - rows} more holders`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!existsSync(SHARED_DATA)) {
    console.log(`${SHARED_DATA} is absent: this example reads the real data there.`);
    process.exit(0);
  }
  const r = await run();
  print('Anderson et al. (WEIS 2018): 3 stolen + 7 clean BTC in, 2 + 8 BTC out', r.anderson);
  print(`Block 277647: forward from ${r.block.seed}, 10 hops, fee taint into the coinbase`, r.block.outcomes);
}
