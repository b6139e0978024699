import { describe, expect, it } from 'vitest';
import { loadEtherscan } from './loadEtherscan.ts';

describe('loadEtherscan', () => {
  it('reads the combined {address: {name, labels}} form, lower-casing addresses', () => {
    const text = JSON.stringify({
      '0x689C56AEf474Df92D44A1B70850f808488F9769C': { name: 'KuCoin 2', labels: ['kucoin'] },
      '0x12d66f87a04a9e220743712ce6d9bb1b5616b8fc': { name: 'Tornado.Cash: 0.1 ETH', labels: ['tornado-cash', 'ofac-sanctions-lists'] },
      '0x9d6971bf21b0e94724a7134371a8f7f41bb9db88': { name: '', labels: ['airdrop-hunter'] },
      '0xnope': { name: 'x', labels: [] },
    });
    const { labels, issues } = loadEtherscan({ file: 'combinedAllLabels.json', text });
    expect(labels.map((l) => [l.address, l.category, l.entity])).toEqual([
      ['0x689c56aef474df92d44a1b70850f808488f9769c', 'exchange', 'KuCoin 2'],
      ['0x12d66f87a04a9e220743712ce6d9bb1b5616b8fc', 'sanctioned', 'Tornado.Cash: 0.1 ETH'],
      ['0x9d6971bf21b0e94724a7134371a8f7f41bb9db88', 'other', undefined],
    ]);
    expect(issues).toEqual([{ file: 'combinedAllLabels.json', line: 1, kind: 'rejected', reason: 'not an EVM address', text: '0xnope' }]);
  });
  it('reads the per-label account JSON and CSV forms, taking the slug from the file name', () => {
    const json = loadEtherscan({ file: 'accounts/tornado-cash.json', text: '{"0x12d66f87a04a9e220743712ce6d9bb1b5616b8fc": "Tornado.Cash: 0.1 ETH"}' });
    expect(json.labels[0]).toMatchObject({ category: 'mixer', sourceCategory: 'tornado-cash', entity: 'Tornado.Cash: 0.1 ETH' });
    const csv = loadEtherscan({
      file: 'accounts/binance.csv',
      text: ',Address,Name Tag,Balance,Txn Count\n0,0x3f5CE5FBFe3E9af3971dD833D26bA9b5C936f0bE,Binance,"1,000 ETH",10\n1,0xbad,,0 ETH,0\n',
    });
    expect(csv.labels.map((l) => [l.address, l.category, l.entity])).toEqual([['0x3f5ce5fbfe3e9af3971dd833d26ba9b5c936f0be', 'exchange', 'Binance']]);
    expect(csv.issues.map((i) => i.line)).toEqual([3]);
  });
});
