// A point's, a line's or an area's coordinates as text, one "longitude, latitude" pair a line, so a
// geometry can be typed, checked and corrected from the keyboard (the feature form's "Coordinates"
// field, and "Add by coordinates"). Pure: tests/unit/editor-coords.test.ts.
import type { Geometry, LineString, Point, Polygon } from 'geojson';

export type CoordKind = 'point' | 'line' | 'area';
/** What is wrong, and on which line of the text (from 1; 0 when it is about the whole list). */
export interface CoordError {
  line: number;
  message: string;
}
export type CoordResult = { ok: true; geometry: Point | LineString | Polygon } | { ok: false; errors: CoordError[] };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const round = (n: number) => Math.round(n * 1e6) / 1e6;
const KIND_WORD: Record<CoordKind, string> = { point: 'A point', line: 'A line', area: 'An area' };

/** The kind of geometry the field edits, or null when it is not one list of positions (multi-part, holes, none). */
export function coordKind(g: Geometry | null | undefined): CoordKind | null {
  if (!g) return null;
  if (g.type === 'Point') return 'point';
  if (g.type === 'LineString') return 'line';
  if (g.type === 'Polygon' && g.coordinates.length === 1) return 'area';
  return null;
}

/** The geometry as text: one "lon, lat" pair a line; an area's ring without its closing repeat. Null for what the field does not edit. */
export function formatCoordinates(g: Geometry | null | undefined): string | null {
  const pair = (p: number[]) => `${p[0]}, ${p[1]}`;
  switch (coordKind(g)) {
    case 'point':
      return pair((g as Point).coordinates);
    case 'line':
      return (g as LineString).coordinates.map(pair).join('\n');
    case 'area': {
      const ring = (g as Polygon).coordinates[0]!;
      const same = ring.length > 1 && ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1];
      return (same ? ring.slice(0, -1) : ring).map(pair).join('\n');
    }
    default:
      return null;
  }
}

/** Twice the signed area of a ring in degrees (shoelace): positive when it winds counterclockwise. */
function signedArea(ring: number[][]): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[(i + 1) % ring.length]!;
    s += x1! * y2! - x2! * y1!;
  }
  return s;
}

/**
 * Reads the text back into a geometry of that kind. Blank lines are skipped; each other line is
 * "longitude, latitude" in decimal degrees (a comma, a semicolon or spaces between them). An area's
 * ring is closed (its first vertex repeated at the end) and wound counterclockwise, as GeoJSON wants.
 * Every wrong line is reported, with its number and why.
 */
export function parseCoordinates(text: string, kind: CoordKind): CoordResult {
  const errors: CoordError[] = [];
  const positions: number[][] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const s = raw.replace(/\u2212/g, '-').trim();
    if (!s) return;
    const parts = s.split(/\s*[,;]\s*|\s+/).filter((x) => x !== '');
    if (parts.length !== 2) {
      errors.push({ line, message: `Line ${line}: write one longitude and one latitude, separated by a comma (e.g. “28.97, 41.01”); found ${parts.length === 1 ? 'one value' : `${parts.length} values`}.` });
      return;
    }
    const bad = parts.find((p) => !NUMBER.test(p));
    if (bad !== undefined) {
      errors.push({ line, message: `Line ${line}: “${bad.slice(0, 40)}” is not a number (decimal degrees with a point, e.g. 28.97).` });
      return;
    }
    const [lon, lat] = parts.map(Number) as [number, number];
    if (lon < -180 || lon > 180) errors.push({ line, message: `Line ${line}: longitude ${lon} is out of range (−180 to 180). Is it the latitude? Longitude comes first.` });
    else if (lat < -90 || lat > 90) errors.push({ line, message: `Line ${line}: latitude ${lat} is out of range (−90 to 90).` });
    else positions.push([round(lon), round(lat)]);
  });
  if (errors.length) return { ok: false, errors };
  if (!positions.length) return { ok: false, errors: [{ line: 0, message: 'No coordinates: write one “longitude, latitude” pair a line.' }] };
  if (kind === 'point') {
    if (positions.length > 1) return { ok: false, errors: [{ line: 0, message: `A point has one pair of coordinates; this has ${positions.length}.` }] };
    return { ok: true, geometry: { type: 'Point', coordinates: positions[0]! } };
  }
  // Consecutive repeats add no vertex.
  const vertices = positions.filter((p, i) => i === 0 || p[0] !== positions[i - 1]![0] || p[1] !== positions[i - 1]![1]);
  if (kind === 'line') {
    if (vertices.length < 2) return { ok: false, errors: [{ line: 0, message: `${KIND_WORD.line} needs at least 2 different vertices; this has ${vertices.length}.` }] };
    return { ok: true, geometry: { type: 'LineString', coordinates: vertices } };
  }
  const first = vertices[0]!;
  const last = vertices.at(-1)!;
  const open = vertices.length > 1 && first[0] === last[0] && first[1] === last[1] ? vertices.slice(0, -1) : vertices;
  if (open.length < 3) return { ok: false, errors: [{ line: 0, message: `${KIND_WORD.area} needs at least 3 different corners (the ring is closed for you); this has ${open.length}.` }] };
  const ring = signedArea(open) < 0 ? [open[0]!, ...open.slice(1).reverse()] : open;
  if (signedArea(ring) === 0) return { ok: false, errors: [{ line: 0, message: `${KIND_WORD.area}’s corners are all on one line, so it has no inside.` }] };
  return { ok: true, geometry: { type: 'Polygon', coordinates: [[...ring, [...ring[0]!]]] } };
}
