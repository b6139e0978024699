import { describe, expect, it } from 'vitest';
import { loadOfacSdn, SDN_REMARKS_LIMIT } from './loadOfacSdn.ts';

const EMPTY = '-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ';
const row = (id: number, name: string, program: string, remarks: string) => `${id},"${name}","individual","${program}",${EMPTY},"${remarks}"`;

describe('loadOfacSdn', () => {
  it('reads every digital currency address with the SDN name and program', () => {
    const text = [
      row(1, 'DOE, John', 'CYBER2', 'DOB 1970; Digital Currency Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h; alt. Digital Currency Address - ETH 0x8589427373D6D84E98730D7795D8f6f8731FDA16; Gender Male.'),
      `2,"NOBODY",-0- ,"CUBA",${EMPTY},"a.k.a. 'X'."`,
      '\u001a',
    ].join('\r\n');
    const { labels, issues } = loadOfacSdn({ file: 'sdn.csv', text });
    expect(issues).toEqual([]);
    expect(labels.map((l) => [l.chain, l.address, l.entity, l.sourceCategory])).toEqual([
      ['bip122:000000000019d6689c085ae165831e93', '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h', 'DOE, John', 'OFAC SDN CYBER2'],
      ['eip155:1', '0x8589427373d6d84e98730d7795d8f6f8731fda16', 'DOE, John', 'OFAC SDN CYBER2'],
    ]);
    expect(labels[0]!.record).toMatchObject({ entNum: '1', program: 'CYBER2', asset: 'XBT', line: 1 });
  });
  it('reports an address cut by the 1000-character remark limit instead of loading a prefix of it', () => {
    const head = 'Digital Currency Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h; ';
    const filler = `a.k.a. '${'Z'.repeat(SDN_REMARKS_LIMIT)}'; `.slice(0, SDN_REMARKS_LIMIT - head.length - 40) + '; ';
    const cut = `${head}${filler}alt. Digital Currency Address - XBT 1Kuf2Rd8mDyAViwBozGTNYnvWL8uYFrkVo`.slice(0, SDN_REMARKS_LIMIT);
    expect(cut.length).toBe(SDN_REMARKS_LIMIT);
    const { labels, issues } = loadOfacSdn({ file: 'sdn.csv', text: row(7, 'CUT, Off', 'CYBER2', cut) });
    expect(labels.map((l) => l.address)).toEqual(['12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h']);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'sdn.csv', line: 1, kind: 'truncated' });
    expect(issues[0]!.reason).toMatch(/inside a digital currency address/);
  });
  it('reports rows with too few fields by line, and keeps loading', () => {
    const text = ['1,"BROKEN"', row(2, 'OK', 'SDNTK', 'Digital Currency Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h.')].join('\n');
    const { labels, issues } = loadOfacSdn({ file: 'sdn.csv', text });
    expect(labels).toHaveLength(1);
    expect(issues.map((i) => [i.line, i.kind])).toEqual([[1, 'rejected']]);
  });
});
