import { expect, it } from 'vitest';
import * as adapters from './index.ts';

it('pins the public export list of @chaintrail/adapters', () => {
  expect(Object.keys(adapters).sort()).toEqual(['HttpClient', 'JsonRpcClient', 'anvilBinaryPath', 'startAnvil']);
});
