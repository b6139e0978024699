// Public entry point of @chaintrail/core. Keep this list deliberate: index.test.ts pins it.
export { ChaintrailError, isChaintrailError, type ErrorCode, type ChaintrailErrorOptions } from './errors/ChaintrailError.ts';
export { throwIfAborted, abortError } from './errors/abort.ts';

export {
  BITCOIN_CHAINS,
  type BitcoinNetwork,
  type ChainId,
  parseChainId,
  evmChain,
  bitcoinChain,
  isBitcoinChain,
  isEvmChain,
  bitcoinNetworkOf,
  evmChainNumber,
} from './model/chain.ts';
export { type AccountId, type AssetId, accountId, nativeAsset, erc20Asset, erc721Asset, isNativeAsset } from './model/caip.ts';
export {
  canonicalAddress,
  isValidAddress,
  toChecksumAddress,
  UTXO_ADDRESS_FORMATS,
  type UtxoAddressFormat,
  type CanonicalAddressOptions,
} from './model/address.ts';
export { type Amount, BTC_DECIMALS, ETH_DECIMALS, parseUnits, formatUnits } from './model/amount.ts';
export { toJson } from './model/json.ts';
export {
  type HolderId,
  type ScriptType,
  type UtxoBlockRef,
  type UtxoInput,
  type UtxoOutput,
  type CoinbaseData,
  type UtxoTransaction,
  type AccountBlockRef,
  type TransferKind,
  type TransferStatus,
  type AccountTransfer,
  type OutPoint,
  SCRIPT_HOLDER_PREFIXES,
  isScriptHolder,
  outPoint,
  parseOutPoint,
} from './model/transaction.ts';

export type {
  DataSource,
  UtxoDataSource,
  AccountDataSource,
  ReadParameters,
  Page,
  PageParameters,
  BlockRangeParameters,
  AddressTransfersParameters,
  Outspend,
  UtxoBlock,
  AccountBlock,
} from './source/DataSource.ts';
export type { Progress, ProgressListener } from './source/progress.ts';
export { requireMethod } from './source/require.ts';
export { MemoryUtxoSource, type MemoryUtxoSourceParameters } from './source/MemoryUtxoSource.ts';
export { MemoryAccountSource, compareTransfers, transferKey } from './source/MemoryAccountSource.ts';
export { CATEGORIES, type Category, isCategory, type Label, type LabelLookup } from './labels/types.ts';

export { createTransactionGraph } from './graph/createTransactionGraph.ts';
export { addUtxoTransaction } from './graph/addUtxoTransaction.ts';
export { addAccountTransfer } from './graph/addAccountTransfer.ts';
export { holderNode, txNode } from './graph/keys.ts';
export { utxoTransactionsOf, accountTransfersOf } from './graph/transactionsOf.ts';
export type {
  TransactionGraph,
  NodeAttributes,
  HolderNodeAttributes,
  TxNodeAttributes,
  EdgeAttributes,
  InputEdgeAttributes,
  OutputEdgeAttributes,
  TransferEdgeAttributes,
} from './graph/types.ts';

export { cluster, type ClusterOptions, type ClusterSource } from './cluster/cluster.ts';
export {
  Clustering,
  type ClusterId,
  type SuspectMerge,
  type ClusteringStats,
  type ClusteringSummary,
} from './cluster/Clustering.ts';
export type { Merge } from './cluster/MergeLog.ts';
export { UnionFind } from './cluster/UnionFind.ts';
export { HolderIndex, type HolderNames } from './cluster/HolderIndex.ts';
export { clusterCompact, type CompactTransactions, type ClusterCompactParameters } from './cluster/clusterCompact.ts';
export { changeContext } from './cluster/changeContext.ts';
export { HEURISTICS, isHeuristicName, type HeuristicName, type Link } from './cluster/heuristics/types.ts';
export { commonInputHolders } from './cluster/heuristics/commonInput.ts';
export { detectCoinJoin, type DetectCoinJoinParameters } from './cluster/heuristics/coinjoin/detectCoinJoin.ts';
export { COINJOIN_KINDS, type CoinJoinKind, type CoinJoinVerdict } from './cluster/heuristics/coinjoin/types.ts';
export { detectChange, type ChangeOptions, type ChangeDetection } from './cluster/heuristics/change/detectChange.ts';
export { conservativeConsensus, type ChangeConsensus, type ChangeDecision } from './cluster/heuristics/change/consensus.ts';
export {
  CHANGE_SIGNALS,
  type ChangeSignalName,
  type ChangeVote,
  type ChangeContext,
} from './cluster/heuristics/change/types.ts';
export {
  depositAddressLinks,
  type DepositAddressOptions,
  type DepositAddress,
  type ExchangeWallets,
} from './cluster/heuristics/depositAddress.ts';
