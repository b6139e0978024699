import { describe, expect, it } from 'vitest';
import { CATEGORY_MAP, mapCategory, pickCategory } from './taxonomy.ts';
import { isCategory } from './types.ts';

describe('taxonomy', () => {
  it('maps every source category onto a chaintrail category', () => {
    for (const category of Object.values(CATEGORY_MAP)) expect(isCategory(category)).toBe(true);
  });
  it.each([
    ['mixing_service', 'mixer'],
    ['miner', 'mining_pool'],
    ['service_hack', 'theft'],
    ['sanction', 'sanctioned'],
    ['Binance', 'exchange'],
    ['defi_lending', 'defi'],
    ['black_list', 'other'],
    ['exchange', 'exchange'],
  ])('%s → %s', (text, category) => expect(mapCategory(text)).toBe(category));
  it('leaves unknown texts unmapped', () => expect(mapCategory('airdrop-hunter')).toBeUndefined());
  it('picks the riskiest of several', () => {
    expect(pickCategory(['token-contract', 'binance', 'tornado-cash'])).toBe('mixer');
    expect(pickCategory(['ofac-sanctions-lists', 'tornado-cash'])).toBe('sanctioned');
    expect(pickCategory(['meme'])).toBe('other');
  });
});
