import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** `../shared/data` beside the repository: real mainnet data for tests (absent on some machines). */
export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data', import.meta.url));

/** True when the shared data folder is present; tests that need it skip with a clear message otherwise. */
export const hasSharedData = existsSync(SHARED_DATA);

/** Path of a file in the shared data folder. */
export function sharedPath(...parts: string[]): string {
  return join(SHARED_DATA, ...parts);
}

/** The reason printed by tests that skip for lack of shared data. */
export const NO_SHARED_DATA = `../shared/data is absent (looked in ${SHARED_DATA}): tests on real mainnet data are skipped`;

if (!hasSharedData) console.warn(NO_SHARED_DATA);
