import { expect, it } from 'vitest';
import * as cli from './index.ts';

it('pins the public export list of @chaintrail/cli', () => {
  expect(Object.keys(cli).sort()).toEqual(['UsageError', 'main']);
});
