// Where the map writes an area's or a line's name when it is selected (style.ts, the SVG map's
// placeLabels): an area's at the point of its biggest part farthest from its edges (polylabel, the
// "pole of inaccessibility"; a centroid can fall outside a crescent or in a bay), a line's halfway
// along its longest part. Worked out once with the model, at build time for model.json.
import { along, area, booleanIntersects, booleanPointInPolygon, length, lineString } from '@turf/turf';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import polylabel from 'polylabel';
import { labelOf, NAME_LINE_PX, nameLines, nameWidth } from '../map/label-sides';
import { latOf, lonOf, mercX, mercY, worldPx } from '../map/mercator';

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

/** The zooms nameZoom tries, from none to well past a story's closest view. */
const ZOOM_MAX = 16;
const ZOOM_STEP = 0.25;
/**
 * Pixels around the name's estimated box (nameWidth, its lines' height) that must lie inside the
 * area too: its halo and a little room. With nine tenths of the width and none around it, "DISTRICT:
 * GNA" ran past Ghadamis's border at the zoom it first showed (a review of this change).
 */
const ROOM_PX = 3;
/** Points along each edge of the name's box that must lie inside the area (its corners among them). */
const EDGE_POINTS = 9;

/** An area the model names: its name, box, name point and drawn geometry. */
export interface NamedArea {
  feature: { name: string; label?: string; bbox: readonly number[]; nameAt?: [number, number]; nameZoom?: number };
  geometry: Geometry;
}

/**
 * An area that touches another of the story's areas (a district among districts, a zone beside a
 * zone) is named only inside itself: set beside its point, or spilling past its edges, a small
 * district's name stood on its neighbour and read as the neighbour's ("ZAWIYA DISTRICT: GNA" on
 * contested ground, "AL BUTNAN DISTRICT: LNA" in Egypt). Such an area gets its nameZoom, or no
 * name at all where it never holds it. An area with no neighbour among them (a lake, a sea's end)
 * is named as before, centred or beside its point. Changes the features in place.
 */
export function keepNamesInside(areas: readonly NamedArea[]): void {
  const meets = (a: readonly number[], b: readonly number[]) => a[0]! <= b[2]! && b[0]! <= a[2]! && a[1]! <= b[3]! && b[1]! <= a[3]!;
  const touching = areas.map((a, i) => areas.some((b, j) => i !== j && meets(a.feature.bbox, b.feature.bbox) && booleanIntersects(a.geometry, b.geometry)));
  areas.forEach(({ feature, geometry }, i) => {
    if (!touching[i] || !feature.nameAt) return;
    const z = nameZoom(geometry, feature.nameAt, labelOf(feature));
    if (z === undefined) delete feature.nameAt;
    else feature.nameZoom = z;
  });
}

/**
 * The lowest zoom (in quarters) at which an area's `name`, set centred on its point `at` as the
 * map sets it (nameLines, nameWidth; NAME_LINE_PX a line), lies inside the area with ROOM_PX to
 * spare: its box's edges sampled EDGE_POINTS to a side. Undefined when it never does by ZOOM_MAX, or for anything but an
 * area. The map names an area that must keep its name inside (keepNamesInside) only from this
 * zoom on (label-priority.ts; the SVG map's placeLabels).
 */
export function nameZoom(geometry: Geometry, at: readonly [number, number], name: string): number | undefined {
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') return undefined;
  const area = geometry as Polygon | MultiPolygon;
  const lines = nameLines(name);
  const halfW = Math.max(...lines.map(nameWidth)) / 2 + ROOM_PX;
  const halfH = (lines.length * NAME_LINE_PX) / 2 + ROOM_PX;
  const [x, y] = [mercX(at[0]), mercY(at[1])];
  const fits = (zoom: number) => {
    const px = worldPx(zoom);
    const [w, e, n, s] = [x - halfW / px, x + halfW / px, y - halfH / px, y + halfH / px];
    for (let i = 0; i < EDGE_POINTS; i++) {
      const t = i / (EDGE_POINTS - 1);
      const along = [
        [w + (e - w) * t, n],
        [w + (e - w) * t, s],
        [w, n + (s - n) * t],
        [e, n + (s - n) * t],
      ];
      for (const [px2, py] of along) if (!booleanPointInPolygon([lonOf(px2!), latOf(py!)], area)) return false;
    }
    return true;
  };
  for (let zoom = 0; zoom <= ZOOM_MAX; zoom += ZOOM_STEP) if (fits(zoom)) return zoom;
  return undefined;
}

