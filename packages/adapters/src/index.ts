// Public entry point of @chaintrail/adapters. Keep this list deliberate: index.test.ts pins it.
export { HttpClient, type HttpClientParameters, type HttpRequest, type HttpResponse, type RetryInfo } from './http/HttpClient.ts';
export { JsonRpcClient, type JsonRpcClientParameters, type JsonRpcCall } from './http/JsonRpcClient.ts';
export { startAnvil, anvilBinaryPath, type StartAnvilParameters, type AnvilNode, type AnvilAccount } from './evm/anvil.ts';
export {
  EvmRpcSource,
  type EvmRpcSourceParameters,
  type TraceMode,
  type Degradation,
} from './evm/rpc/EvmRpcSource.ts';
export { EtherscanSource, EXPLORER_ACTIONS, type EtherscanSourceParameters, type ExplorerAction } from './evm/explorer/EtherscanSource.ts';
export { readTokenMetadata, type TokenMetadata } from './evm/tokens/tokenMetadata.ts';
export { decodeTransferLogs, TRANSFER_TOPIC, type TransferLog } from './evm/tokens/transferLogs.ts';
export { parseGethBlockTraces, flattenGethCallTrace } from './evm/traces/geth.ts';
export { parseParityTraces, type ParityTraces } from './evm/traces/parity.ts';
export type { ValueFrame, RewardTrace, TraceFormat } from './evm/traces/types.ts';
