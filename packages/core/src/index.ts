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
  Neighbourhood,
  NeighbourhoodEntry,
  NeighbourhoodExpander,
  NeighbourhoodParameters,
} from './source/DataSource.ts';
export { expandNeighbourhood, DEFAULT_NEIGHBOURHOOD_MAX_DEGREE, type ExpandNeighbourhoodParameters } from './source/expandNeighbourhood.ts';
export { walkNeighbourhood, type WalkNeighbourhoodParameters } from './source/walkNeighbourhood.ts';
export type { Progress, ProgressListener } from './source/progress.ts';
export { requireMethod } from './source/require.ts';
export { MemoryUtxoSource, type MemoryUtxoSourceParameters } from './source/MemoryUtxoSource.ts';
export { MemoryAccountSource, compareTransfers, transferKey } from './source/MemoryAccountSource.ts';

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
export { CATEGORIES, type Category, isCategory, type Label, type LabelLookup, type DerivedExplanation } from './labels/types.ts';
export { LABEL_CHAINS, ASSET_CHAINS, routeAddress, type RoutedAddress } from './labels/chains.ts';
export { CATEGORY_MAP, mapCategory, pickCategory } from './labels/taxonomy.ts';
export { LabelStore, type LabelConflict, type LabelStoreStats } from './labels/LabelStore.ts';
export type { LoadIssue, LoadResult, LoaderParameters } from './labels/loaders/types.ts';
export { LABEL_FORMATS, type LabelFormat, detectFormat } from './labels/loaders/detectFormat.ts';
export { loadOfacList, type LoadOfacListParameters } from './labels/loaders/loadOfacList.ts';
export { loadOfacSdn, SDN_REMARKS_LIMIT, type LoadOfacSdnParameters } from './labels/loaders/loadOfacSdn.ts';
export { loadPools, poolSet, type MiningPool, type PoolSet, type LoadPoolsResult } from './labels/loaders/loadPools.ts';
export { loadTagPack, loadActorPack, TAGPACK_CONFIDENCE, type Actor, type LoadTagPackParameters } from './labels/loaders/loadTagPack.ts';
export { loadEtherscan, ETHERSCAN_CONFIDENCE } from './labels/loaders/loadEtherscan.ts';
export { loadUserList, type LoadUserListParameters } from './labels/loaders/loadUserList.ts';
export {
  loadLabelFiles,
  type LoadLabelFilesParameters,
  type LoadLabelFilesResult,
  type LoadedFile,
} from './labels/loadLabelFiles.ts';
export {
  attributeCoinbase,
  type AttributeCoinbaseParameters,
  type CoinbaseAttribution,
  type PoolMatch,
  type PoolRule,
} from './labels/attributeCoinbase.ts';
export {
  clusterEntities,
  type ClusterMembers,
  type ClusterEntity,
  type ClusterEntitiesParameters,
  type EntityCandidate,
} from './labels/clusterEntities.ts';
export { type Share, parseShare, addShares, compareShares, formatShare, HALF } from './labels/ownership/share.ts';
export {
  EntityRegistry,
  type Entity,
  type Designation,
  type Ownership,
  type Control,
  type AddEntityParameters,
  type AddOwnershipParameters,
} from './labels/ownership/EntityRegistry.ts';
export {
  deriveBlocked,
  blockedLabels,
  type EntityStatus,
  type EntityStatusKind,
  type DeriveBlockedParameters,
} from './labels/ownership/deriveBlocked.ts';

export { trace, DEFAULT_STOP_AT } from './trace/trace.ts';
export { apportion, type ApportionParameters } from './trace/apportion.ts';
export { taintPolicy } from './trace/policies/index.ts';
export { poison } from './trace/policies/poison.ts';
export { haircut } from './trace/policies/haircut.ts';
export { fifo } from './trace/policies/fifo.ts';
export {
  TAINT_POLICIES,
  type TaintPolicy,
  type TaintPolicyName,
  type TaintPool,
  type StepInput,
  type ForwardStepParameters,
  type ForwardStepResult,
  type BackwardStepParameters,
  type BackwardStepResult,
} from './trace/policies/types.ts';
export type {
  ClusterLookup,
  TraceSeed,
  TraceBound,
  TraceBudget,
  TraceParameters,
  TraceResult,
  FrontierEntry,
  FrontierStatus,
  LabelEvidence,
  ReachedEntity,
  PathHop,
  TracePath,
  TraceTotals,
  TraceTruncation,
} from './trace/types.ts';

export { AddressInterner } from './index/AddressInterner.ts';
export { CompactGraph, CompactGraphBuilder, type CompactEdge } from './index/CompactGraph.ts';
export { compactIndexFromGraph, type CompactIndexFromGraphParameters } from './index/compactIndexFromGraph.ts';
export {
  walkCompact,
  type WalkCompactParameters,
  type WalkCompactResult,
  type CompactClassifier,
  type CompactStep,
} from './index/walkCompact.ts';
export {
  screen,
  type ScreenRequest,
  type ScreenOptions,
  type ScreenResult,
  type ScreenEvidence,
  type ScreenHop,
  type Exposure,
} from './screen/screen.ts';
export {
  DEFAULT_RULES,
  RISK_LEVELS,
  parseRules,
  type RiskLevel,
  type ExposureKind,
  type ScreenRule,
  type ScreenRules,
} from './screen/rules.ts';
export { sourceFromGraph } from './trace/graphSource.ts';
export { toGexf, type ToGexfParameters } from './export/toGexf.ts';
export { toGraphologyJson, type ToGraphologyJsonParameters } from './export/toGraphologyJson.ts';
export { edgesToCsv, type EdgesToCsvParameters } from './export/edgesToCsv.ts';
export { transfersToJsonl, type TransfersToJsonlParameters } from './export/transfersToJsonl.ts';
export { flattenAttributes, type FlatValue } from './export/flattenAttributes.ts';
