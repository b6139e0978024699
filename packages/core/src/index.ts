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

export { toGexf, type ToGexfParameters } from './export/toGexf.ts';
export { toGraphologyJson, type ToGraphologyJsonParameters } from './export/toGraphologyJson.ts';
export { edgesToCsv, type EdgesToCsvParameters } from './export/edgesToCsv.ts';
export { transfersToJsonl, type TransfersToJsonlParameters } from './export/transfersToJsonl.ts';
export { flattenAttributes, type FlatValue } from './export/flattenAttributes.ts';
