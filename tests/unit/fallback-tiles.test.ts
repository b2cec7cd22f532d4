// The SVG fallback's basemap loading (src/lib/fallback/tiles.ts): the same tiles as the WebGL map,
// from the same address, at the view's tile zoom; a tile the sparse set lacks drawn from its
// parent; a small cache; loads a newer view does not need cancelled; never cookies.
import { describe, expect, it } from 'vitest';
import { FallbackTiles } from '../../src/lib/fallback/tiles';
import { basemapTiles } from '../../src/lib/map/basemap-source';
import { BASEMAP_MAXZOOM } from '../../src/lib/map/basemap-style';
import { tileKey } from '../../src/lib/map/basemap-tiles';
import { createBoxRings, createFeature, createTile } from './fixtures';

const TEMPLATE = 'https://example.org/site/basemap/tiles/{z}/{x}/{y}.pbf';
const SEA = { water: [createFeature({ type: 'Polygon', coordinates: createBoxRings([100, 0, 130, 30]) })], marine_label: [createFeature({ type: 'Point', coordinates: [114.5, 14.5] }, { name: 'South China Sea', kind: 'sea', minzoom: 3, maxzoom: 9, rank: 1 })] };

/** A tile server in memory: the tiles in `have` (others 404), every request recorded; `hold` keeps answers back until released. */
function createServer(have: string[], opts: { status?: number; hold?: boolean } = {}) {
  const requests: { url: string; init?: RequestInit }[] = [];
  const waiting: (() => void)[] = [];
  const load = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    requests.push({ url, init });
    if (opts.hold)
      await new Promise<void>((resolve, reject) => {
        waiting.push(resolve);
        init?.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
      });
    if (opts.status) return new Response('', { status: opts.status });
    const m = /(\d+)\/(\d+)\/(\d+)\.pbf$/.exec(url)!;
    const [z, x, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!have.includes(`${z}/${x}/${y}`)) return new Response('no such tile', { status: 404 });
    return new Response(new Uint8Array(await createTile(SEA, z, x, y)) as Uint8Array<ArrayBuffer>, { status: 200 });
  }) as typeof fetch;
  return { load, requests, release: () => waiting.splice(0).forEach((r) => r()) };
}
const paths = (requests: { url: string }[]) => requests.map((r) => new URL(r.url).pathname.replace('/site/basemap/tiles/', '')).sort();

describe('the fallback’s tiles', () => {
  it('asks for the tiles of the view’s tile zoom at the site’s tile address, without cookies', async () => {
    const server = createServer(['4/12/6', '4/12/7', '4/13/6', '4/13/7']);
    const tiles = new FallbackTiles({ tiles: TEMPLATE, maxzoom: 10 }, server.load);
    const need = tiles.tilesFor([105, 8, 122, 22], 4.7);
    expect(need.map(tileKey).sort()).toEqual(['4/12/6', '4/12/7', '4/13/6', '4/13/7']);
    const view = await tiles.view(need);
    expect(paths(server.requests)).toEqual(['4/12/6.pbf', '4/12/7.pbf', '4/13/6.pbf', '4/13/7.pbf']);
    for (const r of server.requests) expect(r.init?.credentials).toBe('omit');
    expect(view).toMatchObject({ zoom: 4, fromAncestor: 0, failed: 0 });
    expect(view.geometry.water.features.length).toBeGreaterThan(0);
    expect(view.geometry.labels.map((l) => l.name)).toEqual(['South China Sea']);
    expect(view.geometry.covered.features).toHaveLength(4);
    // Deeper than the tiles are made for: their deepest zoom.
    expect(tiles.tilesFor([120.9, 14.5, 121, 14.6], 12.3)[0]!.z).toBe(10);
  });

  it('draws a tile the sparse set lacks (404) from its nearest ancestor, cut to its square', async () => {
    // Only the world's tiles to zoom 5 exist here.
    const server = createServer(['5/26/14', '4/13/7']);
    const tiles = new FallbackTiles({ tiles: TEMPLATE, maxzoom: 10 }, server.load);
    const view = await tiles.view([{ z: 8, x: 213, y: 115 }]);
    expect(paths(server.requests)).toEqual(['5/26/14.pbf', '6/53/28.pbf', '7/106/57.pbf', '8/213/115.pbf']);
    expect(view).toMatchObject({ zoom: 8, fromAncestor: 1, failed: 0 });
    // Cut to the zoom-8 tile: within its 1.4° of longitude.
    const lons = view.geometry.water.features.flatMap((f) => f.geometry.coordinates.flat().map((p) => p[0]!));
    expect(Math.max(...lons) - Math.min(...lons)).toBeLessThanOrEqual(360 / 256 + 1e-6);
  });

  it('keeps tiles (and the ones that are missing) by key: a view seen before asks for nothing', async () => {
    const server = createServer(['5/26/14']);
    const tiles = new FallbackTiles({ tiles: TEMPLATE, maxzoom: 10 }, server.load);
    await tiles.view([{ z: 6, x: 53, y: 28 }]);
    const asked = server.requests.length;
    expect(asked).toBe(2);
    const again = await tiles.view([{ z: 6, x: 53, y: 28 }]);
    expect(server.requests.length).toBe(asked);
    expect(again.fromAncestor).toBe(1);
    // A small cache: the oldest go first.
    const small = new FallbackTiles({ tiles: TEMPLATE, maxzoom: 10 }, server.load, 1);
    await small.view([{ z: 5, x: 26, y: 14 }]);
    await small.view([{ z: 5, x: 26, y: 15 }]);
    await small.view([{ z: 5, x: 26, y: 14 }]);
    expect(server.requests.filter((r) => r.url.endsWith('/5/26/14.pbf'))).toHaveLength(3);
  });

  it('cancels the loads of a view the map has left, and keeps those the new view needs', async () => {
    const server = createServer(['5/26/14', '5/27/14'], { hold: true });
    const tiles = new FallbackTiles({ tiles: TEMPLATE, maxzoom: 10 }, server.load);
    const first = tiles.view([{ z: 5, x: 26, y: 14 }, { z: 5, x: 25, y: 14 }]);
    const firstDone = first.then(
      () => 'done',
      (e: Error) => e.name,
    );
    await Promise.resolve();
    const second = tiles.view([{ z: 5, x: 26, y: 14 }, { z: 5, x: 27, y: 14 }]);
    expect(await firstDone).toBe('AbortError');
    server.release();
    const view = await second;
    expect(view.failed).toBe(0);
    // 5/26/14 was asked for once, shared by both views.
    expect(server.requests.filter((r) => r.url.endsWith('/5/26/14.pbf'))).toHaveLength(1);
    const aborted = server.requests.find((r) => r.url.endsWith('/5/25/14.pbf'))!;
    expect(aborted.init?.signal?.aborted).toBe(true);
  });

  it('says so once and reports every tile failed when the host answers with errors', async () => {
    const server = createServer([], { status: 500 });
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (m: unknown) => warnings.push(m);
    try {
      const tiles = new FallbackTiles({ tiles: TEMPLATE, maxzoom: 10 }, server.load);
      const view = await tiles.view([{ z: 1, x: 1, y: 0 }, { z: 1, x: 1, y: 1 }]);
      expect(view.failed).toBe(2);
      expect(view.geometry.covered.features).toEqual([]);
    } finally {
      console.warn = warn;
    }
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0])).toMatch(/HTTP 500/);
  });
});

describe('which tiles a story’s fallback reads', () => {
  it('the site’s own by default, the newsroom’s named tiles, and the site’s for a newsroom style (not drawable as SVG)', () => {
    expect(basemapTiles(undefined, 'https://news.example/maps/')).toEqual({ tiles: 'https://news.example/maps/basemap/tiles/{z}/{x}/{y}.pbf', maxzoom: BASEMAP_MAXZOOM });
    expect(basemapTiles({ tiles: 'https://tiles.example.org/{z}/{x}/{y}.pbf', maxzoom: 14 }, 'https://news.example/')).toEqual({ tiles: 'https://tiles.example.org/{z}/{x}/{y}.pbf', maxzoom: 14 });
    expect(basemapTiles({ tiles: 'https://tiles.example.org/{z}/{x}/{y}.pbf' }, 'https://news.example/').maxzoom).toBe(BASEMAP_MAXZOOM);
    expect(basemapTiles({ style: 'https://tiles.example.org/style.json', attribution: [{ text: 'Tiles' }] }, 'https://news.example/')).toEqual({ tiles: 'https://news.example/basemap/tiles/{z}/{x}/{y}.pbf', maxzoom: BASEMAP_MAXZOOM });
  });
});
