/** One measured figure, printed as one JSON line so figures can be tracked over time. */
export interface Figure {
  readonly bench: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  /** The baseline this figure is compared with, where there is one. */
  readonly vs?: string;
  /** value / baseline value. */
  readonly ratio?: number;
}

/** Prints a figure as one JSON line on stdout. */
export function report(figure: Figure): void {
  process.stdout.write(`${JSON.stringify(figure)}\n`);
}

/** Runs `fn` until `minMs` have passed (at least `minRuns` times) and returns runs and elapsed nanoseconds. */
export function measure(fn: () => void, { minMs = 1000, minRuns = 3 } = {}): { runs: number; ns: bigint } {
  fn(); // warm-up
  let runs = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (runs < minRuns || elapsed < BigInt(minMs) * 1_000_000n) {
    fn();
    runs++;
    elapsed = process.hrtime.bigint() - start;
  }
  return { runs, ns: elapsed };
}

/** Percentile (0-100) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}
