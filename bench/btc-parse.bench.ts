// Block parsing throughput on a real block (574200, 3315 txs, 1.2 MB):
//  (a) our parser: parseBlock (txids, merkle check, every output's holder, vsize, coinbase data);
//  (b) the plain path a user would write: bitcoinjs-lib Block.fromBuffer + getId + address.fromOutputScript per output;
//  (c) the floor: node:crypto double SHA-256 of every transaction's txid bytes, which any parser must do.
import { createHash, hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { address, Block, networks } from 'bitcoinjs-lib';
import { parseBlock } from '@chaintrail/adapters';
import { measure, percentile, report } from './report.ts';
import { hasSharedData, sharedPath } from '../test/support/sharedData.ts';

if (!hasSharedData) {
  process.stderr.write('btc-parse: ../shared/data is absent, nothing to measure\n');
  process.exit(0);
}

const bytes = readFileSync(sharedPath('bitcoin', 'blocks', 'block-574200.raw'));
const reference = Block.fromBuffer(bytes);
const txCount = reference.transactions!.length;
const outputCount = reference.transactions!.reduce((n, tx) => n + tx.outs.length, 0);
const mb = bytes.length / 1e6;
// What the txids hash: each transaction without its witness.
const txidBytes = reference.transactions!.map((tx) => Buffer.from(tx.hasWitnesses() ? stripWitness(tx) : tx.toBuffer()));

function stripWitness(tx: (typeof reference.transactions & object)[number]): Uint8Array {
  const copy = tx.clone();
  for (const input of copy.ins) input.witness = [];
  return copy.toBuffer();
}

// The machine is shared and its load moves from second to second, so the four contenders are measured in interleaved
// rounds (each ~0.3-0.5 s per round) and every ratio is the median of the per-round ratios: a load spike during one
// contender's turn then skews one round, not the whole comparison. Rates are the medians over the rounds.
const ROUNDS = 7;

// A full collection before each turn (bench/run.ts passes --expose-gc): otherwise a contender's turn pays for the
// major collections of the garbage the one before it left (the plain path leaves the most).
const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});

function rateOnce(fn: () => void, minMs: number): number {
  collect();
  const { runs, ns } = measure(fn, { minMs, minRuns: 2 });
  return (runs * txCount) / (Number(ns) / 1e9);
}

function median(values: readonly number[]): number {
  return percentile(values, 50);
}

// Sanity: the parser and the plain path agree on the block, so the figures compare like with like. Both results stay
// alive for the whole run, as a caller's parsed blocks do: V8 then pretenures object-literal allocation sites, which
// once put our parser at 0.55-0.7x in some processes (see ParsedTransaction in block.ts); keeping them keeps that honest.
const parsed = parseBlock(bytes);
if (parsed.transactions.length !== txCount || parsed.transactions[5]!.txid !== reference.transactions![5]!.getId()) {
  throw new Error('parser and bitcoinjs-lib disagree on block 574200');
}
process.stderr.write(`btc-parse: block 574200, ${txCount} txs, ${outputCount} outputs, ${mb.toFixed(2)} MB\n`);

const contenders = {
  ours: () => {
    parseBlock(bytes);
  },
  plain: () => {
    const block = Block.fromBuffer(bytes);
    for (const tx of block.transactions!) {
      tx.getId();
      for (const out of tx.outs) {
        try {
          address.fromOutputScript(out.script, networks.bitcoin);
        } catch {
          // No address for this script type.
        }
      }
    }
  },
  floorCreateHash: () => {
    for (const b of txidBytes) createHash('sha256').update(createHash('sha256').update(b).digest()).digest();
  },
  floor: () => {
    for (const b of txidBytes) hash('sha256', Buffer.from(hash('sha256', b, 'hex'), 'hex'), 'hex');
  },
};
const names = {
  ours: 'ours (parseBlock, addresses included)',
  plain: 'plain (Block.fromBuffer + getId + address.fromOutputScript)',
  floorCreateHash: 'floor createHash sha256d',
  floor: 'floor one-shot sha256d',
} as const;
type Name = keyof typeof contenders;
const rates: Record<Name, number[]> = { ours: [], plain: [], floorCreateHash: [], floor: [] };
for (const name of Object.keys(contenders) as Name[]) contenders[name](); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (const name of Object.keys(contenders) as Name[]) rates[name].push(rateOnce(contenders[name], name === 'plain' ? 500 : 300));
}
for (const name of Object.keys(contenders) as Name[]) {
  const txPerSecond = median(rates[name]);
  report({ bench: 'btc-parse', metric: `${names[name]} tx/s`, value: Math.round(txPerSecond), unit: 'tx/s' });
  report({ bench: 'btc-parse', metric: `${names[name]} MB/s`, value: Number(((txPerSecond / txCount) * mb).toFixed(2)), unit: 'MB/s' });
}
const ratio = (vs: Name): number => median(rates.ours.map((r, i) => r / rates[vs][i]!));
const vsPlain = ratio('plain');
const vsFloor = ratio('floor');
const vsCreateHash = ratio('floorCreateHash');
report({ bench: 'btc-parse', metric: 'ours vs plain', value: Number(vsPlain.toFixed(1)), unit: 'x', vs: 'plain', ratio: Number(vsPlain.toFixed(2)) });
report({ bench: 'btc-parse', metric: 'ours vs hash floor (one-shot)', value: Number(vsFloor.toFixed(2)), unit: 'x', vs: 'floor one-shot sha256d', ratio: Number(vsFloor.toFixed(3)) });
report({ bench: 'btc-parse', metric: 'ours vs hash floor (createHash)', value: Number(vsCreateHash.toFixed(2)), unit: 'x', vs: 'floor createHash sha256d', ratio: Number(vsCreateHash.toFixed(3)) });
