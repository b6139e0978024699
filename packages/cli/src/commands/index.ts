import type { Command } from '../command.ts';
import { clusterCommand } from './cluster.ts';
import { clusterExplainCommand } from './clusterExplain.ts';

/** Every subcommand, one file each in this folder. `chaintrail --help` lists them in this order. */
export const commands: readonly Command[] = [clusterCommand, clusterExplainCommand];
