/** The taint policies chaintrail implements. */
export type TaintPolicyName = 'poison' | 'haircut' | 'fifo';

export const TAINT_POLICIES: readonly TaintPolicyName[] = ['poison', 'haircut', 'fifo'];

/** An input of one mixing step: its value and how much of it is tainted (both base units, taint ≤ value). */
export interface StepInput {
  readonly value: bigint;
  readonly taint: bigint;
}

export interface ForwardStepParameters {
  /** Inputs in transaction order. */
  readonly inputs: readonly StepInput[];
  /** Output values in transaction order. */
  readonly outputs: readonly bigint[];
  /** Inputs minus outputs. */
  readonly fee: bigint;
}

/**
 * Where a step's taint went. Conservation: `Σ input taint + absorbed = Σ outputs + fee`, to the unit.
 * `absorbed` is clean value a policy declares tainted (poison only; 0 for haircut and FIFO).
 */
export interface ForwardStepResult {
  readonly outputs: bigint[];
  readonly fee: bigint;
  readonly absorbed: bigint;
}

export interface BackwardStepParameters {
  /** Input values in transaction order. */
  readonly inputs: readonly bigint[];
  /** Output values in transaction order. */
  readonly outputs: readonly bigint[];
  readonly fee: bigint;
  /** How much of each output is being traced back (≤ its value; 0 for outputs not traced). */
  readonly amounts: readonly bigint[];
}

/** Which inputs funded the traced amounts. Conservation: `Σ amounts + absorbed = Σ inputs`. */
export interface BackwardStepResult {
  readonly inputs: bigint[];
  readonly absorbed: bigint;
}

/** One lot in an account's pool: an inflow (or what is left of it). `tag` names the inflow for backward tracing. */
export interface PoolLot {
  amount: bigint;
  taint: bigint;
  readonly tag: number;
}

/** What an outflow took from an account's pool: its taint, and which inflow lots (by tag) funded how much of it. */
export interface PoolOutflow {
  readonly taint: bigint;
  readonly absorbed: bigint;
  readonly funding: readonly { readonly tag: number; readonly amount: bigint }[];
}

/**
 * An account's running balance under a policy (account chains): inflows and outflows in chain order
 * (block, transaction index, trace/log position). Value spent beyond what the pool holds is taken as clean value
 * the account held before the trace's window (tag -1).
 */
export interface TaintPool {
  readonly balance: bigint;
  readonly taint: bigint;
  inflow(amount: bigint, taint: bigint, tag: number): void;
  outflow(amount: bigint): PoolOutflow;
}

/** A taint policy: how one transaction (UTXO) or one account (account chains) passes taint on. */
export interface TaintPolicy {
  readonly name: TaintPolicyName;
  /** Where the policy comes from. */
  readonly source: string;
  /** Spreads the inputs' taint over the outputs and the fee. */
  forward(params: ForwardStepParameters): ForwardStepResult;
  /** Attributes traced output amounts back to the inputs that funded them. */
  backward(params: BackwardStepParameters): BackwardStepResult;
  /** A new, empty account pool. */
  pool(): TaintPool;
}
