// Load test of the withdrawal-check service on loopback with autocannon: a mix of sanctioned, clean and malformed
// addresses, and the figures an exchange asks for: requests per second and p99 latency.
// Run: pnpm exec tsx examples/05-withdrawal-service/loadTest.ts [seconds] [shared data folder]
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { loadOfacLabels, startScreeningService } from './service.ts';

export interface LoadTestResult {
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly non2xx: number;
}

const BODIES = [
  { chain: 'eth', address: '0x8589427373D6D84E98730D7795D8f6f8731FDA16', amount: '1500000000000000000' },
  { chain: 'btc', address: '123WBUDmSJv4GctdVEz6Qq6z8nXSKrJ4KX', amount: '25000000' },
  { chain: 'eth', address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', amount: '2000000000000000000' },
  { chain: 'btc', address: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', amount: '100000' },
];

/** Runs autocannon against a fresh service for `seconds` with 10 connections; 400s for malformed input are not sent. */
export async function runLoadTest({ seconds, dataDir }: { seconds: number; dataDir: string }): Promise<LoadTestResult> {
  const service = await startScreeningService({ labels: await loadOfacLabels(dataDir) });
  try {
    const result = await autocannon({
      url: `${service.url}/screen`,
      connections: 10,
      duration: seconds,
      requests: BODIES.map((b) => ({ method: 'POST' as const, path: '/screen', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) })),
    });
    return {
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
      p99Ms: result.latency.p99,
      errors: result.errors,
      non2xx: result.non2xx,
    };
  } finally {
    await service.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const seconds = Number(process.argv[2] ?? 10);
  const dataDir = process.argv[3] ?? fileURLToPath(new URL('../../../shared/data', import.meta.url));
  const r = await runLoadTest({ seconds, dataDir });
  console.log(`${r.requests} requests in ${seconds} s: ${r.requestsPerSecond} requests/s, p99 ${r.p99Ms} ms, ${r.errors} errors, ${r.non2xx} non-2xx`);
}
