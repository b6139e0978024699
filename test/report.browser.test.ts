import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../packages/cli/src/report/renderReportHtml.ts';
import type { ReportData } from '../packages/cli/src/report/types.ts';
import { CATEGORY_COLOURS } from '../packages/cli/src/report/types.ts';
import { hasChromium, launchChromium, NO_CHROMIUM } from './support/browser.ts';
import { countColour, decodePng } from './support/png.ts';

const ARTIFACTS = fileURLToPath(new URL('../.artifacts/', import.meta.url));
const ETH = 10n ** 18n;

// A renderer input written out by hand (the story of the demo): this test is about the page, not the trace.
const data: ReportData = {
  title: 'Trace from the flagged sources',
  subtitle: 'eip155:31337, blocks 1-8',
  policy: 'haircut',
  unit: { symbol: 'ETH', decimals: 18 },
  nodes: [
    { id: 'pool', label: 'Redline Pool payout wallet', kind: 'holder', category: 'mining_pool', source: true, taint: 40n * ETH },
    { id: 'sdn', label: 'Volga Digital Ltd', kind: 'holder', category: 'sanctioned', source: true, taint: 60n * ETH },
    { id: 'split', label: 'splitter', kind: 'holder', category: 'unlabelled', taint: 100n * ETH },
    { id: 'shell', label: 'Harbourline Trading', kind: 'holder', category: 'sanctioned', taint: 75n * ETH },
    { id: 'otc', label: 'OTC broker', kind: 'holder', category: 'unlabelled', taint: 25n * ETH },
    { id: 'dep', label: 'Kestrel deposit', kind: 'holder', category: 'exchange', taint: 675n * ETH / 10n },
    { id: 'hot', label: 'Kestrel hot wallet', kind: 'holder', category: 'exchange', taint: 675n * ETH / 10n },
  ],
  edges: [
    { source: 'pool', target: 'split', amount: 40n * ETH, taint: 40n * ETH },
    { source: 'sdn', target: 'split', amount: 60n * ETH, taint: 60n * ETH },
    { source: 'split', target: 'shell', amount: 75n * ETH, taint: 75n * ETH },
    { source: 'split', target: 'otc', amount: 25n * ETH, taint: 25n * ETH },
    { source: 'shell', target: 'dep', amount: 90n * ETH, taint: 675n * ETH / 10n },
    { source: 'dep', target: 'hot', amount: 90n * ETH, taint: 675n * ETH / 10n },
  ],
  reached: [
    { name: 'Harbourline Trading', category: 'sanctioned', addresses: ['0xshell'], taint: 75n * ETH, share: '0.75', hops: 2 },
    { name: 'Kestrel Exchange', category: 'exchange', addresses: ['0xdep', '0xhot'], taint: 675n * ETH / 10n, share: '0.675', hops: 3 },
    { name: 'OTC broker', category: 'unlabelled', addresses: ['0xotc'], taint: 25n * ETH, share: '0.25', hops: 2 },
  ],
  paths: [{ taint: 45n * ETH, hops: ['sdn', 'split', 'shell', 'dep', 'hot'] }],
  screening: [{ subject: '0xdep', verdict: 'block', reasons: [{ text: 'received 67.5 ETH from sanctioned sources', evidence: ['label ofac:Volga'] }] }],
};

describe.skipIf(!hasChromium)('the HTML report in headless Chromium', () => {
  let browser: Browser;
  let file: string;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    file = `${ARTIFACTS}report.browser.html`;
    writeFileSync(file, await renderReportHtml({ data }));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads offline without console errors, draws the graph and lists the reached entities', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1400 } });
    // The page must need nothing from the network: any request but the file itself fails the test.
    const requests: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-graph-ready]', { timeout: 15_000 });
    expect(await page.getAttribute('body', 'data-graph-ready')).toBe(String(data.nodes.length));

    const entities = await page.$$eval('#reached tbody tr', (rows) => rows.map((r) => r.getAttribute('data-entity')));
    expect(entities).toEqual(['Harbourline Trading', 'Kestrel Exchange', 'OTC broker']);
    expect(await page.textContent('#reached tbody tr:nth-child(2) td.num')).toBe('67.5 ETH');
    expect(await page.getAttribute('.verdict', 'data-verdict')).toBe('block');

    const shot = await page.locator('#graph').screenshot();
    writeFileSync(`${ARTIFACTS}report.browser.graph.png`, shot);
    await page.screenshot({ path: `${ARTIFACTS}report.browser.png`, fullPage: true });
    const image = decodePng(shot);
    // Nodes are drawn in their category colours: the pool orange, the sanctioned red, the exchange blue.
    expect(countColour(image, CATEGORY_COLOURS.mining_pool!)).toBeGreaterThan(50);
    expect(countColour(image, CATEGORY_COLOURS.sanctioned!)).toBeGreaterThan(50);
    expect(countColour(image, CATEGORY_COLOURS.exchange!)).toBeGreaterThan(50);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await context.close();
  });
});
