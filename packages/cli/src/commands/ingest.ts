import { BitcoinCoreSource, EthereumEtlSource, loadBlockFiles, readBitcoinEtl } from '@chaintrail/adapters';
import { isChaintrailError, MemoryUtxoSource, parseChainId, type DataSource, type UtxoTransaction } from '@chaintrail/core';
import { ingest, openStore, redactStoreUrl, type IngestResult, type Store } from '@chaintrail/store';
import { type Command, type CommandIO, type ParsedArgs, integerOption, listOption, stringOption, UsageError, writeJsonLine } from '../command.ts';
import { createProgressReporter } from '../progress.ts';
import { NETWORK_OPTION, networkOption } from './btcOptions.ts';
import { RPC_OPTIONS, reportDegradations, rpcSourceFromArgs } from './evmShared.ts';

const STORE_OPTIONS = {
  store: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  confirmations: { type: 'string' },
  verbose: { type: 'boolean' },
} as const;

async function withStore<T>(args: ParsedArgs, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ url: stringOption(args, 'store', true) });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Runs `ingest()` with the CLI's options and writes its summary as one JSON line. */
async function ingestRange(params: {
  readonly args: ParsedArgs;
  readonly io: CommandIO;
  readonly store: Store;
  readonly source: DataSource;
  readonly from: number;
  readonly to?: number;
}): Promise<IngestResult> {
  const { args, io } = params;
  const progress = createProgressReporter({ io, quiet: Boolean(args.values.quiet), label: 'ingest' });
  const verbose = args.values.verbose === true;
  const confirmations = integerOption(args, 'confirmations');
  try {
    const result = await ingest({
      store: params.store,
      source: params.source,
      from: params.from,
      ...(params.to !== undefined ? { to: params.to } : {}),
      ...(confirmations !== undefined ? { confirmations } : {}),
      signal: io.signal,
      onProgress: progress.onProgress,
      // One line per block already committed with its checkpoint: what a supervisor (or a test) can rely on.
      ...(verbose ? { onBlock: (b: { height: number; items: number }) => io.stderr.write(`ingest: block ${b.height} committed (${b.items} new)\n`) } : {}),
    });
    progress.finish();
    writeJsonLine(io, { store: redactStoreUrl(params.store.url), chain: params.source.chain, ...result });
    return result;
  } catch (e) {
    progress.finish();
    const checkpoint = await params.store.getCheckpoint(params.source.chain).catch(() => null);
    io.stderr.write(`chaintrail ingest: stopped; the store holds every block up to ${checkpoint ? checkpoint.height : 'none'}, and a rerun resumes there.\n`);
    throw e;
  }
}


/**
 * `chaintrail ingest btc --store <path|postgres-url> (--blocks <file>… | --rpc <url> | --etl <file.jsonl>…)`:
 * Bitcoin blocks into a store, resumable (a rerun continues from the checkpoint) and reorg-safe.
 */
export const ingestBtc: Command = {
  name: 'ingest btc',
  summary: 'Ingest Bitcoin blocks (block files, a Bitcoin Core node, or a BigQuery/Blockchain-ETL export) into a store',
  usage:
    'ingest btc --store <path|postgres://…> (--blocks <file>… [--prevouts <file>] | --rpc <url> --from <h> [--to <h>] [--cookie <file>] | --etl <transactions.jsonl>…) [--confirmations N] [--verbose] [--network …]',
  options: {
    ...STORE_OPTIONS,
    ...NETWORK_OPTION,
    blocks: { type: 'string', multiple: true },
    prevouts: { type: 'string' },
    rpc: { type: 'string' },
    cookie: { type: 'string' },
    etl: { type: 'string', multiple: true },
  },
  async run(args, io) {
    const network = networkOption(args);
    const files = listOption(args, 'blocks');
    const etl = listOption(args, 'etl');
    const rpc = stringOption(args, 'rpc');
    if ([files.length > 0, etl.length > 0, rpc !== undefined].filter(Boolean).length !== 1) {
      throw new UsageError('give exactly one of --blocks, --rpc or --etl');
    }
    stringOption(args, 'store', true);
    if (etl.length > 0) {
      await withStore(args, async (store) => {
        let added = 0;
        let read = 0;
        let batch: UtxoTransaction[] = [];
        const flush = async () => {
          if (batch.length === 0) return;
          added += await store.utxo(batch[0]!.chain).add(batch);
          batch = [];
        };
        for (const path of etl) {
          for await (const tx of readBitcoinEtl({ path, network: network.name, signal: io.signal })) {
            batch.push(tx);
            read++;
            if (batch.length >= 5000) await flush();
          }
        }
        await flush();
        // Adds are idempotent, so a rerun after a crash re-reads the file and writes only what is missing.
        writeJsonLine(io, { store: redactStoreUrl(store.url), read, added });
      });
      return;
    }
    if (files.length > 0) {
      const prevoutsPath = stringOption(args, 'prevouts');
      const blocks = await loadBlockFiles({
        paths: files,
        network: network.name,
        ...(prevoutsPath !== undefined ? { prevoutsPath } : {}),
        signal: io.signal,
      });
      const unknown = blocks.filter((b) => b.height < 0);
      if (unknown.length > 0) throw new UsageError(`${unknown.length} block(s) have no known height (no BIP34 and no parent in the run)`);
      const source = new MemoryUtxoSource({ chain: network.chain, transactions: blocks.flatMap((b) => b.transactions) });
      const heights = blocks.map((b) => b.height);
      await withStore(args, (store) =>
        ingestRange({ args, io, store, source, from: integerOption(args, 'from') ?? Math.min(...heights), to: integerOption(args, 'to') ?? Math.max(...heights) }),
      );
      return;
    }
    const from = integerOption(args, 'from');
    if (from === undefined) throw new UsageError('--rpc needs --from');
    const to = integerOption(args, 'to');
    const cookie = stringOption(args, 'cookie');
    const source = new BitcoinCoreSource({ url: rpc!, network: network.name, ...(cookie !== undefined ? { cookieFile: cookie } : {}) });
    await withStore(args, (store) => ingestRange({ args, io, store, source, from, ...(to !== undefined ? { to } : {}) }));
  },
};

/**
 * `chaintrail ingest evm --store <path|postgres-url> (--rpc <url> --from <n> [--to <n>] | --etl-transactions <file>…)`:
 * every transfer of an EVM block range, from a node or from Blockchain-ETL exports, into a store, resumable and
 * reorg-safe (block by block with the checkpoint).
 */
export const ingestEvm: Command = {
  name: 'ingest evm',
  summary: 'Ingest an EVM block range (JSON-RPC or BigQuery/Blockchain-ETL exports) into a store, resumable and reorg-safe',
  usage:
    'ingest evm --store <path|postgres://…> (--rpc <url> --from <n> [--to <n>] [--traces auto|geth|parity|none] | --etl-transactions <file>… [--etl-traces <file>…] [--etl-token-transfers <file>…] [--etl-blocks <file>…] [--etl-contracts <file>…] [--chain eip155:1] [--from <n>] [--to <n>]) [--confirmations N] [--verbose]',
  options: {
    ...RPC_OPTIONS,
    ...STORE_OPTIONS,
    'etl-transactions': { type: 'string', multiple: true },
    'etl-traces': { type: 'string', multiple: true },
    'etl-token-transfers': { type: 'string', multiple: true },
    'etl-blocks': { type: 'string', multiple: true },
    'etl-contracts': { type: 'string', multiple: true },
    chain: { type: 'string' },
  },
  async run(args, io) {
    stringOption(args, 'store', true);
    const etl = {
      transactions: listOption(args, 'etl-transactions'),
      traces: listOption(args, 'etl-traces'),
      tokenTransfers: listOption(args, 'etl-token-transfers'),
      blocks: listOption(args, 'etl-blocks'),
      contracts: listOption(args, 'etl-contracts'),
    };
    const anyEtl = Object.values(etl).some((l) => l.length > 0);
    if (anyEtl) {
      if (etl.transactions.length === 0) throw new UsageError('the --etl-… files need --etl-transactions');
      if (stringOption(args, 'rpc') !== undefined) throw new UsageError('give either --rpc or --etl-transactions, not both');
      let chain;
      try {
        chain = parseChainId(stringOption(args, 'chain') ?? 'eip155:1');
      } catch (e) {
        if (isChaintrailError(e, 'INVALID_CHAIN')) throw new UsageError(`--chain: ${e.shortMessage}`);
        throw e;
      }
      const source = new EthereumEtlSource({
        chain,
        transactions: etl.transactions,
        ...(etl.traces.length > 0 ? { traces: etl.traces } : {}),
        ...(etl.tokenTransfers.length > 0 ? { tokenTransfers: etl.tokenTransfers } : {}),
        ...(etl.blocks.length > 0 ? { blocks: etl.blocks } : {}),
        ...(etl.contracts.length > 0 ? { contracts: etl.contracts } : {}),
      });
      const to = integerOption(args, 'to') ?? (await source.getTipHeight({ signal: io.signal }));
      if (to < 0) throw new UsageError('cannot tell the last block from the end of the files (no rows): give --to');
      await withStore(args, (store) => ingestRange({ args, io, store, source, from: integerOption(args, 'from') ?? 0, to }));
      const m = source.missing;
      const parts: string[] = [];
      if (m.fees > 0) parts.push(`fees left out for ${m.fees} transaction(s): give --etl-blocks (the fee recipient and base fee are only there)`);
      if (m.traces > 0) parts.push(`internal transfers unknown for ${m.traces} contract transaction(s): give --etl-traces`);
      if (m.receipts > 0) parts.push(`status unknown and no fee for ${m.receipts} transaction(s) without receipt columns`);
      if (m.status > 0) parts.push(`status unknown for ${m.status} pre-Byzantium transaction(s) without traces`);
      if (etl.tokenTransfers.length > 0 && etl.contracts.length === 0) {
        parts.push('token transfers were all read as ERC-20 amounts: give --etl-contracts so ERC-721 moves are read as NFTs (token_transfers keeps their token id in value)');
      }
      if (m.skippedTraces > 0) parts.push(`${m.skippedTraces} genesis/daofork trace(s) skipped (state changes outside transactions)`);
      if (parts.length > 0) io.stderr.write(`chaintrail ingest evm: ${parts.join('; ')}\n`);
      return;
    }
    const from = integerOption(args, 'from');
    if (from === undefined) throw new UsageError('missing --from');
    const to = integerOption(args, 'to');
    const { source } = await rpcSourceFromArgs(args, io);
    await withStore(args, (store) => ingestRange({ args, io, store, source, from, ...(to !== undefined ? { to } : {}) }));
    reportDegradations(io, 'ingest evm', source);
  },
};
