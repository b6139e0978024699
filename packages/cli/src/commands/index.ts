import type { Command } from '../command.ts';
import { screenCommand } from './screen.ts';
import { traceCommand } from './trace.ts';

/** Every subcommand, one file each in this folder. `chaintrail --help` lists them in this order. */
export const commands: readonly Command[] = [traceCommand, screenCommand];
