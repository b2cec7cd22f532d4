// Where the map writes an area's or a line's name when it is selected (style.ts, the SVG map's
// placeLabels): an area's at the point of its biggest part farthest from its edges (polylabel, the
// "pole of inaccessibility"; a centroid can fall outside a crescent or in a bay), a line's halfway
// along its longest part. Worked out once with the model, at build time for model.json.
import { along, area, length, lineString } from '@turf/turf';
import type { Geometry, Position } from 'geojson';
import polylabel from 'polylabel';

/** Decimal places kept (about 10 m): more says nothing on a news map and costs bytes in model.json. */
const DIGITS = 4;
const round = (v: number) => Math.round(v * 10 ** DIGITS) / 10 ** DIGITS;

/** The name's point of an area or a line; undefined for points and empty geometries. */
export function nameAt(geometry: Geometry): [number, number] | undefined {
  const g = geometry;
  const at =
    g.type === 'Polygon' ? areaPoint([g.coordinates])
    : g.type === 'MultiPolygon' ? areaPoint(g.coordinates)
    : g.type === 'LineString' ? linePoint([g.coordinates])
    : g.type === 'MultiLineString' ? linePoint(g.coordinates)
    : undefined;
  const [x, y] = at ?? [];
  return x !== undefined && y !== undefined && Number.isFinite(x) && Number.isFinite(y) ? [round(x), round(y)] : undefined;
}

function areaPoint(polygons: Position[][][]): Position | undefined {
  const parts = polygons.filter((rings) => rings[0] && rings[0].length >= 4);
  if (!parts.length) return undefined;
  const biggest = parts.reduce((a, b) => (area({ type: 'Polygon', coordinates: b }) > area({ type: 'Polygon', coordinates: a }) ? b : a));
  const xs = biggest[0]!.map((p) => p[0]!);
  const ys = biggest[0]!.map((p) => p[1]!);
  // A hundredth of the part's size: finer than a label's placement needs, and quick.
  const precision = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)) / 100 || 1e-6;
  return polylabel(biggest as number[][][], precision);
}

function linePoint(lines: Position[][]): Position | undefined {
  const parts = lines.filter((l) => l.length >= 2);
  if (!parts.length) return undefined;
  const km = (l: Position[]) => length(lineString(l));
  const longest = parts.reduce((a, b) => (km(b) > km(a) ? b : a));
  return along(lineString(longest), km(longest) / 2).geometry.coordinates;
}
