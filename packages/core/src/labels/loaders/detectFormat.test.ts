import { describe, expect, it } from 'vitest';
import { detectFormat } from './detectFormat.ts';

describe('detectFormat', () => {
  it.each([
    ['sanctioned_addresses_XBT.txt', '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h\n', 'ofac-list'],
    ['sdn.csv', '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n', 'ofac-sdn'],
    ['p.json', '[\n  {"id": 1, "name": "x", "addresses": [], "tags": ["/x/"], "link": ""}]', 'pools'],
    ['pools.json', '{"coinbase_tags": {}}', 'pools'],
    ['t.yaml', 'title: t\ntags:\n- label: x\n  address: 1abc\n', 'tagpack'],
    ['a.yaml', '%YAML 1.1\n---\ntitle: a\nactors:\n- id: x\n', 'actorpack'],
    ['c.json', '{"0x22ff777ef6fe0690f1f74c6758126909653ad56a": {"name": "", "labels": []}}', 'etherscan'],
    ['b.csv', ',Address,Name Tag,Balance,Txn Count\n', 'etherscan'],
    ['mine.csv', 'chain,address,category\n', 'user'],
    ['mine.txt', '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h\n0x8589427373d6d84e98730d7795d8f6f8731fda16\n', 'user'],
    ['SOURCE.txt', 'Dataset: Etherscan label scrape (Ethereum mainnet)\n', undefined],
    ['LICENSE.json', '{"license": "MIT"}', undefined],
  ])('%s', (file, text, format) => expect(detectFormat({ file, text })).toBe(format));
});
