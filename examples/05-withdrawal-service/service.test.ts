import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData, NO_SHARED_DATA, SHARED_DATA } from '../../test/support/sharedData.ts';
import { runLoadTest } from './loadTest.ts';
import { type ScreeningService, loadOfacLabels, startScreeningService } from './service.ts';

if (!hasSharedData) console.warn(NO_SHARED_DATA);

describe.skipIf(!hasSharedData)('example 05: the withdrawal-check service', () => {
  let service: ScreeningService;
  beforeAll(async () => {
    service = await startScreeningService({ labels: await loadOfacLabels(SHARED_DATA) });
  });
  afterAll(async () => {
    await service?.close();
  });
  const post = async (body: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
    const res = await fetch(`${service.url}/screen`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  it('answers POST /screen with the verdict and its evidence', async () => {
    const sanctioned = await post({ chain: 'eth', address: '0x8589427373D6D84E98730D7795D8f6f8731FDA16', amount: '1500000000000000000' });
    expect(sanctioned.status).toBe(200);
    expect(sanctioned.json).toMatchObject({ risk: 'severe', chain: 'eip155:1', amount: '1500000000000000000' });
    expect(JSON.stringify(sanctioned.json.evidence)).toContain('ofac:sanctioned_addresses_ETH.txt');
    const clean = await post({ chain: 'btc', address: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa' });
    expect(clean.json.risk).toBe('none');
  });

  it('rejects bad requests with 400 and one actionable message', async () => {
    const bad = await post({ chain: 'eth', address: '0x12345' });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: 'INVALID_ADDRESS' } });
    expect((await post('not json')).status).toBe(400);
    expect((await post({ chain: 'nochain', address: 'x' })).json).toMatchObject({ error: { code: 'INVALID_CHAIN' } });
  });

  it('survives a short load test on loopback without errors', async () => {
    const r = await runLoadTest({ seconds: 1, dataDir: SHARED_DATA });
    expect(r.requests).toBeGreaterThan(0);
    expect(r.errors).toBe(0);
    expect(r.non2xx).toBe(0);
    expect(r.p99Ms).toBeGreaterThanOrEqual(0);
  });
});
