// The gazetteer as the Vite plugin makes it on a machine where it is not cached yet: the plugin
// loads the cache module through Vite's runnerImport, whose runner is closed when the import
// returns, so building the gazetteer must not import through that runner (it did: "Vite module
// runner has been closed", and `npm run build` failed on a fresh machine until the unit tests had
// warmed the cache).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { siteGazetteerText } from '../../scripts/gazetteer-plugin';
import { GAZETTEER_VERSION } from '../../src/lib/draft/gazetteer';

const dir = resolve(import.meta.dirname, '../../node_modules/.cache/story-map', `test-cold-${process.pid}`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the gazetteer plugin with a cold cache', () => {
  it('builds the gazetteer, writes it to the cache, and reads it from there the next time', async () => {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'gazetteer.json');
    expect(existsSync(path)).toBe(false);
    const text = await siteGazetteerText(path);
    const parsed = JSON.parse(text) as { format: string; version: number; cities: unknown[]; regions: unknown[] };
    expect(parsed.format).toBe('story-map-gazetteer');
    expect(parsed.version).toBe(GAZETTEER_VERSION);
    expect(parsed.cities.length).toBeGreaterThan(10000);
    expect(parsed.regions.length).toBeGreaterThan(1000);
    expect(existsSync(path)).toBe(true);
    expect(await siteGazetteerText(path)).toBe(text);
  }, 180_000);
});
