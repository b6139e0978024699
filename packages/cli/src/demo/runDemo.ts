import { type ProgressListener, throwIfAborted } from '@chaintrail/core';
import { startAnvil } from '@chaintrail/adapters';
import { DEMO_ANVIL, type DemoScenario, playDemoScenario } from './scenario.ts';

export interface RunDemoParameters {
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressListener;
  /** One line of narration for the user (stderr). */
  readonly log?: (line: string) => void;
}

export interface DemoResult {
  readonly scenario: DemoScenario;
}

/**
 * The demo end to end: a local anvil chain, the sanctions-evasion story played on it with real signed transactions,
 * then (as the pieces exist) ingestion, clustering, labels, a forward trace and screening. anvil is stopped at the
 * end, also on failure or abort.
 *
 * @example
 * const result = await runDemo({ log: (l) => process.stderr.write(`${l}\n`) });
 */
export async function runDemo(parameters: RunDemoParameters = {}): Promise<DemoResult> {
  const { signal, onProgress } = parameters;
  const log = parameters.log ?? (() => {});
  log('starting a local EVM chain (anvil)…');
  const anvil = await startAnvil({ ...DEMO_ANVIL, ...(signal ? { signal } : {}) });
  try {
    log(`anvil listening on ${anvil.url}; playing the scenario with signed transactions…`);
    const scenario = await playDemoScenario({ rpcUrl: anvil.url, ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}) });
    throwIfAborted(signal);
    return { scenario };
  } finally {
    await anvil.stop();
  }
}
