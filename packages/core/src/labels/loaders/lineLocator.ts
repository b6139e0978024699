/**
 * Returns a function giving the 1-based line of the first occurrence of a text in `text` (0 when absent), for
 * pointing at a bad record of a JSON file. Built once per file; each call is one indexOf and a binary search.
 *
 * @example
 * lineLocator('[\n"a",\n"b"\n]')('"b"') // 3
 */
export function lineLocator(text: string): (needle: string) => number {
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (needle) => {
    const at = text.indexOf(needle);
    if (at < 0) return 0;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
