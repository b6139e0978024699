import type { StepInput } from './types.ts';

/** The taint and the value a transaction's inputs bring in, summed. */
export function inputTotals(inputs: readonly StepInput[]): { taint: bigint; total: bigint } {
  let taint = 0n;
  let total = 0n;
  for (const input of inputs) {
    taint += input.taint;
    total += input.value;
  }
  return { taint, total };
}
