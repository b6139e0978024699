import {
  ASSET_CHAINS,
  canonicalAddress,
  ChaintrailError,
  type ChainId,
  isChaintrailError,
  type Label,
  loadLabelFiles,
  parseChainId,
  routeAddress,
  type RoutedAddress,
} from '@chaintrail/core';
import { type Command, stringOption, UsageError, writeJsonLine } from '../command.ts';
import { cacheOption, formatOption, pathsAndRest } from './labelPaths.ts';

/** `chaintrail labels lookup <address…> --labels <paths…>`: every label of each address, one JSON line each. */
export const labelsLookup: Command = {
  name: 'labels lookup',
  summary: 'Print every label and its source for each address (one JSON line per address).',
  usage: 'labels lookup <address…> --labels <paths…> [--chain <caip2|alias|ticker>] [--format <format>] [--cache-dir <dir>]',
  options: { labels: { type: 'string', multiple: true }, chain: { type: 'string' }, format: { type: 'string' }, 'cache-dir': { type: 'string' } },
  async run(args, io) {
    const { paths, rest: addresses } = pathsAndRest(args, io, 'labels');
    if (paths.length === 0) throw new UsageError('give the label files or folders with --labels');
    if (addresses.length === 0) throw new UsageError('give at least one address');
    const chainText = stringOption(args, 'chain');
    const format = formatOption(args);
    const { store } = await loadLabelFiles({ paths, ...(format === undefined ? {} : { format }), ...cacheOption(args, io), signal: io.signal });
    let invalid = 0;
    for (const input of addresses) {
      const routed = chainText === undefined ? routeAddress({ text: input }) : routeOnChain(chainText, input);
      if ('reason' in routed) {
        invalid++;
        writeJsonLine(io, { input, error: routed.reason, labels: [] });
        continue;
      }
      // The same text can be an address on several chains (a legacy address on Bitcoin and Bitcoin Cash): look it up
      // on the chain its format says first, then on every other chain the labels know.
      const labels: Label[] = [...store.lookup(routed.chain, routed.address)];
      if (chainText === undefined) for (const chain of store.chains()) if (chain !== routed.chain) labels.push(...store.lookup(chain, routed.address));
      const chains = [...new Set<ChainId>([routed.chain, ...labels.map((l) => l.chain)])];
      writeJsonLine(io, {
        input,
        chain: routed.chain,
        address: routed.address,
        ...(chains.length > 1 ? { alsoOn: chains.slice(1) } : {}),
        categories: [...new Set(labels.map((l) => l.category))],
        entity: store.entityOf(routed.chain, routed.address) ?? null,
        labels,
      });
    }
    if (invalid > 0) throw new ChaintrailError('INVALID_ADDRESS', `${invalid} of ${addresses.length} addresses are not valid on any chain chaintrail knows.`);
  },
};

/** With --chain the user names the chain (CAIP-2, alias or ticker); the address is canonicalised on it. */
function routeOnChain(chainText: string, input: string): RoutedAddress {
  try {
    const chain = ASSET_CHAINS[chainText.toUpperCase()] ?? parseChainId(chainText);
    return { chain, address: canonicalAddress(chain, input, { strictChecksum: false }) };
  } catch (e) {
    if (isChaintrailError(e)) return { reason: e.shortMessage };
    throw e;
  }
}
