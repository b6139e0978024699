import { baseName } from './types.ts';

/** The label file formats chaintrail reads. */
export const LABEL_FORMATS = ['ofac-list', 'ofac-sdn', 'pools', 'tagpack', 'actorpack', 'etherscan', 'user'] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];

/**
 * Recognises a label file's format from its content (the file name helps only where the content cannot tell: an
 * OFAC list and a user's plain address list look alike). Returns undefined for files that hold no labels
 * (licences, read-mes), so a folder can be loaded as it is.
 *
 * @example
 * detectFormat({ file: 'x.yaml', text: 'title: t\ntags:\n- address: 1…' }) // 'tagpack'
 */
export function detectFormat({ file, text }: { file: string; text: string }): LabelFormat | undefined {
  const name = baseName(file);
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  const start = head.trimStart();
  if (/^sanctioned_addresses_[A-Za-z0-9]+\.(txt|json)$/.test(name)) return 'ofac-list';
  if (start.startsWith('{') || start.startsWith('[')) {
    if (/"(coinbase_tags|payout_addresses)"\s*:/.test(head)) return 'pools';
    if (start.startsWith('[') && /"tags"\s*:/.test(head) && /"addresses"\s*:/.test(head)) return 'pools';
    if (start.startsWith('{') && /^\{\s*"0x[0-9a-fA-F]{40}"\s*:/.test(start)) return 'etherscan';
    if (start.startsWith('[')) return 'user';
    return undefined;
  }
  if (/^tags\s*:/m.test(text) && /^\s*(-\s*)?address\s*:/m.test(text.slice(0, 65536))) return 'tagpack';
  if (/^actors\s*:/m.test(head)) return 'actorpack';
  const firstLine = start.split(/\r?\n/, 1)[0] ?? '';
  if (/^\d+,"[^"]*",/.test(firstLine) && firstLine.includes('-0-')) return 'ofac-sdn';
  if (/^,?\s*Address\s*,\s*Name Tag/i.test(firstLine)) return 'etherscan';
  if (/(^|,)\s*address\s*(,|$)/i.test(firstLine)) return 'user';
  // A plain list: every one of the first lines a single token.
  const lines = start.split(/\r?\n/, 20).filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  if (lines.length > 0 && lines.every((l) => /^\s*[A-Za-z0-9:]{20,120}\s*$/.test(l))) return 'user';
  return undefined;
}
