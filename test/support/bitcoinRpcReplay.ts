import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type LocalServer, startServer } from './httpServer.ts';
import { sharedPath } from './sharedData.ts';

export interface BitcoinRpcReplayOptions {
  /** Answer getrawtransaction for transactions of the recorded blocks, as a node with -txindex does (default false). */
  readonly txindex?: boolean;
  /** Require this user:password (HTTP 401 with an empty body otherwise, as Bitcoin Core answers). */
  readonly auth?: string;
  /**
   * Called before each HTTP request is answered; return true when it handled the request itself (to cause a fault).
   * `n` counts requests from 0.
   */
  readonly fault?: (n: number, req: IncomingMessage, res: ServerResponse, body: string) => boolean | Promise<boolean>;
}

interface Recorded {
  readonly hashes: Map<number, string>;
  /** Bitcoin Core's own text of each recorded block (verbosity 2), so amounts keep their exact decimals. */
  readonly blockText: Map<string, string>;
  readonly blocks: Map<string, Record<string, unknown>>;
  readonly txs: Map<string, { text: string; block: Record<string, unknown> }>;
  readonly tip: number;
}

let recorded: Recorded | undefined;

function load(): Recorded {
  if (recorded) return recorded;
  const root = sharedPath('bitcoin', 'rpc');
  const hashes = new Map<number, string>();
  const blockText = new Map<string, string>();
  const blocks = new Map<string, Record<string, unknown>>();
  const txs = new Map<string, { text: string; block: Record<string, unknown> }>();
  let tip = 0;
  for (const dir of readdirSync(root)) {
    for (const file of readdirSync(join(root, dir))) {
      const text = readFileSync(join(root, dir, file), 'utf8');
      const hashMatch = /^rpc_response_getblockhash_(\d+)\.json$/.exec(file);
      if (hashMatch) hashes.set(Number(hashMatch[1]), JSON.parse(text) as string);
      const blockMatch = /^rpc_response_getblock_([0-9a-f]{64})_2\.json$/.exec(file);
      if (blockMatch) {
        const block = JSON.parse(text) as Record<string, unknown> & { tx: { txid: string }[]; height: number; confirmations: number };
        blockText.set(blockMatch[1]!, text);
        blocks.set(blockMatch[1]!, block);
        tip = Math.max(tip, block.height + block.confirmations - 1);
        // Each transaction's own text, cut from the recorded block, so its amounts stay as Core printed them.
        for (const [i, tx] of block.tx.entries()) txs.set(tx.txid, { text: transactionText(text, i), block });
      }
    }
  }
  recorded = { hashes, blockText, blocks, txs, tip };
  return recorded;
}

// The i-th element of the block's "tx" array, as text (a small bracket matcher; strings hold no brackets here).
function transactionText(blockText: string, index: number): string {
  let pos = blockText.indexOf('"tx"');
  pos = blockText.indexOf('[', pos) + 1;
  for (let i = 0; ; i++) {
    const start = blockText.indexOf('{', pos);
    let depth = 0;
    let end = start;
    for (; end < blockText.length; end++) {
      const c = blockText[end];
      if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') depth--;
      if (depth === 0) break;
    }
    if (i === index) return blockText.slice(start, end + 1);
    pos = end + 1;
  }
}

interface Call {
  readonly id?: unknown;
  readonly method?: unknown;
  readonly params?: unknown;
}

/** A JSON-RPC answer as text: `result` is spliced in as raw JSON text so recorded decimals pass through untouched. */
function answer(call: Call, opts: BitcoinRpcReplayOptions): { text: string; error: boolean; notFound?: boolean } {
  const data = load();
  const id = JSON.stringify(call.id ?? null);
  const ok = (resultText: string) => ({ text: `{"result":${resultText},"error":null,"id":${id}}`, error: false });
  const err = (code: number, message: string) => ({
    text: JSON.stringify({ result: null, error: { code, message }, id: call.id ?? null }),
    error: true,
    notFound: code === -32601,
  });
  const params = Array.isArray(call.params) ? call.params : [];
  switch (call.method) {
    case 'getblockcount':
      return ok(String(data.tip));
    case 'getblockhash': {
      const hash = data.hashes.get(Number(params[0]));
      return hash ? ok(JSON.stringify(hash)) : err(-8, 'Block height out of range');
    }
    case 'getblock': {
      const text = data.blockText.get(String(params[0]));
      if (!text) return err(-5, 'Block not found');
      // Recorded at verbosity 2: a node before v23 answers any verbosity >= 2 this way, without prevouts.
      if (Number(params[1] ?? 1) >= 2) return ok(text);
      return err(-8, 'only verbosity 2 is recorded');
    }
    case 'getblockheader': {
      const block = data.blocks.get(String(params[0]));
      if (!block) return err(-5, 'Block not found');
      const { tx: _tx, size: _size, strippedsize: _s, weight: _w, ...header } = block;
      return ok(JSON.stringify({ ...header, nTx: (block.tx as unknown[]).length }));
    }
    case 'getrawtransaction': {
      const tx = opts.txindex ? data.txs.get(String(params[0])) : undefined;
      if (!tx) {
        return err(
          -5,
          'No such mempool or blockchain transaction. Use -txindex or provide a block hash to enable blockchain transaction queries. Use gettransaction for wallet transactions.',
        );
      }
      const extra = `"blockhash":${JSON.stringify(tx.block.hash)},"confirmations":${String(tx.block.confirmations)},"time":${String(tx.block.time)},"blocktime":${String(tx.block.time)},`;
      return ok(`{${extra}${tx.text.trim().slice(1)}`);
    }
    case 'getindexinfo':
      // What Bitcoin Core 0.21+ answers with and without -txindex.
      return ok(opts.txindex ? `{"txindex":{"synced":true,"best_block_height":${String(data.tip)}}}` : '{}');
    default:
      return err(-32601, 'Method not found');
  }
}

/**
 * A local HTTP server that answers Bitcoin Core JSON-RPC from the recorded real responses in
 * ../shared/data/bitcoin/rpc (getblockhash, getblock verbosity 2 for heights 0, 1, 50000-50002), single and batched,
 * with Bitcoin Core's error conventions (HTTP 500 + JSON-RPC error for a single failed call, 404 for an unknown method,
 * 401 for bad credentials). getblockcount answers the tip implied by the recorded confirmations.
 */
export async function startBitcoinRpcReplay(opts: BitcoinRpcReplayOptions = {}): Promise<LocalServer> {
  let n = 0;
  return startServer(async (req, res, body) => {
    if (opts.fault && (await opts.fault(n++, req, res, body))) return;
    if (opts.auth) {
      const header = req.headers.authorization ?? '';
      if (header !== `Basic ${Buffer.from(opts.auth).toString('base64')}`) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="jsonrpc"' });
        res.end();
        return;
      }
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ result: null, error: { code: -32700, message: 'Parse error' }, id: null }));
      return;
    }
    if (Array.isArray(parsed)) {
      const parts = parsed.map((c) => answer(c as Call, opts).text);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`[${parts.join(',')}]`);
      return;
    }
    const a = answer(parsed as Call, opts);
    res.writeHead(a.error ? (a.notFound ? 404 : 500) : 200, { 'content-type': 'application/json' });
    res.end(a.text);
  });
}
