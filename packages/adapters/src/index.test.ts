import { expect, it } from 'vitest';
import * as adapters from './index.ts';

it('pins the public export list of @chaintrail/adapters', () => {
  expect(Object.keys(adapters).sort()).toEqual(
    [
      'BITCOIN_NETWORKS',
      'DataSourcePrevoutSource',
      'HttpClient',
      'JsonRpcClient',
      'MemoryPrevoutSource',
      'bip34Height',
      'bitcoinEtlTransaction',
      'readBitcoinEtl',
      'readEtlRows',
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
    ].sort(),
  );
});
