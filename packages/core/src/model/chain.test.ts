import { describe, expect, it } from 'vitest';
import { isChaintrailError } from '../errors/ChaintrailError.ts';
import { accountId, erc20Asset, nativeAsset } from './caip.ts';
import { BITCOIN_CHAINS, bitcoinNetworkOf, evmChain, evmChainNumber, parseChainId } from './chain.ts';

describe('chain ids (CAIP-2/10/19)', () => {
  it('maps aliases to CAIP-2 and keeps CAIP-2 ids', () => {
    expect(parseChainId('btc')).toBe('bip122:000000000019d6689c085ae165831e93');
    expect(parseChainId('ETH')).toBe('eip155:1');
    expect(parseChainId('eip155:56')).toBe('eip155:56');
    expect(evmChain(137n)).toBe('eip155:137');
    expect(evmChainNumber('eip155:42161')).toBe(42161);
    expect(bitcoinNetworkOf(BITCOIN_CHAINS.regtest)).toBe('regtest');
  });

  it('rejects malformed ids with INVALID_CHAIN', () => {
    for (const bad of ['', 'bitcoin-mainnet', 'eip155:0x1', 'eip155:01', 'x:y']) {
      let error: unknown;
      try {
        parseChainId(bad);
      } catch (e) {
        error = e;
      }
      expect(isChaintrailError(error, 'INVALID_CHAIN'), bad).toBe(true);
    }
  });

  it('builds CAIP-10 accounts and CAIP-19 assets', () => {
    expect(accountId('eip155:1', '0xab')).toBe('eip155:1:0xab');
    expect(nativeAsset(BITCOIN_CHAINS.mainnet)).toBe('bip122:000000000019d6689c085ae165831e93/slip44:0');
    expect(nativeAsset('eip155:1')).toBe('eip155:1/slip44:60');
    expect(erc20Asset('eip155:1', '0xDAC17F958D2ee523a2206206994597C13D831ec7')).toBe(
      'eip155:1/erc20:0xdac17f958d2ee523a2206206994597c13d831ec7',
    );
  });
});
