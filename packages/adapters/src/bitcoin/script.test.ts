import { address as btcAddress, networks } from 'bitcoinjs-lib';
import { describe, expect, it } from 'vitest';
import { bitcoinNetwork } from './network.ts';
import { classifyScript, p2pkAlias } from './script.ts';

const mainnet = bitcoinNetwork('mainnet');
const GENESIS_KEY =
  '04678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5f';
const KEY33 = '0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798';

// { valid, invalid } tables in the style of bitcoinjs-lib's fixtures. Addresses are BIP173/BIP350 test vectors and the
// genesis block's key, so the expectations come from outside this code.
const valid: { description: string; script: string; network?: 'testnet' | 'regtest'; type: string; holder: string; alias?: string }[] = [
  { description: 'p2pkh (genesis key hash)', script: '76a91462e907b15cbf27d5425399ebf6f0fb50ebb88f1888ac', type: 'p2pkh', holder: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa' },
  { description: 'p2wpkh (BIP173)', script: '0014751e76e8199196d454941c45d1b3a323f1433bd6', type: 'p2wpkh', holder: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4' },
  { description: 'p2wpkh on testnet (BIP173)', script: '0014751e76e8199196d454941c45d1b3a323f1433bd6', network: 'testnet', type: 'p2wpkh', holder: 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx' },
  {
    description: 'p2wsh (BIP173)',
    script: '00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262',
    type: 'p2wsh',
    holder: 'bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3',
  },
  {
    description: 'p2tr, bech32m without ECC (BIP350)',
    script: '512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798',
    type: 'p2tr',
    holder: 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
  },
  { description: 'witness v16, 2-byte program (BIP350)', script: '6002751e', type: 'witness_unknown', holder: 'bc1sw50qgdz25j' },
  {
    description: 'witness v1 with a 40-byte program is not p2tr (BIP350)',
    script: '5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6',
    type: 'witness_unknown',
    holder: 'bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y',
  },
  {
    description: 'p2pk, uncompressed (genesis coinbase), with its p2pkh alias',
    script: `41${GENESIS_KEY}ac`,
    type: 'p2pk',
    holder: `p2pk:${GENESIS_KEY}`,
    alias: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
  },
  {
    description: 'bare 1-of-2 multisig',
    script: `5121${KEY33}41${GENESIS_KEY}52ae`,
    type: 'multisig',
    holder: 'multisig:',
  },
  { description: 'OP_RETURN with a push', script: '6a0b68656c6c6f20776f726c64', type: 'nulldata', holder: 'nulldata:' },
  { description: 'bare OP_RETURN', script: '6a', type: 'nulldata', holder: 'nulldata:' },
  { description: 'empty script', script: '', type: 'nonstandard', holder: 'script:' },
  { description: 'witness v0 with a 25-byte program cannot be spent', script: `0019${'11'.repeat(25)}`, type: 'nonstandard', holder: 'script:' },
  { description: 'OP_RETURN followed by a non-push', script: '6aac', type: 'nonstandard', holder: 'script:' },
  { description: 'p2pk with a bad key prefix', script: `21${'05'.repeat(33)}ac`, type: 'nonstandard', holder: 'script:' },
  { description: 'multisig claiming 3 keys with 2', script: `5121${KEY33}21${KEY33}53ae`, type: 'nonstandard', holder: 'script:' },
];

describe('classifyScript', () => {
  for (const c of valid) {
    it(c.description, () => {
      const network = bitcoinNetwork(c.network ?? 'mainnet');
      const got = classifyScript({ script: Buffer.from(c.script, 'hex'), network });
      expect(got.scriptType).toBe(c.type);
      if (c.holder.endsWith(':')) {
        expect(got.holder).toMatch(new RegExp(`^${c.holder}[0-9a-f]{64}$`));
      } else {
        expect(got.holder).toBe(c.holder);
      }
      expect(got.alias).toBe(c.alias);
    });
  }

  it('gives the same address as bitcoinjs-lib for base58 and segwit addresses on every network', () => {
    const cases = [
      ['3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', networks.bitcoin, 'mainnet'],
      ['1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', networks.bitcoin, 'mainnet'],
      ['mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn', networks.testnet, 'testnet'],
      ['2MzQwSSnBHWHqSAqtTVQ6v47XtaisrJa1Vc', networks.testnet, 'testnet'],
      ['bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080', networks.regtest, 'regtest'],
    ] as const;
    for (const [addr, net, name] of cases) {
      const script = btcAddress.toOutputScript(addr, net);
      expect(classifyScript({ script, network: bitcoinNetwork(name) }).holder).toBe(addr);
    }
  });

  it('ids of scripts without an address are stable and differ by script', () => {
    const a = classifyScript({ script: Buffer.from('6a01aa', 'hex'), network: mainnet }).holder;
    expect(classifyScript({ script: Buffer.from('6a01aa', 'hex'), network: mainnet }).holder).toBe(a);
    expect(classifyScript({ script: Buffer.from('6a01ab', 'hex'), network: mainnet }).holder).not.toBe(a);
  });
});

describe('p2pkAlias', () => {
  it('derives the p2pkh address of a p2pk holder id and nothing for others', () => {
    expect(p2pkAlias({ holder: `p2pk:${GENESIS_KEY}`, network: mainnet })).toBe('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa');
    expect(p2pkAlias({ holder: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', network: mainnet })).toBeUndefined();
  });
});
