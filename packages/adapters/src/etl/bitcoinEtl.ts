import {
  ChaintrailError,
  bitcoinChain,
  canonicalAddress,
  type BitcoinNetwork,
  type ScriptType,
  type UtxoInput,
  type UtxoOutput,
  type UtxoTransaction,
} from '@chaintrail/core';
import { bitcoinNetwork } from '../bitcoin/network.ts';
import { classifyScript } from '../bitcoin/script.ts';
import { readEtlRows, type EtlRow } from './readRows.ts';
import { etlBigint, etlBigintOrNull, etlBool, etlNumber, etlNumberOrNull, etlString, etlTimestamp } from './values.ts';

/** bitcoin-etl's script type names, as in the `type` fields of `crypto_bitcoin`. */
const TYPES: Readonly<Record<string, ScriptType>> = {
  pubkeyhash: 'p2pkh',
  scripthash: 'p2sh',
  witness_v0_keyhash: 'p2wpkh',
  witness_v0_scripthash: 'p2wsh',
  witness_v1_taproot: 'p2tr',
  pubkey: 'p2pk',
  multisig: 'multisig',
  nulldata: 'nulldata',
  witness_unknown: 'witness_unknown',
  nonstandard: 'nonstandard',
};
const ADDRESS_TYPES = new Set<ScriptType>(['p2pkh', 'p2sh', 'p2wpkh', 'p2wsh', 'p2tr']);

export interface BitcoinEtlParameters {
  readonly network?: BitcoinNetwork;
}

/**
 * One row of BigQuery's `bigquery-public-data.crypto_bitcoin.transactions` (the Blockchain-ETL schema: `hash`,
 * `block_number`, `block_hash`, `block_timestamp`, `version`, `lock_time`, `virtual_size`, `is_coinbase`, nested
 * `inputs` and `outputs` with `index`, `script_hex`, `type`, `addresses`, `value`…) as a `UtxoTransaction`.
 *
 * Output holders come from `script_hex` through the same classifier as the block parser, so imported and parsed
 * data agree (`p2pk:<pubkey>`, `nulldata:<sha256>`…); without `script_hex` only address types can be imported.
 * Inputs keep their value; their holder is the first address for address types and null otherwise (ETL names a
 * pay-to-pubkey prevout by its p2pkh alias, not by the key), so a store fills it from the prevout when it has it.
 * The table has no position in block: `index` is used when present (bitcoin-etl writes it), else 0 for the coinbase
 * and `fallbackIndex` for the rest. Throws `PARSE_ERROR` for a malformed row.
 *
 * @example
 * const tx = bitcoinEtlTransaction(JSON.parse(line), { network: 'mainnet' })
 */
export function bitcoinEtlTransaction(row: EtlRow, options: BitcoinEtlParameters & { readonly fallbackIndex?: number } = {}): UtxoTransaction {
  const networkName = options.network ?? 'mainnet';
  const chain = bitcoinChain(networkName);
  const network = bitcoinNetwork(networkName);
  const txid = etlString(row.hash, 'hash').toLowerCase();
  try {
    const coinbase = etlBool(row.is_coinbase);
    const rawInputs = Array.isArray(row.inputs) ? (row.inputs as EtlRow[]) : [];
    const rawOutputs = Array.isArray(row.outputs) ? (row.outputs as EtlRow[]) : [];
    const outputs = rawOutputs.map((o, i): UtxoOutput & { readonly alias?: string } => {
      const n = etlNumberOrNull(o.index, 'outputs.index') ?? i;
      const value = etlBigint(o.value, 'outputs.value');
      if (typeof o.script_hex === 'string' && /^([0-9a-fA-F]{2})*$/.test(o.script_hex)) {
        const { holder, scriptType, alias } = classifyScript({ script: Buffer.from(o.script_hex, 'hex'), network });
        // The p2pkh alias of a pay-to-pubkey output, as the block parser gives it.
        return alias === undefined ? { n, address: holder, value, scriptType } : { n, address: holder, value, scriptType, alias };
      }
      const scriptType = TYPES[String(o.type)];
      const address = firstAddress(o);
      if (!scriptType || !ADDRESS_TYPES.has(scriptType) || address === null) {
        throw new ChaintrailError('PARSE_ERROR', `Output ${n} of ${txid} has no script_hex and no address type (${String(o.type)}).`);
      }
      return { n, address: canonicalAddress(chain, address), value, scriptType };
    });
    const scriptSig = rawInputs[0] ? String(rawInputs[0].coinbase_param ?? rawInputs[0].script_hex ?? '') : '';
    const inputs = coinbase
      ? []
      : rawInputs.map((i): UtxoInput => {
          const scriptType = TYPES[String(i.type)] ?? null;
          const address = firstAddress(i);
          return {
            prevTxid: etlString(i.spent_transaction_hash, 'inputs.spent_transaction_hash').toLowerCase(),
            prevVout: etlNumber(i.spent_output_index, 'inputs.spent_output_index'),
            address: scriptType && ADDRESS_TYPES.has(scriptType) && address !== null ? canonicalAddress(chain, address) : null,
            value: etlBigintOrNull(i.value, 'inputs.value'),
            scriptType,
            sequence: etlNumberOrNull(i.sequence, 'inputs.sequence') ?? 0xffffffff,
          };
        });
    const height = etlNumberOrNull(row.block_number, 'block_number');
    const allValued = inputs.every((i) => i.value !== null);
    const outSum = outputs.reduce((s, o) => s + o.value, 0n);
    const vsize = etlNumberOrNull(row.virtual_size, 'virtual_size');
    const tx: UtxoTransaction = {
      chain,
      txid,
      block:
        height === null
          ? null
          : { height, hash: etlString(row.block_hash, 'block_hash').toLowerCase(), time: etlTimestamp(row.block_timestamp, 'block_timestamp') },
      index: etlNumberOrNull(row.index, 'index') ?? (coinbase ? 0 : (options.fallbackIndex ?? 0)),
      coinbase: coinbase ? { scriptSig, text: printable(scriptSig), height: bip34(scriptSig) } : null,
      inputs,
      outputs,
      fee: coinbase ? 0n : allValued ? inputs.reduce((s, i) => s + i.value!, 0n) - outSum : null,
      version: etlNumber(row.version, 'version'),
      locktime: etlNumber(row.lock_time, 'lock_time'),
    };
    return vsize === null ? tx : { ...tx, vsize };
  } catch (cause) {
    if (cause instanceof ChaintrailError && cause.code === 'PARSE_ERROR') {
      throw new ChaintrailError('PARSE_ERROR', `Transaction ${txid}: ${cause.shortMessage}`, { cause, meta: { txid } });
    }
    throw cause;
  }
}

function firstAddress(row: EtlRow): string | null {
  const list = row.addresses;
  if (Array.isArray(list) && typeof list[0] === 'string') return list[0];
  if (typeof list === 'string' && list !== '') return list.split(',')[0]!;
  return null;
}

function printable(hex: string): string {
  const bytes = Buffer.from(hex, 'hex');
  return (bytes.toString('utf8').match(/[\x20-\x7e\u00a0-\uffff]{2,}/g) ?? []).join(' ');
}

function bip34(hex: string): number | null {
  const bytes = Buffer.from(hex, 'hex');
  const len = bytes[0];
  if (len === undefined || len < 1 || len > 8 || bytes.length < len + 1) return null;
  let h = 0;
  for (let i = len; i >= 1; i--) h = h * 256 + bytes[i]!;
  return h;
}

/**
 * Streams a `crypto_bitcoin.transactions` export (JSON Lines; BigQuery cannot write its nested inputs/outputs as
 * CSV) as transactions, in file order. Rows without `index` get their position among the rows of their block.
 *
 * @example
 * for await (const tx of readBitcoinEtl({ path: 'transactions.jsonl' })) await store.utxo(tx.chain).add([tx])
 */
export async function* readBitcoinEtl(params: BitcoinEtlParameters & { readonly path: string; readonly signal?: AbortSignal }): AsyncIterable<UtxoTransaction> {
  const seenPerBlock = new Map<string, number>();
  for await (const row of readEtlRows({ path: params.path, format: 'jsonl', ...(params.signal ? { signal: params.signal } : {}) })) {
    const blockKey = String(row.block_hash ?? '');
    const position = seenPerBlock.get(blockKey) ?? 0;
    // Only one block's counter is kept at a time: exports list a block's rows together.
    if (!seenPerBlock.has(blockKey)) seenPerBlock.clear();
    seenPerBlock.set(blockKey, position + 1);
    yield bitcoinEtlTransaction(row, { ...(params.network ? { network: params.network } : {}), fallbackIndex: position });
  }
}
