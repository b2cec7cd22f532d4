// A newsroom's own basemap from its own tile host (story.json "basemap", docs/deploy.md): a second
// local origin serves a MapLibre style and vector tiles, with CORS, as a newsroom's CDN would. The
// map draws that style under the story, requests it and its tiles without cookies, credits it, and
// keeps every story feature; when the host fails, the story keeps its map on the site's own basemap.
import { expect, test, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { join } from 'node:path';
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

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', TILE_ORIGIN).pathname;
    requests.push({ path, headers: req.headers });
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (failing) return void res.writeHead(503).end();
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

async function open(page: Page) {
  await page.goto('./?story=newsroom-basemap');
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
