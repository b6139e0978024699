// Example 2: screen a batch of withdrawal addresses against OFAC's real sanctions lists and a local chain.
//
// The labels are OFAC's published digital-currency addresses (../shared/data/labels/ofac-lists, plus the SDN CSV,
// which names the entity behind each address). The chain is a local anvil node with chain id 1, so mainnet labels
// apply to it. On it, a sanctioned address pays a mule, the mule pays a withdrawal address, a wallet with a sliver of
// sanctioned funds pays another, and a clean wallet pays a third. `screen()` then gives each withdrawal a verdict:
// direct hits (the address is on the list), indirect exposure within 3 hops (haircut), or nothing.
//
// Every transaction is signed by its sender's key, except the sanctioned address's own: we do not hold its key, so
// anvil impersonates it (anvil_impersonateAccount), which is what a mainnet fork would show for that address.
//
// Run: bash scripts/pnpm.sh exec tsx examples/02-screen-withdrawals/main.ts
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EvmRpcSource, startAnvil } from '@chaintrail/adapters';
import {
  type AccountTransfer,
  formatUnits,
  loadLabelFiles,
  MemoryAccountSource,
  parseUnits,
  screen,
  type ScreenResult,
} from '@chaintrail/core';
import { id, JsonRpcProvider, Wallet } from 'ethers';

/** `../shared/data` beside the repository (override with CHAINTRAIL_SHARED_DATA). */
export const SHARED_DATA = process.env.CHAINTRAIL_SHARED_DATA ?? fileURLToPath(new URL('../../../shared/data', import.meta.url));

/** Addresses from OFAC's ETH and XBT lists (SDN entries for the Lazarus Group and others). */
export const OFAC = {
  /** Active on the local chain: it funds the mule and the mixed wallet. */
  eth: '0x098B716B8Aaf21512996dC57EB0615e2383E2f96',
  /** Listed, never seen on the local chain. */
  idle: '0x03893a7c7463AE47D46bc7f091665f1893656003',
  btc: '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h',
} as const;

export interface Withdrawal {
  readonly name: string;
  readonly chain: 'eth' | 'btc';
  readonly address: string;
  readonly amount: bigint;
}

export interface ScreenedWithdrawal extends Withdrawal {
  readonly verdict: ScreenResult;
}

const ETH = (text: string) => parseUnits(text, 18);

/** Deterministic keys for the story's wallets (keccak of a name), so every run gives the same addresses. */
const walletOf = (name: string, provider: JsonRpcProvider) => new Wallet(id(`chaintrail example 02: ${name}`), provider);

export async function run({ log = console.error }: { log?: (line: string) => void } = {}): Promise<ScreenedWithdrawal[]> {
  // 1. Labels: load once, look up many times.
  const { store } = await loadLabelFiles({ paths: [`${SHARED_DATA}/labels/ofac-lists`, `${SHARED_DATA}/labels/ofac-sdn.csv`] });
  log(`labels: ${store.stats().addresses} sanctioned addresses`);

  // 2. A local chain with real transactions.
  const node = await startAnvil({ chainId: 1, accounts: 1 });
  try {
    const provider = new JsonRpcProvider(node.url, node.chainId, { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
    provider.pollingInterval = 50;
    const faucet = new Wallet(node.accounts[0]!.privateKey, provider);
    const [mule, mixed, clean] = ['mule', 'mixed', 'clean'].map((n) => walletOf(n, provider)) as [Wallet, Wallet, Wallet];
    const [w1, w2, w3] = ['withdrawal 1', 'withdrawal 2', 'withdrawal 3'].map((n) => walletOf(n, provider).address) as [string, string, string];
    await provider.send('anvil_impersonateAccount', [OFAC.eth]);
    const sanctioned = await provider.getSigner(OFAC.eth);
    const pay = async (from: { sendTransaction: Wallet['sendTransaction'] }, to: string, value: string) => {
      await (await from.sendTransaction({ to, value: ETH(value) })).wait();
    };
    await pay(faucet, OFAC.eth, '10');
    await pay(faucet, mixed.address, '10');
    await pay(faucet, clean.address, '3');
    await pay(sanctioned, mule.address, '2'); // 1 hop from the sanctioned address
    await pay(mule, w1, '1.5'); // 2 hops
    await pay(sanctioned, mixed.address, '0.05'); // 0.05 of the mixed wallet's 10.05 ETH
    await pay(mixed, w2, '5');
    await pay(clean, w3, '1');
    provider.destroy();

    // 3. Read the chain back through its JSON-RPC. A node has no address index for plain ETH transfers, so ingest
    //    the blocks into memory; screen() then walks each address's history lazily.
    const rpc = await EvmRpcSource.connect({ url: node.url, confirmations: 0 });
    const transfers: AccountTransfer[] = [];
    for await (const block of rpc.getBlocks({ from: 1, to: await rpc.getTipHeight() })) transfers.push(...block.transfers);
    const history = new MemoryAccountSource({ chain: rpc.chain, transfers });
    log(`chain ${rpc.chain}: ${transfers.length} transfers in ${await rpc.getTipHeight()} blocks`);

    // 4. Screen the withdrawals. Bitcoin has no local history here: its verdict rests on labels alone.
    const withdrawals: Withdrawal[] = [
      { name: 'sanctioned address itself', chain: 'eth', address: OFAC.eth, amount: ETH('1') },
      { name: 'mule (1 hop)', chain: 'eth', address: mule.address, amount: ETH('0.4') },
      { name: 'withdrawal 1 (2 hops)', chain: 'eth', address: w1, amount: ETH('1.2') },
      { name: 'withdrawal 2 (0.5% tainted)', chain: 'eth', address: w2, amount: ETH('4') },
      { name: 'withdrawal 3 (clean)', chain: 'eth', address: w3, amount: ETH('0.9') },
      { name: 'listed, idle here', chain: 'eth', address: OFAC.idle, amount: ETH('2') },
      { name: 'listed bitcoin address', chain: 'btc', address: OFAC.btc, amount: parseUnits('0.3', 8) },
    ];
    const screened: ScreenedWithdrawal[] = [];
    for (const w of withdrawals) {
      const verdict = await screen(
        { chain: w.chain, address: w.address, amount: w.amount },
        { labels: store, hops: 3, ...(w.chain === 'eth' ? { dataSource: history } : {}) },
      );
      screened.push({ ...w, verdict });
    }
    return screened;
  } finally {
    await node.stop();
  }
}

/** One line of explanation: the worst exposure, its share and distance, and who it leads to. */
export function why(v: ScreenResult): string {
  const e = v.exposures.find((x) => x.category === 'sanctioned') ?? v.exposures[0];
  if (!e) return 'no exposure found';
  const who = e.entities[0]?.entity ?? '?';
  if (e.kind === 'direct') return `on the ${e.category} list (${who})`;
  return `share ${e.share} of funds received (${formatUnits(e.amount, 18)} ETH) is ${e.category}, ${e.hops} hop(s) from ${who}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!existsSync(SHARED_DATA)) {
    console.log(`${SHARED_DATA} is absent: this example reads the OFAC lists there.`);
    process.exit(0);
  }
  const results = await run();
  console.log(`${'withdrawal'.padEnd(28)} ${'chain'.padEnd(5)} ${'address'.padEnd(42)} ${'risk'.padEnd(6)} why`);
  for (const r of results) {
    console.log(`${r.name.padEnd(28)} ${r.chain.padEnd(5)} ${r.verdict.address.padEnd(42)} ${r.verdict.risk.padEnd(6)} ${why(r.verdict)}`);
  }
}
