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
