import { routeAddress } from '../chains.ts';
import type { Label } from '../types.ts';
import { parseCsv } from './csv.ts';
import { baseName, excerpt, type LoaderParameters, type LoadIssue, type LoadResult } from './types.ts';

export interface LoadOfacSdnParameters extends LoaderParameters {
  /** ISO date of the list, where the caller knows it. */
  readonly date?: string;
}

/** OFAC's SDN.CSV cuts the remarks field at this many characters. */
export const SDN_REMARKS_LIMIT = 1000;

const ADDRESS = /^(?:alt\. )?Digital Currency Address - ([A-Za-z0-9]+) (\S+)$/;
const PREFIXES = ['alt. Digital Currency Address - ', 'Digital Currency Address - '];

/** True when `segment` is the beginning of a digital currency address remark (possibly cut inside it). */
function startsAddressRemark(segment: string): boolean {
  return PREFIXES.some((p) => p.startsWith(segment) || segment.startsWith(p));
}

/**
 * Loads OFAC's SDN list in its CSV form (`sdn.csv`: no header; ent_num, name, type, program, …, remarks; latin-1,
 * so decode it as such). Addresses come from the remarks' "Digital Currency Address - <ASSET> <address>" entries and
 * keep the SDN name and program. OFAC cuts remarks at 1000 characters: a record cut that way is reported as
 * `truncated` (its later addresses are missing) and an address cut in the middle is reported, never guessed.
 *
 * @example
 * loadOfacSdn({ file: 'sdn.csv', text: '1,"X","entity","CYBER2",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Digital Currency Address - XBT 1Kuf2Rd8mDyAViwBozGTNYnvWL8uYFrkVo."' })
 */
export function loadOfacSdn({ text, file, date }: LoadOfacSdnParameters): LoadResult {
  const source = `ofac-sdn:${baseName(file)}`;
  const labels: Label[] = [];
  const issues: LoadIssue[] = [];
  const { rows, unterminated } = parseCsv(text);
  if (unterminated !== null) issues.push({ file, line: unterminated, kind: 'rejected', reason: 'quoted field never closed' });
  for (const { fields, line } of rows) {
    if (fields.length === 1 && fields[0]!.trim() === '\u001a') continue; // the DOS end-of-file byte OFAC still writes
    if (fields.length < 12) {
      issues.push({ file, line, kind: 'rejected', reason: `expected 12 fields, found ${fields.length}`, text: excerpt(fields.join(',')) });
      continue;
    }
    const [entNum, name, type, program] = fields.map((f) => f.trim());
    const remarks = fields[11]!;
    if (!remarks.includes('Digital Currency') && remarks.length < SDN_REMARKS_LIMIT) continue;
    const truncated = remarks.length >= SDN_REMARKS_LIMIT;
    const segments = remarks.split(';').map((s) => s.trim());
    const last = truncated ? segments.pop() : undefined;
    for (const raw of segments) {
      const segment = raw.replace(/\.$/, '');
      const m = ADDRESS.exec(segment);
      if (!m) {
        if (segment.includes('Digital Currency Address')) {
          issues.push({ file, line, kind: 'rejected', reason: 'digital currency remark without an address', text: excerpt(segment) });
        }
        continue;
      }
      const [, asset, text] = m as unknown as [string, string, string];
      const routed = routeAddress({ asset, text });
      if ('reason' in routed) {
        issues.push({ file, line, kind: 'rejected', reason: `${name}: ${routed.reason}`, text: excerpt(segment) });
        continue;
      }
      labels.push({
        chain: routed.chain,
        address: routed.address,
        category: 'sanctioned',
        entity: name!,
        sourceCategory: `OFAC SDN ${program}`,
        source,
        ...(date === undefined ? {} : { date }),
        confidence: 100,
        record: { entNum, name, type: type === '-0-' ? null : type, program, asset, address: text, line },
      });
    }
    if (last !== undefined) {
      const cutAddress = last !== '' && startsAddressRemark(last);
      issues.push({
        file,
        line,
        kind: 'truncated',
        reason: cutAddress
          ? `${name}: remarks cut at ${SDN_REMARKS_LIMIT} characters inside a digital currency address; the address is not loaded, and any later ones are missing`
          : `${name}: remarks cut at ${SDN_REMARKS_LIMIT} characters; any addresses after the cut are missing`,
        text: excerpt(last),
      });
    }
  }
  return { labels, issues };
}
