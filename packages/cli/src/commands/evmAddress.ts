import { EtherscanSource } from '@chaintrail/adapters';
import type { AccountDataSource } from '@chaintrail/core';
import { rpcSourceFromArgs } from './evmShared.ts';
import { UsageError, integerOption, stringOption, writeJsonLine, type Command } from '../command.ts';

/** `chaintrail evm address`: an address's history from an Etherscan-compatible explorer API. */
export const evmAddress: Command = {
  name: 'evm address',
  summary: 'Print the history of an EVM address: native, internal, token and nft from an explorer API, or token and nft only from a node',
  usage:
    'evm address <addr> (--explorer <url> [--api-key <k>] | --rpc <url>) [--chain-id <id>] [--direction in|out|both] [--from <n>] [--to <n>] [--limit <n>]',
  options: {
    explorer: { type: 'string' },
    rpc: { type: 'string' },
    'api-key': { type: 'string' },
    'chain-id': { type: 'string' },
    direction: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    limit: { type: 'string' },
  },
  async run(args, io) {
    const [address, ...extra] = args.positionals;
    if (!address || extra.length > 0) throw new UsageError('give exactly one address');
    const direction = stringOption(args, 'direction') ?? 'both';
    if (direction !== 'in' && direction !== 'out' && direction !== 'both') throw new UsageError(`--direction must be in, out or both`);
    const apiKey = stringOption(args, 'api-key') ?? io.env.CHAINTRAIL_EXPLORER_API_KEY;
    const fromBlock = integerOption(args, 'from');
    const toBlock = integerOption(args, 'to');
    const limit = integerOption(args, 'limit');
    const explorerUrl = stringOption(args, 'explorer');
    const rpcUrl = stringOption(args, 'rpc');
    if ((explorerUrl === undefined) === (rpcUrl === undefined)) throw new UsageError('give either --explorer or --rpc');
    // A node has no address index: with --rpc only token and nft transfers are found (eth_getLogs on the address topics).
    const source: AccountDataSource = explorerUrl
      ? new EtherscanSource({ url: explorerUrl, chainId: integerOption(args, 'chain-id', 1)!, ...(apiKey ? { apiKey } : {}) })
      : (await rpcSourceFromArgs(args, io)).source;
    if (!source.getAddressTransfers) throw new UsageError('this source has no address history');
    let printed = 0;
    for (let cursor: string | null | undefined; cursor !== null && (limit === undefined || printed < limit); ) {
      const page = await source.getAddressTransfers!({
        address,
        direction,
        signal: io.signal,
        ...(cursor ? { cursor } : {}),
        ...(fromBlock !== undefined ? { fromBlock } : {}),
        ...(toBlock !== undefined ? { toBlock } : {}),
      });
      for (const t of page.items) {
        if (limit !== undefined && printed >= limit) break;
        writeJsonLine(io, t);
        printed++;
      }
      cursor = page.next;
    }
  },
};
