import type { Command } from '../command.ts';
import { btcAddress } from './btcAddress.ts';
import { btcIngest } from './btcIngest.ts';
import { btcOutspends } from './btcOutspends.ts';
import { btcParseBlock } from './btcParseBlock.ts';
import { btcTx } from './btcTx.ts';
import { clusterCommand } from './cluster.ts';
import { demoCommand } from './demo.ts';
import { reportCommand } from './report.ts';
import { clusterExplainCommand } from './clusterExplain.ts';
import { evmAddress } from './evmAddress.ts';
import { evmIngest } from './evmIngest.ts';
import { evmTx } from './evmTx.ts';
import { indexBuild } from './indexBuild.ts';
import { ingestBtc, ingestEvm } from './ingest.ts';
import { labelsLoad } from './labelsLoad.ts';
import { labelsLookup } from './labelsLookup.ts';
import { labelsPool } from './labelsPool.ts';
import { screenCommand } from './screen.ts';
import { traceCommand } from './trace.ts';

/** Every subcommand, one file each in this folder. `chaintrail --help` lists them in this order. One per line. */
export const commands: readonly Command[] = [
  demoCommand,
  reportCommand,
  btcParseBlock,
  btcIngest,
  btcTx,
  btcAddress,
  btcOutspends,
  evmIngest,
  evmTx,
  evmAddress,
  clusterCommand,
  clusterExplainCommand,
  labelsLoad,
  labelsLookup,
  ingestBtc,
  ingestEvm,
  indexBuild,
  traceCommand,
  screenCommand,
  labelsPool,
];
