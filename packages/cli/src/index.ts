// Public entry point of @chaintrail/cli, for embedding the CLI (tests, other tools).
export { main } from './main.ts';
export { type Command, type CommandIO, type ParsedArgs, UsageError } from './command.ts';
