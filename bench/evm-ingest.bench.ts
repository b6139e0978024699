// EVM ingest throughput from a real local anvil node: transfers per second with concurrency 1 vs the default (4),
// for both trace formats, and the share of wall time spent in our code versus waiting on the node.
import { Interface } from 'ethers';
import { EvmRpcSource, startAnvil, type TraceMode } from '@chaintrail/adapters';
import { compileContracts } from '../test/support/contracts.ts';
import { report } from './report.ts';

const BLOCKS = 150;
const TXS_PER_BLOCK = 12;

const node = await startAnvil({ accounts: 10 });
try {
  let id = 0;
  const rpc = async (calls: { method: string; params: unknown[] }[]): Promise<any[]> => {
    const res = await fetch(node.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(calls.map((c) => ({ jsonrpc: '2.0', id: ++id, ...c }))),
    });
    const out = (await res.json()) as { result?: unknown; error?: { message: string } }[];
    for (const o of out) if (o.error) throw new Error(o.error.message);
    return out.map((o) => o.result);
  };
  const [sender, a, b] = node.accounts.map((x) => x.address);
  const { Splitter, Token } = compileContracts();
  const deploy = async (bytecode: string, abi: ConstructorParameters<typeof Interface>[0], args: unknown[]): Promise<string> => {
    const data = bytecode + new Interface(abi).encodeDeploy(args).slice(2);
    const [hash] = await rpc([{ method: 'eth_sendTransaction', params: [{ from: sender, data, gas: '0x500000' }] }]);
    const [receipt] = await rpc([{ method: 'eth_getTransactionReceipt', params: [hash] }]);
    return receipt.contractAddress as string;
  };
  const splitter = await deploy(Splitter!.bytecode, Splitter!.abi, [a, b]);
  const token = await deploy(Token!.bytecode, Token!.abi, ['Bench', 'BNC', 18, 10n ** 30n]);
  const erc20 = new Interface(Token!.abi);
  await rpc([{ method: 'evm_setAutomine', params: [false] }]);
  const first = Number((await rpc([{ method: 'eth_blockNumber', params: [] }]))[0]) + 1;
  for (let blockIndex = 0; blockIndex < BLOCKS; blockIndex++) {
    const calls = [];
    for (let i = 0; i < TXS_PER_BLOCK; i++) {
      const from = node.accounts[i % 3 === 0 ? 0 : 3 + (i % 7)]!.address;
      // A third each: plain sends, sends through the splitter (2 internal transfers), token transfers.
      const tx =
        i % 3 === 0
          ? { from, to: token, data: erc20.encodeFunctionData('transfer', [b, 1000n + BigInt(i)]), gas: '0x20000' }
          : i % 3 === 1
            ? { from, to: splitter, value: `0x${(10_001 + i).toString(16)}`, gas: '0x20000' }
            : { from, to: a, value: `0x${(777 + i).toString(16)}`, gas: '0x5208' };
      calls.push({ method: 'eth_sendTransaction', params: [tx] });
    }
    await rpc(calls);
    await rpc([{ method: 'evm_mine', params: [] }]);
  }
  const last = first + BLOCKS - 1;

  const run = async (concurrency: number, traces: TraceMode) => {
    // Time with at least one request in flight, measured around fetch (request sent to body read).
    let inFlight = 0;
    let waitStart = 0;
    let waiting = 0;
    const timedFetch: typeof fetch = async (input, init) => {
      if (inFlight++ === 0) waitStart = performance.now();
      try {
        const res = await fetch(input, init);
        const text = await res.text();
        return new Response(text, { status: res.status, headers: res.headers });
      } finally {
        if (--inFlight === 0) waiting += performance.now() - waitStart;
      }
    };
    const source = new EvmRpcSource({ url: node.url, chainId: node.chainId, traces, concurrency, confirmations: 0, fetch: timedFetch });
    const start = performance.now();
    let transfers = 0;
    for await (const block of source.getBlocks({ from: first, to: last })) transfers += block.transfers.length;
    const ms = performance.now() - start;
    return { transfers, ms, waiting };
  };

  const best = async (concurrency: number, traces: TraceMode) => {
    await run(concurrency, traces); // warm-up
    const runs = [await run(concurrency, traces), await run(concurrency, traces)];
    return runs.sort((x, y) => x.ms - y.ms)[0]!;
  };

  for (const traces of ['geth', 'parity'] as const) {
    const one = await best(1, traces);
    const four = await best(4, traces);
    const rate = (r: { transfers: number; ms: number }) => Math.round((r.transfers / r.ms) * 1000);
    report({ bench: 'evm-ingest', metric: `transfers per block range (${traces})`, value: four.transfers, unit: 'transfers' });
    report({ bench: 'evm-ingest', metric: `throughput, concurrency 1 (${traces})`, value: rate(one), unit: 'transfers/s' });
    report({
      bench: 'evm-ingest',
      metric: `throughput, concurrency 4 default (${traces})`,
      value: rate(four),
      unit: 'transfers/s',
      vs: 'concurrency 1',
      ratio: Number((rate(four) / rate(one)).toFixed(2)),
    });
    for (const [name, r] of [['concurrency 1', one], ['concurrency 4', four]] as const) {
      report({
        bench: 'evm-ingest',
        metric: `share of wall time in our code, ${name} (${traces})`,
        value: Number((1 - r.waiting / r.ms).toFixed(3)),
        unit: 'fraction',
      });
    }
  }
} finally {
  await node.stop();
}
