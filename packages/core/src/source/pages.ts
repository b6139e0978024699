import { throwIfAborted } from '../errors/abort.ts';
import type { Page } from './DataSource.ts';

/**
 * Every page of a paged read, in order: `read(cursor)` is called with no cursor first, then with each page's `next`
 * until a page has none. Checks the signal before each read.
 *
 * @example
 * for await (const items of pages((cursor) => source.getAddressHistory({ address, ...(cursor ? { cursor } : {}) }))) …
 */
export async function* pages<T>(read: (cursor: string | undefined) => Promise<Page<T>>, signal?: AbortSignal): AsyncGenerator<readonly T[]> {
  let cursor: string | undefined;
  do {
    throwIfAborted(signal);
    const page = await read(cursor);
    yield page.items;
    cursor = page.next ?? undefined;
  } while (cursor);
}
