import { BTC_DECIMALS, ChaintrailError, parseUnits, type UtxoBlockRef, type UtxoInput, type UtxoTransaction } from '@chaintrail/core';
import { decimalText } from '../../http/losslessJson.ts';
import { bip34Height, type BitcoinOutput, printableText } from '../block.ts';
import type { BitcoinNetworkParams } from '../network.ts';
import { classifyScript } from '../script.ts';

/** Where a Bitcoin Core answer came from, for error messages. */
export interface AnswerContext {
  readonly method: string;
  readonly url: string;
}

export function invalidAnswer(ctx: AnswerContext, why: string): ChaintrailError<'INVALID_RESPONSE'> {
  return new ChaintrailError('INVALID_RESPONSE', `${ctx.method} at ${ctx.url}: ${why}.`, {
    details: 'The node answered something that is not what Bitcoin Core sends; the answer may be truncated or from another server.',
    meta: { method: ctx.method, url: ctx.url },
  });
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const HEX64 = /^[0-9a-f]{64}$/;
const HEX = /^(?:[0-9a-fA-F]{2})*$/;

/** A 64-hex hash field, or INVALID_RESPONSE. */
export function hashField(obj: Record<string, unknown>, key: string, ctx: AnswerContext): string {
  const v = obj[key];
  if (typeof v !== 'string' || !HEX64.test(v)) throw invalidAnswer(ctx, `"${key}" is not a 64-hex hash`);
  return v;
}

/** A non-negative integer field, or INVALID_RESPONSE. */
export function intField(obj: Record<string, unknown>, key: string, ctx: AnswerContext): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw invalidAnswer(ctx, `"${key}" is not a whole number`);
  return v;
}

/** A BTC amount (text kept by the lossless parser) as satoshi, exactly. */
export function btcField(obj: Record<string, unknown>, key: string, ctx: AnswerContext): bigint {
  const text = decimalText(obj[key], `${ctx.method} at ${ctx.url}: "${key}"`);
  try {
    const sat = parseUnits(text, BTC_DECIMALS);
    if (sat < 0n) throw invalidAnswer(ctx, `"${key}" is negative`);
    return sat;
  } catch (e) {
    if (e instanceof ChaintrailError && e.code === 'INVALID_AMOUNT') throw invalidAnswer(ctx, `"${key}" ${e.shortMessage}`);
    throw e;
  }
}

function scriptHex(obj: unknown, ctx: AnswerContext, where: string): string {
  if (!isObject(obj) || typeof obj.hex !== 'string' || !HEX.test(obj.hex)) throw invalidAnswer(ctx, `${where} has no scriptPubKey hex`);
  return obj.hex;
}

export interface ConvertCoreTransactionParameters {
  /** A transaction as `getblock` (verbosity 2 or 3) or `getrawtransaction` (verbose) prints it. */
  readonly json: unknown;
  readonly network: BitcoinNetworkParams;
  readonly block: UtxoBlockRef | null;
  readonly index: number;
  /** The block header version: BIP34 heights are read from version 2 blocks on. */
  readonly blockVersion?: number;
  readonly unconfirmed: boolean;
  readonly ctx: AnswerContext;
}

/**
 * A Bitcoin Core transaction (JSON) in the UTXO shape: amounts converted exactly from their decimal text, holders
 * derived from the script bytes (as the raw block parser does, so both sources agree), inputs valued where the answer
 * carries `prevout` (verbosity 3), otherwise null. Throws `INVALID_RESPONSE` naming the method for anything malformed.
 */
export function convertCoreTransaction(p: ConvertCoreTransactionParameters): UtxoTransaction {
  const { ctx, network } = p;
  if (!isObject(p.json)) throw invalidAnswer(ctx, 'a transaction is not an object');
  const j = p.json;
  const txid = hashField(j, 'txid', ctx);
  const vin = j.vin;
  const vout = j.vout;
  if (!Array.isArray(vin) || !Array.isArray(vout)) throw invalidAnswer(ctx, `transaction ${txid} has no vin/vout arrays`);
  const outputs: BitcoinOutput[] = vout.map((o, i) => {
    if (!isObject(o)) throw invalidAnswer(ctx, `output ${i} of ${txid} is not an object`);
    const h = classifyScript({ script: Buffer.from(scriptHex(o.scriptPubKey, ctx, `output ${i} of ${txid}`), 'hex'), network });
    const value = btcField(o, 'value', ctx);
    return h.alias === undefined
      ? { n: i, address: h.holder, value, scriptType: h.scriptType }
      : { n: i, address: h.holder, value, scriptType: h.scriptType, alias: h.alias };
  });
  const first = vin[0];
  if (isObject(first) && typeof first.coinbase === 'string') {
    if (!HEX.test(first.coinbase)) throw invalidAnswer(ctx, `the coinbase of ${txid} is not hex`);
    const script = Buffer.from(first.coinbase, 'hex');
    return {
      chain: network.chain,
      txid,
      block: p.block,
      index: p.index,
      coinbase: { scriptSig: first.coinbase, text: printableText(script), height: (p.blockVersion ?? 2) >= 2 ? bip34Height(script) : null },
      inputs: [],
      outputs,
      fee: 0n,
      version: typeof j.version === 'number' ? j.version : 1,
      locktime: intField(j, 'locktime', ctx),
      ...(typeof j.vsize === 'number' ? { vsize: j.vsize } : {}),
      ...(p.unconfirmed ? { unconfirmed: true } : {}),
    };
  }
  let known = true;
  let total = 0n;
  const inputs: UtxoInput[] = vin.map((v, i) => {
    if (!isObject(v)) throw invalidAnswer(ctx, `input ${i} of ${txid} is not an object`);
    const prevTxid = hashField(v, 'txid', ctx);
    const prevVout = intField(v, 'vout', ctx);
    const sequence = intField(v, 'sequence', ctx);
    if (isObject(v.prevout)) {
      const h = classifyScript({ script: Buffer.from(scriptHex(v.prevout.scriptPubKey, ctx, `the prevout of input ${i} of ${txid}`), 'hex'), network });
      const value = btcField(v.prevout, 'value', ctx);
      total += value;
      return { prevTxid, prevVout, address: h.holder, value, scriptType: h.scriptType, sequence };
    }
    known = false;
    return { prevTxid, prevVout, address: null, value: null, scriptType: null, sequence };
  });
  let fee: bigint | null = null;
  if (known) {
    fee = total;
    for (const o of outputs) fee -= o.value;
  }
  return {
    chain: network.chain,
    txid,
    block: p.block,
    index: p.index,
    coinbase: null,
    inputs,
    outputs,
    fee,
    version: typeof j.version === 'number' ? j.version : 1,
    locktime: intField(j, 'locktime', ctx),
    ...(typeof j.vsize === 'number' ? { vsize: j.vsize } : {}),
    ...(p.unconfirmed ? { unconfirmed: true } : {}),
  };
}
