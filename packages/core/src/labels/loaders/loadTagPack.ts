import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type YAMLMap } from 'yaml';
import { ASSET_CHAINS, routeAddress } from '../chains.ts';
import { mapCategory, pickCategory } from '../taxonomy.ts';
import type { Category, Label } from '../types.ts';
import { readYamlFast } from './readYamlFast.ts';
import { baseName, excerpt, type LoaderParameters, type LoadIssue, type LoadResult } from './types.ts';

/** One actor of a GraphSense ActorPack: the real-world entity tags point at with `actor: <id>`. */
export interface Actor {
  readonly id: string;
  readonly label: string;
  readonly categories: readonly string[];
  readonly jurisdictions: readonly string[];
  readonly uri?: string;
}

export interface LoadTagPackParameters extends LoaderParameters {
  /** Actors by id (from {@link loadActorPack}); a tag's `actor` then names its entity. */
  readonly actors?: ReadonlyMap<string, Actor>;
}

/**
 * chaintrail's 0-100 grade for GraphSense's named confidence levels (the tagpack-tool's confidence taxonomy): proof
 * of ownership and authorities' lists highest, what a web crawl found lowest. Tags without one get 50.
 */
export const TAGPACK_CONFIDENCE: Readonly<Record<string, number>> = {
  ownership: 100,
  authority_data: 95,
  ledger_immanent: 90,
  service_data: 80,
  forensic: 70,
  untrusted_transaction: 50,
  web_crawl: 40,
};

const DEFAULT_CONFIDENCE = 50;

function confidenceOf(value: unknown): number {
  if (typeof value === 'string') {
    const named = TAGPACK_CONFIDENCE[value];
    if (named !== undefined) return named;
    const n = Number(value);
    if (value.trim() !== '' && Number.isFinite(n)) return n <= 1 ? Math.round(n * 100) : Math.min(100, Math.round(n));
  }
  return DEFAULT_CONFIDENCE;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/**
 * The category of a GraphSense tag: `abuse` (the risk) before `category` (the kind of entity). GraphSense's OFAC
 * pack tags addresses `category: user` without an `abuse`, so a tag whose source is OFAC's own list is sanctioned.
 */
function tagCategory(sourceText: string | undefined, abuse: string | undefined, category: string | undefined): Category {
  const source = sourceText ?? '';
  if (/treasury\.gov|ofac\.treas/i.test(source)) return 'sanctioned';
  const texts = [abuse, category].filter((t): t is string => t !== undefined);
  if (abuse !== undefined && mapCategory(abuse) !== undefined) return mapCategory(abuse)!;
  return pickCategory(texts);
}

/** A tag mapping as a plain object: scalars read directly, which is much cheaper than toJSON for 100k tags. */
function plainObject(map: YAMLMap): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? pair.key.value : pair.key;
    if (typeof key !== 'string') continue;
    out[key] = isScalar(pair.value) ? pair.value.value : isNode(pair.value) ? pair.value.toJSON() : pair.value;
  }
  return out;
}

/**
 * Loads a GraphSense TagPack (YAML): header fields (`category`, `abuse`, `actor`, `confidence`, `source`,
 * `currency`/`network`, `lastmod`, `label`) are inherited by every tag unless the tag sets its own. Categories map
 * onto chaintrail's taxonomy ({@link mapCategory}); malformed YAML and tags without a usable address are reported
 * with their line, and the rest of the pack still loads.
 *
 * @example
 * loadTagPack({ file: 'ofac.yaml', text: 'label: x\ncategory: exchange\ncurrency: BTC\ntags:\n- address: 1Archive1n2C579dMsAu3iC6tWzuQJz8dN\n' })
 */
export function loadTagPack({ text, file, actors }: LoadTagPackParameters): LoadResult {
  const source = `tagpack:${baseName(file)}`;
  const labels: Label[] = [];
  const issues: LoadIssue[] = [];
  const fast = readYamlFast(text);
  const root = fast?.data;
  const tags = isPlainObject(root) ? root['tags'] : undefined;
  // The fast path covers valid packs whose tags are all mappings; anything else goes through the full parser, which
  // recovers from syntax errors and gives the line of every item.
  if (fast === undefined || !isPlainObject(root) || !Array.isArray(tags) || !tags.every(isPlainObject)) return loadTagPackFull({ text, file, source, ...(actors === undefined ? {} : { actors }) });
  const header: Record<string, unknown> = {};
  for (const key of Object.keys(root)) if (key !== 'tags') header[key] = root[key];
  const context: TagContext = { file, source, header, actors, labels, issues, categories: new Map() };
  for (const own of tags as Record<string, unknown>[]) addTag(context, own, () => fast.lineOf(own) ?? 0);
  return { labels, issues };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

interface TagContext {
  readonly file: string;
  readonly source: string;
  readonly header: Record<string, unknown>;
  readonly actors?: ReadonlyMap<string, Actor> | undefined;
  readonly labels: Label[];
  readonly issues: LoadIssue[];
  readonly categories: Map<string, Category>;
}

/** Turns one tag (its own fields, the pack header inherited) into a label, or an issue at its line. */
/** {@link tagCategory} once per distinct (source, abuse, category): a pack repeats the same few on every tag. */
function categoryOf(memo: Map<string, Category>, source: string | undefined, abuse: string | undefined, category: string | undefined): Category {
  const key = `${source ?? ''}\u0000${abuse ?? ''}\u0000${category ?? ''}`;
  let found = memo.get(key);
  if (found === undefined) memo.set(key, (found = tagCategory(source, abuse, category)));
  return found;
}

function addTag({ file, source, header, actors, labels, issues, categories }: TagContext, own: Record<string, unknown>, line: () => number): void {
  // A tag's own field wins over the header's, as in `{ ...header, ...own }`, without building that object per tag.
  const field = (key: string): unknown => (Object.hasOwn(own, key) ? own[key] : header[key]);
  const address = str(field('address'));
  if (address === undefined) {
    issues.push({ file, line: line(), kind: 'rejected', reason: 'tag without an address', text: excerpt(JSON.stringify(own)) });
    return;
  }
  const currency = str(field('currency')) ?? str(field('network'));
  if (currency !== undefined && ASSET_CHAINS[currency.toUpperCase()] === undefined && !/^0x[0-9a-f]{40}$/i.test(address)) {
    issues.push({ file, line: line(), kind: 'rejected', reason: `currency ${currency} has no chain id in chaintrail`, text: excerpt(address) });
    return;
  }
  const routed = routeAddress({ ...(currency === undefined ? {} : { asset: currency }), text: address });
  if ('reason' in routed) {
    issues.push({ file, line: line(), kind: 'rejected', reason: routed.reason, text: excerpt(address) });
    return;
  }
  const actorId = str(field('actor'));
  const actor = actorId === undefined ? undefined : actors?.get(actorId);
  const entity = actor?.label ?? str(field('label'));
  const date = str(field('lastmod'));
  const abuse = str(field('abuse'));
  const category = str(field('category'));
  const sourceCategory = [abuse, category].filter(Boolean).join('/');
  labels.push({
    chain: routed.chain,
    address: routed.address,
    category: categoryOf(categories, str(field('source')), abuse, category),
    ...(entity === undefined ? {} : { entity }),
    ...(sourceCategory === '' ? {} : { sourceCategory }),
    source,
    ...(date === undefined ? {} : { date }),
    confidence: confidenceOf(field('confidence')),
    record: own,
  });
}

/** The full `yaml` parser: recovers from syntax errors, reports each with its line and rejects the tags it spoiled. */
function loadTagPackFull({ text, file, actors, source }: LoadTagPackParameters & { source: string }): LoadResult {
  const labels: Label[] = [];
  const issues: LoadIssue[] = [];
  const lineCounter = new LineCounter();
  // The failsafe schema reads every scalar as a string: faster, and dates or hex addresses never turn into numbers.
  const doc = parseDocument(text, { schema: 'failsafe', lineCounter, uniqueKeys: false, prettyErrors: false });
  for (const error of doc.errors) {
    issues.push({ file, line: lineCounter.linePos(error.pos[0]).line, kind: 'rejected', reason: `YAML: ${error.message.split('\n')[0]}` });
  }
  const errorAt = doc.errors.map((e) => e.pos[0]);
  const root = doc.contents;
  if (!isMap(root)) {
    if (doc.errors.length === 0) issues.push({ file, line: 1, kind: 'rejected', reason: 'a TagPack is a YAML mapping with a tags list' });
    return { labels, issues };
  }
  const header: Record<string, unknown> = {};
  for (const pair of root.items) {
    const key = (pair.key as { value?: unknown } | null)?.value;
    if (typeof key === 'string' && key !== 'tags') header[key] = isNode(pair.value) ? pair.value.toJSON() : pair.value;
  }
  const tagsNode = root.get('tags', true);
  if (!isSeq(tagsNode)) {
    issues.push({ file, line: 1, kind: 'rejected', reason: 'no tags list' });
    return { labels, issues };
  }
  const context: TagContext = { file, source, header, actors, labels, issues, categories: new Map() };
  for (const item of tagsNode.items) {
    const line = () => lineCounter.linePos((item as { range?: [number] } | null)?.range?.[0] ?? 0).line;
    if (!isMap(item)) {
      issues.push({ file, line: line(), kind: 'rejected', reason: 'a tag must be a mapping with an address' });
      continue;
    }
    const range = (item as { range?: [number, number, number] }).range;
    if (range && errorAt.some((at) => at >= range[0] && at <= range[2])) {
      // The parser recovers from a syntax error, but what it read for this tag cannot be trusted.
      issues.push({ file, line: line(), kind: 'rejected', reason: 'tag spoiled by a YAML syntax error', text: excerpt(String(item.get('address') ?? '')) });
      continue;
    }
    addTag(context, plainObject(item), line);
  }
  return { labels, issues };
}

/**
 * Loads a GraphSense ActorPack (`actors: [{id, label, categories, jurisdictions, uri}]`) into a map by id, for
 * {@link loadTagPack} to name the entity behind tags that point at an actor.
 *
 * @example
 * const { actors } = loadActorPack({ file: 'graphsense.actorpack.yaml', text });
 */
export function loadActorPack({ text, file }: LoaderParameters): { actors: Map<string, Actor>; issues: LoadIssue[] } {
  const issues: LoadIssue[] = [];
  // Valid YAML takes the fast reader; the full parser only runs to report what is wrong with an invalid file.
  let data = readYamlFast(text)?.data as { actors?: unknown } | null | undefined;
  if (data === undefined) {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { schema: 'failsafe', lineCounter, uniqueKeys: false, prettyErrors: false });
    for (const error of doc.errors) {
      issues.push({ file, line: lineCounter.linePos(error.pos[0]).line, kind: 'rejected', reason: `YAML: ${error.message.split('\n')[0]}` });
    }
    data = doc.toJSON() as { actors?: unknown } | null;
  }
  const actors = new Map<string, Actor>();
  const list = Array.isArray(data?.actors) ? (data.actors as Record<string, unknown>[]) : [];
  for (const a of list) {
    const id = str(a?.['id']);
    if (id === undefined) {
      issues.push({ file, line: null, kind: 'rejected', reason: 'actor without an id', text: excerpt(JSON.stringify(a) ?? '') });
      continue;
    }
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    const uri = str(a['uri']);
    actors.set(id, {
      id,
      label: str(a['label']) ?? id,
      categories: strings(a['categories']),
      jurisdictions: strings(a['jurisdictions']),
      ...(uri === undefined ? {} : { uri }),
    });
  }
  return { actors, issues };
}
