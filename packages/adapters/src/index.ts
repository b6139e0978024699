// Public entry point of @chaintrail/adapters. Keep this list deliberate: index.test.ts pins it.
export { HttpClient, type HttpClientParameters, type HttpRequest, type HttpResponse, type RetryInfo } from './http/HttpClient.ts';
export { JsonRpcClient, type JsonRpcClientParameters, type JsonRpcCall } from './http/JsonRpcClient.ts';

// Bitcoin: script classification and addresses, raw blocks, prevouts.
export { bitcoinNetwork, BITCOIN_NETWORKS, type BitcoinNetworkParams } from './bitcoin/network.ts';
export { classifyScript, p2pkAlias, type ScriptHolder, type ClassifyScriptParameters } from './bitcoin/script.ts';
export {
  parseBlock,
  parseTransaction,
  merkleRoot,
  bip34Height,
  type BitcoinBlock,
  type BitcoinBlockHeader,
  type BitcoinOutput,
  type ParseBlockParameters,
} from './bitcoin/block.ts';
export { splitBlockFile, type BlockFileFormat, type SplitBlockFileParameters, type SplitBlockFileResult } from './bitcoin/blockFile.ts';
export {
  type Prevout,
  type PrevoutSource,
  type GetPrevoutsParameters,
  MemoryPrevoutSource,
  DataSourcePrevoutSource,
  loadPrevoutsFile,
  chainPrevoutSources,
  valueTransaction,
} from './bitcoin/prevouts.ts';
export { loadBlockFiles, readBlockFiles, type LoadBlockFilesParameters } from './bitcoin/loadBlockFiles.ts';
export { openBlockFiles } from './bitcoin/openBlockFiles.ts';

export { BitcoinCoreSource, type BitcoinCoreSourceParameters, type BitcoinRpcBlock } from './bitcoin/rpc/BitcoinCoreSource.ts';
export { ResponseCache, type ResponseCacheParameters, type Loaded } from './cache/ResponseCache.ts';
export { parseJsonLossless, decimalText } from './http/losslessJson.ts';
export { EsploraSource, type EsploraSourceParameters } from './bitcoin/esplora/EsploraSource.ts';
// EVM

// EVM
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

// Blockchain-ETL / BigQuery exports
export { lastEtlRow, readEtlRecords, readEtlRows, type EtlRecord, type EtlRow, type ReadRowsParameters } from './etl/readRows.ts';
export { bitcoinEtlTransaction, readBitcoinEtl, type BitcoinEtlParameters } from './etl/bitcoinEtl.ts';
export { readEthereumEtl, type EthereumEtlMissing, type EthereumEtlParameters, type EtlFiles } from './etl/ethereumEtl.ts';
export { EthereumEtlSource, type EthereumEtlSourceParameters } from './etl/EthereumEtlSource.ts';
