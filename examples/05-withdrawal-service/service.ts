// A withdrawal-check service for exchanges: loads the labels once, then answers
// `POST /screen {chain, address, amount}` with the screening verdict (risk, exposures, evidence) as JSON.
// Run: pnpm exec tsx examples/05-withdrawal-service/service.ts [port] [shared data folder]
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_RULES, LabelStore, type ScreenRules, isChaintrailError, loadOfacList, screen, toJson } from '@chaintrail/core';

/** OFAC's lists for every asset in the shared data folder, loaded into one store. */
export async function loadOfacLabels(dataDir: string): Promise<LabelStore> {
  const labels = new LabelStore();
  for (const asset of ['ETH', 'XBT', 'USDT', 'TRX', 'LTC', 'BSC', 'ARB']) {
    const file = join(dataDir, 'labels', 'ofac-lists', `sanctioned_addresses_${asset}.txt`);
    labels.addAll(loadOfacList({ text: await readFile(file, 'utf8'), file }).labels);
  }
  return labels;
}

export interface ScreeningService {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

/**
 * Starts the service on 127.0.0.1 (port 0: a free one). A bad request (not JSON, a malformed address, an unknown
 * chain) gets 400 with `{ error: { code, message } }`, one line a client can show.
 *
 * @example
 * const service = await startScreeningService({ labels: await loadOfacLabels('../shared/data') });
 * await fetch(`${service.url}/screen`, { method: 'POST', body: JSON.stringify({ chain: 'eth', address }) });
 */
export async function startScreeningService({ labels, rules = DEFAULT_RULES, port = 0 }: { labels: LabelStore; rules?: ScreenRules; port?: number }): Promise<ScreeningService> {
  const server = createServer((req, res) => {
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(toJson(body));
    };
    if (req.method !== 'POST' || req.url !== '/screen') return reply(404, { error: { code: 'NOT_FOUND', message: 'POST /screen {chain, address, amount}' } });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: { chain?: unknown; address?: unknown; amount?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        return reply(400, { error: { code: 'INVALID_ARGUMENT', message: 'the body is not JSON' } });
      }
      if (typeof body.chain !== 'string' || typeof body.address !== 'string') {
        return reply(400, { error: { code: 'INVALID_ARGUMENT', message: 'chain and address must be strings' } });
      }
      const amount = typeof body.amount === 'string' || typeof body.amount === 'number' ? BigInt(body.amount) : undefined;
      screen({ chain: body.chain, address: body.address, ...(amount === undefined ? {} : { amount }) }, { labels, rules }).then(
        (verdict) => reply(200, verdict),
        (e: unknown) => (isChaintrailError(e) ? reply(400, { error: { code: e.code, message: e.shortMessage } }) : reply(500, { error: { code: 'INTERNAL', message: String(e) } })),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const data = process.argv[3] ?? fileURLToPath(new URL('../../../shared/data', import.meta.url));
  const labels = await loadOfacLabels(data);
  const service = await startScreeningService({ labels, port: Number(process.argv[2] ?? 8787) });
  console.log(`screening service on ${service.url} (${labels.stats().labels} labels); POST /screen {chain, address, amount}`);
}
