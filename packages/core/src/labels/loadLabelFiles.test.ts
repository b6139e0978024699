import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isChaintrailError } from '../errors/ChaintrailError.ts';
import { loadLabelFiles } from './loadLabelFiles.ts';

const BTC = 'bip122:000000000019d6689c085ae165831e93' as const;

describe('loadLabelFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chaintrail-load-'));
  const pack = join(dir, 'pack.yaml');
  writeFileSync(pack, 'category: exchange\ncurrency: BTC\ntags:\n- address: 1JoktQJhCzuCQkt3GnQ8Xddcq4mUgNyXEa\n  label: Bitstamp\n  actor: bitstamp\n');
  writeFileSync(join(dir, 'actors.yaml'), 'actors:\n- id: bitstamp\n  label: Bitstamp Ltd\n');
  writeFileSync(join(dir, 'sanctioned_addresses_XBT.txt'), '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h\n');
  writeFileSync(join(dir, 'NOTES.txt'), 'Just some notes about these files.\n');

  it('loads a folder, reading actor packs before the TagPacks that name actors', async () => {
    const { store, files, skipped } = await loadLabelFiles({ paths: [dir] });
    expect(store.entityOf(BTC, '1JoktQJhCzuCQkt3GnQ8Xddcq4mUgNyXEa')).toBe('Bitstamp Ltd');
    expect(store.hasCategory(BTC, '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h', 'sanctioned')).toBe(true);
    expect(files.map((f) => f.format).sort()).toEqual(['actorpack', 'ofac-list', 'tagpack']);
    expect(skipped).toEqual([join(dir, 'NOTES.txt')]);
  });

  it('caches parsed TagPacks and reads them back alike; a changed file is parsed again', async () => {
    const cacheDir = join(dir, '.cache');
    const cold = await loadLabelFiles({ paths: [dir], cacheDir });
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.json'))).toHaveLength(1);
    const warm = await loadLabelFiles({ paths: [dir], cacheDir });
    expect(warm.store.lookup(BTC, '1JoktQJhCzuCQkt3GnQ8Xddcq4mUgNyXEa')).toEqual(cold.store.lookup(BTC, '1JoktQJhCzuCQkt3GnQ8Xddcq4mUgNyXEa'));
    writeFileSync(pack, 'category: mixing_service\ncurrency: BTC\ntags:\n- address: 1JoktQJhCzuCQkt3GnQ8Xddcq4mUgNyXEa\n');
    utimesSync(pack, new Date(), new Date(Date.now() + 5000));
    const changed = await loadLabelFiles({ paths: [dir], cacheDir });
    expect(changed.store.categoriesOf(BTC, '1JoktQJhCzuCQkt3GnQ8Xddcq4mUgNyXEa')).toEqual(['mixer']);
  });

  it('throws INVALID_ARGUMENT for a path that does not exist', async () => {
    await expect(loadLabelFiles({ paths: [join(dir, 'missing')] })).rejects.toSatisfy((e) => isChaintrailError(e, 'INVALID_ARGUMENT'));
  });
});
