// The basemap's vector tiles read back as GeoJSON (water polygons, borders) and label points
// (places, water names, countries), for what draws the map without MapLibre: the SVG fallback
// (src/lib/fallback/) and the build-time first-paint picture (scripts/static-map.ts). Pure: the
// caller fetches or reads the tiles.
//
// Geometry is cut to the tile's own square (or, for a tile standing in for a missing deeper one,
// to that deeper tile's square), so neighbouring tiles meet edge to edge instead of overlapping by
// the tiles' buffer, and a coarse ancestor never draws over the detail of a tile beside it.
// Coordinates stay in tile units until the end: their straight lines are straight in Web Mercator,
// which is how they are to be drawn (scene.ts draws the basemap without resampling along great circles).
import { classifyRings, VectorTile, type VectorTileFeature } from '@mapbox/vector-tile';
import type { Feature, FeatureCollection, MultiLineString, Polygon, Position } from 'geojson';
import { PbfReader } from 'pbf';
import { BORDER_ANCHORS, type BorderAnchor } from './basemap-style';

export interface TileId {
  z: number;
  x: number;
  y: number;
}

export interface TileBytes extends TileId {
  data: Uint8Array;
  /**
   * The part of the map this tile is read for: a deeper tile inside it that is missing (a sparse
   * tile set), drawn from this one as MapLibre overzooms. Default: the tile's own square.
   */
  area?: TileId;
}

/** A name on the basemap, with what the style decides its placing by (basemap-style.ts). */
export interface BasemapLabel {
  kind: 'country' | 'water' | 'place';
  name: string;
  /** [lon, lat] */
  at: [number, number];
  /** Placing order within its kind, lower first (the style's symbol-sort-key). */
  rank: number;
  /** Shown from this zoom… */
  minzoom: number;
  /** …to below this one. */
  maxzoom: number;
  /** A country's area in km² (small countries are named only when zoomed in). */
  area?: number;
  /** A country: how far its land reaches east and west of the point, degrees of longitude (room to move its name). */
  east?: number;
  west?: number;
  /** A country's one name below zoom 6: which ways it may move at each whole zoom (basemap-style.ts, countryMovesAt). */
  moves?: number;
  /** A country's name at a border: which corner or edge of it is at the point (basemap-style.ts, borderLabelBox). */
  anchor?: BorderAnchor;
  /** A place: a capital, its population. */
  capital?: boolean;
  population?: number;
  /** A water name: ocean, sea, gulf, bay, strait or channel. */
  water?: string;
}

export interface TileGeometry {
  water: FeatureCollection<Polygon>;
  borders: MultiLineString;
  labels: BasemapLabel[];
  /** The squares read (each tile's area), [lon, lat] polygons: where the basemap is known. */
  covered: FeatureCollection<Polygon>;
}

const lon2x = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const lat2y = (lat: number, z: number) => {
  const s = Math.sin((Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180);
  return Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * 2 ** z);
};

export const tileKey = ({ z, x, y }: TileId) => `${z}/${x}/${y}`;

/** The tile one zoom up that holds this one (null above zoom 0). */
export const parentTile = ({ z, x, y }: TileId): TileId | null => (z > 0 ? { z: z - 1, x: x >> 1, y: y >> 1 } : null);

/** The tile's address from a {z}/{x}/{y} template. */
export const tileUrl = (template: string, { z, x, y }: TileId) => template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y));

/** The tile zoom a view at `zoom` reads (MapLibre's: 512 px tiles, the floor), within what the tiles are made for. */
export const tileZoom = (zoom: number, maxzoom: number) => Math.max(0, Math.min(maxzoom, Math.floor(Number.isFinite(zoom) ? zoom : 0)));

/** The tiles of zoom z that cover a box, [west, south, east, north]. */
export function tilesCovering([w, s, e, n]: [number, number, number, number], z: number): TileId[] {
  const out: TileId[] = [];
  const max = 2 ** z - 1;
  // A box across 180° (east beyond 180, or written west > east) takes the tiles on both sides of it.
  const east = e < w ? e + 360 : e;
  const xs = new Set<number>();
  if (w >= -180 && east <= 180) for (let x = Math.max(0, lon2x(w, z)); x <= Math.min(max, lon2x(east, z)); x++) xs.add(x);
  else for (let x = lon2x(w, z); x <= lon2x(east, z) && xs.size <= max; x++) xs.add(((x % (max + 1)) + max + 1) % (max + 1));
  for (const x of [...xs].sort((a, b) => a - b))
    for (let y = Math.max(0, lat2y(n, z)); y <= Math.min(max, lat2y(s, z)); y++) out.push({ z, x, y });
  return out;
}

type XY = [number, number];
type Rect = [number, number, number, number];

/** Sutherland-Hodgman: a ring cut to a rectangle (edges along the rectangle where it was cut). */
function clipRing(ring: XY[], [x0, y0, x1, y1]: Rect): XY[] {
  let out = ring;
  const edges: [(p: XY) => boolean, (a: XY, b: XY) => XY][] = [
    [(p) => p[0] >= x0, (a, b) => [x0, a[1] + ((b[1] - a[1]) * (x0 - a[0])) / (b[0] - a[0])]],
    [(p) => p[0] <= x1, (a, b) => [x1, a[1] + ((b[1] - a[1]) * (x1 - a[0])) / (b[0] - a[0])]],
    [(p) => p[1] >= y0, (a, b) => [a[0] + ((b[0] - a[0]) * (y0 - a[1])) / (b[1] - a[1]), y0]],
    [(p) => p[1] <= y1, (a, b) => [a[0] + ((b[0] - a[0]) * (y1 - a[1])) / (b[1] - a[1]), y1]],
  ];
  for (const [inside, cut] of edges) {
    if (!out.length) break;
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const a = input[(i + input.length - 1) % input.length]!;
      const b = input[i]!;
      if (inside(b)) {
        if (!inside(a)) out.push(cut(a, b));
        out.push(b);
      } else if (inside(a)) out.push(cut(a, b));
    }
  }
  return out.length >= 3 ? out : [];
}

/** Liang-Barsky: a line cut to a rectangle, as the pieces inside it. */
function clipLine(line: XY[], [x0, y0, x1, y1]: Rect): XY[][] {
  const pieces: XY[][] = [];
  let current: XY[] = [];
  for (let i = 1; i < line.length; i++) {
    const [ax, ay] = line[i - 1]!;
    const [bx, by] = line[i]!;
    const dx = bx - ax;
    const dy = by - ay;
    let t0 = 0;
    let t1 = 1;
    let visible = true;
    for (const [p, q] of [[-dx, ax - x0], [dx, x1 - ax], [-dy, ay - y0], [dy, y1 - ay]] as const) {
      if (p === 0) {
        if (q < 0) visible = false;
      } else {
        const r = q / p;
        if (p < 0) t0 = Math.max(t0, r);
        else t1 = Math.min(t1, r);
      }
    }
    if (!visible || t0 > t1) {
      if (current.length > 1) pieces.push(current);
      current = [];
      continue;
    }
    const start: XY = [ax + t0 * dx, ay + t0 * dy];
    const end: XY = [ax + t1 * dx, ay + t1 * dy];
    if (!current.length) current.push(start);
    current.push(end);
    if (t1 < 1) {
      if (current.length > 1) pieces.push(current);
      current = [];
    }
  }
  if (current.length > 1) pieces.push(current);
  return pieces;
}

const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/**
 * One tile read for its area: water and borders cut to that area, the names inside it, in
 * longitude and latitude. Empty for a tile with no bytes (a tile of open land may have none).
 */
export function decodeTile(tile: TileBytes): TileGeometry {
  const area = tile.area && tile.area.z >= tile.z ? tile.area : tile;
  // The area in the tile's own units (extent 4096 unless the tile says otherwise; scaled below).
  const k = 2 ** (area.z - tile.z);
  const toLonLat = (extent: number) => (px: number, py: number): Position => {
    const n = 2 ** tile.z;
    const lon = ((tile.x + px / extent) / n) * 360 - 180;
    const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * (tile.y + py / extent)) / n))) * 180) / Math.PI;
    return [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
  };
  const rectFor = (extent: number): Rect => {
    const size = extent / k;
    const x0 = (area.x - tile.x * k) * size;
    const y0 = (area.y - tile.y * k) * size;
    return [x0, y0, x0 + size, y0 + size];
  };
  const square = rectFor(4096);
  const lonlat = toLonLat(4096);
  const corners = [lonlat(square[0], square[1]), lonlat(square[2], square[1]), lonlat(square[2], square[3]), lonlat(square[0], square[3])];
  const covered: Feature<Polygon> = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[...corners, corners[0]!]] } };

  const water: Feature<Polygon>[] = [];
  const lines: Position[][] = [];
  const labels: BasemapLabel[] = [];
  const out: TileGeometry = {
    water: { type: 'FeatureCollection', features: water },
    borders: { type: 'MultiLineString', coordinates: lines },
    labels,
    covered: { type: 'FeatureCollection', features: [covered] },
  };
  if (!tile.data.length) return out;
  const vt = new VectorTile(new PbfReader(tile.data));
  const each = (name: string, fn: (f: VectorTileFeature, rect: Rect, project: (x: number, y: number) => Position) => void) => {
    const layer = vt.layers[name];
    if (!layer) return;
    const rect = rectFor(layer.extent);
    const project = toLonLat(layer.extent);
    for (let i = 0; i < layer.length; i++) fn(layer.feature(i), rect, project);
  };
  const xy = (p: { x: number; y: number }): XY => [p.x, p.y];

  each('water', (f, rect, project) => {
    if (f.type !== 3) return;
    for (const polygon of classifyRings(f.loadGeometry())) {
      const rings = polygon.map((r) => clipRing(r.map(xy), rect));
      // The outer ring first: a polygon whose outer ring lies outside the area is not in it.
      if (!rings[0]?.length) continue;
      const coordinates = rings.filter((r) => r.length).map((r) => [...r, r[0]!].map(([x, y]) => project(x, y)));
      water.push({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates } });
    }
  });
  each('boundary', (f, rect, project) => {
    if (f.type !== 2) return;
    for (const line of f.loadGeometry()) for (const piece of clipLine(line.map(xy), rect)) lines.push(piece.map(([x, y]) => project(x, y)));
  });
  const points = (name: string, fn: (p: Record<string, unknown>, at: [number, number]) => BasemapLabel | null) =>
    each(name, (f, [x0, y0, x1, y1], project) => {
      const name = f.properties.name;
      if (f.type !== 1 || typeof name !== 'string' || !name.trim()) return;
      for (const ring of f.loadGeometry())
        for (const p of ring) {
          // Each name in one tile only (the tiles' buffer repeats it in its neighbours).
          if (p.x < x0 || p.x >= x1 || p.y < y0 || p.y >= y1) continue;
          const label = fn(f.properties, project(p.x, p.y) as [number, number]);
          if (label) labels.push(label);
        }
    });
  points('country_label', (p, at) => ({ kind: 'country', name: String(p.name), at, rank: -num(p.area, 0), minzoom: 0, maxzoom: 24, area: num(p.area, 0), east: num(p.east, 0), west: num(p.west, 0), ...(p.moves !== undefined ? { moves: num(p.moves, 0) } : {}), ...(BORDER_ANCHORS.includes(p.anchor as BorderAnchor) ? { anchor: p.anchor as BorderAnchor } : {}) }));
  points('marine_label', (p, at) => ({ kind: 'water', name: String(p.name), at, rank: num(p.rank, 1e9), minzoom: num(p.minzoom, 0), maxzoom: num(p.maxzoom, 24), water: typeof p.kind === 'string' ? p.kind : 'sea' }));
  points('place', (p, at) => ({ kind: 'place', name: String(p.name), at, rank: num(p.rank, 1e9), minzoom: num(p.minzoom, 0), maxzoom: 24, capital: p.capital === true, population: num(p.population, 0) }));
  return out;
}

/** Several tiles' geometry as one (each tile's part: see decodeTile). */
export function mergeTiles(parts: TileGeometry[]): TileGeometry {
  return {
    water: { type: 'FeatureCollection', features: parts.flatMap((p) => p.water.features) },
    borders: { type: 'MultiLineString', coordinates: parts.flatMap((p) => p.borders.coordinates) },
    labels: parts.flatMap((p) => p.labels),
    covered: { type: 'FeatureCollection', features: parts.flatMap((p) => p.covered.features) },
  };
}

/** Water, borders and names of a set of tiles, in longitude and latitude, each tile cut to its area. */
export function decodeTiles(tiles: TileBytes[]): TileGeometry {
  return mergeTiles(tiles.map(decodeTile));
}
