// A newsroom's own basemap from its own tile host (story.json "basemap", docs/deploy.md): a second
// local origin serves a MapLibre style and vector tiles, with CORS, as a newsroom's CDN would. The
// map draws that style under the story, requests it and its tiles without cookies, credits it, and
// keeps every story feature; when the host fails, the story keeps its map on the site's own basemap.
// The same host also serves PMTiles archives by HTTP range requests, as object storage does: one of
// the app's own tiles, and one in the Protomaps schema (made here from a few shapes).
import { GeoJSONVT, type GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { expect, test, type Page } from '@playwright/test';
import type { Feature } from 'geojson';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { join } from 'node:path';
import { writeArchive, type ArchiveTile } from '../../scripts/basemap/pmtiles';
import { watch } from './helpers';

// The port the fixture story names (tests/fixtures/stories/newsroom-basemap/story.json).
const TILE_PORT = 4190;
const TILE_ORIGIN = `http://localhost:${TILE_PORT}`;
// The app's own tiles, as the Playwright web server built them: the newsroom serves the same files.
const BUILT_TILES = join('.e2e', String(process.env.E2E_PORT ?? 4173), 'basemap', 'tiles');
const NEWSROOM_WATER = '#2b5d9e';

let server: Server;
let failing = false;
const requests: { path: string; headers: IncomingHttpHeaders }[] = [];
const archives = new Map<string, Uint8Array>();

/** The app's own built tiles (every z/x/y under BUILT_TILES) as one archive. */
function ownArchive(): Uint8Array {
  const tiles: ArchiveTile[] = [];
  for (const z of readdirSync(BUILT_TILES))
    for (const x of readdirSync(join(BUILT_TILES, z)))
      for (const f of readdirSync(join(BUILT_TILES, z, x))) tiles.push({ z: +z, x: +x, y: parseInt(f, 10), data: readFileSync(join(BUILT_TILES, z, x, f)) });
  return writeArchive(tiles, { bounds: [-180, -85.05, 180, 85.05] });
}

const poly = (w: number, s: number, e: number, n: number, properties: Record<string, unknown>): Feature => ({
  type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] },
});
const point = (lon: number, lat: number, properties: Record<string, unknown>): Feature => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [lon, lat] } });
/** A small archive in the Protomaps basemap schema: land, a sea west of Luzon, a border, a town, a country and a sea name. */
function protomapsArchive(): Uint8Array {
  const layers: Record<string, Feature[]> = {
    earth: [poly(95, -5, 135, 30, { kind: 'earth' })],
    water: [poly(108, 8, 119.5, 20, { kind: 'ocean' }), point(111, 11, { kind: 'sea', name: 'Protomaps Test Sea', 'name:en': 'Protomaps Test Sea', min_zoom: 0 })],
    boundaries: [{ type: 'Feature', properties: { kind: 'country', kind_detail: 2 }, geometry: { type: 'LineString', coordinates: [[102, 22], [108, 21.5]] } }],
    places: [point(106.3, 17.5, { kind: 'locality', name: 'Protoville', 'name:en': 'Protoville', min_zoom: 2, population_rank: 12 }), point(104, 15, { kind: 'country', name: 'Protoland', 'name:en': 'Protoland', min_zoom: 2, population_rank: 12 })],
  };
  const index = Object.fromEntries(Object.entries(layers).map(([k, features]) => [k, new GeoJSONVT({ type: 'FeatureCollection', features }, { maxZoom: 7, indexMaxZoom: 7, buffer: 64, extent: 4096 })]));
  const tiles: ArchiveTile[] = [];
  for (let z = 0; z <= 7; z++)
    for (let x = 0; x < 2 ** z; x++)
      for (let y = 0; y < 2 ** z; y++) {
        const parts: Record<string, GeoJSONVTTile> = {};
        for (const [k, idx] of Object.entries(index)) {
          const t = idx.getTile(z, x, y);
          if (t?.features.length) parts[k] = t;
        }
        if (Object.keys(parts).length) tiles.push({ z, x, y, data: fromGeojsonVt(parts, { version: 2, extent: 4096 }) });
      }
  return writeArchive(tiles, { bounds: [95, -5, 135, 30] });
}

test.beforeAll(async () => {
  archives.set('/basemap.pmtiles', ownArchive());
  archives.set('/protomaps.pmtiles', protomapsArchive());
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', TILE_ORIGIN).pathname;
    requests.push({ path, headers: req.headers });
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (failing) return void res.writeHead(503).end();
    const archive = archives.get(path);
    if (archive) {
      // Object storage's answer to a range request: 206 with exactly the bytes asked for.
      const range = /^bytes=(\d+)-(\d+)$/.exec(String(req.headers.range ?? ''));
      if (!range) return void res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': archive.length }).end(archive);
      const from = +range[1]!;
      const to = Math.min(+range[2]!, archive.length - 1);
      res.writeHead(206, { 'content-type': 'application/octet-stream', 'content-length': to - from + 1, 'content-range': `bytes ${from}-${to}/${archive.length}`, 'access-control-expose-headers': 'content-range, etag' });
      return void res.end(archive.subarray(from, to + 1));
    }
    if (path === '/style.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(
        JSON.stringify({
          version: 8,
          sources: { newsroom: { type: 'vector', tiles: [`${TILE_ORIGIN}/tiles/{z}/{x}/{y}.pbf`], maxzoom: 10 } },
          layers: [
            { id: 'land', type: 'background', paint: { 'background-color': '#f3ead8' } },
            { id: 'sea', type: 'fill', source: 'newsroom', 'source-layer': 'water', paint: { 'fill-color': NEWSROOM_WATER } },
          ],
        }),
      );
    }
    const tile = /^\/tiles\/(\d+)\/(\d+)\/(\d+)\.pbf$/.exec(path);
    const file = tile && join(BUILT_TILES, tile[1]!, tile[2]!, `${tile[3]}.pbf`);
    if (!file || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/x-protobuf' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(TILE_PORT, 'localhost', ok));
});
test.afterAll(() => new Promise<void>((ok) => server.close(() => ok())));
test.beforeEach(() => {
  requests.length = 0;
  failing = false;
});

type Probe = { query: (at: [number, number] | null, layers: string[]) => { key: string }[]; settled: () => boolean };
const query = (page: Page, at: [number, number], layers: string[]) =>
  page.locator('.map').evaluate((el, [ll, ids]) => (el as unknown as { storyMapProbe: Probe }).storyMapProbe.query(ll, ids).length, [at, layers] as const);
/** The story's points drawn on the map, by key. */
const drawnPoints = (page: Page) =>
  page.locator('.map').evaluate((el) => [...new Set((el as unknown as { storyMapProbe: Probe }).storyMapProbe.query(null, ['story:places:circle']).map((h) => h.key))].sort());
const POINTS = ['places:hanoi', 'places:manila', 'places:scarborough'];

async function open(page: Page, story = 'newsroom-basemap') {
  await page.goto(`./?story=${story}`);
  await expect(page.locator('[data-map-ready]')).toBeAttached({ timeout: 45_000 });
  await expect.poll(() => page.locator('.map').evaluate((el) => (el as unknown as { storyMapProbe: Probe }).storyMapProbe.settled()), { timeout: 20_000 }).toBe(true);
}

test("a story naming its newsroom's style draws it under the story, from the newsroom's host", async ({ page }) => {
  const seen = watch(page);
  await open(page);
  // The style and its tiles came from the second origin, asked for by this page, with no cookies.
  expect(requests.map((r) => r.path)).toContain('/style.json');
  expect(requests.filter((r) => r.path.startsWith('/tiles/')).length).toBeGreaterThan(0);
  const appOrigin = new URL(page.url()).origin;
  for (const r of requests) {
    expect(r.headers.origin, r.path).toBe(appOrigin);
    expect(r.headers.cookie, r.path).toBeUndefined();
  }
  // Only that host besides the page's own: the one the story names.
  expect(new Set(seen.foreign.map((u) => new URL(u).origin))).toEqual(new Set([TILE_ORIGIN]));
  // Its water is drawn (the South China Sea, west of Luzon), the app's own basemap layers are not.
  expect(await query(page, [114.5, 13], ['newsroom:sea'])).toBeGreaterThan(0);
  expect(await query(page, [114.5, 13], ['water'])).toBe(0);
  // The story is whole above it, and the newsroom's credits are shown.
  expect(await drawnPoints(page)).toEqual(POINTS);
  await expect(page.locator('.attribution .basemap')).toContainText('Basemap: Test Newsroom tiles');
  await expect(page.getByRole('button', { name: /Scarborough Shoal/ }).first()).toBeVisible();
  expect(seen.errors).toEqual([]);
});

test("when the newsroom's host fails, the story keeps its map on the site's own basemap and says why", async ({ page }) => {
  failing = true;
  const warnings: string[] = [];
  page.on('console', (m) => void (m.type() === 'warning' && warnings.push(m.text())));
  await open(page);
  expect(requests.map((r) => r.path)).toEqual(['/style.json']);
  expect(await query(page, [114.5, 13], ['water'])).toBeGreaterThan(0);
  expect(await drawnPoints(page)).toEqual(POINTS);
  expect(warnings.join('\n')).toMatch(/basemap style "http:\/\/localhost:4190\/style\.json" could not be used \(HTTP 503\).*site's own basemap/);
});

test("a story naming its newsroom's PMTiles archive of this project's tiles reads it by range requests and draws it with the site's style", async ({ page }) => {
  const seen = watch(page);
  const asked: string[] = [];
  page.on('request', (r) => asked.push(r.url()));
  await open(page, 'newsroom-pmtiles');
  const reads = requests.filter((r) => r.path === '/basemap.pmtiles');
  // The header first, then directories and tiles: every read a range, from this page, without cookies.
  expect(reads.length).toBeGreaterThan(1);
  const appOrigin = new URL(page.url()).origin;
  for (const r of reads) {
    expect(r.headers.range, 'a range request').toMatch(/^bytes=\d+-\d+$/);
    expect(r.headers.origin).toBe(appOrigin);
    expect(r.headers.cookie).toBeUndefined();
  }
  expect(new Set(seen.foreign.map((u) => new URL(u).origin))).toEqual(new Set([TILE_ORIGIN]));
  // Not one tile from the site's own tile directory: the archive is the basemap.
  expect(asked.filter((u) => u.includes('/basemap/tiles/'))).toEqual([]);
  // The site's own style draws it: its water layer over the South China Sea, its place names.
  expect(await query(page, [114.5, 13], ['water'])).toBeGreaterThan(0);
  expect(await drawnPoints(page)).toEqual(POINTS);
  await expect(page.locator('.attribution .basemap')).toContainText('Basemap hosting: Test Newsroom');
  // Far from every story the archive, like the tile directory, holds the world to zoom 5 only: at
  // zoom 7 in the Caribbean the sea is drawn from the tile above, not left as land.
  await page.goto('./?story=newsroom-pmtiles#v=-75,15,7');
  await expect(page.locator('[data-map-ready]')).toBeAttached({ timeout: 45_000 });
  await expect.poll(() => page.locator('.map').evaluate((el) => (el as unknown as { storyMapProbe: Probe }).storyMapProbe.settled()), { timeout: 20_000 }).toBe(true);
  expect(await page.locator('.map').evaluate((el) => (el as unknown as { storyMapProbe: { zoom: () => number } }).storyMapProbe.zoom())).toBeGreaterThan(6.5);
  expect(await query(page, [-75, 15], ['water'])).toBeGreaterThan(0);
  expect(seen.errors).toEqual([]);
});

test('a Protomaps archive on the newsroom host is drawn with the quiet style made for its schema, under the story', async ({ page }) => {
  const seen = watch(page);
  await open(page, 'newsroom-protomaps');
  expect(requests.filter((r) => r.path === '/protomaps.pmtiles').length).toBeGreaterThan(1);
  expect(new Set(seen.foreign.map((u) => new URL(u).origin))).toEqual(new Set([TILE_ORIGIN]));
  // Its water and land, not the site's; its names set in the bundled font (no glyph server: no other request).
  expect(await query(page, [114.5, 13], ['newsroom:water'])).toBeGreaterThan(0);
  expect(await query(page, [114.5, 13], ['water'])).toBe(0);
  const names = await page.locator('.map').evaluate((el) =>
    (el as unknown as { storyMapProbe: { query: (at: null, layers: string[]) => { name: string }[] } }).storyMapProbe
      .query(null, ['newsroom:places_locality', 'newsroom:places_country', 'newsroom:water_label_ocean'])
      .map((h) => h.name),
  );
  expect(names).toEqual(expect.arrayContaining(['Protoville', 'Protoland', 'Protomaps Test Sea']));
  expect(await drawnPoints(page)).toEqual(POINTS);
  await expect(page.locator('.attribution .basemap')).toContainText('Basemap: Test Protomaps build');
  expect(seen.errors).toEqual([]);
});

test("when the newsroom's archive cannot be read, the story keeps its map on the site's own basemap and says why", async ({ page }) => {
  failing = true;
  const warnings: string[] = [];
  page.on('console', (m) => void (m.type() === 'warning' && warnings.push(m.text())));
  await open(page, 'newsroom-pmtiles');
  expect(await query(page, [114.5, 13], ['water'])).toBeGreaterThan(0);
  expect(await drawnPoints(page)).toEqual(POINTS);
  expect(warnings.join('\n')).toMatch(/basemap archive "http:\/\/localhost:4190\/basemap\.pmtiles" could not be used .*site's own basemap/);
});
