import { readFile } from 'node:fs/promises';
import {
  erc20Asset,
  loadLabelFiles,
  parseChainId,
  parseRules,
  screen,
  type TaintPolicyName,
} from '@chaintrail/core';
import { type Command, integerOption, listOption, stringOption, UsageError, writeJsonLine } from '../command.ts';
import { pathsAndRest } from './labelPaths.ts';
import { loadCompactIndex } from '@chaintrail/store';
import { openSource, SOURCE_OPTIONS } from './traceSource.ts';

/**
 * `chaintrail screen <address>`: the withdrawal check. Prints the verdict as one JSON document and exits 0 whatever
 * the verdict (a verdict is not a failure).
 */
export const screenCommand: Command = {
  name: 'screen',
  summary: 'Screen an address for direct and indirect exposure to sanctioned or risky entities.',
  usage:
    'screen <address> --chain <caip2|btc|eth> --labels <files or folders>… [--blocks <files…> [--prevouts <file>] | --esplora <url> | --rpc <url> | --store <path|url>] [--hops N] [--rules <file>] [--policy haircut|poison|fifo] [--forward] [--asset <erc20 contract>]\n  With --store, the chain\'s saved compact index (chaintrail index build) answers when there is one; else the store is walked.',
  options: {
    ...SOURCE_OPTIONS,
    chain: { type: 'string' },
    labels: { type: 'string', multiple: true },
    hops: { type: 'string' },
    rules: { type: 'string' },
    policy: { type: 'string' },
    forward: { type: 'boolean' },
    asset: { type: 'string' },
  },
  async run(args, io) {
    const [address, ...rest] = args.positionals;
    if (address === undefined) throw new UsageError('missing the address to screen');
    const chain = parseChainId(stringOption(args, 'chain', true));
    // `--labels a b` and `--blocks a b`: files after the first come as positionals; they go to whichever option
    // was given (labels when the path exists and only --labels takes several).
    const labelArgs = pathsAndRest({ ...args, positionals: rest }, io, 'labels');
    const labelPaths = labelArgs.paths;
    if (labelPaths.length === 0) throw new UsageError('missing --labels <path>');
    const blocks = [...listOption(args, 'blocks'), ...(listOption(args, 'blocks').length > 0 ? labelArgs.rest : [])];
    if (blocks.length === 0 && labelArgs.rest.length > 0) throw new UsageError(`unexpected argument "${labelArgs.rest[0]}"`);
    const policy = stringOption(args, 'policy') ?? 'haircut';
    if (!['haircut', 'poison', 'fifo'].includes(policy)) throw new UsageError(`--policy must be haircut, poison or fifo`);
    const { store: labels, issues } = await loadLabelFiles({ paths: labelPaths, signal: io.signal });
    if (issues.length > 0 && !args.values.quiet) io.stderr.write(`chaintrail screen: ${issues.length} label records could not be used (see chaintrail labels load).\n`);
    const rulesPath = stringOption(args, 'rules');
    const rules = rulesPath !== undefined ? parseRules(JSON.parse(await readFile(rulesPath, 'utf8'))) : undefined;
    const opened = await openSource({ ...args, values: { ...args.values, blocks } }, io, false, chain);
    try {
      const dataSource = opened.source;
      // A store's saved index answers from typed arrays; without one, screen() walks the store row by row.
      const index = opened.store ? (await loadCompactIndex({ store: opened.store, chain, signal: io.signal }))?.index : undefined;
      const assetContract = stringOption(args, 'asset');
      if (assetContract !== undefined && !/^0x[0-9a-fA-F]{40}$/.test(assetContract)) throw new UsageError('--asset must be an ERC-20 contract address');
      if (dataSource?.model === 'account' && stringOption(args, 'rpc') !== undefined && assetContract === undefined && !args.values.quiet) {
        io.stderr.write('chaintrail screen: an EVM node has no address index for native transfers, so indirect exposure over --rpc covers tokens only: pass --asset <erc20 contract>.\n');
      }
      const verdict = await screen(
        { address, chain },
        {
          labels,
          ...(dataSource ? { dataSource } : {}),
          ...(index ? { index } : {}),
          ...(rules ? { rules } : {}),
          hops: integerOption(args, 'hops', 3)!,
          policy: policy as TaintPolicyName,
          forward: args.values.forward === true,
          ...(assetContract !== undefined ? { asset: erc20Asset(chain, assetContract) } : {}),
          signal: io.signal,
        },
      );
      writeJsonLine(io, verdict);
    } finally {
      await opened.close();
    }
  },
};
