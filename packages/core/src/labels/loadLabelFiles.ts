import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ChaintrailError } from '../errors/ChaintrailError.ts';
import { throwIfAborted } from '../errors/abort.ts';
import type { ProgressListener } from '../source/progress.ts';
import { LabelStore } from './LabelStore.ts';
import { detectFormat, type LabelFormat } from './loaders/detectFormat.ts';
import { loadEtherscan } from './loaders/loadEtherscan.ts';
import { loadOfacList } from './loaders/loadOfacList.ts';
import { loadOfacSdn } from './loaders/loadOfacSdn.ts';
import { loadPools, type MiningPool, poolSet, type PoolSet } from './loaders/loadPools.ts';
import { type Actor, loadActorPack, loadTagPack } from './loaders/loadTagPack.ts';
import type { LoadIssue, LoadResult } from './loaders/types.ts';
import { loadUserList } from './loaders/loadUserList.ts';

export interface LoadLabelFilesParameters {
  /** Files or folders (searched recursively for .json, .yaml/.yml, .csv and .txt files). */
  readonly paths: readonly string[];
  /** Read every file as this format instead of recognising it from the content. */
  readonly format?: LabelFormat;
  /** Add into this store (a new one otherwise). */
  readonly store?: LabelStore;
  /**
   * A folder where parsed TagPacks are kept as JSON, keyed by path, size, modification time and the actor packs
   * read: a warm cache about halves a load of the shared folder (YAML parsing is the largest part). Off when absent.
   */
  readonly cacheDir?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressListener;
}

/** One file read: its format and what it gave. */
export interface LoadedFile {
  readonly file: string;
  readonly format: LabelFormat | null;
  readonly labels: number;
  readonly issues: number;
}

export interface LoadLabelFilesResult {
  readonly store: LabelStore;
  readonly files: readonly LoadedFile[];
  /** Every record that could not be used, with file and line. */
  readonly issues: readonly LoadIssue[];
  /** Mining pools from pool files, for coinbase attribution. */
  readonly pools: PoolSet;
  /** Files in the folders that hold no labels (licences, read-mes), skipped. */
  readonly skipped: readonly string[];
}

const LABEL_FILE = /\.(json|ya?ml|csv|txt)$/i;

async function expand(path: string, out: string[]): Promise<void> {
  const info = await stat(path).catch((cause: unknown) => {
    throw new ChaintrailError('INVALID_ARGUMENT', `label path "${path}" cannot be read.`, { cause, meta: { path } });
  });
  if (!info.isDirectory()) {
    out.push(path);
    return;
  }
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) await expand(child, out);
    else if (LABEL_FILE.test(entry.name)) out.push(child);
  }
}

/** Label files are UTF-8, except OFAC's SDN CSV, which is latin-1: decode strictly, fall back to latin-1. */
function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}

/**
 * Loads label files and folders into a {@link LabelStore}: each file's format is recognised from its content
 * ({@link detectFormat}) or forced with `format`. Actor packs are read first so TagPack tags can name their actors.
 * Bad records are collected as issues with file and line; they never stop the load.
 *
 * @example
 * const { store, issues } = await loadLabelFiles({ paths: ['../shared/data/labels'] });
 * store.lookup('bip122:000000000019d6689c085ae165831e93', '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h');
 */
export async function loadLabelFiles({ paths, format, store = new LabelStore(), cacheDir, signal, onProgress }: LoadLabelFilesParameters): Promise<LoadLabelFilesResult> {
  const files: string[] = [];
  for (const path of paths) await expand(path, files);
  const texts: { file: string; text: string; format: LabelFormat | undefined; signature: string }[] = [];
  for (const file of files) {
    throwIfAborted(signal);
    const [bytes, info] = await Promise.all([readFile(file), stat(file)]);
    const text = decode(bytes);
    texts.push({ file, text, format: format ?? detectFormat({ file, text }), signature: `${resolve(file)}|${info.size}|${info.mtimeMs}` });
  }
  const actorSignature = texts.filter((t) => t.format === 'actorpack').map((t) => t.signature).join(';');
  const actors = new Map<string, Actor>();
  const issues: LoadIssue[] = [];
  const loaded: LoadedFile[] = [];
  const skipped: string[] = [];
  const pools: MiningPool[] = [];
  for (const t of texts.filter((t) => t.format === 'actorpack')) {
    const result = loadActorPack(t);
    for (const [id, actor] of result.actors) actors.set(id, actor);
    issues.push(...result.issues);
    loaded.push({ file: t.file, format: 'actorpack', labels: 0, issues: result.issues.length });
  }
  let done = 0;
  for (const t of texts) {
    throwIfAborted(signal);
    onProgress?.({ phase: 'labels', done: done++, total: texts.length, unit: 'files' });
    if (t.format === 'actorpack') continue;
    if (t.format === undefined) {
      skipped.push(t.file);
      continue;
    }
    let result: LoadResult;
    switch (t.format) {
      case 'ofac-list':
        result = loadOfacList(t);
        break;
      case 'ofac-sdn':
        result = loadOfacSdn(t);
        break;
      case 'pools': {
        const r = loadPools(t);
        pools.push(...r.pools.pools);
        result = r;
        break;
      }
      case 'tagpack': {
        const key = cacheDir === undefined ? undefined : cacheKey(`${CACHE_VERSION}|${t.file}|${t.signature}|${actorSignature}`);
        const cached = key === undefined ? undefined : await readCache(cacheDir!, key);
        result = cached ?? loadTagPack({ ...t, actors });
        if (key !== undefined && cached === undefined) await writeCache(cacheDir!, key, result);
        break;
      }
      case 'etherscan':
        result = loadEtherscan(t);
        break;
      case 'user':
        result = loadUserList(t);
        break;
    }
    store.addAll(result.labels);
    issues.push(...result.issues);
    loaded.push({ file: t.file, format: t.format, labels: result.labels.length, issues: result.issues.length });
  }
  onProgress?.({ phase: 'labels', done: texts.length, total: texts.length, unit: 'files' });
  return { store, files: loaded, issues, pools: poolSet(pools), skipped };
}

/** Bump when what a loader returns changes, so old cache entries are not read. */
const CACHE_VERSION = 'tagpack-1';

function cacheKey(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

async function readCache(dir: string, key: string): Promise<LoadResult | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, `${key}.json`), 'utf8')) as LoadResult;
  } catch {
    return undefined; // absent or unreadable: parse the file again
  }
}

async function writeCache(dir: string, key: string, result: LoadResult): Promise<void> {
  await mkdir(dir, { recursive: true });
  // Write then rename, so a concurrent reader never sees half a file.
  const tmp = join(dir, `${key}.${process.pid}.tmp`);
  await writeFile(tmp, JSON.stringify(result));
  await rename(tmp, join(dir, `${key}.json`));
}
