import { expect, it } from 'vitest';
import * as adapters from './index.ts';

it('pins the public export list of @chaintrail/adapters', () => {
  expect(Object.keys(adapters).sort()).toEqual(['EXPLORER_ACTIONS', 'EtherscanSource', 'EvmRpcSource', 'HttpClient', 'JsonRpcClient', 'TRANSFER_TOPIC', 'anvilBinaryPath', 'decodeTransferLogs', 'flattenGethCallTrace', 'parseGethBlockTraces', 'parseParityTraces', 'readTokenMetadata', 'startAnvil']);
});
