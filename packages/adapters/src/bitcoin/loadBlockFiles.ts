import { readFile } from 'node:fs/promises';
import { type BitcoinNetwork, type OutPoint, outPoint, type ProgressListener, throwIfAborted, type UtxoBlock } from '@chaintrail/core';
import { type BitcoinBlock, parseBlock } from './block.ts';
import { splitBlockFile } from './blockFile.ts';
import { bitcoinNetwork } from './network.ts';
import { chainPrevoutSources, loadPrevoutsFile, MemoryPrevoutSource, type PrevoutSource, valueTransaction } from './prevouts.ts';

export interface LoadBlockFilesParameters {
  /** Raw, hex or framed (blk*.dat) block files, read in this order. */
  readonly paths: readonly string[];
  readonly network?: BitcoinNetwork;
  /** A prevouts file (`{"txid:vout": {value, scriptPubKey, …}}`) valuing inputs that spend outputs outside the run. */
  readonly prevoutsPath?: string;
  /** More prevouts, asked after the run's own outputs and the prevouts file (a node, Esplora). */
  readonly prevouts?: PrevoutSource;
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressListener;
}

/**
 * Reads block files (raw bytes, hex text, or blk*.dat framing with several blocks per file) and returns their blocks in
 * file order, each input valued and addressed from outputs seen earlier in the run (same block included), then the
 * prevouts file, then `prevouts`. Inputs whose prevout nobody knows keep `value: null, address: null` and their
 * transaction's fee is null. Heights come from BIP34, or from the previous block of the run when the block links to it.
 * Throws `PARSE_ERROR` naming the file for bad input.
 *
 * @example
 * const [block] = await loadBlockFiles({ paths: ['block-277647.framed.dat'], prevoutsPath: 'block-277647.prevouts.json' })
 * block.transactions[0].outputs[0].value // 25 BTC + the block's fees, in satoshi
 */
export async function loadBlockFiles(params: LoadBlockFilesParameters): Promise<BitcoinBlock[]> {
  const blocks: BitcoinBlock[] = [];
  for await (const block of readBlockFiles(params)) blocks.push(block);
  return blocks;
}

/**
 * `loadBlockFiles` one block at a time, so a caller can write each block out and let it go (a 128 MB blk file
 * parses into far more memory than it takes on disk). Same order, valuing and errors.
 *
 * @example
 * for await (const block of readBlockFiles({ paths: ['blk00000.dat'] })) write(block)
 */
export async function* readBlockFiles(params: LoadBlockFilesParameters): AsyncGenerator<BitcoinBlock> {
  const network = bitcoinNetwork(params.network ?? 'mainnet');
  const seen = new MemoryPrevoutSource();
  const sources: PrevoutSource[] = [seen];
  if (params.prevoutsPath !== undefined) sources.push(await loadPrevoutsFile({ path: params.prevoutsPath, network }));
  if (params.prevouts) sources.push(params.prevouts);
  const prevouts = chainPrevoutSources(sources);
  let previous: UtxoBlock | undefined;
  let done = 0;
  for (const path of params.paths) {
    throwIfAborted(params.signal);
    const bytes = await readFile(path);
    const { blocks: raw } = splitBlockFile({ bytes, network, source: path });
    for (const [i, bytesOfBlock] of raw.entries()) {
      throwIfAborted(params.signal);
      const source = raw.length > 1 ? `${path} (block ${i})` : path;
      let block = parseBlock(bytesOfBlock, { network, source });
      if (block.height === -1 && previous && previous.height >= 0 && block.header.prevHash === previous.hash) {
        block = withHeight(block, previous.height + 1);
      }
      block = await valueBlock({ block, seen, prevouts, ...(params.signal ? { signal: params.signal } : {}) });
      previous = block;
      yield block;
      params.onProgress?.({ phase: 'blocks', done: ++done, unit: 'block' });
    }
  }
}

async function valueBlock(params: {
  block: BitcoinBlock;
  seen: MemoryPrevoutSource;
  prevouts: PrevoutSource;
  signal?: AbortSignal;
}): Promise<BitcoinBlock> {
  const { block, seen } = params;
  // Outputs first: a transaction may spend an output of an earlier transaction of the same block.
  for (const tx of block.transactions) seen.addOutputs(tx);
  const wanted: OutPoint[] = [];
  for (const tx of block.transactions) for (const input of tx.inputs) wanted.push(outPoint(input.prevTxid, input.prevVout));
  const known = await params.prevouts.getPrevouts({ outpoints: wanted, ...(params.signal ? { signal: params.signal } : {}) });
  // Spent outputs leave the run's set, so a long run holds only unspent outputs.
  for (const p of wanted) seen.spend(p);
  const transactions = block.transactions.map((tx) => valueTransaction({ tx, prevouts: known }));
  return { ...block, transactions };
}

function withHeight(block: BitcoinBlock, height: number): BitcoinBlock {
  const ref = { height, hash: block.hash, time: block.time };
  return { ...block, height, transactions: block.transactions.map((tx) => ({ ...tx, block: ref })) };
}
