import { JsonRpcProvider, Wallet } from 'ethers';
import { startAnvil as startAnvilNode, type AnvilAccount, type StartAnvilParameters } from '../../packages/adapters/src/evm/anvil.ts';

export interface TestAnvil {
  readonly url: string;
  readonly chainId: number;
  readonly accounts: readonly AnvilAccount[];
  /** An ethers provider on the node (polling off: tests wait on receipts). */
  readonly provider: JsonRpcProvider;
  /** One ethers signer per dev account, connected to `provider`. */
  readonly wallets: readonly Wallet[];
  stop(): Promise<void>;
}

/**
 * Starts a real anvil node for a test (127.0.0.1, free port) with ethers wallets on its dev accounts. Call `stop()`
 * in `afterAll`; the node is also killed if the test process exits.
 *
 * @example
 * let node: TestAnvil
 * beforeAll(async () => { node = await startAnvil() })
 * afterAll(() => node?.stop())
 */
export async function startAnvil(params: StartAnvilParameters = {}): Promise<TestAnvil> {
  const node = await startAnvilNode(params);
  const provider = new JsonRpcProvider(node.url, node.chainId, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
  provider.pollingInterval = 50;
  const wallets = node.accounts.map((a) => new Wallet(a.privateKey, provider));
  return {
    url: node.url,
    chainId: node.chainId,
    accounts: node.accounts,
    provider,
    wallets,
    stop: async () => {
      provider.destroy();
      await node.stop();
    },
  };
}

