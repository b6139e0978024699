import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedPath } from '../../../../../test/support/sharedData.ts';
import { addressTopic, decodeTransferLogs, TRANSFER_TOPIC } from './transferLogs.ts';

const base = {
  address: '0xF4ECED2F682CE333F96F2D8966C613DED8FC95DD',
  blockHash: `0x${'ab'.repeat(32)}`,
  blockNumber: '0x10',
  transactionHash: `0x${'cd'.repeat(32)}`,
  transactionIndex: '0x1',
  logIndex: '0x2',
};
const from = addressTopic('0x1b63142628311395ceafeea5667e7c9026c862ca');
const to = addressTopic('0xac4df82fe37ea2187bc8c011a23d743b4f39019a');

describe('decodeTransferLogs', () => {
  it.skipIf(!hasSharedData)('decodes the ERC-20 transfers of mainnet block 483920', () => {
    const logs = (JSON.parse(readFileSync(sharedPath('evm', 'rpc', 'test_export_token_transfers_job', 'block_with_transfers', 'web3_response.eth_getFilterLogs_0x0.json'), 'utf8')) as { result: unknown }).result;
    const { transfers, skipped } = decodeTransferLogs({ logs });
    expect(skipped).toBe(0);
    expect(transfers.map((t) => [t.standard, t.from, t.to, t.value, t.logIndex, t.txIndex])).toEqual([
      ['erc20', '0x1b63142628311395ceafeea5667e7c9026c862ca', '0xac4df82fe37ea2187bc8c011a23d743b4f39019a', 100000n, 0, 0],
      ['erc20', '0x9b22a80d5c7b3374a05b446081f97d0a34079e7f', '0x66f183060253cfbe45beff1e6e7ebbe318c81e56', 200000n, 1, 1],
    ]);
  });

  it.each([
    { description: 'ERC-721: the token id is the fourth topic', log: { ...base, topics: [TRANSFER_TOPIC, from, to, addressTopic(`0x${'0'.repeat(38)}07`)], data: '0x' }, expected: { standard: 'erc721', value: 1n, tokenId: 7n } },
    { description: 'ERC-20 with the amount in data', log: { ...base, topics: [TRANSFER_TOPIC, from, to], data: `0x${'0'.repeat(62)}ff` }, expected: { standard: 'erc20', value: 255n, contract: base.address.toLowerCase() } },
  ])('$description', ({ log, expected }) => {
    expect(decodeTransferLogs({ logs: [log] }).transfers[0]).toMatchObject(expected);
  });

  it.each([
    { description: 'an ERC-20 log whose data is not one word', log: { ...base, topics: [TRANSFER_TOPIC, from, to], data: '0x1234' } },
    { description: 'an address topic with bits above 160', log: { ...base, topics: [TRANSFER_TOPIC, `0x${'f'.repeat(64)}`, to], data: `0x${'0'.repeat(64)}` } },
    { description: 'a Transfer with the addresses unindexed (2 topics)', log: { ...base, topics: [TRANSFER_TOPIC, from], data: `0x${'0'.repeat(128)}` } },
  ])('skips and counts $description', ({ log }) => {
    expect(decodeTransferLogs({ logs: [log] })).toEqual({ transfers: [], skipped: 1 });
  });

  it('drops logs removed by a reorg and logs of other events', () => {
    const removed = { ...base, removed: true, topics: [TRANSFER_TOPIC, from, to], data: `0x${'0'.repeat(64)}` };
    const approval = { ...base, topics: [`0x${'8c'.repeat(32)}`, from, to], data: `0x${'0'.repeat(64)}` };
    expect(decodeTransferLogs({ logs: [removed, approval] })).toEqual({ transfers: [], skipped: 0 });
  });
});
