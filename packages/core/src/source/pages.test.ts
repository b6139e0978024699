import { describe, expect, it } from 'vitest';
import { isChaintrailError } from '../errors/ChaintrailError.ts';
import { pages } from './pages.ts';

const book: Record<string, { items: number[]; next: string | null }> = {
  start: { items: [1, 2], next: 'b' },
  b: { items: [], next: 'c' }, // an empty page in the middle does not end the read
  c: { items: [3], next: null },
};

describe('pages', () => {
  it('reads from no cursor to the page without a next one, in order', async () => {
    const cursors: (string | undefined)[] = [];
    const seen: number[][] = [];
    for await (const items of pages(async (cursor) => (cursors.push(cursor), book[cursor ?? 'start']!))) seen.push([...items]);
    expect(cursors).toEqual([undefined, 'b', 'c']);
    expect(seen).toEqual([[1, 2], [], [3]]);
  });

  it('stops with ABORTED before the next read once the signal is aborted', async () => {
    const controller = new AbortController();
    let reads = 0;
    const run = async () => {
      for await (const _ of pages(async (cursor) => (reads++, book[cursor ?? 'start']!), controller.signal)) controller.abort();
    };
    await expect(run()).rejects.toSatisfy((e: unknown) => isChaintrailError(e, 'ABORTED'));
    expect(reads).toBe(1);
  });
});
