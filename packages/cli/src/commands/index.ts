import type { Command } from '../command.ts';
import { btcAddress } from './btcAddress.ts';
import { btcIngest } from './btcIngest.ts';
import { btcOutspends } from './btcOutspends.ts';
import { btcParseBlock } from './btcParseBlock.ts';
import { btcTx } from './btcTx.ts';
import { screenCommand } from './screen.ts';
import { traceCommand } from './trace.ts';

/** Every subcommand, one file each in this folder. `chaintrail --help` lists them in this order. */
export const commands: readonly Command[] = [btcParseBlock, btcIngest, btcTx, btcAddress, btcOutspends, traceCommand, screenCommand];
