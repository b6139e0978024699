import { EvmRpcSource } from '@chaintrail/adapters';
import { type AccountTransfer, MemoryAccountSource, type ProgressListener } from '@chaintrail/core';
import type { DemoScenario } from './scenario.ts';

export interface IngestDemoChainParameters {
  readonly rpcUrl: string;
  readonly scenario: DemoScenario;
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressListener;
}

export interface IngestedDemoChain {
  readonly source: MemoryAccountSource;
  /** Every value movement of the story's blocks, internal transfers (from call traces) included. */
  readonly transfers: readonly AccountTransfer[];
  /** The node's trace format (anvil answers geth's callTracer and Parity's trace_block). */
  readonly traceFormat: string | null;
}

/**
 * Reads the story's blocks back from the node through chaintrail's EVM JSON-RPC source, exactly as a real chain
 * would be read (receipts, call traces for the splitter's and forwarders' internal transfers), into memory.
 *
 * @example
 * const { source, transfers } = await ingestDemoChain({ rpcUrl: anvil.url, scenario });
 */
export async function ingestDemoChain(parameters: IngestDemoChainParameters): Promise<IngestedDemoChain> {
  const { scenario, signal, onProgress } = parameters;
  const rpc = await EvmRpcSource.connect({ url: parameters.rpcUrl, chainId: scenario.chainNumber, confirmations: 0, ...(signal ? { signal } : {}) });
  const transfers: AccountTransfer[] = [];
  for await (const block of rpc.getBlocks({
    from: scenario.fromBlock,
    to: scenario.toBlock,
    ...(signal ? { signal } : {}),
    ...(onProgress ? { onProgress } : {}),
  })) {
    transfers.push(...block.transfers);
  }
  const traceFormat = await rpc.traceFormat({ ...(signal ? { signal } : {}) });
  return { source: new MemoryAccountSource({ chain: scenario.chain, transfers }), transfers, traceFormat };
}
