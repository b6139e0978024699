import type { Command } from '../command.ts';
import { demoCommand } from './demo.ts';

/** Every subcommand, one file each in this folder. `chaintrail --help` lists them in this order. */
export const commands: readonly Command[] = [demoCommand];
