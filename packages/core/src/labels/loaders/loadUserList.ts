import { parseChainId } from '../../model/chain.ts';
import { canonicalAddress } from '../../model/address.ts';
import { ASSET_CHAINS, routeAddress, type RoutedAddress } from '../chains.ts';
import { mapCategory } from '../taxonomy.ts';
import { type Category, type Label } from '../types.ts';
import { parseCsv } from './csv.ts';
import { lineLocator } from './lineLocator.ts';
import { baseName, excerpt, type LoaderParameters, type LoadIssue, type LoadResult } from './types.ts';
import { parseJsonFile, UNPARSED } from './parseJsonFile.ts';

export interface LoadUserListParameters extends LoaderParameters {
  /** Category for records that name none (default `other`). */
  readonly category?: Category;
  /** Confidence for records that give none (default 100: the user's own statement). */
  readonly confidence?: number;
}

function routeRecord(chainText: string | undefined, address: string): RoutedAddress {
  if (chainText === undefined || chainText === '') return routeAddress({ text: address });
  const asset = ASSET_CHAINS[chainText.toUpperCase()];
  if (asset !== undefined) return routeAddress({ asset: chainText, text: address });
  try {
    const chain = parseChainId(chainText);
    return { chain, address: canonicalAddress(chain, address, { strictChecksum: false }) };
  } catch (e) {
    return { reason: (e as { shortMessage?: string }).shortMessage ?? String(e) };
  }
}

/**
 * Loads the user's own list: a CSV with a header (`address` required; `chain`, `category`, `entity` or `name`,
 * `source`, `date`, `confidence` optional), a JSON array of such objects or of plain addresses, or a text file with
 * one address a line. `chain` is a CAIP-2 id, an alias (`btc`, `eth`) or an asset ticker (`XBT`, `TRX`); without it
 * the address's format decides. Each bad record is reported with its line and the rest loads.
 *
 * @example
 * loadUserList({ file: 'mine.csv', text: 'chain,address,category,entity\neth,0x8589427373d6d84e98730d7795d8f6f8731fda16,exchange,Acme\n' })
 */
export function loadUserList({ text, file, category = 'other', confidence = 100 }: LoadUserListParameters): LoadResult {
  const source = `user:${baseName(file)}`;
  const labels: Label[] = [];
  const issues: LoadIssue[] = [];
  const add = (record: Record<string, unknown>, line: number | null) => {
    const s = (k: string) => (typeof record[k] === 'string' && (record[k] as string).trim() !== '' ? (record[k] as string).trim() : undefined);
    const address = s('address');
    if (address === undefined) {
      issues.push({ file, line, kind: 'rejected', reason: 'record without an address', text: excerpt(JSON.stringify(record)) });
      return;
    }
    const routed = routeRecord(s('chain') ?? s('currency'), address);
    if ('reason' in routed) {
      issues.push({ file, line, kind: 'rejected', reason: routed.reason, text: excerpt(address) });
      return;
    }
    const sourceCategory = s('category');
    const mapped = sourceCategory === undefined ? category : mapCategory(sourceCategory);
    if (mapped === undefined) {
      issues.push({ file, line, kind: 'rejected', reason: `unknown category "${sourceCategory}"`, text: excerpt(address) });
      return;
    }
    const conf = s('confidence') ?? (typeof record['confidence'] === 'number' ? String(record['confidence']) : undefined);
    const grade = conf === undefined ? confidence : Number(conf);
    if (!Number.isFinite(grade) || grade < 0 || grade > 100) {
      issues.push({ file, line, kind: 'rejected', reason: `confidence must be 0-100, got "${conf}"`, text: excerpt(address) });
      return;
    }
    const entity = s('entity') ?? s('name');
    const date = s('date');
    labels.push({
      chain: routed.chain,
      address: routed.address,
      category: mapped,
      ...(entity === undefined ? {} : { entity }),
      ...(sourceCategory === undefined ? {} : { sourceCategory }),
      source: s('source') ?? source,
      ...(date === undefined ? {} : { date }),
      confidence: grade,
      record,
    });
  };
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) {
    const parsed = parseJsonFile({ text, file, issues });
    if (parsed === UNPARSED) return { labels, issues };
    const locate = lineLocator(text);
    for (const item of Array.isArray(parsed) ? parsed : []) {
      const record = typeof item === 'string' ? { address: item } : (item as Record<string, unknown>);
      const line = () => locate(JSON.stringify(typeof item === 'string' ? item : (record?.['address'] ?? ''))) || null;
      if (record === null || typeof record !== 'object') issues.push({ file, line: null, kind: 'rejected', reason: 'not an address or record' });
      else add(record, line());
    }
    return { labels, issues };
  }
  const firstLine = trimmed.split(/\r?\n/, 1)[0] ?? '';
  if (/(^|,)\s*address\s*(,|$)/i.test(firstLine)) {
    const { rows, unterminated } = parseCsv(text);
    if (unterminated !== null) issues.push({ file, line: unterminated, kind: 'rejected', reason: 'quoted field never closed' });
    const header = rows[0]?.fields.map((f) => f.trim().toLowerCase()) ?? [];
    for (const { fields, line } of rows.slice(1)) {
      if (fields.length !== header.length) {
        issues.push({ file, line, kind: 'rejected', reason: `expected ${header.length} fields, found ${fields.length}`, text: excerpt(fields.join(',')) });
        continue;
      }
      add(Object.fromEntries(header.map((h, i) => [h, fields[i]])), line);
    }
    return { labels, issues };
  }
  text.split(/\r?\n/).forEach((raw, i) => {
    const value = raw.trim();
    if (value !== '' && !value.startsWith('#')) add({ address: value }, i + 1);
  });
  return { labels, issues };
}
