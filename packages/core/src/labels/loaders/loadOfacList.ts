import { ChaintrailError } from '../../errors/ChaintrailError.ts';
import { routeAddress } from '../chains.ts';
import type { Label } from '../types.ts';
import { lineLocator } from './lineLocator.ts';
import { baseName, excerpt, type LoaderParameters, type LoadIssue, type LoadResult } from './types.ts';
import { parseJsonFile, UNPARSED } from './parseJsonFile.ts';

export interface LoadOfacListParameters extends LoaderParameters {
  /** The OFAC asset ticker (XBT, ETH, USDT…); read from `sanctioned_addresses_<ASSET>.txt|json` when left out. */
  readonly asset?: string;
  /** ISO date of the snapshot, where the caller knows it. */
  readonly date?: string;
}

const FILE_ASSET = /sanctioned_addresses_([A-Za-z0-9]+)\.(?:txt|json)$/;

/**
 * Loads one of OFAC's per-asset address lists (`sanctioned_addresses_<ASSET>.txt`, one address a line, or the
 * `.json` array of the same), as published by 0xB10C/ofac-sanctioned-digital-currency-addresses from the SDN list.
 * Each address is routed to its chain by its format (the XBT list holds a Tron address, the USDT list mixes Omni,
 * Tron and Ethereum addresses); what fits no chain is reported with its line.
 *
 * @example
 * loadOfacList({ file: 'sanctioned_addresses_XBT.txt', text: '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h\n' }).labels[0].category // 'sanctioned'
 */
export function loadOfacList({ text, file, asset, date }: LoadOfacListParameters): LoadResult {
  const ticker = (asset ?? FILE_ASSET.exec(file)?.[1])?.toUpperCase();
  if (ticker === undefined) {
    throw new ChaintrailError('INVALID_ARGUMENT', `cannot tell the asset of OFAC list "${file}": name it sanctioned_addresses_<ASSET>.txt or pass asset.`, {
      meta: { file },
    });
  }
  const source = `ofac:${baseName(file)}`;
  const labels: Label[] = [];
  const issues: LoadIssue[] = [];
  const entries: { value: unknown; line: number }[] = [];
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) {
    const parsed = parseJsonFile({ text, file, issues });
    if (parsed === UNPARSED) return { labels, issues };
    if (!Array.isArray(parsed)) {
      issues.push({ file, line: null, kind: 'rejected', reason: 'expected a JSON array of addresses' });
      return { labels, issues };
    }
    const lineOf = lineLocator(text);
    for (const value of parsed) entries.push({ value, line: typeof value === 'string' ? lineOf(JSON.stringify(value)) : 0 });
  } else {
    const lines = text.split(/\r?\n/);
    lines.forEach((value, i) => {
      if (value.trim() !== '' && !value.trimStart().startsWith('#')) entries.push({ value, line: i + 1 });
    });
  }
  for (const { value, line } of entries) {
    if (typeof value !== 'string') {
      issues.push({ file, line: line || null, kind: 'rejected', reason: 'not an address string', text: excerpt(JSON.stringify(value) ?? '') });
      continue;
    }
    const routed = routeAddress({ asset: ticker, text: value });
    if ('reason' in routed) {
      issues.push({ file, line, kind: 'rejected', reason: routed.reason, text: excerpt(value) });
      continue;
    }
    labels.push({
      chain: routed.chain,
      address: routed.address,
      category: 'sanctioned',
      sourceCategory: `OFAC SDN ${ticker}`,
      source,
      ...(date === undefined ? {} : { date }),
      confidence: 100,
      record: { asset: ticker, address: value.trim(), line },
    });
  }
  return { labels, issues };
}
