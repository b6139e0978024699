// Load test of examples/05-withdrawal-service on loopback: the service runs in its own process (so the client does
// not share its event loop), autocannon drives POST /screen with a fixed mix of requests, bounded in count and time.
// The mix: OFAC-listed ETH and BTC addresses (direct hits, labels only) and output addresses of real block 277647
// (each a 3-hop backward walk over the block's history, in memory).
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadBlockFiles } from '@chaintrail/adapters';
import { report } from './report.ts';

const BENCH = 'withdrawal-service';
const SHARED = process.env.CHAINTRAIL_SHARED_DATA ?? fileURLToPath(new URL('../../shared/data', import.meta.url));
const CONNECTIONS = 10;
// Bounded both ways: at most this many requests, and stopped after this long whatever the count.
const MAX_REQUESTS = 30_000;
const MAX_SECONDS = 15;

if (!existsSync(SHARED)) {
  process.stderr.write(`${BENCH}: ${SHARED} is absent, skipped\n`);
  process.exit(0);
}

const lines = (asset: string) => readFileSync(`${SHARED}/labels/ofac-lists/sanctioned_addresses_${asset}.txt`, 'utf8').split('\n').filter(Boolean);
const [block] = await loadBlockFiles({ paths: [`${SHARED}/bitcoin/blocks/block-277647.framed.dat`], prevoutsPath: `${SHARED}/bitcoin/blocks/block-277647.prevouts.json` });
const blockAddresses = [...new Set(block!.transactions.slice(1).flatMap((t) => t.outputs.map((o) => o.address)))].filter((a) => !a.includes(':')).slice(0, 40);
const bodies = [
  ...lines('ETH').slice(0, 20).map((address) => ({ chain: 'eth', address, amount: '1000000000000000000' })),
  ...lines('XBT').slice(0, 20).map((address) => ({ chain: 'btc', address, amount: '100000' })),
  ...blockAddresses.map((address) => ({ chain: 'btc', address, amount: '100000' })),
].map((b) => JSON.stringify(b));

// Start the service as a child on a free port and read its URL from its start-up line.
const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../examples/05-withdrawal-service/main.ts', import.meta.url))], {
  env: { ...process.env, PORT: '0' },
  stdio: ['ignore', 'ignore', 'pipe'],
});
const startedAt = performance.now();
const url = await new Promise<string>((resolve, reject) => {
  let text = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    text += chunk;
    const m = /on (http:\/\/127\.0\.0\.1:\d+)\/screen/.exec(text);
    if (m) resolve(m[1]!);
  });
  child.once('exit', (code) => reject(new Error(`service exited (${code}): ${text}`)));
});
report({ bench: BENCH, metric: 'start-up (labels + block loaded, listening)', value: Math.round(performance.now() - startedAt), unit: 'ms' });

try {
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${url}/screen`,
        connections: CONNECTIONS,
        amount: MAX_REQUESTS,
        requests: bodies.map((body) => ({ method: 'POST' as const, body, headers: { 'content-type': 'application/json' } })),
      },
      (error, r) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(r);
      },
    );
    const timer = setTimeout(() => instance.stop(), MAX_SECONDS * 1000);
  });
  report({ bench: BENCH, metric: `requests/s (${CONNECTIONS} connections, ${bodies.length}-request mix)`, value: Math.round(result.requests.average), unit: 'req/s' });
  report({ bench: BENCH, metric: 'latency p50', value: result.latency.p50, unit: 'ms' });
  report({ bench: BENCH, metric: 'latency p99', value: result.latency.p99, unit: 'ms' });
  report({ bench: BENCH, metric: 'requests', value: result.requests.total, unit: 'requests' });
  report({ bench: BENCH, metric: 'errors and non-2xx answers', value: result.errors + result.non2xx, unit: 'responses' });
} finally {
  child.kill('SIGTERM');
}
