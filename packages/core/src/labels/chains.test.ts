import { describe, expect, it } from 'vitest';
import { LABEL_CHAINS, routeAddress } from './chains.ts';

const fixtures = {
  valid: [
    { description: 'XBT list: Bitcoin base58', asset: 'XBT', text: '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h', chain: LABEL_CHAINS.bitcoin, address: '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h' },
    { description: 'XBT list: a Tron address goes to Tron', asset: 'XBT', text: 'TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq', chain: LABEL_CHAINS.tron, address: 'TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq' },
    { description: 'USDT list: Omni (Bitcoin) address', asset: 'USDT', text: '16iWn2J1McqjToYLHSsAyS6En3QA8YQ91H', chain: LABEL_CHAINS.bitcoin, address: '16iWn2J1McqjToYLHSsAyS6En3QA8YQ91H' },
    { description: 'USDT list: checksummed 0x to lower case on Ethereum', asset: 'USDT', text: '0x175d44451403Edf28469dF03A9280c1197ADb92c', chain: 'eip155:1', address: '0x175d44451403edf28469df03a9280c1197adb92c' },
    { description: 'BSC list: 0x on BNB Smart Chain', asset: 'BSC', text: '0x4f47bc496083c727c5fbe3ce9cdf2b0f6496270c', chain: 'eip155:56', address: '0x4f47bc496083c727c5fbe3ce9cdf2b0f6496270c' },
    { description: 'upper-case bech32 collapses to lower case', asset: 'XBT', text: 'BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ', chain: LABEL_CHAINS.bitcoin, address: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' },
    { description: 'LTC address on Litecoin', asset: 'LTC', text: 'LNf2JDiuunBz7GMDKFYHN4rq5meXWxiwfb', chain: LABEL_CHAINS.litecoin, address: 'LNf2JDiuunBz7GMDKFYHN4rq5meXWxiwfb' },
    { description: 'XMR kept as written on Monero', asset: 'XMR', text: '5be5543ff73456ab9f2d207887e2af87322c651ea1a873c5b25b7ffae456c320', chain: LABEL_CHAINS.monero, address: '5be5543ff73456ab9f2d207887e2af87322c651ea1a873c5b25b7ffae456c320' },
    { description: 'no asset: format decides', asset: undefined, text: '0x8589427373D6D84E98730D7795D8f6f8731FDA16', chain: 'eip155:1', address: '0x8589427373d6d84e98730d7795d8f6f8731fda16' },
  ],
  invalid: [
    { description: 'XBT: bad checksum', asset: 'XBT', text: '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9x' },
    { description: 'short 0x', asset: 'ETH', text: '0x1234' },
    { description: 'empty', asset: 'XBT', text: '  ' },
    { description: 'no asset and unknown format', asset: undefined, text: 'rnXyVQzgxZe7TR1EPzTkGj2jxH4LMJYh66' },
  ],
};

describe('routeAddress', () => {
  it.each(fixtures.valid)('$description', ({ asset, text, chain, address }) => {
    expect(routeAddress({ ...(asset === undefined ? {} : { asset }), text })).toEqual({ chain, address });
  });
  it.each(fixtures.invalid)('rejects: $description', ({ asset, text }) => {
    expect(routeAddress({ ...(asset === undefined ? {} : { asset }), text })).toHaveProperty('reason');
  });
});
