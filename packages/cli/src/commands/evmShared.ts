import { EvmRpcSource, readTokenMetadata, type Degradation, type TokenMetadata, type TraceMode } from '@chaintrail/adapters';
import type { AccountTransfer } from '@chaintrail/core';
import { integerOption, stringOption, UsageError, type CommandIO, type OptionsConfig, type ParsedArgs } from '../command.ts';

/** Options shared by the commands that read an EVM node. */
export const RPC_OPTIONS = {
  rpc: { type: 'string' },
  traces: { type: 'string' },
  strict: { type: 'boolean' },
  'chain-id': { type: 'string' },
  confirmations: { type: 'string' },
  concurrency: { type: 'string' },
  'batch-size': { type: 'string' },
  retries: { type: 'string' },
  'timeout-ms': { type: 'string' },
  'token-metadata': { type: 'boolean' },
} as const satisfies OptionsConfig;

const TRACE_MODES: readonly TraceMode[] = ['auto', 'geth', 'parity', 'none'];

/** Makes the RPC source from the command's options; degradations are counted for `reportDegradations`. */
export async function rpcSourceFromArgs(args: ParsedArgs, io: CommandIO): Promise<{ source: EvmRpcSource; degraded: Degradation[] }> {
  const url = stringOption(args, 'rpc', true);
  const traces = (stringOption(args, 'traces') ?? 'auto') as TraceMode;
  if (!TRACE_MODES.includes(traces)) throw new UsageError(`--traces must be one of ${TRACE_MODES.join('|')}, got "${traces}"`);
  const chainId = integerOption(args, 'chain-id');
  const confirmations = integerOption(args, 'confirmations');
  const concurrency = integerOption(args, 'concurrency');
  if (concurrency === 0) throw new UsageError('--concurrency must be at least 1');
  const batchSize = integerOption(args, 'batch-size');
  if (batchSize === 0) throw new UsageError('--batch-size must be at least 1 (1 for nodes that refuse batches)');
  const retries = integerOption(args, 'retries');
  const timeoutMs = integerOption(args, 'timeout-ms');
  const degraded: Degradation[] = [];
  const source = await EvmRpcSource.connect({
    url,
    traces,
    strict: args.values.strict === true,
    onDegraded: (d) => degraded.push(d),
    signal: io.signal,
    ...(chainId !== undefined ? { chainId } : {}),
    ...(confirmations !== undefined ? { confirmations } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(batchSize !== undefined ? { batchSize } : {}),
    ...(retries !== undefined ? { retries } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  });
  return { source, degraded };
}

/** Says on stderr what the node could not give and how many transactions it touched. */
export function reportDegradations(io: CommandIO, name: string, source: EvmRpcSource): void {
  const d = source.degradations;
  const parts: string[] = [];
  if (d.traces > 0) parts.push(`internal transfers unknown for ${d.traces} contract transaction(s)`);
  if (d.receipts > 0) parts.push(`status unknown and fee missing for ${d.receipts} transaction(s) without a receipt`);
  if (d.status > 0) parts.push(`status unknown for ${d.status} pre-Byzantium transaction(s)`);
  if (parts.length === 0 && d.reasons.size === 0) return;
  io.stderr.write(`chaintrail ${name}: degraded: ${parts.join('; ') || 'no call traces'} (${[...d.reasons].join('; ')}); --strict makes this an error\n`);
}

/** Adds `token: { symbol, decimals }` to token and nft lines, read once per contract. */
export function tokenAnnotator(source: EvmRpcSource, io: CommandIO): (t: AccountTransfer) => Promise<unknown> {
  const cache = new Map<string, Promise<TokenMetadata>>();
  return async (t) => {
    if (t.kind !== 'token' && t.kind !== 'nft') return t;
    const contract = t.asset.slice(t.asset.lastIndexOf(':') + 1);
    let meta = cache.get(contract);
    if (!meta) {
      meta = readTokenMetadata({ rpc: source.rpc, contract, signal: io.signal });
      cache.set(contract, meta);
    }
    const { symbol, decimals } = await meta;
    return { ...t, token: { symbol, decimals } };
  };
}
