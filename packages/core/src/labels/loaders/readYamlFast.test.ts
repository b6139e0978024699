import { describe, expect, it } from 'vitest';
import { readYamlFast } from './readYamlFast.ts';

describe('readYamlFast', () => {
  it('reads every scalar as a string, an empty value as an empty string, and gives the line of each mapping', () => {
    const text = 'title: t\nlastmod: 2021-11-15\ntags:\n# a comment\n- address: 0x8589427373D6D84E98730D7795D8f6f8731FDA16\n  confidence: 0.9\n  label:\n\n-   address: x\n    nested: {a: 1}\n';
    const fast = readYamlFast(text)!;
    const data = fast.data as { lastmod: string; tags: Record<string, unknown>[] };
    expect(data.lastmod).toBe('2021-11-15');
    expect(data.tags[0]).toEqual({ address: '0x8589427373D6D84E98730D7795D8f6f8731FDA16', confidence: '0.9', label: '' });
    expect(data.tags[1]).toEqual({ address: 'x', nested: { a: '1' } });
    expect(fast.lineOf(data.tags[0]!)).toBe(5);
    expect(fast.lineOf(data.tags[1]!)).toBe(9);
    expect(fast.lineOf(data)).toBe(1);
  });

  it('keeps the last of duplicate keys and returns undefined for invalid YAML', () => {
    expect(readYamlFast('a: 1\na: 2\n')!.data).toEqual({ a: '2' });
    expect(readYamlFast('tags:\n- address: x\n  label: "open\n')).toBeUndefined();
  });
});
