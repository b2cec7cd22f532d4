// The basemap as vector tiles, made at build time: every tile of the world to WORLD_MAXZOOM, and
// deeper tiles (to DETAIL_MAXZOOM) only where a story takes the reader: around its bounds, its
// points, lines and the outlines of its areas, with a margin of a screen or so. The tiles are a
// directory (basemap/tiles/z/x/y.pbf) served as static files; MapLibre reads it as a `sparse`
// source, so where a reader wanders past the tiles made, the nearest ancestor tile is shown.
//
// Each tile depends only on the data and this code, never on the stories, so tiles are cached on
// disk (node_modules/.cache) under a key of the data packages' versions, a version of how each part
// is made (PARTS) and the marine names: a rebuild makes only the tiles no earlier build made, and
// the sources (20-40 s to read and index the water) are read only when a tile is missing.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GeoJSONVT, type GeoJSONVTFeature, type GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { difference, featureCollection, multiPolygon, polygon, union } from '@turf/turf';
import type { FeatureCollection, Geometry, Point, Position } from 'geojson';
import { dataVersions, DETAIL_MAXZOOM, marineFeatures, readBorders, readCountryLabelPoints, readCountryLabels, readMarineLabels, readPlaces, readWater, WORLD_MAXZOOM } from './sources.ts';

export { DETAIL_MAXZOOM, WORLD_MAXZOOM };

/** What a story needs of the basemap: where it opens and what it shows. */
export interface StoryExtent {
  name: string;
  bounds: [number, number, number, number];
  geometries: Geometry[];
}

/** Tiles whose count for one story at one zoom passes this are not made (too far in for a view that big). */
const MAX_TILES_PER_ZOOM = 3000;
/** The story's bounds (with margin) get tiles at a zoom only while they need no more than this. */
const MAX_BOX_TILES = 600;

const lon2x = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const lat2y = (lat: number, z: number) => {
  const s = Math.sin((Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180);
  return Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * 2 ** z);
};
const clampTile = (v: number, z: number) => Math.max(0, Math.min(2 ** z - 1, v));

export const tileKey = (z: number, x: number, y: number) => `${z}/${x}/${y}`;

function addBox(out: Set<string>, z: number, [w, s, e, n]: number[], margin: number) {
  const x0 = clampTile(lon2x(w!, z) - margin, z);
  const x1 = clampTile(lon2x(e!, z) + margin, z);
  const y0 = clampTile(lat2y(n!, z) - margin, z);
  const y1 = clampTile(lat2y(s!, z) + margin, z);
  for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) out.add(tileKey(z, x, y));
}

/** Every position of a geometry, with long segments filled in so no tile along them is skipped. */
function* positions(g: Geometry, step: number): Generator<Position> {
  const line = function* (coords: Position[]) {
    for (let i = 0; i < coords.length; i++) {
      const p = coords[i]!;
      const q = coords[i + 1];
      yield p;
      if (!q) continue;
      const n = Math.ceil(Math.max(Math.abs(q[0]! - p[0]!), Math.abs(q[1]! - p[1]!)) / step);
      for (let k = 1; k < n; k++) yield [p[0]! + ((q[0]! - p[0]!) * k) / n, p[1]! + ((q[1]! - p[1]!) * k) / n];
    }
  };
  switch (g.type) {
    case 'Point': yield g.coordinates; break;
    case 'MultiPoint': yield* g.coordinates; break;
    case 'LineString': yield* line(g.coordinates); break;
    case 'MultiLineString': for (const l of g.coordinates) yield* line(l); break;
    case 'Polygon': for (const r of g.coordinates) yield* line(r); break;
    case 'MultiPolygon': for (const p of g.coordinates) for (const r of p) yield* line(r); break;
    case 'GeometryCollection': for (const c of g.geometries) yield* positions(c, step); break;
  }
}

/**
 * The tiles a set of stories needs: the world to WORLD_MAXZOOM, then per zoom the story's bounds
 * with half their size around them, two tiles (about a screen) around each point, one around
 * every line, and one around area outlines to zoom 8 (the deepest an area is framed at). Each of
 * these parts is left out at a zoom where it alone would pass MAX_TILES_PER_ZOOM tiles.
 */
export function planTiles(stories: StoryExtent[], warn: (m: string) => void = () => {}): string[] {
  const out = new Set<string>();
  for (let z = 0; z <= WORLD_MAXZOOM; z++) for (let x = 0; x < 2 ** z; x++) for (let y = 0; y < 2 ** z; y++) out.add(tileKey(z, x, y));
  for (const story of stories) {
    const [w, s, e, n] = story.bounds;
    const dx = (e - w) / 2;
    const dy = (n - s) / 2;
    const kinds = {
      points: story.geometries.filter((g) => g.type === 'Point' || g.type === 'MultiPoint'),
      lines: story.geometries.filter((g) => g.type === 'LineString' || g.type === 'MultiLineString'),
      areas: story.geometries.filter((g) => g.type === 'Polygon' || g.type === 'MultiPolygon' || g.type === 'GeometryCollection'),
    };
    for (let z = WORLD_MAXZOOM + 1; z <= DETAIL_MAXZOOM; z++) {
      const step = 360 / 2 ** z / 2;
      const parts: [string, Set<string>][] = [];
      const box = new Set<string>();
      // (counted before it is filled: a world-wide story's box at zoom 10 is a million tiles)
      const along = (lon2x(e + dx, z) - lon2x(w - dx, z) + 1) * (lat2y(s - dy, z) - lat2y(n + dy, z) + 1);
      if (along <= MAX_BOX_TILES) addBox(box, z, [w - dx, s - dy, e + dx, n + dy], 0);
      parts.push(['bounds', box]);
      for (const [kind, geoms] of Object.entries(kinds)) {
        if (kind === 'areas' && z > 8) continue;
        const set = new Set<string>();
        for (const g of geoms) for (const p of positions(g, step)) addBox(set, z, [p[0]!, p[1]!, p[0]!, p[1]!], kind === 'points' ? 2 : 1);
        parts.push([kind, set]);
      }
      for (const [kind, set] of parts) {
        // The bounds' box only while it is a few screens: deeper, readers go to the story's places.
        if (kind === 'bounds' && set.size > MAX_BOX_TILES) continue;
        if (set.size > MAX_TILES_PER_ZOOM) {
          if (kind !== 'bounds') warn(`basemap: the ${kind} of ${story.name} would need ${set.size} tiles at zoom ${z}; left to the tiles above (shown overzoomed).`);
          continue;
        }
        for (const k of set) out.add(k);
      }
    }
  }
  return [...out].sort();
}

export interface TileBuildOptions {
  /** The folder with basemap/marine-labels.json. */
  geodata: string;
  /** Where made tiles are kept between builds. */
  cacheDir?: string;
}

/**
 * What each part of a tile is made with: bump a version when changing how that part is made. A
 * tile is two parts, cached apart: the geometry (water, borders: slow to make, rarely changed) and
 * the labels (quick, and changed with each edit of the marine names). MVT tiles are a list of
 * layers, so the two parts' bytes put one after the other are the whole tile.
 */
const PARTS = { geometry: 'geometry-4', labels: 'labels-20' } as const;
type Part = keyof typeof PARTS;

/** The cache key of a part: the data it is made of and its version. */
export function cacheKey(geodata: string, part: Part): string {
  const h = createHash('sha256');
  h.update(`${PARTS[part]} ${dataVersions()}`);
  if (part === 'labels') for (const table of ['marine-labels.json', 'country-labels.json', 'place-names.json']) h.update(readFileSync(join(geodata, 'basemap', table)));
  return `${part}-${h.digest('hex').slice(0, 12)}`;
}

type Ring = [number, number][];
const signedArea = (r: Ring) => {
  let a = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) a += (r[j]![0] - r[i]![0]) * (r[i]![1] + r[j]![1]);
  return a / 2;
};

/**
 * One water polygon's rings as MapLibre reads them: the outer ring first and clockwise (y down),
 * then its holes anticlockwise. geojson-vt rounds rings to whole tile units, after which a tiny
 * hole can come out wound like an outer ring, and MapLibre would then start a new polygon there and
 * give it the holes that follow (a continent drawn as sea). Each water feature is one polygon, and
 * a clipped hole always lies inside its clipped outer ring: the largest ring is the outer one.
 * Rings under a quarter of a screen pixel are left out.
 */
export function polygonRings(f: GeoJSONVTFeature): GeoJSONVTFeature[] {
  if (f.type !== 3) return [f];
  const rings = (f.geometry as Ring[]).map((r) => ({ r, a: signedArea(r) })).filter(({ a }) => Math.abs(a) >= 16);
  if (!rings.length) return [];
  rings.sort((p, q) => Math.abs(q.a) - Math.abs(p.a));
  const geometry = rings.map(({ r, a }, i) => ((i === 0) === a > 0 ? r : [...r].reverse()));
  return [{ ...f, geometry } as GeoJSONVTFeature];
}

const closed = (r: Ring): Ring => (r.length && (r[0]![0] !== r.at(-1)![0] || r[0]![1] !== r.at(-1)![1]) ? [...r, r[0]!] : r);

/**
 * The pairs of a polygon's rings that cross each other (by index; each pair once, smaller index
 * first). Simplified and rounded to whole units one by one, an island's ring can cut into its
 * continent's across a narrow strait, and earcut, which MapLibre fills polygons with, then lays a
 * triangle of sea across the land: a hairline of water across Australia at 18° S at zoom 2.4 (tile
 * 2/3/2), where Australia's ring crossed an island's.
 */
export function crossingRings(rings: readonly Ring[]): [number, number][] {
  if (rings.length < 2) return [];
  // Segments bucketed by the cells (CELL units square) their boxes cover; pairs met in a cell are tested.
  const CELL = 128;
  const cells = new Map<number, number[]>();
  const ax: number[] = [], ay: number[] = [], bx: number[] = [], by: number[] = [], ringOf: number[] = [];
  rings.forEach((raw, ring) => {
    const r = closed(raw);
    for (let i = 0; i + 1 < r.length; i++) {
      const k = ax.length;
      ax.push(r[i]![0]); ay.push(r[i]![1]); bx.push(r[i + 1]![0]); by.push(r[i + 1]![1]); ringOf.push(ring);
      const [cx0, cx1] = [Math.floor(Math.min(ax[k]!, bx[k]!) / CELL), Math.floor(Math.max(ax[k]!, bx[k]!) / CELL)];
      const [cy0, cy1] = [Math.floor(Math.min(ay[k]!, by[k]!) / CELL), Math.floor(Math.max(ay[k]!, by[k]!) / CELL)];
      for (let cx = cx0; cx <= cx1; cx++) for (let cy = cy0; cy <= cy1; cy++) {
        const key = (cx + 1024) * 4096 + (cy + 1024);
        const list = cells.get(key);
        if (list) list.push(k);
        else cells.set(key, [k]);
      }
    }
  });
  const found = new Set<number>();
  const o = (px: number, py: number, qx: number, qy: number, rx: number, ry: number) => Math.sign((qx - px) * (ry - py) - (qy - py) * (rx - px));
  for (const list of cells.values()) {
    if (list.length < 2) continue;
    for (let i = 0; i < list.length; i++) {
      const p = list[i]!;
      for (let j = i + 1; j < list.length; j++) {
        const q = list[j]!;
        if (ringOf[p] === ringOf[q]) continue;
        const pair = Math.min(ringOf[p]!, ringOf[q]!) * 65536 + Math.max(ringOf[p]!, ringOf[q]!);
        if (found.has(pair)) continue;
        const o1 = o(ax[p]!, ay[p]!, bx[p]!, by[p]!, ax[q]!, ay[q]!), o2 = o(ax[p]!, ay[p]!, bx[p]!, by[p]!, bx[q]!, by[q]!);
        if (o1 * o2 >= 0) continue;
        const o3 = o(ax[q]!, ay[q]!, bx[q]!, by[q]!, ax[p]!, ay[p]!), o4 = o(ax[q]!, ay[q]!, bx[q]!, by[q]!, bx[p]!, by[p]!);
        if (o3 * o4 < 0) found.add(pair);
      }
    }
  }
  return [...found].sort((a, b) => a - b).map((k) => [Math.floor(k / 65536), k % 65536]);
}

/** Tile units² of an islet: 16 x 16 units, 2 x 2 screen pixels on a 512 px tile. */
const ISLET = 256;

const openRing = (r: Ring): Ring => (r.length > 1 && r[0]![0] === r.at(-1)![0] && r[0]![1] === r.at(-1)![1] ? r.slice(0, -1) : r);
const rounded = (r: Position[]): Ring => {
  const out: Ring = [];
  for (const [x, y] of r) {
    const p: [number, number] = [Math.round(x!), Math.round(y!)];
    if (!out.length || out.at(-1)![0] !== p[0] || out.at(-1)![1] !== p[1]) out.push(p);
  }
  return openRing(out);
};
const inRing = (r: Ring, [px, py]: [number, number]) => {
  let c = false;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const [ax, ay] = r[i]!;
    const [bx, by] = r[j]!;
    if (ay > py !== by > py && px < ((bx - ax) * (py - ay)) / (by - ay) + ax) c = !c;
  }
  return c;
};

/**
 * A water polygon (outer ring first, then its holes: polygonRings) whose rings cross
 * (crossingRings) made fillable again, as the land is one at that zoom: holes that cross are joined
 * (their union), and a hole crossing the outer ring (an island across a strait from a coast the
 * outer ring follows) is taken out of the sea (a difference), with turf. If turf cannot, a small
 * hole is left out (an islet at this zoom) and a big one is kept as it was. The rings come out as
 * MapLibre reads them: each outer ring clockwise (y down), then its holes anticlockwise.
 */
export function validRings(f: GeoJSONVTFeature): GeoJSONVTFeature[] {
  if (f.type !== 3) return [f];
  let rings = f.geometry as Ring[];
  let pairs = crossingRings(rings);
  if (!pairs.length) return [f];
  // An islet (under ISLET units², two screen pixels square) crossing other land is left out: it
  // is one with that land at this zoom. Only bigger land is joined, which takes turf's time.
  const small = new Set(pairs.flat().filter((i) => i > 0 && Math.abs(signedArea(rings[i]!)) < ISLET));
  if (small.size) {
    rings = rings.filter((_, i) => !small.has(i));
    pairs = crossingRings(rings);
    if (!pairs.length) return [{ ...f, geometry: rings } as GeoJSONVTFeature];
  }
  // Groups of holes that cross one another (union-find), joined into one ring each.
  const parent = rings.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  for (const [i, j] of pairs) if (i > 0) parent[root(j)] = root(i);
  const groups = new Map<number, number[]>();
  for (const [i, j] of pairs) if (i > 0) for (const k of [i, j]) groups.set(root(k), [...new Set([...(groups.get(root(k)) ?? []), k])]);
  const joined = new Set<number>();
  let holes: Ring[] = [];
  for (const group of groups.values()) {
    for (const k of group) joined.add(k);
    let land: Ring[] = [];
    try {
      const u = union(featureCollection(group.map((k) => polygon([closed(rings[k]!)]))));
      const polys = !u ? [] : u.geometry.type === 'Polygon' ? [u.geometry.coordinates] : u.geometry.coordinates;
      land = polys.map((p) => rounded(p[0]!));
    } catch {
      land = [group.map((k) => rings[k]!).sort((p, q) => Math.abs(signedArea(q)) - Math.abs(signedArea(p)))[0]!];
    }
    holes.push(...land);
  }
  holes = [...rings.slice(1).filter((_, i) => !joined.has(i + 1)), ...holes];
  // Holes across the outer ring: out of the sea, all at once (one difference), or one by one if that fails.
  // Each sea is a polygon: its outer ring, and the holes the difference leaves in it. Land that only
  // grazes the outer ring (a continent clipped to the tile's buffer, along its edge) comes back as
  // such a hole, not as a notch: keeping only the outer rings drew all of North Africa as sea at
  // zoom 4 (tiles 4/8/6 and 4/9/6, a graphics editor's review).
  let seas: Ring[][] = [[rings[0]!]];
  const across = holes.filter((h) => crossingRings([rings[0]!, h]).length > 0);
  const kept = holes.filter((h) => !across.includes(h));
  const cut = (land: Ring[]) => {
    const d = difference(featureCollection([multiPolygon(seas.map((sea) => sea.map(closed))), multiPolygon(land.map((h) => [closed(h)]))]));
    const polys = !d ? [] : d.geometry.type === 'Polygon' ? [d.geometry.coordinates] : d.geometry.coordinates;
    seas = polys.map((p) => p.map(rounded).filter((r) => Math.abs(signedArea(r)) >= 16)).filter((p) => p.length && Math.abs(signedArea(p[0]!)) >= 16);
  };
  if (across.length) {
    try {
      cut(across);
    } catch {
      for (const h of across) {
        try {
          cut([h]);
        } catch {
          // An islet goes; a big island or a continent stays as it was.
          if (Math.abs(signedArea(h)) >= 4096) kept.push(h);
        }
      }
    }
  }
  const geometry: Ring[] = [];
  const cw = (r: Ring, outer: boolean) => (signedArea(r) > 0 === outer ? r : [...r].reverse());
  // Each kept hole goes to the sea it lies in: the one with most of its points inside. A hole that
  // follows the tile's buffered edge (a continent clipped there, as the outer ring is) has points on
  // the outer ring itself, where a test of one point says "outside": Africa's ring was dropped so at
  // tile 4/8/6, and the sea drawn over it.
  const homes = seas.map(() => [] as Ring[]);
  for (const h of kept) {
    if (Math.abs(signedArea(h)) < 16) continue;
    const step = Math.max(1, Math.floor(h.length / 24));
    let best = seas.length === 1 ? 0 : -1;
    let most = 0;
    if (seas.length > 1) {
      seas.forEach(([outer], i) => {
        let n = 0;
        for (let k = 0; k < h.length; k += step) if (inRing(outer!, h[k]!)) n++;
        if (n > most) [best, most] = [i, n];
      });
    }
    if (best >= 0) homes[best]!.push(h);
  }
  seas.forEach(([outer, ...own], i) => {
    geometry.push(cw(outer!, true));
    for (const h of [...own, ...homes[i]!]) geometry.push(cw(h, false));
  });
  return geometry.length ? [{ ...f, geometry } as GeoJSONVTFeature] : [];
}

/** Makes tiles from the sources: each part's sources are read the first time one of its tiles is not in the cache. */
export class TileMaker {
  readonly dirs: Record<Part, string>;
  private geometry: { water: GeoJSONVT; boundary: GeoJSONVT } | null = null;
  private labels: GeoJSONVT | null = null;
  made = 0;
  cached = 0;
  indexMs = 0;

  /**
   * One maker per cache folder in this process, so the first-paint picture and the tile writer
   * (loaded apart by Vite) read the sources at most once between them.
   */
  static shared(opts: TileBuildOptions): TileMaker {
    const key = Symbol.for('story-map:basemap-tiles');
    const g = globalThis as unknown as Record<symbol, Map<string, TileMaker> | undefined>;
    const makers = (g[key] ??= new Map());
    const maker = new TileMaker(opts);
    const id = JSON.stringify(maker.dirs);
    if (!makers.has(id)) makers.set(id, maker);
    return makers.get(id)!;
  }

  constructor(private readonly opts: TileBuildOptions) {
    const root = opts.cacheDir ?? 'node_modules/.cache/story-map-basemap';
    this.dirs = { geometry: join(root, cacheKey(opts.geodata, 'geometry')), labels: join(root, cacheKey(opts.geodata, 'labels')) };
  }

  private static readonly base = { maxZoom: DETAIL_MAXZOOM, indexMaxZoom: WORLD_MAXZOOM, buffer: 64, extent: 4096 } as const;

  private geometryIndex() {
    if (this.geometry) return this.geometry;
    const t = performance.now();
    this.geometry = {
      // Water simplified a little more than geojson-vt's default: a third of a screen pixel.
      water: new GeoJSONVT(readWater(), { ...TileMaker.base, tolerance: 4 }),
      boundary: new GeoJSONVT(readBorders(), { ...TileMaker.base, tolerance: 4 }),
    };
    this.indexMs += performance.now() - t;
    return this.geometry;
  }

  private labelIndex() {
    if (this.labels) return this.labels;
    const t = performance.now();
    const tagged = (fc: FeatureCollection<Point>, layer: string) => fc.features.map((f) => ({ ...f, properties: { ...f.properties, layer } }));
    const features = [
      ...tagged(readCountryLabels(readCountryLabelPoints(this.opts.geodata)), 'country'),
      ...tagged(marineFeatures(readMarineLabels(this.opts.geodata)), 'marine'),
      ...tagged(readPlaces(this.opts.geodata), 'place'),
    ];
    this.labels = new GeoJSONVT(
      // Each name has an id (the same in every tile that holds it), so the map can hide one by its
      // feature-state where the legend or the card covers it (src/lib/map/covered-labels.ts).
      { type: 'FeatureCollection', features: features.map((f, i) => ({ ...f, id: i + 1 })) },
      { ...TileMaker.base, buffer: 16 },
    );
    this.indexMs += performance.now() - t;
    return this.labels;
  }

  /** A tile's water as geojson-vt clips it, one polygon a feature (polygonRings), before validRings mends crossing rings. */
  waterPolygons(z: number, x: number, y: number): GeoJSONVTFeature[] {
    return this.geometryIndex().water.getTile(z, x, y)?.features.flatMap(polygonRings) ?? [];
  }

  /** One part of a tile (MVT, uncompressed; empty when nothing is in it). */
  makePart(part: Part, z: number, x: number, y: number): Uint8Array {
    const layers: Record<string, GeoJSONVTTile> = {};
    const put = (name: string, features: GeoJSONVTFeature[] | undefined) => {
      if (features?.length) layers[name] = { features } as GeoJSONVTTile;
    };
    if (part === 'geometry') {
      const idx = this.geometryIndex();
      put('water', this.waterPolygons(z, x, y).flatMap(validRings));
      put('boundary', idx.boundary.getTile(z, x, y)?.features);
    } else {
      const labels = (this.labelIndex().getTile(z, x, y)?.features ?? []) as GeoJSONVTFeature[];
      const tag = (f: GeoJSONVTFeature, k: string) => (f.tags as Record<string, unknown> | null)?.[k];
      const strip = (f: GeoJSONVTFeature): GeoJSONVTFeature => {
        const { layer: _layer, ...tags } = f.tags as Record<string, unknown>;
        return { ...f, tags } as GeoJSONVTFeature;
      };
      // A country's one label point below REPEAT_ZOOM, its points per cell from there (sources.ts).
      put('country_label', labels.filter((f) => tag(f, 'layer') === 'country' && Number(tag(f, 'minzoom') ?? 0) <= z && Number(tag(f, 'maxzoom') ?? Infinity) > z).map(strip));
      put('marine_label', labels.filter((f) => tag(f, 'layer') === 'marine' && Math.floor(Number(tag(f, 'minzoom'))) <= z && Number(tag(f, 'maxzoom')) > z).map(strip));
      put('place', labels.filter((f) => tag(f, 'layer') === 'place' && Number(tag(f, 'minzoom')) <= z).map(strip));
    }
    return Object.keys(layers).length ? fromGeojsonVt(layers, { version: 2, extent: 4096 }) : new Uint8Array();
  }

  private part(part: Part, key: string): Uint8Array {
    const file = join(this.dirs[part], `${key}.pbf`);
    if (existsSync(file)) {
      this.cached++;
      return readFileSync(file);
    }
    const [z, x, y] = key.split('/').map(Number) as [number, number, number];
    const bytes = this.makePart(part, z, x, y);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    this.made++;
    return bytes;
  }

  /** The tile ("z/x/y"), its parts from the cache, made (and cached) when missing. */
  get(key: string): Uint8Array {
    const geometry = this.part('geometry', key);
    const labels = this.part('labels', key);
    if (!labels.length) return geometry;
    if (!geometry.length) return labels;
    const out = new Uint8Array(geometry.length + labels.length);
    out.set(geometry, 0);
    out.set(labels, geometry.length);
    return out;
  }
}
