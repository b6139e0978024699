import { AbiCoder, id, toUtf8String } from 'ethers';
import type { JsonRpcClient } from '../../http/JsonRpcClient.ts';

export interface TokenMetadata {
  readonly contract: string;
  /** Null when the contract has no symbol() or answers garbage. */
  readonly symbol: string | null;
  readonly name: string | null;
  /** Null when the contract has no decimals() or answers out of range. */
  readonly decimals: number | null;
}

const selector = (signature: string): string => id(signature).slice(0, 10);
const SYMBOL = selector('symbol()');
const NAME = selector('name()');
const DECIMALS = selector('decimals()');

/**
 * Reads a token's symbol, name and decimals with `eth_call` (one batch). Tolerant: ABI strings, bytes32 strings
 * (MKR, SAI), reverts, empty answers and garbage all give a value or null, never an error, since a token's
 * metadata is a label and not part of the value moved. Node failures (timeouts, HTTP) still throw.
 *
 * @example
 * const meta = await readTokenMetadata({ rpc, contract: '0x6b175474e89094c44da98b954eedeac495271d0f' })
 */
export async function readTokenMetadata(params: {
  readonly rpc: JsonRpcClient;
  readonly contract: string;
  readonly blockTag?: string;
  readonly signal?: AbortSignal;
}): Promise<TokenMetadata> {
  const tag = params.blockTag ?? 'latest';
  const calls = [SYMBOL, NAME, DECIMALS].map((data) => ({ method: 'eth_call', params: [{ to: params.contract, data }, tag] }));
  const [symbol, name, decimals] = await params.rpc.batchSettled<unknown>(calls, params.signal ? { signal: params.signal } : {});
  const text = (s: typeof symbol): string | null => (s?.ok ? decodeText(s.value) : null);
  return {
    contract: params.contract.toLowerCase(),
    symbol: text(symbol),
    name: text(name),
    decimals: decimals?.ok ? decodeDecimals(decimals.value) : null,
  };
}

/** An ABI `string`, or a NUL-padded bytes32, as text; null for anything else. */
export function decodeText(raw: unknown): string | null {
  if (typeof raw !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(raw) || raw.length <= 2) return null;
  try {
    if (raw.length >= 2 + 128) {
      const [s] = AbiCoder.defaultAbiCoder().decode(['string'], raw) as unknown as [string];
      return clean(s);
    }
  } catch {
    // Not an ABI string; try bytes32 below.
  }
  if (raw.length === 66) {
    try {
      return clean(toUtf8String(raw.replace(/(00)+$/, '')));
    } catch {
      return null;
    }
  }
  return null;
}

function clean(s: string): string | null {
  // Printable text only: a symbol with control characters or replacement marks is garbage, not a name.
  const trimmed = s.replace(/\0+$/, '').trim();
  if (trimmed.length === 0 || trimmed.length > 64 || /[\u0000-\u001f\u007f\ufffd]/.test(trimmed)) return null;
  return trimmed;
}

/** A uint8-range `decimals()` answer; null otherwise. */
export function decodeDecimals(raw: unknown): number | null {
  if (typeof raw !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(raw)) return null;
  const n = BigInt(raw);
  return n <= 255n ? Number(n) : null;
}
