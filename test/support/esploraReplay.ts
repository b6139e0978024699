import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LocalServer, startServer } from './httpServer.ts';
import { sharedPath } from './sharedData.ts';

export interface EsploraReplayOptions {
  /** The tip height to answer; default the highest block height in the recordings. */
  readonly tip?: number;
  /** Return true when the fault handled the request itself. `n` counts requests from 0. */
  readonly fault?: (n: number, req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
}

interface Recorded {
  /** URL path (after /api) → the recorded body, byte for byte. */
  readonly paths: Map<string, string>;
  readonly maxHeight: number;
}

let recorded: Recorded | undefined;

function load(): Recorded {
  if (recorded) return recorded;
  const dir = sharedPath('bitcoin', 'esplora');
  const paths = new Map<string, string>();
  let maxHeight = 0;
  for (const file of readdirSync(dir)) {
    const text = readFileSync(`${dir}/${file}`, 'utf8');
    // mempool.space_api_<path with / as _>.json; the recorded paths are /address/<a>/txs and /tx/<txid>/outspends.
    const m = /^mempool\.space_api_(address|tx)_([0-9a-zA-Z]+)_(txs|outspends)\.json$/.exec(file);
    if (!m) continue;
    paths.set(`/${m[1]}/${m[2]}/${m[3]}`, text);
    for (const h of text.matchAll(/"block_height":\s*(\d+)/g)) maxHeight = Math.max(maxHeight, Number(h[1]));
    if (m[3] === 'txs') {
      // A transaction listed in an address history is what /tx/:txid answers, so serve those too.
      for (const tx of JSON.parse(text) as { txid: string }[]) paths.set(`/tx/${tx.txid}`, JSON.stringify(tx, null, 1));
    }
  }
  recorded = { paths, maxHeight };
  return recorded;
}

/**
 * A local HTTP server answering Esplora's REST API (under /api) from the recorded mempool.space responses in
 * ../shared/data/bitcoin/esplora. Paths that were not recorded answer 404, as Esplora does for unknown ids.
 */
export async function startEsploraReplay(opts: EsploraReplayOptions = {}): Promise<LocalServer> {
  const data = load();
  let n = 0;
  return startServer(async (req, res) => {
    if (opts.fault && (await opts.fault(n++, req, res))) return;
    const path = (req.url ?? '/').replace(/^\/api/, '');
    if (path === '/blocks/tip/height') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(String(opts.tip ?? data.maxHeight));
      return;
    }
    const body = data.paths.get(path);
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Transaction not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
}
