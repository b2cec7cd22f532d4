// Makes the basemap's tiles for every story folder (geodata/ and the test stories) into the tile
// cache, so later builds and tests only read them: `npm run basemap`. scripts/test-all.sh runs it
// first, so a fresh machine pays the one slow step (reading and indexing the water) once, in view.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { planTiles, storyExtent, TileMaker } from './extents.ts';

const folders = ['geodata', 'tests/fixtures/stories'].flatMap((root) =>
  readdirSync(root)
    .map((d) => join(root, d))
    .filter((d) => existsSync(join(d, 'story.json'))),
);
const t = performance.now();
const keys = planTiles(folders.map((d) => storyExtent(resolve(d))), (m) => console.warn(m));
const maker = TileMaker.shared({ geodata: resolve('geodata') });
let bytes = 0;
for (const key of keys) bytes += maker.get(key).length;
console.log(`basemap: ${keys.length} tiles for ${folders.length} stories, ${(bytes / 1e6).toFixed(1)} MB; ${maker.made} parts made${maker.made ? ` (sources read in ${(maker.indexMs / 1000).toFixed(1)} s)` : ''}, ${maker.cached} from the cache, in ${((performance.now() - t) / 1000).toFixed(1)} s`);
