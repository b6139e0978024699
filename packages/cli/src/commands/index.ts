import type { Command } from '../command.ts';
import { labelsLoad } from './labelsLoad.ts';
import { labelsLookup } from './labelsLookup.ts';

/** Every subcommand, one file each in this folder. `chaintrail --help` lists them in this order. */
export const commands: readonly Command[] = [labelsLoad, labelsLookup];
