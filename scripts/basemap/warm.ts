// Makes the basemap's tiles for every story folder (geodata/ and the test stories) into the tile
// cache, so later builds and tests only read them: `npm run basemap`. scripts/test-all.sh runs it
// first, so a fresh machine pays the one slow step (reading and indexing the water) once, in view.
//
// `npm run basemap -- --pmtiles <file>` also packs the tiles of geodata/'s stories (the world to
// zoom 5, detail around each story) into one PMTiles archive, for a newsroom that serves its
// basemap from object storage (story.json "basemap": {"pmtiles": …}; docs/deploy.md).
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BASEMAP_ATTRIBUTION } from '../../src/lib/map/basemap-style.ts';
import { terminalSafe } from '../terminal.ts';
import { planTiles, storyExtent, TileMaker } from './extents.ts';
import { writeArchive } from './pmtiles.ts';

const storyFolders = (root: string) =>
  readdirSync(root)
    .map((d) => join(root, d))
    .filter((d) => existsSync(join(d, 'story.json')));
const folders = ['geodata', 'tests/fixtures/stories'].flatMap(storyFolders);
const t = performance.now();
const keys = planTiles(folders.map((d) => storyExtent(resolve(d))), (m) => console.warn(terminalSafe(m)));
const maker = TileMaker.shared({ geodata: resolve('geodata') });
let bytes = 0;
for (const key of keys) bytes += maker.get(key).length;
console.log(`basemap: ${keys.length} tiles for ${folders.length} stories, ${(bytes / 1e6).toFixed(1)} MB; ${maker.made} parts made${maker.made ? ` (sources read in ${(maker.indexMs / 1000).toFixed(1)} s)` : ''}, ${maker.cached} from the cache, in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const at = process.argv.indexOf('--pmtiles');
if (at >= 0) {
  const out = process.argv[at + 1];
  if (!out || out.startsWith('--')) {
    console.error('basemap: --pmtiles needs the archive to write, e.g. npm run basemap -- --pmtiles dist/basemap.pmtiles');
    process.exit(2);
  }
  const own = planTiles(storyFolders('geodata').map((d) => storyExtent(resolve(d))));
  const tiles = own.map((key) => {
    const [z, x, y] = key.split('/').map(Number) as [number, number, number];
    return { z, x, y, data: maker.get(key) };
  });
  const archive = writeArchive(tiles, {
    bounds: [-180, -85.05, 180, 85.05],
    metadata: {
      name: 'story-map basemap',
      attribution: BASEMAP_ATTRIBUTION.map((a) => a.text).join('; '),
      vector_layers: ['water', 'boundary', 'place', 'marine_label', 'country_label'].map((id) => ({ id })),
    },
  });
  mkdirSync(dirname(resolve(out)), { recursive: true });
  writeFileSync(out, archive);
  console.log(`basemap: ${tiles.length} tiles of ${storyFolders('geodata').length} stories packed into ${terminalSafe(out)} (${(archive.length / 1e6).toFixed(1)} MB)`);
}
