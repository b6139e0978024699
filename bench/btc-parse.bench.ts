// Block parsing throughput on a real block (574200, 3315 txs, 1.2 MB):
//  (a) our parser: parseBlock (txids, merkle check, every output's holder, vsize, coinbase data);
//  (b) the plain path a user would write: bitcoinjs-lib Block.fromBuffer + getId + address.fromOutputScript per output;
//  (c) the floor: node:crypto double SHA-256 of every transaction's txid bytes, which any parser must do.
import { createHash, hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { address, Block, networks } from 'bitcoinjs-lib';
import { parseBlock } from '@chaintrail/adapters';
import { measure, report } from './report.ts';
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

function rate(name: string, fn: () => void, minMs: number): number {
  const { runs, ns } = measure(fn, { minMs, minRuns: 3 });
  const seconds = Number(ns) / 1e9;
  const txPerSecond = (runs * txCount) / seconds;
  report({ bench: 'btc-parse', metric: `${name} tx/s`, value: Math.round(txPerSecond), unit: 'tx/s' });
  report({ bench: 'btc-parse', metric: `${name} MB/s`, value: Number(((runs * mb) / seconds).toFixed(2)), unit: 'MB/s' });
  return txPerSecond;
}

// Sanity: the parser and the plain path agree on the block, so the figures compare like with like.
const parsed = parseBlock(bytes);
if (parsed.transactions.length !== txCount || parsed.transactions[5]!.txid !== reference.transactions![5]!.getId()) {
  throw new Error('parser and bitcoinjs-lib disagree on block 574200');
}
process.stderr.write(`btc-parse: block 574200, ${txCount} txs, ${outputCount} outputs, ${mb.toFixed(2)} MB\n`);

const ours = rate('ours (parseBlock, addresses included)', () => parseBlock(bytes), 3000);
const plain = rate('plain (Block.fromBuffer + getId + address.fromOutputScript)', () => {
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
}, 3000);
const floorCreateHash = rate('floor createHash sha256d', () => {
  for (const b of txidBytes) createHash('sha256').update(createHash('sha256').update(b).digest()).digest();
}, 2000);
const floor = rate('floor one-shot sha256d', () => {
  for (const b of txidBytes) hash('sha256', Buffer.from(hash('sha256', b, 'hex'), 'hex'), 'hex');
}, 2000);

report({ bench: 'btc-parse', metric: 'ours vs plain', value: Number((ours / plain).toFixed(1)), unit: 'x', vs: 'plain', ratio: Number((ours / plain).toFixed(2)) });
report({ bench: 'btc-parse', metric: 'ours vs hash floor (one-shot)', value: Number((ours / floor).toFixed(2)), unit: 'x', vs: 'floor one-shot sha256d', ratio: Number((ours / floor).toFixed(3)) });
report({ bench: 'btc-parse', metric: 'ours vs hash floor (createHash)', value: Number((ours / floorCreateHash).toFixed(2)), unit: 'x', vs: 'floor createHash sha256d', ratio: Number((ours / floorCreateHash).toFixed(3)) });
