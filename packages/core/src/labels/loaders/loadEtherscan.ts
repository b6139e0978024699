import { LABEL_CHAINS } from '../chains.ts';
import { pickCategory } from '../taxonomy.ts';
import type { Label } from '../types.ts';
import { parseCsv } from './csv.ts';
import { lineLocator } from './lineLocator.ts';
import { baseName, excerpt, type LoaderParameters, type LoadIssue, type LoadResult } from './types.ts';
import { parseJsonFile, UNPARSED } from './parseJsonFile.ts';

const EVM = /^0x[0-9a-fA-F]{40}$/;

/** Etherscan labels carry no grade; a block explorer's curated name tag is good but not authoritative. */
export const ETHERSCAN_CONFIDENCE = 60;

/**
 * Loads Etherscan-style label dumps of Ethereum mainnet: the combined form `{address: {name, labels[]}}`, the
 * per-label account form `{address: name}` and its CSV (`,Address,Name Tag,Balance,Txn Count`), where the label slug
 * is the file name (`tornado-cash.json`). Addresses are lower-cased (the dumps mix cases); the category is the
 * riskiest slug that maps ({@link pickCategory}), the name tag becomes the entity.
 *
 * @example
 * loadEtherscan({ file: 'combinedAllLabels.json', text: '{"0x…": {"name": "Binance 14", "labels": ["binance"]}}' })
 */
export function loadEtherscan({ text, file }: LoaderParameters): LoadResult {
  const source = `etherscan:${baseName(file)}`;
  const fileSlug = baseName(file).replace(/\.(json|csv)$/i, '');
  const labels: Label[] = [];
  const issues: LoadIssue[] = [];
  const add = (address: string, name: string | undefined, slugs: readonly string[], record: unknown, line: () => number | null) => {
    if (!EVM.test(address)) {
      issues.push({ file, line: line(), kind: 'rejected', reason: 'not an EVM address', text: excerpt(address) });
      return;
    }
    const entity = name?.trim();
    labels.push({
      chain: LABEL_CHAINS.ethereum,
      address: address.toLowerCase(),
      category: pickCategory(slugs),
      ...(entity ? { entity } : {}),
      ...(slugs.length > 0 ? { sourceCategory: slugs.join(',') } : {}),
      source,
      confidence: ETHERSCAN_CONFIDENCE,
      record,
    });
  };
  if (!/^\s*[{[]/.test(text)) {
    const { rows, unterminated } = parseCsv(text);
    if (unterminated !== null) issues.push({ file, line: unterminated, kind: 'rejected', reason: 'quoted field never closed' });
    const header = rows[0]?.fields.map((f) => f.trim().toLowerCase()) ?? [];
    const a = header.indexOf('address');
    const n = header.indexOf('name tag');
    if (a < 0) {
      issues.push({ file, line: 1, kind: 'rejected', reason: 'CSV without an Address column' });
      return { labels, issues };
    }
    for (const { fields, line } of rows.slice(1)) {
      const address = fields[a]?.trim() ?? '';
      add(address, n < 0 ? undefined : fields[n], [fileSlug], Object.fromEntries(header.map((h, i) => [h || 'row', fields[i]])), () => line);
    }
    return { labels, issues };
  }
  const parsed = parseJsonFile({ text, file, issues });
  if (parsed === UNPARSED) return { labels, issues };
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    issues.push({ file, line: null, kind: 'rejected', reason: 'expected an object keyed by address' });
    return { labels, issues };
  }
  let locate: ((needle: string) => number) | undefined;
  const lineOf = (address: string) => () => (locate ??= lineLocator(text))(JSON.stringify(address)) || null;
  for (const [address, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof value === 'string') add(address, value, [fileSlug], { address, name: value }, lineOf(address));
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const v = value as { name?: unknown; labels?: unknown };
      const slugs = Array.isArray(v.labels) ? v.labels.filter((s): s is string => typeof s === 'string') : [];
      add(address, typeof v.name === 'string' ? v.name : undefined, slugs, { address, ...v }, lineOf(address));
    } else issues.push({ file, line: lineOf(address)(), kind: 'rejected', reason: 'expected a name or {name, labels}', text: excerpt(address) });
  }
  return { labels, issues };
}
