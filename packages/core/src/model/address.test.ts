import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedPath } from '../../../../test/support/sharedData.ts';
import { isChaintrailError } from '../errors/ChaintrailError.ts';
import { canonicalAddress, isValidAddress, toChecksumAddress } from './address.ts';
import { BITCOIN_CHAINS } from './chain.ts';

const BTC = BITCOIN_CHAINS.mainnet;

const fixtures = {
  valid: [
    { description: 'p2pkh', chain: BTC, input: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', canonical: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa' },
    { description: 'p2sh', chain: BTC, input: '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', canonical: '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy' },
    { description: 'p2wpkh upper case (BIP173 vector)', chain: BTC, input: 'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', canonical: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4' },
    { description: 'p2wsh', chain: BTC, input: 'bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3', canonical: 'bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3' },
    { description: 'p2tr bech32m (BIP350 vector)', chain: BTC, input: 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0', canonical: 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0' },
    { description: 'regtest bech32', chain: BITCOIN_CHAINS.regtest, input: 'bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080', canonical: 'bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080' },
    { description: 'EIP-55 checksummed', chain: 'eip155:1', input: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', canonical: '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed' },
    { description: 'EVM all upper case is not checksummed', chain: 'eip155:56', input: '0x52908400098527886E0F7030069857D2E4169EE7', canonical: '0x52908400098527886e0f7030069857d2e4169ee7' },
  ],
  invalid: [
    { description: 'base58 bad checksum', chain: BTC, input: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb', reason: 'bad base58 checksum' },
    { description: 'testnet address on mainnet', chain: BTC, input: 'mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn', reason: 'version byte 0x6f is not a Bitcoin address' },
    { description: 'bech32 mixed case', chain: BTC, input: 'bc1qW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', reason: 'mixes upper and lower case' },
    { description: 'bech32 bad checksum', chain: BTC, input: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5', reason: 'bad bech32 checksum' },
    { description: 'v1 program encoded with bech32 (BIP350 invalid vector)', chain: BTC, input: 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd', reason: 'witness version 1 must use bech32m' },
    { description: 'v0 program encoded with bech32m (BIP350 invalid vector)', chain: BTC, input: 'BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P', reason: 'a version 0 witness program must be 20 or 32 bytes' },
    { description: 'testnet bech32 on mainnet', chain: BTC, input: 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx', reason: 'prefix "tb" is not Bitcoin\'s "bc"' },
    { description: 'EVM wrong length', chain: 'eip155:1', input: '0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea', reason: 'expected 0x followed by 40 hex digits' },
    { description: 'EVM bad checksum', chain: 'eip155:1', input: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD', reason: 'bad EIP-55 checksum' },
  ],
} as const;

describe('canonicalAddress', () => {
  for (const f of fixtures.valid) {
    it(`accepts ${f.description}`, () => {
      expect(canonicalAddress(f.chain, f.input)).toBe(f.canonical);
    });
  }
  for (const f of fixtures.invalid) {
    it(`rejects ${f.description} with a typed error naming chain and reason`, () => {
      let error: unknown;
      try {
        canonicalAddress(f.chain, f.input);
      } catch (e) {
        error = e;
      }
      expect(isChaintrailError(error, 'INVALID_ADDRESS')).toBe(true);
      if (!isChaintrailError(error, 'INVALID_ADDRESS')) return;
      expect(error.meta).toMatchObject({ chain: f.chain, reason: f.reason });
      expect(error.shortMessage).toContain(f.chain);
    });
  }

  it('accepts a bad EIP-55 checksum when asked to be lenient', () => {
    expect(canonicalAddress('eip155:1', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD', { strictChecksum: false })).toBe(
      '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
    );
  });

  it('formats EIP-55 for display (EIP-55 test vectors)', () => {
    for (const a of ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359', '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB']) {
      expect(toChecksumAddress(a.toLowerCase())).toBe(a);
    }
  });
});

describe.skipIf(!hasSharedData)('canonicalAddress on the real OFAC lists', () => {
  const dir = sharedPath('labels', 'ofac-lists');
  const read = (asset: string): string[] =>
    readFileSync(`${dir}/sanctioned_addresses_${asset}.txt`, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);

  it('canonicalises every XBT address (base58 and bech32), each unique, and rejects the one that is not Bitcoin', () => {
    const list = read('XBT');
    expect(list.length).toBe(435);
    const keys: string[] = [];
    const rejected: string[] = [];
    for (const a of list) {
      try {
        keys.push(canonicalAddress(BTC, a));
      } catch (e) {
        expect(isChaintrailError(e, 'INVALID_ADDRESS')).toBe(true);
        rejected.push(a);
      }
    }
    // OFAC's XBT list carries one Tron address (T…, base58 version 0x41); it must be refused, not mangled.
    expect(rejected).toEqual(['TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq']);
    expect(new Set(keys).size).toBe(434);
    expect(keys.some((k) => k.startsWith('bc1'))).toBe(true);
    expect(keys.some((k) => k.startsWith('1') || k.startsWith('3'))).toBe(true);
  });

  it('canonicalises every EVM-chain list (ETH, USDT, USDC, BSC, ARB) and collapses case variants', () => {
    for (const asset of ['ETH', 'USDT', 'USDC', 'BSC', 'ARB']) {
      // USDT also lives on Omni (Bitcoin addresses) and Tron: only the 0x entries are EVM.
      const list = read(asset).filter((a) => a.startsWith('0x'));
      expect(list.length).toBeGreaterThan(0);
      const keys = list.map((a) => canonicalAddress('eip155:1', a));
      expect(keys.every((k) => /^0x[0-9a-f]{40}$/.test(k))).toBe(true);
      // The same addresses written upper/lower case collapse to the same key.
      const variants = list.flatMap((a) => [a, a.toLowerCase(), `0x${a.slice(2).toUpperCase()}`]);
      expect(new Set(variants.map((a) => canonicalAddress('eip155:1', a))).size).toBe(new Set(keys).size);
    }
  });

  it('canonicalises every LTC address', () => {
    const list = read('LTC');
    for (const a of list) expect(isValidAddress('bip122:12a765e31ffd4059bada1e25190f6e98', a)).toBe(true);
  });

  it('loads the JSON and TXT forms of every asset to the same set', () => {
    const assets = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice('sanctioned_addresses_'.length, -5));
    expect(assets.length).toBeGreaterThan(10);
    for (const asset of assets) {
      const json = JSON.parse(readFileSync(`${dir}/sanctioned_addresses_${asset}.json`, 'utf8')) as string[];
      expect(new Set(json)).toEqual(new Set(read(asset)));
    }
  });
});
