import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBlockFiles } from '@chaintrail/adapters';
import { BITCOIN_CHAINS, isChaintrailError } from '@chaintrail/core';
import { openStore } from '@chaintrail/store';
import { runCli } from '../../packages/cli/src/testing.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData, NO_SHARED_DATA, sharedPath } from '../../test/support/sharedData.ts';
import { type RunningService, startWithdrawalService } from './main.ts';

const LAZARUS = '0x098B716B8Aaf21512996dC57EB0615e2383E2f96';
// The coinbase payee of block 277647 (BTC Guild): its history is in the service's Bitcoin source.
const MINER = '14cZMQk89mRYQkDEj8Rn25AnGoBi5H6uer';

describe.skipIf(!hasSharedData)(`example 05: the withdrawal-check service on loopback ${hasSharedData ? '' : NO_SHARED_DATA}`, () => {
  let service: RunningService;
  const post = async (body: string, path = '/screen') => {
    const res = await fetch(`${service.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    service = await startWithdrawalService();
  });
  afterAll(() => service?.close());

  it('answers a sanctioned address with a severe verdict naming the SDN entity, amount echoed', async () => {
    const { status, json } = await post(JSON.stringify({ chain: 'eth', address: LAZARUS, amount: '2500000000000000000' }));
    expect(status).toBe(200);
    expect(json).toMatchObject({ chain: 'eip155:1', address: LAZARUS.toLowerCase(), amount: '2500000000000000000', risk: 'severe', coverage: 'direct' });
    expect(json.exposures).toEqual([expect.objectContaining({ category: 'sanctioned', kind: 'direct', entities: [expect.objectContaining({ entity: 'LAZARUS GROUP' })] })]);
  });

  it('screens a Bitcoin address against the block history it loaded', async () => {
    const { status, json } = await post(JSON.stringify({ chain: 'bip122:000000000019d6689c085ae165831e93', address: MINER, amount: 150_000 }));
    expect(status).toBe(200);
    expect(json).toMatchObject({ risk: 'none', coverage: 'source', amount: '150000', truncated: false });
  });

  it.each([
    ['bad JSON', '{"chain": "btc",', 'body is not valid JSON'],
    ['not an object', '[1, 2]', 'body must be a JSON object {chain, address, amount}'],
    ['an unknown chain name', JSON.stringify({ chain: 'dogecoin-testnet', address: MINER }), 'unknown chain "dogecoin-testnet"'],
    ['a chain the service does not serve', JSON.stringify({ chain: 'eip155:999', address: LAZARUS }), 'unknown chain "eip155:999": this service has no labels or history for eip155:999'],
    ['an invalid address', JSON.stringify({ chain: 'btc', address: '1BoatSLRHtKNngkdXEeobR76b53LETtpyX' }), 'invalid address for bip122:000000000019d6689c085ae165831e93: "1BoatSLRHtKNngkdXEeobR76b53LETtpyX"'],
    ['an EVM address on Bitcoin', JSON.stringify({ chain: 'btc', address: LAZARUS }), `invalid address for bip122:000000000019d6689c085ae165831e93: "${LAZARUS}"`],
    ['a fractional amount', JSON.stringify({ chain: 'btc', address: MINER, amount: 0.5 }), 'amount must be base units as a decimal string (or an integer below 2^53)'],
  ])('400 with a one-line reason for %s', async (_name, body, reason) => {
    expect(await post(body)).toEqual({ status: 400, json: { error: reason } });
  });

  it('404 for anything but POST /screen', async () => {
    expect((await post('{}', '/other')).status).toBe(404);
  });
});

describe.skipIf(!hasSharedData)('example 05 with history from a store, screened on its compact index', () => {
  let service: RunningService;
  let dir: string;
  let payee: string; // paid by the block's second transaction, so its walk back has edges
  let saved: RunningService;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chaintrail-service-'));
    const blocks = await loadBlockFiles({
      paths: [sharedPath('bitcoin', 'blocks', 'block-277647.framed.dat')],
      prevoutsPath: sharedPath('bitcoin', 'blocks', 'block-277647.prevouts.json'),
    });
    const store = await openStore({ url: join(dir, 'chain.db') });
    for (const block of blocks) await store.utxo(BITCOIN_CHAINS.mainnet).addBlock(block);
    payee = blocks[0]!.transactions[1]!.outputs[0]!.address;
    await store.close();
    service = await startWithdrawalService({ store: join(dir, 'chain.db'), chains: ['btc'] });
    // The second service loads the index the first `chaintrail index build` saved.
    expect((await runCli(['index', 'build', '--store', join(dir, 'chain.db'), '--chain', 'btc'])).code).toBe(0);
    saved = await startWithdrawalService({ store: join(dir, 'chain.db'), chains: ['btc'] });
  });
  afterAll(async () => {
    await service?.close();
    await saved?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('walks the index built from the store, and still answers direct hits from the labels', async () => {
    const btc = await fetch(`${service.url}/screen`, { method: 'POST', body: JSON.stringify({ chain: 'btc', address: payee, amount: '1' }) });
    expect(await btc.json()).toMatchObject({ address: payee, amount: '1', risk: 'none', coverage: 'index', truncated: false });
    const eth = await fetch(`${service.url}/screen`, { method: 'POST', body: JSON.stringify({ chain: 'eth', address: LAZARUS }) });
    expect(await eth.json()).toMatchObject({ risk: 'severe', coverage: 'direct' });
    // Both services screened their index's addresses before listening (the block has a few hundred).
    expect(service.warmedUp).toBeGreaterThan(100);
    expect(saved.warmedUp).toBe(service.warmedUp);
    const fromSaved = await fetch(`${saved.url}/screen`, { method: 'POST', body: JSON.stringify({ chain: 'btc', address: payee, amount: '1' }) });
    expect(await fromSaved.text()).toBe(await (await fetch(`${service.url}/screen`, { method: 'POST', body: JSON.stringify({ chain: 'btc', address: payee, amount: '1' }) })).text());
  });

  it('refuses an unknown chain name at start-up', async () => {
    await expect(startWithdrawalService({ store: join(dir, 'chain.db'), chains: ['dogecoin-testnet'] })).rejects.toSatisfy((e: unknown) =>
      isChaintrailError(e, 'INVALID_CHAIN'),
    );
  });
});
