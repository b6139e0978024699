import { type ChainId, type ProgressListener, evmChain, throwIfAborted } from '@chaintrail/core';
import { ContractFactory, JsonRpcProvider, Wallet, id, parseEther, toBeHex } from 'ethers';
import { Splitter } from './contracts/artifacts.ts';

/** Everyone in the demo's story. */
export const ROLES = [
  'poolCoinbase',
  'poolPayout',
  'sdnTreasury',
  'sanctioned',
  'launderer',
  'splitter',
  'otcBroker',
  'shell',
  'tradingPartner',
  'depositShell',
  'depositHonest',
  'honestCustomer',
  'hotWallet',
] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  readonly role: Role;
  /** Who this is in the story. */
  readonly name: string;
  /** Lower-case hex address. */
  readonly address: string;
  /** What an investigator knows about it before looking (nothing, for most). */
  readonly known?: string;
}

/** One signed transaction of the story. */
export interface Step {
  readonly block: number;
  readonly txHash: string;
  readonly from: Role;
  readonly to: Role;
  readonly value: bigint;
  readonly story: string;
}

export interface DemoScenario {
  readonly chain: ChainId;
  readonly chainNumber: number;
  readonly actors: Readonly<Record<Role, Actor>>;
  readonly steps: readonly Step[];
  readonly fromBlock: number;
  readonly toBlock: number;
}

/** anvil's default chain id; the demo chain is a private test chain, not Ethereum mainnet. */
export const DEMO_CHAIN_ID = 31337;
/** Genesis time of the demo chain (2026-01-05T09:00:00Z), so block times and reports are the same on every run. */
export const DEMO_GENESIS_TIME = 1767603600;

/**
 * `startAnvil` parameters that make the demo chain reproducible: fixed chain id and genesis time, and no gas price,
 * so every amount in the story (and in the taint summary) is a round number. Fees are real on mainnet; here they
 * would only add dust to every figure.
 */
export const DEMO_ANVIL = {
  chainId: DEMO_CHAIN_ID,
  accounts: 1,
  args: ['--timestamp', String(DEMO_GENESIS_TIME), '--base-fee', '0', '--gas-price', '0'],
} as const;

const NAMES: Record<Role, { name: string; known?: string }> = {
  poolCoinbase: { name: 'Redline Pool coinbase wallet' },
  poolPayout: { name: 'Redline Pool payout wallet', known: 'mining pool flagged by the compliance team' },
  sdnTreasury: { name: 'Volga Digital treasury' },
  sanctioned: { name: 'Volga Digital Ltd', known: 'OFAC-style SDN entry' },
  launderer: { name: 'splitter deployer' },
  splitter: { name: 'splitter contract (75% / 25%)' },
  otcBroker: { name: 'OTC broker wallet' },
  shell: { name: 'Harbourline Trading Pte. Ltd. (Singapore mailbox company)', known: '60% owned by Volga Digital Ltd' },
  tradingPartner: { name: 'legitimate trading partner' },
  depositShell: { name: 'Kestrel deposit address of Harbourline' },
  depositHonest: { name: 'Kestrel deposit address of an honest customer' },
  honestCustomer: { name: 'honest customer' },
  hotWallet: { name: 'Kestrel Exchange hot wallet', known: 'exchange hot wallet' },
};

/** Balances at the start of the story, in ETH (set with anvil_setBalance: where they came from is not the story). */
const OPENING_BALANCES: Partial<Record<Role, string>> = {
  poolCoinbase: '1000',
  sdnTreasury: '1000',
  tradingPartner: '50',
  honestCustomer: '80',
};

export interface PlayDemoScenarioParameters {
  /** JSON-RPC URL of a fresh anvil started with DEMO_ANVIL. */
  readonly rpcUrl: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressListener;
}

/** The demo chain charges nothing (see DEMO_ANVIL); ethers would otherwise add a 1 gwei tip. */
const NO_FEES = { maxFeePerGas: 0n, maxPriorityFeePerGas: 0n } as const;

/** The deterministic key of a role: the same addresses on every run, so a report can be compared with the last. */
function walletOf(role: Role, provider: JsonRpcProvider): Wallet {
  return new Wallet(id(`chaintrail demo: ${role}`), provider);
}

/**
 * Plays the demo's sanctions-evasion story on a local chain with real signed transactions: a flagged mining pool's
 * payout wallet and a sanctioned wallet pay into a splitter contract that fans each payment out to a shell company
 * and an OTC broker; the shell company, which also takes clean money from a trading partner first, pays its
 * exchange deposit address, which the exchange sweeps into its hot wallet. An honest
 * customer's deposit reaches the same hot wallet through its own deposit address. The exchange sweeps each deposit
 * address into its hot wallet in a later transaction, as exchanges do (which is what the deposit-address heuristic
 * of Victor 2020 recognises).
 *
 * Expected taint at the shell's deposit (90 ETH sent after 25 clean, 30 pool and 45 sanctioned ETH came in, in that
 * order): poison 90, haircut 67.5 (75 of 100), FIFO 65 (first-in 25 clean, then 30 + 35).
 *
 * @example
 * const anvil = await startAnvil(DEMO_ANVIL);
 * const scenario = await playDemoScenario({ rpcUrl: anvil.url });
 * scenario.actors.depositShell.address; // screen this one
 */
export async function playDemoScenario(parameters: PlayDemoScenarioParameters): Promise<DemoScenario> {
  const { rpcUrl, signal, onProgress } = parameters;
  const provider = new JsonRpcProvider(rpcUrl, DEMO_CHAIN_ID, { staticNetwork: true, cacheTimeout: -1, pollingInterval: 50 });
  try {
    const network = await provider.getNetwork();
    if (network.chainId !== BigInt(DEMO_CHAIN_ID)) throw new Error(`expected chain ${DEMO_CHAIN_ID}, got ${network.chainId}`);
    const wallets = Object.fromEntries(ROLES.map((r) => [r, walletOf(r, provider)])) as Record<Role, Wallet>;
    const addresses: Partial<Record<Role, string>> = Object.fromEntries(
      ROLES.filter((r) => r !== 'splitter').map((r) => [r, wallets[r].address.toLowerCase()]),
    );
    for (const [role, eth] of Object.entries(OPENING_BALANCES)) {
      await provider.send('anvil_setBalance', [wallets[role as Role].address, toBeHex(parseEther(eth))]);
    }

    const steps: Step[] = [];
    const total = 10;
    let time = DEMO_GENESIS_TIME;
    const nextBlockTime = async (): Promise<void> => {
      time += 600;
      await provider.send('evm_setNextBlockTimestamp', [time]);
    };
    const report = (): void => onProgress?.({ phase: 'demo scenario', done: steps.length, total, unit: 'transaction' });

    const deploySplitter = async (): Promise<void> => {
      throwIfAborted(signal);
      await nextBlockTime();
      const factory = new ContractFactory(Splitter.abi, Splitter.bytecode, wallets.launderer);
      const contract = await factory.deploy([addresses.shell, addresses.otcBroker], [7500, 2500], NO_FEES);
      const receipt = await contract.deploymentTransaction()!.wait();
      addresses.splitter = (await contract.getAddress()).toLowerCase();
      steps.push({ block: receipt!.blockNumber, txHash: receipt!.hash, from: 'launderer', to: 'splitter', value: 0n, story: 'a splitter contract is deployed: 75% to Harbourline, 25% to an OTC broker' });
      report();
    };
    const pay = async (from: Role, to: Role, eth: string, story: string): Promise<void> => {
      throwIfAborted(signal);
      await nextBlockTime();
      const tx = await wallets[from].sendTransaction({ to: addresses[to]!, value: parseEther(eth), gasLimit: 200_000n, ...NO_FEES });
      const receipt = await tx.wait();
      if (receipt?.status !== 1) throw new Error(`demo transaction ${from} → ${to} failed`);
      steps.push({ block: receipt.blockNumber, txHash: receipt.hash, from, to, value: parseEther(eth), story });
      report();
    };

    const fromBlock = (await provider.getBlockNumber()) + 1;
    await pay('poolCoinbase', 'poolPayout', '100', 'Redline Pool moves 100 ETH of mining income to its payout wallet');
    await pay('sdnTreasury', 'sanctioned', '200', 'Volga Digital funds its operating wallet with 200 ETH');
    await deploySplitter();
    await pay('tradingPartner', 'shell', '25', 'a trading partner pays Harbourline 25 ETH of clean money');
    await pay('poolPayout', 'splitter', '40', 'the flagged pool pays 40 ETH into the splitter (30 on to Harbourline, 10 to the OTC broker)');
    await pay('sanctioned', 'splitter', '60', 'the sanctioned wallet pays 60 ETH into the splitter (45 on to Harbourline, 15 to the OTC broker)');
    await pay('honestCustomer', 'depositHonest', '50', 'an honest customer deposits 50 ETH at Kestrel');
    await pay('depositHonest', 'hotWallet', '50', 'Kestrel sweeps that deposit address into its hot wallet');
    await pay('shell', 'depositShell', '90', 'Harbourline deposits 90 ETH at its Kestrel deposit address');
    await pay('depositShell', 'hotWallet', '90', 'Kestrel sweeps Harbourline\'s deposit address into its hot wallet');
    const toBlock = await provider.getBlockNumber();

    const actors = Object.fromEntries(
      ROLES.map((role) => [role, { role, ...NAMES[role], address: addresses[role]! } satisfies Actor]),
    ) as Record<Role, Actor>;
    return { chain: evmChain(DEMO_CHAIN_ID), chainNumber: DEMO_CHAIN_ID, actors, steps, fromBlock, toBlock };
  } finally {
    provider.destroy();
  }
}
