// Builders for hand-made transactions in trace and screen tests (not exported from the package).
import { BITCOIN_CHAINS } from '../model/chain.ts';
import type { AccountTransfer, UtxoTransaction } from '../model/transaction.ts';
import type { Label, LabelLookup } from '../labels/types.ts';
import type { Category } from '../labels/types.ts';
import type { ChainId } from '../model/chain.ts';

export const CHAIN = BITCOIN_CHAINS.regtest;

/** A 64-hex txid from a short name, so tests read like the scenario. */
export function txid(name: string): string {
  return Buffer.from(name.padEnd(32, '.')).toString('hex').slice(0, 64);
}

export interface TxSpec {
  readonly name: string;
  readonly height: number;
  readonly index: number;
  /** Spent outputs, as [tx name, vout, address, value]. Empty for a coinbase. */
  readonly inputs: readonly (readonly [string, number, string, bigint])[];
  readonly outputs: readonly (readonly [string, bigint])[];
}

export function utxoTx(spec: TxSpec): UtxoTransaction {
  const inputs = spec.inputs.map(([prev, vout, address, value]) => ({
    prevTxid: txid(prev),
    prevVout: vout,
    address,
    value,
    scriptType: 'p2wpkh' as const,
    sequence: 0xffffffff,
  }));
  const outputs = spec.outputs.map(([address, value], n) => ({ n, address, value, scriptType: 'p2wpkh' as const }));
  const coinbase = inputs.length === 0;
  const fee = coinbase ? 0n : inputs.reduce((s, i) => s + i.value, 0n) - outputs.reduce((s, o) => s + o.value, 0n);
  return {
    chain: CHAIN,
    txid: txid(spec.name),
    block: { height: spec.height, hash: `${spec.height}`.padStart(64, '0'), time: 1_600_000_000 + spec.height * 600 },
    index: spec.index,
    coinbase: coinbase ? { scriptSig: '', text: '', height: spec.height } : null,
    inputs,
    outputs,
    fee,
    version: 2,
    locktime: 0,
  };
}

/** A LabelLookup over a Map, for tests until the real label store is wired in. */
export function mapLabels(chain: ChainId, entries: readonly (readonly [string, Category, string?])[]): LabelLookup {
  const byAddress = new Map<string, Label[]>();
  for (const [address, category, entity] of entries) {
    const label: Label = { chain, address, category, source: 'test', confidence: 100, ...(entity ? { entity } : {}) };
    byAddress.set(address, [...(byAddress.get(address) ?? []), label]);
  }
  return { lookup: (c, address) => (c === chain ? (byAddress.get(address) ?? []) : []) };
}

export const EVM = 'eip155:31337' as const;

let logIndex = 0;
/** A native transfer on the test EVM chain. */
export function transfer(from: string | null, to: string | null, value: bigint, block: number, txIndex = 0, kind: AccountTransfer['kind'] = 'native'): AccountTransfer {
  const hash = `0x${Buffer.from(`${block}.${txIndex}.${from}.${to}.${logIndex++}`).toString('hex').padEnd(64, '0').slice(0, 64)}`;
  return {
    chain: EVM,
    txHash: hash,
    block: { number: block, hash: `0x${block.toString(16).padStart(64, '0')}`, time: 1_700_000_000 + block * 12 },
    txIndex,
    kind,
    from,
    to,
    asset: `${EVM}/slip44:60`,
    value,
    status: 'success',
  };
}
