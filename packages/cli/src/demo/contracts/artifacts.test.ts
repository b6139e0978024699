import { expect, it } from 'vitest';
import { SOLC_VERSION, Splitter } from './artifacts.ts';
import { compileDemoContracts } from './compile.ts';

// The demo deploys the committed bytecode (no compiler at runtime); this keeps it honest: it must be exactly what
// solc makes of the committed Solidity source.
it('the committed bytecode is what solc compiles from the committed sources', () => {
  const compiled = compileDemoContracts();
  expect(compiled.version).toBe(SOLC_VERSION);
  expect(compiled.Splitter.bytecode).toBe(Splitter.bytecode);
  expect(compiled.Splitter.abi).toEqual(Splitter.abi);
});
