import { readFile } from 'node:fs/promises';
import {
  canonicalAddress,
  ChaintrailError,
  erc20Asset,
  type ChainId,
  isCategory,
  type Label,
  type LabelLookup,
  parseChainId,
  parseRules,
  screen,
  type TaintPolicyName,
} from '@chaintrail/core';
import { type Command, integerOption, listOption, stringOption, UsageError, writeJsonLine } from '../command.ts';
import { openSource, SOURCE_OPTIONS } from './traceSource.ts';

/**
 * `chaintrail screen <address>`: the withdrawal check. Prints the verdict as one JSON document and exits 0 whatever
 * the verdict (a verdict is not a failure).
 */
export const screenCommand: Command = {
  name: 'screen',
  summary: 'Screen an address for direct and indirect exposure to sanctioned or risky entities.',
  usage:
    'screen <address> --chain <caip2|btc|eth> --labels <path>… [--blocks <files…> [--prevouts <file>] | --esplora <url> | --rpc <url>] [--hops N] [--rules <file>] [--policy haircut|poison|fifo] [--forward] [--asset <erc20 contract>]',
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
    const labelPaths = listOption(args, 'labels');
    if (labelPaths.length === 0) throw new UsageError('missing --labels <path>');
    const blocks = [...listOption(args, 'blocks'), ...(listOption(args, 'blocks').length > 0 ? rest : [])];
    if (blocks.length === 0 && rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    const policy = stringOption(args, 'policy') ?? 'haircut';
    if (!['haircut', 'poison', 'fifo'].includes(policy)) throw new UsageError(`--policy must be haircut, poison or fifo`);
    const labels = await loadLabelLists(labelPaths);
    const rulesPath = stringOption(args, 'rules');
    const rules = rulesPath !== undefined ? parseRules(JSON.parse(await readFile(rulesPath, 'utf8'))) : undefined;
    const dataSource = await openSource({ ...args, values: { ...args.values, blocks } }, io, false, chain);
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
        ...(rules ? { rules } : {}),
        hops: integerOption(args, 'hops', 3)!,
        policy: policy as TaintPolicyName,
        forward: args.values.forward === true,
        ...(assetContract !== undefined ? { asset: erc20Asset(chain, assetContract) } : {}),
        signal: io.signal,
      },
    );
    writeJsonLine(io, verdict);
  },
};

/**
 * Reads label lists: JSON files `{ "chain"?: <caip2>, "<category>": ["address", …], … }` or arrays of labels
 * `[{ chain, address, category, entity?, source? }]`. A stop-gap until the label store's loaders (OFAC, TagPacks,
 * Etherscan) are wired into this command.
 */
async function loadLabelLists(paths: readonly string[]): Promise<LabelLookup> {
  const byKey = new Map<string, Label[]>();
  const add = (label: Label) => {
    const key = `${label.chain}|${label.address}`;
    byKey.set(key, [...(byKey.get(key) ?? []), label]);
  };
  for (const path of paths) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(path, 'utf8'));
    } catch (cause) {
      throw new ChaintrailError('PARSE_ERROR', `Label file ${path} is not readable JSON.`, { cause, meta: { path } });
    }
    const records: { chain?: string; address: string; category: string; entity?: string; source?: string }[] = [];
    if (Array.isArray(json)) records.push(...(json as typeof records));
    else if (typeof json === 'object' && json !== null) {
      const { chain, ...lists } = json as Record<string, unknown>;
      for (const [category, addresses] of Object.entries(lists)) {
        if (!Array.isArray(addresses)) throw new ChaintrailError('PARSE_ERROR', `Label file ${path}: "${category}" must be a list of addresses.`);
        for (const a of addresses) records.push({ ...(typeof chain === 'string' ? { chain } : {}), address: String(a), category });
      }
    }
    records.forEach((r, i) => {
      if (!isCategory(r.category)) throw new ChaintrailError('PARSE_ERROR', `Label file ${path}, entry ${i}: unknown category "${r.category}".`);
      const chains: ChainId[] = r.chain ? [parseChainId(r.chain)] : [];
      for (const chain of chains.length > 0 ? chains : (['*'] as unknown as ChainId[])) {
        const address = chain !== ('*' as ChainId) ? canonicalAddress(chain, r.address) : /^0x/i.test(r.address) ? r.address.toLowerCase() : r.address;
        add({ chain, address, category: r.category, ...(r.entity ? { entity: r.entity } : {}), source: r.source ?? path, confidence: 100 });
      }
    });
  }
  return {
    lookup: (chain, address) => [...(byKey.get(`${chain}|${address}`) ?? []), ...(byKey.get(`*|${address}`) ?? []).map((l) => ({ ...l, chain }))],
  };
}
