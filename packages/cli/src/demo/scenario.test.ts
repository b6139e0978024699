import { JsonRpcProvider, formatEther } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnvilNode, startAnvil } from '@chaintrail/adapters';
import { DEMO_ANVIL, type DemoScenario, playDemoScenario } from './scenario.ts';

describe('the demo scenario on a real anvil', () => {
  let anvil: AnvilNode;
  let scenario: DemoScenario;
  let provider: JsonRpcProvider;
  beforeAll(async () => {
    anvil = await startAnvil(DEMO_ANVIL);
    scenario = await playDemoScenario({ rpcUrl: anvil.url });
    provider = new JsonRpcProvider(anvil.url, scenario.chainNumber, { staticNetwork: true });
  });
  afterAll(async () => {
    provider?.destroy();
    await anvil?.stop();
  });

  it('plays ten signed transactions in consecutive blocks', () => {
    expect(scenario.steps).toHaveLength(10);
    expect(scenario.steps.map((s) => s.block)).toEqual(Array.from({ length: 10 }, (_, i) => scenario.fromBlock + i));
    expect(scenario.toBlock).toBe(scenario.fromBlock + 9);
  });

  it('leaves the balances the story says: the splitter and the swept deposit addresses keep nothing', async () => {
    const balance = async (role: keyof DemoScenario['actors']) => formatEther(await provider.getBalance(scenario.actors[role].address));
    expect(await balance('splitter')).toBe('0.0');
    expect(await balance('depositShell')).toBe('0.0');
    expect(await balance('depositHonest')).toBe('0.0');
    expect(await balance('shell')).toBe('10.0'); // 25 + 30 + 45 in, 90 out
    expect(await balance('otcBroker')).toBe('25.0'); // 10 + 15
    expect(await balance('hotWallet')).toBe('140.0'); // 90 + 50
    expect(await balance('poolPayout')).toBe('60.0');
  });

  it('uses the same addresses and block times on every run', async () => {
    expect(scenario.actors.shell.address).toMatch(/^0x[0-9a-f]{40}$/);
    const block = await provider.getBlock(scenario.fromBlock);
    expect(block?.timestamp).toBe(1767603600 + 600);
  });
});
