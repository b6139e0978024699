/** A long job's progress: `done` of `total` units (blocks, transactions, nodes…). `total` is absent when unknown. */
export interface Progress {
  readonly phase: string;
  readonly done: number;
  readonly total?: number;
  readonly unit: string;
}

/** Called as a long job advances. Must be cheap: it is called often. */
export type ProgressListener = (progress: Progress) => void;
