// Which of a story's areas lie on land, found at build time against the basemap's own water, so
// that the map can draw them under the water (src/lib/map/style.ts): an area's edge then stops
// at the coast the reader sees. Story outlines come from other sources than the basemap's coast
// (Libya's districts from Natural Earth 1:10m, its coast from OpenStreetMap) and, zoomed in, ran
// one or two kilometres out to sea, hatching and all. An area that lies over water (a sea, a
// strait, a lake the basemap draws) is drawn over it as before.
//
// The answer is a property of the map's feature (`land: true`), written into model.json; a story
// read from its files in the browser (the editor, or no model.json) has none, and its areas are
// drawn over the water as they always were.
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, Polygon, Position } from 'geojson';
import { decodeTiles, tilesCovering, tileKey } from '../src/lib/map/basemap-tiles.ts';
import type { BBox, StoryLayer } from '../src/lib/story/model.ts';
import { WORLD_MAXZOOM } from './basemap/sources.ts';
import type { TileMaker } from './basemap/tiles.ts';

/**
 * The share of an area's points that must be on land for it to be drawn under the water. Spilling
 * past a coast is a thin band along it (a few per cent of a district); an area drawn over a strait
 * or a bay on purpose has far more of itself over water, and is drawn over it.
 */
export const LAND_SHARE = 0.8;

/** The zoom whose tiles are read: the deepest the basemap has for the whole world (its water within about a kilometre). */
export const LAND_ZOOM = WORLD_MAXZOOM;

/** Points tried across an area's box, per side. */
const GRID = 24;

/** The basemap's water polygons over a box, [lon, lat]. */
export type WaterIn = (box: BBox) => Polygon[];

/** WaterIn from the basemap's tiles at LAND_ZOOM (made, or read from the build's cache). */
export function tileWater(maker: Pick<TileMaker, 'get'>): WaterIn {
  return (box) => decodeTiles(tilesCovering(box, LAND_ZOOM).map((t) => ({ ...t, data: maker.get(tileKey(t)) }))).water.features.map((f) => f.geometry);
}

const polygonsOf = (g: Geometry | null): Polygon[] => {
  if (!g) return [];
  if (g.type === 'Polygon') return [g];
  if (g.type === 'MultiPolygon') return g.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(polygonsOf);
  return [];
};

const boxOf = (rings: Position[][]): BBox => {
  const b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const r of rings) for (const [x, y] of r) {
    b[0] = Math.min(b[0], x!);
    b[1] = Math.min(b[1], y!);
    b[2] = Math.max(b[2], x!);
    b[3] = Math.max(b[3], y!);
  }
  return b;
};
const inBox = ([x, y]: Position, b: BBox) => x! >= b[0] && x! <= b[2] && y! >= b[1] && y! <= b[3];

/**
 * The share of an area on land (0 to 1): of a grid of points across its box, those inside it that
 * no water polygon holds. Null for a geometry with no area, or too thin for any point of the grid.
 */
export function landShare(geometry: Geometry | null, waterIn: WaterIn): number | null {
  const parts = polygonsOf(geometry).filter((p) => p.coordinates[0]?.length);
  if (!parts.length) return null;
  const box = boxOf(parts.flatMap((p) => p.coordinates));
  if (!(box[2] > box[0] && box[3] > box[1])) return null;
  const mine = parts.map((p) => ({ p: { type: 'Feature', properties: {}, geometry: p } as Feature<Polygon>, box: boxOf(p.coordinates) }));
  const inside: Position[] = [];
  for (let i = 0; i < GRID; i++)
    for (let j = 0; j < GRID; j++) {
      const pt: Position = [box[0] + ((i + 0.5) * (box[2] - box[0])) / GRID, box[1] + ((j + 0.5) * (box[3] - box[1])) / GRID];
      if (mine.some((m) => inBox(pt, m.box) && booleanPointInPolygon(pt, m.p))) inside.push(pt);
    }
  if (!inside.length) return null;
  // Longitudes past ±180° (a story across the antimeridian, lon-wrap.ts) are read where the tiles have them.
  const wrap = (x: number) => ((((x + 180) % 360) + 360) % 360) - 180;
  const boxes: BBox[] = box[0] >= -180 && box[2] <= 180 ? [box] : box[2] - box[0] >= 360 ? [[-180, box[1], 180, box[3]]] : [[wrap(box[0]), box[1], 180, box[3]], [-180, box[1], wrap(box[2]), box[3]]];
  const water = boxes.flatMap(waterIn).map((p) => ({ p: { type: 'Feature', properties: {}, geometry: p } as Feature<Polygon>, box: boxOf(p.coordinates) }));
  const dry = inside.map(([x, y]) => [wrap(x!), y!]).filter((pt) => !water.some((w) => inBox(pt, w.box) && booleanPointInPolygon(pt, w.p)));
  return dry.length / inside.length;
}

/**
 * The layers with `land: true` on each area's map feature that lies on land (LAND_SHARE), for the
 * style to draw under the water. A tiled layer's features are in its tiles, not here: left as they are.
 */
export function markLandAreas(layers: readonly StoryLayer[], waterIn: WaterIn): StoryLayer[] {
  return layers.map((l) => {
    if (l.error || l.tiled || !l.features.some((f) => f.kind === 'area')) return l;
    const features = (l.data as FeatureCollection).features.map((f) => {
      if (f.properties?.kind !== 'area') return f;
      const share = landShare(f.geometry, waterIn);
      return share !== null && share >= LAND_SHARE ? { ...f, properties: { ...f.properties, land: true } } : f;
    });
    return { ...l, data: { ...l.data, features } };
  });
}
