import { describe, expect, it } from 'vitest';
import { isChaintrailError } from '../../errors/ChaintrailError.ts';
import { loadOfacList } from './loadOfacList.ts';

describe('loadOfacList', () => {
  it('loads a text list, routes each address by format and reports bad lines with their number', () => {
    const text = ['12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h', 'TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq', 'not-an-address', '', '0x12'].join('\n');
    const { labels, issues } = loadOfacList({ file: 'lists/sanctioned_addresses_XBT.txt', text });
    expect(labels.map((l) => [l.chain, l.address])).toEqual([
      ['bip122:000000000019d6689c085ae165831e93', '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h'],
      ['tron:27Lqcw', 'TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq'],
    ]);
    expect(labels[0]).toMatchObject({ category: 'sanctioned', source: 'ofac:sanctioned_addresses_XBT.txt', confidence: 100, sourceCategory: 'OFAC SDN XBT' });
    expect(issues.map((i) => [i.file, i.line, i.kind])).toEqual([
      ['lists/sanctioned_addresses_XBT.txt', 3, 'rejected'],
      ['lists/sanctioned_addresses_XBT.txt', 5, 'rejected'],
    ]);
  });
  it('loads the JSON form and points at the line of a bad entry', () => {
    const text = '[\n  "0x175d44451403Edf28469dF03A9280c1197ADb92c",\n  "bogus!",\n  42\n]';
    const { labels, issues } = loadOfacList({ file: 'sanctioned_addresses_USDT.json', text });
    expect(labels).toHaveLength(1);
    expect(labels[0]!.address).toBe('0x175d44451403edf28469df03a9280c1197adb92c');
    expect(issues.map((i) => i.line)).toEqual([3, null]);
  });
  it('reports a JSON file that does not parse', () => {
    const { labels, issues } = loadOfacList({ file: 'sanctioned_addresses_ETH.json', text: '["0x12",' });
    expect(labels).toEqual([]);
    expect(issues[0]!.reason).toMatch(/not valid JSON/);
  });
  it('needs the asset from the name or the caller', () => {
    try {
      loadOfacList({ file: 'list.txt', text: '' });
      expect.unreachable();
    } catch (e) {
      expect(isChaintrailError(e, 'INVALID_ARGUMENT')).toBe(true);
    }
    expect(loadOfacList({ file: 'list.txt', text: 'LNf2JDiuunBz7GMDKFYHN4rq5meXWxiwfb', asset: 'LTC' }).labels[0]!.chain).toBe('bip122:12a765e31ffd4059bada1e25190f6e98');
  });
});
