import { keccak_256 } from '@noble/hashes/sha3.js';
import { ChaintrailError } from '../errors/ChaintrailError.ts';
import { convertBits, decodeBech32 } from './bech32.ts';
import { decodeBase58Check } from './base58.ts';
import { BITCOIN_CHAINS, type ChainId, isEvmChain } from './chain.ts';

/** How addresses of one UTXO chain are written: base58 version bytes and the segwit human-readable part. */
export interface UtxoAddressFormat {
  readonly name: string;
  readonly p2pkh: number;
  readonly p2sh: number;
  readonly hrp: string;
}

/** Address formats of the UTXO chains chaintrail canonicalises (add a chain here to support it). */
export const UTXO_ADDRESS_FORMATS: Readonly<Record<ChainId, UtxoAddressFormat>> = {
  [BITCOIN_CHAINS.mainnet]: { name: 'Bitcoin', p2pkh: 0x00, p2sh: 0x05, hrp: 'bc' },
  [BITCOIN_CHAINS.testnet]: { name: 'Bitcoin testnet', p2pkh: 0x6f, p2sh: 0xc4, hrp: 'tb' },
  [BITCOIN_CHAINS.signet]: { name: 'Bitcoin signet', p2pkh: 0x6f, p2sh: 0xc4, hrp: 'tb' },
  [BITCOIN_CHAINS.regtest]: { name: 'Bitcoin regtest', p2pkh: 0x6f, p2sh: 0xc4, hrp: 'bcrt' },
  'bip122:12a765e31ffd4059bada1e25190f6e98': { name: 'Litecoin', p2pkh: 0x30, p2sh: 0x32, hrp: 'ltc' },
  'bip122:1a91e3dace36e2be3bf030a65679fe82': { name: 'Dogecoin', p2pkh: 0x1e, p2sh: 0x16, hrp: 'doge' },
};

export interface CanonicalAddressOptions {
  /** EVM only: reject mixed-case addresses whose EIP-55 checksum is wrong (default true). */
  readonly strictChecksum?: boolean;
}

function invalid(chain: ChainId, address: string, reason: string): ChaintrailError<'INVALID_ADDRESS'> {
  return new ChaintrailError('INVALID_ADDRESS', `"${address}" is not a valid address on ${chain}: ${reason}.`, {
    meta: { chain, address, reason },
  });
}

/**
 * The one canonical key of an address on a chain: bech32/bech32m lower case, base58 as is, EVM lower-case hex.
 * Throws `INVALID_ADDRESS` naming the chain and the reason when the address does not parse for that chain.
 *
 * @example
 * canonicalAddress('eip155:1', '0x8589427373D6D84E98730D7795D8f6f8731FDA16') // '0x8589427373d6d84e98730d7795d8f6f8731fda16'
 * canonicalAddress('bip122:000000000019d6689c085ae165831e93', 'BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ') // 'bc1qar0s…'
 */
export function canonicalAddress(chain: ChainId, address: string, options: CanonicalAddressOptions = {}): string {
  const text = address.trim();
  if (isEvmChain(chain)) return canonicalEvmAddress(chain, text, options.strictChecksum ?? true);
  const format = UTXO_ADDRESS_FORMATS[chain];
  if (format) return canonicalUtxoAddress(chain, text, format);
  if (text === '' || /\s/.test(text)) throw invalid(chain, address, 'empty or contains white space');
  // A chain without a known format: keep the text as the key, so labels for it still load and match exactly.
  return text;
}

/** True when `address` is valid on `chain` (see {@link canonicalAddress}). */
export function isValidAddress(chain: ChainId, address: string, options: CanonicalAddressOptions = {}): boolean {
  try {
    canonicalAddress(chain, address, options);
    return true;
  } catch {
    return false;
  }
}

function canonicalEvmAddress(chain: ChainId, text: string, strictChecksum: boolean): string {
  if (!/^0x[0-9a-fA-F]{40}$/.test(text)) throw invalid(chain, text, 'expected 0x followed by 40 hex digits');
  const lower = text.toLowerCase();
  const body = text.slice(2);
  const mixed = body !== body.toLowerCase() && body !== body.toUpperCase();
  if (mixed && strictChecksum && toChecksumAddress(lower) !== text) throw invalid(chain, text, 'bad EIP-55 checksum');
  return lower;
}

/**
 * EIP-55 mixed-case form of an EVM address, for display.
 *
 * @example
 * toChecksumAddress('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed') // '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
 */
export function toChecksumAddress(address: string): string {
  const lower = address.toLowerCase().replace(/^0x/, '');
  const hash = keccak_256(new TextEncoder().encode(lower));
  let out = '0x';
  for (let i = 0; i < lower.length; i++) {
    const nibble = (hash[i >> 1]! >> (i % 2 === 0 ? 4 : 0)) & 0xf;
    out += nibble >= 8 ? lower[i]!.toUpperCase() : lower[i]!;
  }
  return out;
}

function canonicalUtxoAddress(chain: ChainId, text: string, format: UtxoAddressFormat): string {
  const lower = text.toLowerCase();
  if (lower.startsWith(`${format.hrp}1`)) {
    const decoded = decodeBech32(text);
    if (typeof decoded === 'string') throw invalid(chain, text, decoded);
    if (decoded.hrp !== format.hrp) throw invalid(chain, text, `prefix "${decoded.hrp}" is not ${format.name}'s "${format.hrp}"`);
    const [version, ...rest] = decoded.words;
    if (version === undefined || version > 16) throw invalid(chain, text, 'bad witness version');
    const program = convertBits(rest, 5, 8, false);
    if (!program || program.length < 2 || program.length > 40) throw invalid(chain, text, 'bad witness program length');
    if (version === 0 && program.length !== 20 && program.length !== 32) {
      throw invalid(chain, text, 'a version 0 witness program must be 20 or 32 bytes');
    }
    if ((version === 0) !== (decoded.encoding === 'bech32')) {
      throw invalid(chain, text, `witness version ${version} must use ${version === 0 ? 'bech32' : 'bech32m'}`);
    }
    return lower;
  }
  const payload = decodeBase58Check(text);
  if (typeof payload === 'string') {
    const bech = decodeBech32(text);
    if (typeof bech !== 'string') throw invalid(chain, text, `prefix "${bech.hrp}" is not ${format.name}'s "${format.hrp}"`);
    throw invalid(chain, text, payload);
  }
  if (payload.length !== 21) throw invalid(chain, text, 'a base58 address carries 21 bytes');
  if (payload[0] !== format.p2pkh && payload[0] !== format.p2sh) {
    throw invalid(chain, text, `version byte 0x${payload[0]!.toString(16).padStart(2, '0')} is not a ${format.name} address`);
  }
  return text;
}
