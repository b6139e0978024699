import type { ServerResponse } from 'node:http';
import { startServer, type LocalServer } from './httpServer.ts';

const TRANSFER = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef';

type Row = Record<string, string>;

/**
 * An Etherscan-compatible explorer API over a real local chain: it indexes every block of the node (blocks,
 * receipts, callTracer traces) when started and serves `account/txlist`, `txlistinternal`, `tokentx` and
 * `tokennfttx` with Etherscan's field names, paging (`page` × `offset` capped at 10 000) and its in-body errors.
 * The first `rateLimited` requests are answered "Max rate limit reached" in a 200 body, as Etherscan does.
 *
 * @example
 * const explorer = await startAnvilExplorer({ rpcUrl: node.url })
 */
export async function startAnvilExplorer(params: { readonly rpcUrl: string; readonly rateLimited?: number; readonly apiKey?: string }): Promise<LocalServer> {
  let id = 0;
  const rpc = async (method: string, args: unknown[]): Promise<any> => {
    const res = await fetch(params.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params: args }) });
    const body = (await res.json()) as { result?: unknown; error?: { message: string } };
    if (body.error) throw new Error(`${method}: ${body.error.message}`);
    return body.result;
  };
  const lists: Record<string, Row[]> = { txlist: [], txlistinternal: [], tokentx: [], tokennfttx: [] };
  const tip = Number(await rpc('eth_blockNumber', []));
  for (let n = 0; n <= tip; n++) {
    const block = await rpc('eth_getBlockByNumber', [`0x${n.toString(16)}`, true]);
    const common = { blockNumber: String(n), timeStamp: String(Number(block.timestamp)), blockHash: block.hash };
    for (const tx of block.transactions) {
      const receipt = await rpc('eth_getTransactionReceipt', [tx.hash]);
      const failed = receipt.status === '0x0';
      lists.txlist!.push({
        ...common, hash: tx.hash, transactionIndex: String(Number(tx.transactionIndex)), from: tx.from, to: tx.to ?? '',
        value: BigInt(tx.value).toString(), isError: failed ? '1' : '0', txreceipt_status: failed ? '0' : '1',
        contractAddress: receipt.contractAddress ?? '', gasUsed: String(Number(receipt.gasUsed)), gasPrice: BigInt(receipt.effectiveGasPrice).toString(),
      });
      const trace = await rpc('debug_traceTransaction', [tx.hash, { tracer: 'callTracer' }]);
      const walk = (f: any, path: number[], reverted: boolean): void => {
        const bad = reverted || Boolean(f.error);
        const type = String(f.type).toUpperCase();
        if (path.length > 0 && f.value && BigInt(f.value) > 0n && ['CALL', 'CREATE', 'CREATE2', 'SELFDESTRUCT'].includes(type)) {
          const create = type.startsWith('CREATE');
          lists.txlistinternal!.push({
            blockNumber: String(n), timeStamp: common.timeStamp, hash: tx.hash, from: f.from, to: create ? '' : f.to,
            contractAddress: create ? f.to : '', value: BigInt(f.value).toString(), type: type === 'SELFDESTRUCT' ? 'suicide' : type.toLowerCase(),
            traceId: path.join('_'), isError: bad ? '1' : '0',
          });
        }
        (f.calls ?? []).forEach((c: unknown, i: number) => walk(c, [...path, i], bad));
      };
      walk(trace, [], false);
      for (const log of receipt.logs) {
        if (log.topics[0] !== TRANSFER) continue;
        const row = {
          ...common, hash: tx.hash, transactionIndex: String(Number(tx.transactionIndex)), logIndex: String(Number(log.logIndex)),
          from: `0x${log.topics[1].slice(26)}`, to: `0x${log.topics[2].slice(26)}`, contractAddress: log.address,
        };
        if (log.topics.length === 4) lists.tokennfttx!.push({ ...row, tokenID: BigInt(log.topics[3]).toString() });
        else lists.tokentx!.push({ ...row, value: BigInt(log.data).toString() });
      }
    }
  }

  let rateLimited = params.rateLimited ?? 0;
  return startServer((req, res) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    if (rateLimited > 0) {
      rateLimited--;
      return send(res, { status: '0', message: 'NOTOK', result: 'Max rate limit reached, please use API Key for higher rate limit' });
    }
    if (params.apiKey && q.get('apikey') !== params.apiKey) return send(res, { status: '0', message: 'NOTOK', result: 'Invalid API Key' });
    const list = lists[q.get('action') ?? ''];
    if (q.get('module') !== 'account' || !list) return send(res, { status: '0', message: 'NOTOK', result: 'Error! Missing Or invalid Action name' });
    const who = (q.get('address') ?? '').toLowerCase();
    const start = Number(q.get('startblock') ?? 0);
    const end = Number(q.get('endblock') ?? 99999999);
    const page = Number(q.get('page') ?? 1);
    const offset = Number(q.get('offset') ?? 10000);
    if (page * offset > 10000) return send(res, { status: '0', message: 'NOTOK', result: 'Result window is too large, PageNo x Offset size must be less than or equal to 10000' });
    const rows = list.filter(
      (r) =>
        Number(r.blockNumber) >= start &&
        Number(r.blockNumber) <= end &&
        // Token lists match the holder only; contractAddress there names the token.
        (q.get('action')!.startsWith('token') ? [r.from, r.to] : [r.from, r.to, r.contractAddress]).some((a) => a?.toLowerCase() === who),
    );
    const slice = rows.slice((page - 1) * offset, page * offset);
    if (slice.length === 0) return send(res, { status: '0', message: 'No transactions found', result: [] });
    return send(res, { status: '1', message: 'OK', result: slice });
  });
}

function send(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
