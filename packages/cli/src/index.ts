// Public entry point of @chaintrail/cli, for embedding the CLI (tests, other tools).
export { main } from './main.ts';
export { type Command, type CommandIO, type ParsedArgs, UsageError } from './command.ts';
// The demo's pieces, for the examples and notebooks that replay it step by step.
export { playDemoScenario, DEMO_ANVIL, DEMO_CHAIN_ID, ROLES, type DemoScenario, type Role, type Actor, type Step } from './demo/scenario.ts';
export { ingestDemoChain, type IngestedDemoChain } from './demo/ingest.ts';
export { demoLabels, type DemoLabels } from './demo/labels.ts';
export { runDemo, clusterLookup, type DemoResult, type RunDemoParameters } from './demo/runDemo.ts';
export { renderReportHtml } from './report/renderReportHtml.ts';
export { reportDataFromTrace, traceDocument } from './report/traceDocument.ts';
