import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBlockFiles, p2pkAlias, bitcoinNetwork, readBitcoinEtl, type BitcoinBlock } from '@chaintrail/adapters';
import { BITCOIN_CHAINS, type ScriptType, type UtxoTransaction } from '@chaintrail/core';
import { openStore } from '@chaintrail/store';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../packages/cli/src/testing.ts';
import { rawBlockScripts } from './support/rawBlockScripts.ts';
import { hasSharedData, sharedPath } from './support/sharedData.ts';

const ETL_TYPES: Record<ScriptType, string> = {
  p2pkh: 'pubkeyhash', p2sh: 'scripthash', p2wpkh: 'witness_v0_keyhash', p2wsh: 'witness_v0_scripthash', p2tr: 'witness_v1_taproot',
  p2pk: 'pubkey', multisig: 'multisig', nulldata: 'nulldata', witness_unknown: 'witness_unknown', nonstandard: 'nonstandard',
};
const network = bitcoinNetwork('mainnet');

/**
 * Writes a parsed real block as rows of BigQuery's crypto_bitcoin.transactions (JSON Lines), the way BigQuery
 * exports them: INT64/NUMERIC as strings, a "… UTC" timestamp, no position in block, script_hex on outputs,
 * addresses on inputs (a pay-to-pubkey prevout under its p2pkh alias, as Bitcoin Core names it).
 */
function toEtlRows(block: BitcoinBlock, raw: Uint8Array): string {
  const scripts = rawBlockScripts(raw);
  const timestamp = new Date(block.time * 1000).toISOString().replace('T', ' ').replace('.000Z', ' UTC');
  return block.transactions
    .map((tx, t) =>
      JSON.stringify({
        hash: tx.txid,
        virtual_size: tx.vsize === undefined ? null : String(tx.vsize),
        version: String(tx.version),
        lock_time: String(tx.locktime),
        block_hash: block.hash,
        block_number: String(block.height),
        block_timestamp: timestamp,
        is_coinbase: tx.coinbase !== null,
        inputs: tx.coinbase
          ? [{ index: '0', spent_transaction_hash: null, spent_output_index: null, script_hex: scripts[t]!.coinbaseScriptSig, addresses: [], value: null }]
          : tx.inputs.map((i, n) => ({
              index: String(n),
              spent_transaction_hash: i.prevTxid,
              spent_output_index: String(i.prevVout),
              sequence: String(i.sequence),
              type: i.scriptType === null ? null : ETL_TYPES[i.scriptType],
              addresses: i.address === null ? [] : [p2pkAlias({ holder: i.address, network }) ?? i.address],
              value: i.value === null ? null : i.value.toString(),
            })),
        outputs: tx.outputs.map((o) => ({
          index: String(o.n),
          script_hex: scripts[t]!.outputs[o.n],
          type: ETL_TYPES[o.scriptType],
          addresses: [p2pkAlias({ holder: o.address, network }) ?? o.address],
          value: o.value.toString(),
        })),
      }),
    )
    .join('\n');
}

const dir = mkdtempSync(join(tmpdir(), 'chaintrail-etl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(path: string): Promise<UtxoTransaction[]> {
  const out: UtxoTransaction[] = [];
  for await (const tx of readBitcoinEtl({ path })) out.push(tx);
  return out;
}

describe.skipIf(!hasSharedData)('Blockchain-ETL import of crypto_bitcoin.transactions (rows derived from real blocks)', () => {
  it('imports block 277647 exactly as the block parser reads it, prevouts included', async () => {
    const file = sharedPath('bitcoin', 'blocks', 'block-277647.framed.dat');
    const [block] = await loadBlockFiles({ paths: [file], prevoutsPath: sharedPath('bitcoin', 'blocks', 'block-277647.prevouts.json') });
    const path = join(dir, '277647.jsonl');
    writeFileSync(path, toEtlRows(block!, readFileSync(file).subarray(8)));
    const imported = await collect(path);
    expect(imported).toHaveLength(213);
    // The coinbase's text is read by a different routine; the rest must be equal field for field.
    expect(imported.map((t) => ({ ...t, coinbase: t.coinbase && { ...t.coinbase, text: '' } }))).toEqual(
      block!.transactions.map((t) => ({ ...t, coinbase: t.coinbase && { ...t.coinbase, text: '' } })),
    );
    expect(imported.reduce((s, t) => s + (t.fee ?? 0n), 0n)).toBe(4_737_355n);

    const store = await openStore({ url: join(dir, 'etl.db') });
    try {
      const btc = store.utxo(BITCOIN_CHAINS.mainnet);
      expect(await btc.add(imported)).toBe(213);
      expect(await btc.getTransaction({ txid: block!.transactions[5]!.txid })).toEqual(block!.transactions[5]);
    } finally {
      await store.close();
    }

    // The CLI imports the same export; a rerun (after a crash, say) adds nothing twice.
    const db = join(dir, 'cli.db');
    const first = await runCli(['ingest', 'btc', '--store', db, '--etl', path]);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ read: 213, added: 213 });
    expect(JSON.parse((await runCli(['ingest', 'btc', '--store', db, '--etl', path])).stdout)).toMatchObject({ read: 213, added: 0 });
  });

  it('keeps p2pk, nulldata and segwit holders of block 574200 identical to the parser\'s', async () => {
    const file = sharedPath('bitcoin', 'blocks', 'block-574200.raw');
    const [block] = await loadBlockFiles({ paths: [file] });
    const path = join(dir, '574200.jsonl');
    writeFileSync(path, toEtlRows(block!, readFileSync(file)));
    const imported = await collect(path);
    expect(imported.flatMap((t) => t.outputs)).toEqual(block!.transactions.flatMap((t) => t.outputs));
    expect(imported.map((t) => [t.txid, t.index, t.block?.height])).toEqual(block!.transactions.map((t) => [t.txid, t.index, 574200]));
    const kinds = new Set(imported.flatMap((t) => t.outputs.map((o) => o.scriptType)));
    expect([...kinds].sort()).toEqual(['nulldata', 'p2pk', 'p2pkh', 'p2sh', 'p2wpkh', 'p2wsh']);
  });
});
