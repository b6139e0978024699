import { ChaintrailError } from './ChaintrailError.ts';

/**
 * Throws an `ABORTED` ChaintrailError when the signal has fired. Long loops call it between steps.
 *
 * @example
 * for (const block of blocks) { throwIfAborted(signal); ingest(block) }
 */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}

/** The ChaintrailError for a fired signal, keeping the signal's reason as the cause. */
export function abortError(signal: AbortSignal): ChaintrailError<'ABORTED'> {
  return new ChaintrailError('ABORTED', 'The operation was aborted.', { cause: signal.reason });
}
