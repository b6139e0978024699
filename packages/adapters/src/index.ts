// Public entry point of @chaintrail/adapters. Keep this list deliberate: index.test.ts pins it.
export { HttpClient, type HttpClientParameters, type HttpRequest, type HttpResponse, type RetryInfo } from './http/HttpClient.ts';
export { JsonRpcClient, type JsonRpcClientParameters, type JsonRpcCall } from './http/JsonRpcClient.ts';

// Bitcoin: script classification and addresses, raw blocks, prevouts.
export { bitcoinNetwork, BITCOIN_NETWORKS, type BitcoinNetworkParams } from './bitcoin/network.ts';
export { classifyScript, p2pkAlias, type ScriptHolder, type ClassifyScriptParameters } from './bitcoin/script.ts';
export {
  parseBlock,
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
export { loadBlockFiles, type LoadBlockFilesParameters } from './bitcoin/loadBlockFiles.ts';

// EVM
export { startAnvil, anvilBinaryPath, type StartAnvilParameters, type AnvilNode, type AnvilAccount } from './evm/anvil.ts';

// Blockchain-ETL / BigQuery exports
export { readEtlRows, type EtlRow, type ReadRowsParameters } from './etl/readRows.ts';
export { bitcoinEtlTransaction, readBitcoinEtl, type BitcoinEtlParameters } from './etl/bitcoinEtl.ts';
