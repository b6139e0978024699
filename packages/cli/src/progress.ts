import type { Progress, ProgressListener } from '@chaintrail/core';
import type { CommandIO } from './command.ts';

export interface ProgressReporterParameters {
  readonly io: CommandIO;
  /** `--quiet`: draw nothing. */
  readonly quiet?: boolean;
  /** Shown before the figures, e.g. `ingest`. */
  readonly label: string;
  /** Least time between two redraws (default 100 ms). */
  readonly intervalMs?: number;
}

export interface ProgressReporter {
  /** The listener to hand to a long job's `onProgress`. */
  readonly onProgress: ProgressListener;
  /** Ends the progress line (call once, on success or failure). */
  finish(): void;
}

/**
 * A one-line progress display on stderr for long jobs (`ingest 120/500 blocks`), redrawn at most every 100 ms.
 * Silent when stderr is not a terminal (logs and pipes stay clean) or with `--quiet`.
 *
 * @example
 * const progress = createProgressReporter({ io, quiet: Boolean(args.values.quiet), label: 'ingest' })
 * for await (const block of source.getBlocks({ from, to, onProgress: progress.onProgress })) …
 * progress.finish()
 */
export function createProgressReporter(params: ProgressReporterParameters): ProgressReporter {
  const active = params.io.interactive && !params.quiet;
  const interval = params.intervalMs ?? 100;
  let last = 0;
  let drawn = false;
  let latest: Progress | undefined;
  const draw = (p: Progress): void => {
    const total = p.total !== undefined ? `/${p.total}` : '';
    params.io.stderr.write(`\r${params.label} ${p.phase}: ${p.done}${total} ${p.unit}${p.done === 1 ? '' : 's'}\u001b[K`);
    drawn = true;
  };
  return {
    onProgress: (p) => {
      if (!active) return;
      latest = p;
      const now = Date.now();
      if (now - last >= interval || p.done === p.total) {
        last = now;
        draw(p);
      }
    },
    finish: () => {
      if (!active) return;
      if (latest) draw(latest);
      if (drawn) params.io.stderr.write('\n');
    },
  };
}
