import type { Command } from '../command.ts';
import { evmAddress } from './evmAddress.ts';
import { evmIngest } from './evmIngest.ts';
import { evmTx } from './evmTx.ts';

/** Every subcommand, one file each in this folder. `chaintrail --help` lists them in this order. */
export const commands: readonly Command[] = [evmIngest, evmTx, evmAddress];
