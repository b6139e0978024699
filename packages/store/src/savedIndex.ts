import { endianness } from 'node:os';
import {
  ChaintrailError,
  CompactGraph,
  isChaintrailError,
  throwIfAborted,
  type AssetId,
  type ChainId,
  type ProgressListener,
} from '@chaintrail/core';
import type { Store } from './Store.ts';
import type { SqlDriver } from './sql/driver.ts';

/** Bumped when the saved layout changes; an index saved in another format is refused (build it again). */
const FORMAT = 1;

const ARRAYS = ['outOffsets', 'outTarget', 'value', 'time', 'inOffsets', 'inSource', 'inEdge'] as const;
type ArrayPart = (typeof ARRAYS)[number];
type Part = ArrayPart | 'addresses' | 'big';

/** What a saved index is: read before its parts, so a stale or foreign save is recognised without loading it. */
export interface SavedIndexHeader {
  readonly format: number;
  readonly chain: ChainId;
  /** The asset whose transfers are the edges (account chains), or null for every asset / a UTXO chain. */
  readonly asset: AssetId | null;
  readonly nodes: number;
  readonly edges: number;
  /** The store's tip height the index was built at, when the caller said. */
  readonly tip: number | null;
  /** When it was saved (Unix seconds). */
  readonly savedAt: number;
  /** Byte order of the typed arrays; only little-endian hosts (x86, ARM) save and load. */
  readonly endianness: 'LE';
  /** Bytes and chunk count of each part. */
  readonly parts: Readonly<Record<Part, { readonly bytes: number; readonly chunks: number }>>;
}

export interface SaveCompactIndexParameters {
  readonly store: Store;
  readonly index: CompactGraph;
  readonly asset?: AssetId;
  /** The tip height the index covers (e.g. the store's `getTipHeight()` read before building). */
  readonly tip?: number;
  /** Bytes per stored chunk (default 32 MiB): rows stay far below SQLite's and PostgreSQL's 1 GB value limit. */
  readonly chunkBytes?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressListener;
}

/**
 * Saves a compact index into the store, replacing the chain's previous one in the same database transaction (a reader
 * sees the old index or the new one, never half). The typed arrays go in as raw bytes, the addresses as text, so a
 * withdrawal service starts by loading the index (`loadCompactIndex`: seconds at 10M edges) instead of building it
 * from every transfer. The index does not follow later ingestion: build and save it again (tip records where it was).
 *
 * @example
 * const tip = await store.account('eip155:1').getTipHeight()
 * const index = await buildCompactIndex({ source: store.account('eip155:1'), asset })
 * await saveCompactIndex({ store, index, asset, tip })
 */
export async function saveCompactIndex(params: SaveCompactIndexParameters): Promise<SavedIndexHeader> {
  requireLittleEndian();
  const { index, signal } = params;
  const chunkBytes = params.chunkBytes ?? 32 << 20;
  if (!Number.isInteger(chunkBytes) || chunkBytes < 1024) {
    throw new ChaintrailError('INVALID_ARGUMENT', `chunkBytes must be an integer of at least 1024, got ${chunkBytes}.`);
  }
  const chunks = new Map<Part, Buffer[]>();
  for (const name of ARRAYS) {
    const a = index[name];
    const bytes = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    const list: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += chunkBytes) list.push(bytes.subarray(at, at + chunkBytes));
    chunks.set(name, list);
  }
  chunks.set('addresses', textChunks(index.addresses(), chunkBytes, (name) => {
    if (name.includes('\n')) throw new ChaintrailError('INVALID_ARGUMENT', `An address holds a line break and cannot be saved: ${JSON.stringify(name.slice(0, 80))}.`);
    return name;
  }));
  chunks.set('big', textChunks([...index.bigValues()], chunkBytes, ([e, v]) => `${e} ${v}`));
  const parts = Object.fromEntries([...chunks].map(([name, list]) => [name, { bytes: list.reduce((s, c) => s + c.length, 0), chunks: list.length }]));
  const header: SavedIndexHeader = {
    format: FORMAT,
    chain: index.chain,
    asset: params.asset ?? null,
    nodes: index.nodeCount,
    edges: index.edgeCount,
    tip: params.tip ?? null,
    savedAt: Math.floor(Date.now() / 1000),
    endianness: 'LE',
    parts: parts as SavedIndexHeader['parts'],
  };
  const total = [...chunks.values()].reduce((s, list) => s + list.reduce((t, c) => t + c.length, 0), 0);
  let done = 0;
  await params.store.db.transaction(async (tx) => {
    await tx.run(`delete from compact_index_parts where chain = ?`, [index.chain]);
    await tx.run(`delete from compact_indexes where chain = ?`, [index.chain]);
    for (const [name, list] of chunks) {
      for (let seq = 0; seq < list.length; seq++) {
        // An abort throws inside the transaction, which rolls the whole save back: the previous index stays.
        throwIfAborted(signal);
        await tx.run(`insert into compact_index_parts (chain, part, seq, bytes) values (?, ?, ?, ?)`, [index.chain, name, seq, list[seq]!]);
        done += list[seq]!.length;
        params.onProgress?.({ phase: 'save-index', done, total, unit: 'byte' });
      }
    }
    await tx.run(`insert into compact_indexes (chain, header) values (?, ?)`, [index.chain, JSON.stringify(header)]);
  });
  return header;
}

export interface LoadCompactIndexParameters {
  readonly store: Store;
  readonly chain: ChainId;
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressListener;
}

/**
 * Loads the chain's saved compact index, or null when none was saved. The parts are checked (lengths, offsets, ids)
 * before the index is returned; a truncated, corrupted or foreign save is a STORE_ERROR naming what is wrong.
 *
 * @example
 * const saved = await loadCompactIndex({ store, chain: 'eip155:1' })
 * const verdict = await screen({ address, chain: 'eth' }, { labels, ...(saved ? { index: saved.index } : {}) })
 */
export async function loadCompactIndex(params: LoadCompactIndexParameters): Promise<{ readonly index: CompactGraph; readonly header: SavedIndexHeader } | null> {
  requireLittleEndian();
  const { store, chain, signal } = params;
  const rows = await store.db.query(`select header from compact_indexes where chain = ?`, [chain]);
  if (rows.length === 0) return null;
  const corrupt = (what: string, cause?: unknown): never => {
    throw new ChaintrailError('STORE_ERROR', `The saved compact index of ${chain} in ${store.url} cannot be loaded: ${what}.`, {
      details: 'Build and save the index again (buildCompactIndex, saveCompactIndex).',
      meta: { chain },
      ...(cause === undefined ? {} : { cause }),
    });
  };
  let header: SavedIndexHeader;
  try {
    header = JSON.parse(String(rows[0]!.header)) as SavedIndexHeader;
  } catch (cause) {
    return corrupt('its header is not JSON', cause);
  }
  if (header.format !== FORMAT) corrupt(`it was saved in format ${header.format}, this chaintrail reads format ${FORMAT}`);
  if (header.endianness !== 'LE') corrupt(`it was saved as ${header.endianness}`);
  const total = Object.values(header.parts).reduce((s, p) => s + p.bytes, 0);
  let done = 0;
  const read = async (name: Part): Promise<Buffer> => {
    const { bytes, chunks } = header.parts[name] ?? corrupt(`its header lists no part "${name}"`);
    const out = Buffer.allocUnsafeSlow(bytes);
    let at = 0;
    for (let seq = 0; seq < chunks; seq++) {
      throwIfAborted(signal);
      const chunk = await readChunk(store.db, chain, name, seq);
      if (chunk === null) corrupt(`chunk ${seq} of part ${name} is missing`);
      if (at + chunk!.length > bytes) corrupt(`part ${name} is longer than its header says`);
      chunk!.copy(out, at);
      at += chunk!.length;
      done += chunk!.length;
      params.onProgress?.({ phase: 'load-index', done, total, unit: 'byte' });
    }
    if (at !== bytes) corrupt(`part ${name} holds ${at} of its ${bytes} bytes`);
    return out;
  };
  const u32 = async (name: ArrayPart): Promise<Uint32Array> => {
    const b = await read(name);
    if (b.length % 4 !== 0) corrupt(`part ${name} is not whole 32-bit words`);
    return new Uint32Array(b.buffer, b.byteOffset, b.length / 4);
  };
  const outOffsets = await u32('outOffsets');
  const outTarget = await u32('outTarget');
  const valueBytes = await read('value');
  if (valueBytes.length % 8 !== 0) corrupt('part value is not whole 64-bit words');
  const value = new BigUint64Array(valueBytes.buffer, valueBytes.byteOffset, valueBytes.length / 8);
  const time = await u32('time');
  const inOffsets = await u32('inOffsets');
  const inSource = await u32('inSource');
  const inEdge = await u32('inEdge');
  const addresses = lines(await read('addresses'));
  const big: [number, bigint][] = [];
  for (const line of lines(await read('big'))) {
    const m = /^(\d+) (\d+)$/.exec(line) ?? corrupt(`a large value reads "${line.slice(0, 80)}"`);
    big.push([Number(m[1]), BigInt(m[2]!)]);
  }
  try {
    const index = CompactGraph.restore({ chain, addresses, outOffsets, outTarget, value, time, inOffsets, inSource, inEdge, big });
    if (index.nodeCount !== header.nodes || index.edgeCount !== header.edges) corrupt(`it holds ${index.nodeCount} nodes and ${index.edgeCount} edges, its header says ${header.nodes} and ${header.edges}`);
    return { index, header };
  } catch (e) {
    if (isChaintrailError(e, 'INVALID_ARGUMENT')) return corrupt(e.message, e);
    throw e;
  }
}

async function readChunk(db: SqlDriver, chain: ChainId, part: Part, seq: number): Promise<Buffer | null> {
  const rows = await db.query(`select bytes from compact_index_parts where chain = ? and part = ? and seq = ?`, [chain, part, seq]);
  const bytes = rows[0]?.bytes;
  if (bytes === undefined || bytes === null) return null;
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes as Uint8Array);
}

// Text parts as UTF-8 lines, cut into chunks at line ends so no chunk (and no string) grows past `chunkBytes`.
function textChunks<T>(items: readonly T[], chunkBytes: number, line: (item: T) => string): Buffer[] {
  const out: Buffer[] = [];
  let lines: string[] = [];
  let size = 0;
  for (const item of items) {
    const text = line(item);
    const bytes = Buffer.byteLength(text) + 1;
    if (size + bytes > chunkBytes && lines.length > 0) {
      out.push(Buffer.from(lines.join('\n') + '\n'));
      lines = [];
      size = 0;
    }
    lines.push(text);
    size += bytes;
  }
  if (lines.length > 0) out.push(Buffer.from(lines.join('\n') + '\n'));
  return out;
}

function lines(bytes: Buffer): string[] {
  const out: string[] = [];
  let start = 0;
  for (let end = bytes.indexOf(10); end >= 0; start = end + 1, end = bytes.indexOf(10, start)) out.push(bytes.toString('utf8', start, end));
  return out;
}

function requireLittleEndian(): void {
  if (endianness() !== 'LE') throw new ChaintrailError('UNSUPPORTED', 'Saved compact indexes are little-endian; this host is big-endian.');
}
