// The basemap's vector tiles read back as GeoJSON (water polygons, borders), for what draws the map
// without MapLibre: the build-time first-paint picture (scripts/static-map.ts). Pure: the caller
// fetches or reads the tiles.
import { VectorTile } from '@mapbox/vector-tile';
import type { Feature, FeatureCollection, MultiLineString, Polygon, MultiPolygon, Position } from 'geojson';
import { PbfReader } from 'pbf';

export interface TileBytes {
  z: number;
  x: number;
  y: number;
  data: Uint8Array;
}

export interface TileGeometry {
  water: FeatureCollection<Polygon | MultiPolygon>;
  borders: MultiLineString;
}

const lon2x = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const lat2y = (lat: number, z: number) => {
  const s = Math.sin((Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180);
  return Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * 2 ** z);
};

/** The tiles of zoom z that cover a box, [west, south, east, north]. */
export function tilesCovering([w, s, e, n]: [number, number, number, number], z: number): { z: number; x: number; y: number }[] {
  const out: { z: number; x: number; y: number }[] = [];
  const max = 2 ** z - 1;
  for (let x = Math.max(0, lon2x(w, z)); x <= Math.min(max, lon2x(e, z)); x++)
    for (let y = Math.max(0, lat2y(n, z)); y <= Math.min(max, lat2y(s, z)); y++) out.push({ z, x, y });
  return out;
}

/** Water and borders of a set of tiles, in longitude and latitude (each tile's part: they overlap by the tiles' buffer). */
export function decodeTiles(tiles: TileBytes[]): TileGeometry {
  const water: Feature<Polygon | MultiPolygon>[] = [];
  const lines: Position[][] = [];
  for (const t of tiles) {
    if (!t.data.length) continue;
    const vt = new VectorTile(new PbfReader(t.data));
    const w = vt.layers.water;
    for (let i = 0; w && i < w.length; i++) {
      const f = w.feature(i).toGeoJSON(t.x, t.y, t.z);
      if (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon') water.push(f as Feature<Polygon | MultiPolygon>);
    }
    const b = vt.layers.boundary;
    for (let i = 0; b && i < b.length; i++) {
      const g = b.feature(i).toGeoJSON(t.x, t.y, t.z).geometry;
      if (g.type === 'LineString') lines.push(g.coordinates);
      else if (g.type === 'MultiLineString') lines.push(...g.coordinates);
    }
  }
  return { water: { type: 'FeatureCollection', features: water }, borders: { type: 'MultiLineString', coordinates: lines } };
}
