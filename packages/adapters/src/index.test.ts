import { expect, it } from 'vitest';
import * as adapters from './index.ts';

it('pins the public export list of @chaintrail/adapters', () => {
  expect(Object.keys(adapters).sort()).toEqual(
    [
      'BITCOIN_NETWORKS',
      'BitcoinCoreSource',
      'EsploraSource',
      'EvmRpcSource',
      'ResponseCache',
      'decimalText',
      'parseJsonLossless',
      'parseTransaction',
      'DataSourcePrevoutSource',
      'HttpClient',
      'JsonRpcClient',
      'MemoryPrevoutSource',
      'bip34Height',
      'bitcoinNetwork',
      'chainPrevoutSources',
      'classifyScript',
      'loadBlockFiles',
      'loadPrevoutsFile',
      'merkleRoot',
      'p2pkAlias',
      'parseBlock',
      'splitBlockFile',
      'valueTransaction',
      'anvilBinaryPath',
      'startAnvil',
      'EtherscanSource',
      'EXPLORER_ACTIONS',
      'readTokenMetadata',
      'decodeTransferLogs',
      'TRANSFER_TOPIC',
      'parseGethBlockTraces',
      'flattenGethCallTrace',
      'parseParityTraces',
    ].sort(),
  );
});
