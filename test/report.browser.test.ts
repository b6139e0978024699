import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORY_COLOURS } from '../packages/cli/src/report/types.ts';
import { runCli } from '../packages/cli/src/testing.ts';
import { hasChromium, launchChromium, NO_CHROMIUM } from './support/browser.ts';
import { countColour, decodePng } from './support/png.ts';

const ARTIFACTS = fileURLToPath(new URL('../.artifacts/', import.meta.url));

if (!hasChromium) console.warn(NO_CHROMIUM);

// The report of a real trace: the demo's story played on anvil, traced and screened, then rendered by
// `chaintrail report` from the trace.json the demo wrote.
describe.skipIf(!hasChromium)('the HTML report in headless Chromium', () => {
  let browser: Browser;
  let dir: string;
  let file: string;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'chaintrail-report-'));
    const demo = await runCli(['demo', '--out', dir, '--quiet', '--json']);
    expect(demo.code, demo.stderr).toBe(0);
    file = join(dir, 'again.html');
    const report = await runCli(['report', join(dir, 'trace.json'), '-o', file, '--quiet']);
    expect(report.code, report.stderr).toBe(0);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads offline without console errors, draws the graph and lists the reached entities', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1600 } });
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
    expect(Number(await page.getAttribute('body', 'data-graph-ready'))).toBeGreaterThanOrEqual(7);

    const rows = await page.$$eval('#reached tbody tr', (trs) =>
      trs.map((tr) => [tr.getAttribute('data-entity'), tr.querySelector('td.num')?.textContent ?? '']),
    );
    expect(rows).toEqual([
      ['Harbourline Trading Pte. Ltd.', '97.5 ETH'],
      ['Kestrel Exchange', '67.5 ETH'],
      ['OTC broker wallet', '25 ETH'],
    ]);
    const verdicts = await page.$$eval('.verdict', (els) => els.map((e) => e.getAttribute('data-verdict')));
    expect(verdicts).toEqual(['severe', 'none']);
    expect(await page.textContent('.verdict')).toContain('blocked_50_percent');

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
