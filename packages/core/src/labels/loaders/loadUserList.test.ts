import { describe, expect, it } from 'vitest';
import { loadUserList } from './loadUserList.ts';

describe('loadUserList', () => {
  it('reads a CSV with a header, reporting each bad line with its number', () => {
    const text = [
      'chain,address,category,entity,confidence',
      'eth,0x8589427373D6D84E98730D7795D8f6f8731FDA16,exchange,Acme,90',
      'XBT,12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h,sanctioned,Someone,',
      'btc,not-an-address,exchange,X,',
      'eth,0x8589427373d6d84e98730d7795d8f6f8731fda16,nonsense,X,',
      'only,two',
      'eth,0x8589427373d6d84e98730d7795d8f6f8731fda16,mixer,Y,300',
    ].join('\n');
    const { labels, issues } = loadUserList({ file: 'mine.csv', text });
    expect(labels.map((l) => [l.chain, l.address, l.category, l.entity, l.confidence])).toEqual([
      ['eip155:1', '0x8589427373d6d84e98730d7795d8f6f8731fda16', 'exchange', 'Acme', 90],
      ['bip122:000000000019d6689c085ae165831e93', '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h', 'sanctioned', 'Someone', 100],
    ]);
    expect(issues.map((i) => [i.file, i.line])).toEqual([
      ['mine.csv', 4],
      ['mine.csv', 5],
      ['mine.csv', 6],
      ['mine.csv', 7],
    ]);
  });
  it('reads JSON arrays of records or addresses and plain address lists', () => {
    const json = loadUserList({ file: 'mine.json', text: '[{"address": "TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq", "category": "scam"},\n"bad address"]' });
    expect(json.labels.map((l) => [l.chain, l.category])).toEqual([['tron:27Lqcw', 'scam']]);
    expect(json.issues.map((i) => i.line)).toEqual([2]);
    const plain = loadUserList({ file: 'list.txt', text: '# mine\n12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h\n\nxyz\n', category: 'theft' });
    expect(plain.labels.map((l) => l.category)).toEqual(['theft']);
    expect(plain.issues.map((i) => i.line)).toEqual([4]);
  });
});
