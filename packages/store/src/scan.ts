import { throwIfAborted } from '@chaintrail/core';
import type { SqlRow } from './sql/driver.ts';

export interface ScanParameters {
  /** Rows per batch (default 5,000 transactions or 10,000 transfers). */
  readonly batchSize?: number;
  readonly signal?: AbortSignal;
}

/**
 * A table read in pages ordered by a unique key (keyset paging: `key > cursor order by key limit size`), so a scan
 * of millions of rows holds one page at a time and never slows with depth as `offset` does. `page` runs the query for
 * the rows after `cursor` (none: from the start); the scan ends at the first short page.
 *
 * @example
 * for await (const rows of keysetPages({ size: 10_000, key: 'id', page: (cursor) => db.query(…) })) …
 */
export async function* keysetPages(params: {
  readonly size: number;
  /** The column the pages are ordered by (the last row's value is the next cursor), or the cursor made of a row. */
  readonly key: string | ((row: SqlRow) => string);
  readonly page: (cursor: string | null) => Promise<SqlRow[]>;
  readonly signal?: AbortSignal | undefined;
}): AsyncIterable<SqlRow[]> {
  let cursor: string | null = null;
  for (;;) {
    throwIfAborted(params.signal);
    const rows = await params.page(cursor);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < params.size) return;
    const last = rows.at(-1)!;
    cursor = typeof params.key === 'string' ? String(last[params.key]) : params.key(last);
  }
}
