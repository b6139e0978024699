import { expect, it } from 'vitest';
import * as cli from './index.ts';

it('pins the public export list of @chaintrail/cli', () => {
  expect(Object.keys(cli).sort()).toEqual([
    'DEMO_ANVIL',
    'DEMO_CHAIN_ID',
    'ROLES',
    'UsageError',
    'clusterLookup',
    'demoLabels',
    'ingestDemoChain',
    'main',
    'playDemoScenario',
    'renderReportHtml',
    'reportDataFromTrace',
    'runDemo',
    'traceDocument',
  ]);
});
