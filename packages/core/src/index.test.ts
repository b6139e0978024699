import { expect, it } from 'vitest';
import * as core from './index.ts';

it('pins the public export list of @chaintrail/core', () => {
  expect(Object.keys(core).sort()).toMatchInlineSnapshot(`
    [
      "BITCOIN_CHAINS",
      "BTC_DECIMALS",
      "CATEGORIES",
      "ChaintrailError",
      "ETH_DECIMALS",
      "MemoryAccountSource",
      "MemoryUtxoSource",
      "SCRIPT_HOLDER_PREFIXES",
      "UTXO_ADDRESS_FORMATS",
      "abortError",
      "accountId",
      "bitcoinChain",
      "bitcoinNetworkOf",
      "canonicalAddress",
      "compareTransfers",
      "erc20Asset",
      "erc721Asset",
      "evmChain",
      "evmChainNumber",
      "formatUnits",
      "isBitcoinChain",
      "isCategory",
      "isChaintrailError",
      "isEvmChain",
      "isNativeAsset",
      "isScriptHolder",
      "isValidAddress",
      "nativeAsset",
      "outPoint",
      "parseChainId",
      "parseOutPoint",
      "parseUnits",
      "requireMethod",
      "throwIfAborted",
      "toChecksumAddress",
      "toJson",
      "transferKey",
    ]
  `);
});
