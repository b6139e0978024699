import { describe, expect, it } from 'vitest';
import { loadActorPack, loadTagPack } from './loadTagPack.ts';

const pack = `title: Test pack
creator: someone
lastmod: 2021-11-15
category: exchange
currency: BTC
confidence: service_data
source: https://example.org/list
tags:
- address: 1JoktQJhCzuCQkt3GnQ8Xddcq4mUgNyXEa
  label: Bitstamp
  actor: bitstamp
- address: 0x8589427373D6D84E98730D7795D8f6f8731FDA16
  currency: ETH
  label: Scammer
  abuse: phishing
  category: user
  confidence: web_crawl
  lastmod: 2022-01-02
- label: no address here
- address: not-a-bitcoin-address
  label: Broken
`;

describe('loadTagPack', () => {
  it('inherits header fields, lets tags override them, and maps abuse before category', () => {
    const { actors } = loadActorPack({ file: 'a.yaml', text: 'actors:\n- id: bitstamp\n  label: Bitstamp Ltd\n  categories: [exchange]\n  jurisdictions: [LU]\n' });
    const { labels, issues } = loadTagPack({ file: 'packs/test.yaml', text: pack, actors });
    expect(labels).toHaveLength(2);
    expect(labels[0]).toMatchObject({
      chain: 'bip122:000000000019d6689c085ae165831e93',
      address: '1JoktQJhCzuCQkt3GnQ8Xddcq4mUgNyXEa',
      category: 'exchange',
      entity: 'Bitstamp Ltd',
      source: 'tagpack:test.yaml',
      date: '2021-11-15',
      confidence: 80,
    });
    expect(labels[1]).toMatchObject({ chain: 'eip155:1', address: '0x8589427373d6d84e98730d7795d8f6f8731fda16', category: 'scam', sourceCategory: 'phishing/user', date: '2022-01-02', confidence: 40 });
    expect(issues.map((i) => [i.file, i.line, i.kind])).toEqual([
      ['packs/test.yaml', 19, 'rejected'],
      ['packs/test.yaml', 20, 'rejected'],
    ]);
  });

  it('reports malformed YAML with its line and still loads the tags it can read', () => {
    const broken = `category: exchange\ncurrency: BTC\ntags:\n- address: 1JoktQJhCzuCQkt3GnQ8Xddcq4mUgNyXEa\n  label: "unterminated\n- address: 3A1KUd5H4hBEHk4bZB4C3hGgvuXuVX7p7t\n  label: ok\n`;
    const { labels, issues } = loadTagPack({ file: 'bad.yaml', text: broken });
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]!.file).toBe('bad.yaml');
    expect(issues[0]!.line).toBeGreaterThanOrEqual(5);
    expect(issues[0]!.reason).toMatch(/^YAML/);
    const spoiled = issues.find((i) => i.reason.includes('spoiled'));
    expect(spoiled).toMatchObject({ file: 'bad.yaml', line: 4, text: '1JoktQJhCzuCQkt3GnQ8Xddcq4mUgNyXEa' });
    expect(labels.some((l) => l.address === '1JoktQJhCzuCQkt3GnQ8Xddcq4mUgNyXEa')).toBe(false);
  });

  it('reports malformed YAML in an actor pack with its line and keeps the actors before it', () => {
    const { actors, issues } = loadActorPack({ file: 'actors.yaml', text: 'actors:\n- id: bitstamp\n  label: Bitstamp Ltd\n- id: other\n  label: "open\n' });
    expect(issues[0]).toMatchObject({ file: 'actors.yaml', kind: 'rejected' });
    expect(issues[0]!.reason).toMatch(/^YAML/);
    expect(issues[0]!.line).toBeGreaterThanOrEqual(5);
    expect(actors.get('bitstamp')?.label).toBe('Bitstamp Ltd');
  });

  it('treats a tag sourced from OFAC as sanctioned, whatever its category', () => {
    const text = 'category: user\ncurrency: BTC\nsource: https://www.treasury.gov/ofac/downloads/sdnlist.txt\ntags:\n- address: 3K35dyL85fR9ht7UgzPfd1gLRRXQtNTqE3\n';
    expect(loadTagPack({ file: 'ofac.yaml', text }).labels[0]!.category).toBe('sanctioned');
  });

  it('rejects a pack that is not a mapping with tags', () => {
    expect(loadTagPack({ file: 'x.yaml', text: '- a\n- b\n' }).issues[0]!.reason).toMatch(/mapping/);
    expect(loadTagPack({ file: 'x.yaml', text: 'title: t\n' }).issues[0]!.reason).toMatch(/no tags/);
  });
});
