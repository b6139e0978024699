// Crafted transactions for tests and benchmarks (not exported from the package).
import { BITCOIN_CHAINS } from '../model/chain.ts';
import type { ScriptType, UtxoTransaction } from '../model/transaction.ts';

export interface CraftInput {
  readonly address: string | null;
  readonly value: bigint | null;
  readonly scriptType?: ScriptType;
  readonly sequence?: number;
  readonly prevTxid?: string;
  readonly prevVout?: number;
}

export interface CraftOutput {
  readonly address: string;
  readonly value: bigint;
  readonly scriptType?: ScriptType;
}

export interface CraftParameters {
  readonly txid: string;
  readonly inputs: readonly (CraftInput | readonly [string, bigint])[];
  readonly outputs: readonly (CraftOutput | readonly [string, bigint])[];
  readonly height?: number;
  readonly index?: number;
  readonly version?: number;
  readonly locktime?: number;
  readonly coinbase?: boolean;
}

/** A 64-hex txid from a short name, so tests can write `craftTx({ txid: 'a' … })`. */
export function txidOf(name: string): string {
  return Buffer.from(name).toString('hex').padEnd(64, '0').slice(0, 64);
}

/** A Bitcoin mainnet UtxoTransaction from a compact description; inputs spend `prev<i>` unless told. */
export function craftTx(p: CraftParameters): UtxoTransaction {
  const txid = /^[0-9a-f]{64}$/.test(p.txid) ? p.txid : txidOf(p.txid);
  const inputs = p.inputs.map((i, k) => {
    const input: CraftInput = Array.isArray(i) ? { address: i[0] as string, value: i[1] as bigint } : (i as CraftInput);
    return {
      prevTxid: input.prevTxid ?? txidOf(`prev:${p.txid}:${k}`),
      prevVout: input.prevVout ?? 0,
      address: input.address,
      value: input.value,
      scriptType: input.scriptType ?? (input.address === null ? null : 'p2wpkh'),
      sequence: input.sequence ?? 0xffffffff,
    };
  });
  const outputs = p.outputs.map((o, n) => {
    const output: CraftOutput = Array.isArray(o) ? { address: o[0] as string, value: o[1] as bigint } : (o as CraftOutput);
    return { n, address: output.address, value: output.value, scriptType: output.scriptType ?? 'p2wpkh' };
  });
  const known = inputs.every((i) => i.value !== null);
  const inSum = inputs.reduce((s, i) => s + (i.value ?? 0n), 0n);
  const outSum = outputs.reduce((s, o) => s + o.value, 0n);
  const height = p.height ?? 600_000;
  return {
    chain: BITCOIN_CHAINS.mainnet,
    txid,
    block: { height, hash: txidOf(`block:${height}`), time: 1_600_000_000 + height },
    index: p.index ?? 1,
    coinbase: p.coinbase ? { scriptSig: '', text: '', height } : null,
    inputs: p.coinbase ? [] : inputs,
    outputs,
    fee: p.coinbase ? 0n : known ? inSum - outSum : null,
    version: p.version ?? 2,
    locktime: p.locktime ?? 0,
  };
}
