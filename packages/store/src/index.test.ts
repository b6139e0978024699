import { expect, it } from 'vitest';
import * as store from './index.ts';

it('pins the public export list of @chaintrail/store', () => {
  expect(Object.keys(store).sort()).toMatchInlineSnapshot(`
    [
      "AccountStore",
      "Store",
      "UtxoStore",
      "buildCompactIndex",
      "ingest",
      "isPostgresUrl",
      "loadCompactIndex",
      "openStore",
      "redactStoreUrl",
      "saveCompactIndex",
      "transferSortKey",
    ]
  `);
});
