import { UsageError, writeJsonLine, type Command } from '../command.ts';
import { RPC_OPTIONS, reportDegradations, rpcSourceFromArgs, tokenAnnotator } from './evmShared.ts';

/** `chaintrail evm tx`: every transfer one transaction made. */
export const evmTx: Command = {
  name: 'evm tx',
  summary: 'Print every transfer of one EVM transaction (value, internal calls, token logs, fee)',
  usage: 'evm tx <hash> --rpc <url> [--traces auto|geth|parity|none] [--strict] [--chain-id <id>] [--retries <n>] [--timeout-ms <ms>] [--batch-size <n>] [--token-metadata]',
  options: RPC_OPTIONS,
  async run(args, io) {
    const [hash, ...extra] = args.positionals;
    if (!hash || extra.length > 0) throw new UsageError('give exactly one transaction hash');
    if (!/^0x[0-9a-fA-F]{64}$/.test(hash)) throw new UsageError(`"${hash}" is not a transaction hash (0x and 64 hex digits)`);
    const { source } = await rpcSourceFromArgs(args, io);
    const annotate = args.values['token-metadata'] === true ? tokenAnnotator(source, io) : undefined;
    for (const t of await source.getTransfers({ txHash: hash, signal: io.signal })) writeJsonLine(io, annotate ? await annotate(t) : t);
    reportDegradations(io, 'evm tx', source);
  },
};
