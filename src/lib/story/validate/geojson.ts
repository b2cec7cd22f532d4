// Checks a GeoJSON layer against RFC 7946 and against what a news map needs, and makes the safe
// fixes (winding, antimeridian splitting, needless GeometryCollections). Every problem names the
// file, the feature (index and id), the JSON path and, from the text, the line and column.
import { bboxClip, booleanClockwise, rewind } from '@turf/turf';
import type { Geometry, LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { Problem } from '../problems';
import { checkLonLat, decimals } from './coords';
import { formatPath, readJson, type Path } from './json';
import { LIMITS } from './limits';
import { isReservedKey } from '../keys';
import { badKey, checkLength, checkText, closest, FEATURE_TEXTS, show } from './text';
import { idBase, idText, nameOf, uniqueId } from './ids';

export interface LayerFeature {
  /** Feature id as text (ids may be written as numbers). */
  id: string;
  /** Position in the file: features[index], or the table's data row minus one. */
  index: number;
  properties: Record<string, unknown>;
  geometry: Geometry;
  /** Where this feature (or one of its properties) is, for problems found later. */
  at(property?: string): Omit<Problem, 'severity' | 'message'>;
  /**
   * Set when the file did not give this id: made from the feature's name ("Port Said" ->
   * "port-said"), from its geometry ("f-" and a fingerprint), or, for the second feature with an id
   * the file already used, that id numbered ("x-2"; `givenId` is the id as written).
   */
  idFrom?: 'name' | 'geometry' | 'duplicate';
  givenId?: string;
  /**
   * The geometry as the map draws it, when that differs from `geometry`: a polygon across 180°,
   * which `geometry` holds split there (RFC 7946), whole, with longitudes beyond 180.
   */
  drawn?: Geometry;
}

export interface LayerRead {
  features: LayerFeature[];
  problems: Problem[];
}

export const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'] as const;
const ALL_TYPES = [...GEOMETRY_TYPES, 'Feature', 'FeatureCollection'];
/** Properties readers see (the feature card); HTML and hidden characters in them are reported. */
export const SHOWN_PROPERTIES: readonly string[] = FEATURE_TEXTS;
/** Properties that hold links (checked for javascript: and data:). */
const LINK_PROPERTY = /url|link|href|website/i;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (o: Record<string, unknown>, k: string) => Object.prototype.hasOwnProperty.call(o, k);

type Pending = { problem: Omit<Problem, 'file'>; path?: Path };

/** The state of one check: problems so far, the feature being read, counters that keep messages few. */
class Checker {
  readonly pending: Pending[] = [];
  feature: Problem['feature'];
  private perFeature = new Map<string, number>();
  private featureFlags = new Set<string>();
  /** The feature's polygon across 180° as the map draws it: unsplit, with continuous longitudes (set by fixGeometry). */
  drawn: Geometry | undefined;
  precise = { count: 0, first: undefined as { feature: Problem['feature']; path: Path } | undefined, features: 0, seen: false };

  constructor(readonly file: string) {}

  say(p: Omit<Problem, 'file' | 'path'>, path?: Path) {
    const code = p.code ?? '';
    const n = (this.perFeature.get(code) ?? 0) + 1;
    this.perFeature.set(code, n);
    if (this.feature && n > LIMITS.perFeature) return;
    this.pending.push({ problem: { ...p, feature: p.feature ?? this.feature, path: path ? formatPath(path) : undefined }, path });
  }

  /** Once per feature: for warnings that say the same of every ring or segment. */
  once(flag: string): boolean {
    if (this.featureFlags.has(flag)) return false;
    this.featureFlags.add(flag);
    return true;
  }

  startFeature(feature: Problem['feature']) {
    this.endFeature();
    this.feature = feature;
  }

  endFeature() {
    for (const [code, n] of this.perFeature) {
      if (this.feature && n > LIMITS.perFeature) {
        const first = this.pending.find((p) => p.problem.code === code && p.problem.feature === this.feature);
        const last = [...this.pending].reverse().find((p) => p.problem.code === code && p.problem.feature === this.feature);
        this.pending.push({
          path: last?.path,
          problem: {
            path: last?.problem.path,
            repeats: n - LIMITS.perFeature, severity: first?.problem.severity ?? 'error', code, feature: this.feature, message: `${n - LIMITS.perFeature} more place${n - LIMITS.perFeature > 1 ? 's' : ''} in this feature ${n - LIMITS.perFeature > 1 ? 'have' : 'has'} the same problem as above.`, fix: first?.problem.fix ?? 'Fix them like the ones above.' },
        });
      }
    }
    if (this.precise.seen) this.precise.features++;
    this.precise.seen = false;
    this.perFeature.clear();
    this.featureFlags.clear();
    this.feature = undefined;
  }
}

// ---------------------------------------------------------------- positions and geometry

function checkPosition(p: unknown, path: Path, c: Checker): p is Position {
  if (!Array.isArray(p)) {
    c.say({
      severity: 'error', code: 'position-not-array', message: `A position must be a list of numbers, [longitude, latitude]; found ${show(p)}.`,
      fix: typeof p === 'number' ? 'A level of brackets is missing: a Point is [lon, lat], a LineString [[lon, lat], …], a Polygon [[[lon, lat], …]].' : 'Write each position as [lon, lat], e.g. [12.4964, 41.9028].',
    }, path);
    return false;
  }
  if (p.length < 2 || p.length > 3) {
    c.say({
      severity: 'error', code: p.length < 2 ? 'position-too-short' : 'position-too-long',
      message: p.length < 2 ? `A position needs a longitude and a latitude; this one has ${p.length} number${p.length === 1 ? '' : 's'}.` : `A position has at most 3 numbers (longitude, latitude, altitude); this one has ${p.length}.`,
      fix: p.length < 2 ? 'Write it as [lon, lat].' : 'Remove the extra values; times or measures belong in the feature’s properties.',
    }, path);
    return false;
  }
  for (let k = 0; k < p.length; k++) {
    const n: unknown = p[k];
    if (typeof n === 'number' && Number.isFinite(n)) continue;
    if (typeof n === 'string' && n.trim() !== '' && Number.isFinite(Number(n))) {
      c.say({ severity: 'error', code: 'position-string', message: `The number ${JSON.stringify(n)} is written as text, in quotes.`, fix: `Remove the quotes: ${n.trim()}.` }, [...path, k]);
    } else if (typeof n === 'number') {
      c.say({ severity: 'error', code: 'position-not-finite', message: `${n} is not a usable coordinate (a number too large for JSON, or a converter's NaN).`, fix: 'Write the real coordinate, or remove the position.' }, [...path, k]);
    } else {
      c.say({ severity: 'error', code: 'position-not-number', message: `A coordinate must be a number; found ${show(n)}.`, fix: 'Write plain numbers: [lon, lat].' }, [...path, k]);
    }
    return false;
  }
  const issue = checkLonLat(p[0] as number, p[1] as number);
  if (issue) {
    c.say({ severity: 'error', code: issue.code, message: issue.message, fix: issue.fix }, path);
    return false;
  }
  if (decimals(p[0] as number) > LIMITS.decimals || decimals(p[1] as number) > LIMITS.decimals) {
    c.precise.count++;
    c.precise.seen = true;
    c.precise.first ??= { feature: c.feature, path };
  }
  return true;
}

function checkPositions(coords: unknown, path: Path, c: Checker, what: string, min: number): coords is Position[] {
  if (!Array.isArray(coords)) {
    c.say({ severity: 'error', code: 'coordinates-not-array', message: `The ${what} must be a list of positions; found ${show(coords)}.`, fix: 'See RFC 7946 §3.1 for the shape of each geometry type.' }, path);
    return false;
  }
  let ok = true;
  for (let i = 0; i < coords.length; i++) ok = checkPosition(coords[i], [...path, i], c) && ok;
  if (ok && coords.length < min) {
    c.say({
      severity: 'error', code: what === 'ring' ? 'ring-too-short' : 'line-too-short',
      message: what === 'ring' ? `A polygon ring needs at least 4 positions (a triangle and the first corner repeated); this one has ${coords.length}.` : `A line needs at least 2 positions; this one has ${coords.length}.`,
      fix: what === 'ring' ? 'Add the missing corners, and end the ring with its first position.' : 'Add the missing position, or make the feature a Point.',
    }, path);
    ok = false;
  }
  if (ok && what === 'ring') {
    const a = coords[0] as Position;
    const b = coords[coords.length - 1] as Position;
    if (a.length !== b.length || a.some((v, k) => v !== b[k])) {
      c.say({ severity: 'error', code: 'ring-unclosed', message: `This polygon ring is not closed: it ends at [${b.join(', ')}] instead of its first position [${a.join(', ')}].`, fix: 'Repeat the first position at the end of the ring.' }, [...path, coords.length - 1]);
      ok = false;
    }
  }
  return ok;
}

function checkList(coords: unknown, path: Path, c: Checker, what: string, each: (v: unknown, p: Path) => boolean): coords is unknown[] {
  if (!Array.isArray(coords)) {
    c.say({ severity: 'error', code: 'coordinates-not-array', message: `The ${what} must be a list; found ${show(coords)}.`, fix: 'See RFC 7946 §3.1 for the shape of each geometry type.' }, path);
    return false;
  }
  let ok = true;
  for (let i = 0; i < coords.length; i++) ok = each(coords[i], [...path, i]) && ok;
  return ok;
}

const crossesAntimeridian = (line: Position[]) => line.some((p, i) => i > 0 && Math.abs(p[0]! - line[i - 1]![0]!) > 180);

/** Longitudes made continuous (170, -170 becomes 170, 190), as RFC 7946 §3.1.9 lines are meant. */
function unwrap(line: Position[], near?: number): Position[] {
  const out: Position[] = [];
  let prev = line[0]![0]!;
  if (near !== undefined) while (prev - near > 180) prev -= 360;
  if (near !== undefined) while (prev - near < -180) prev += 360;
  for (const p of line) {
    let lon = p[0]!;
    while (lon - prev > 180) lon -= 360;
    while (lon - prev < -180) lon += 360;
    out.push([lon, ...p.slice(1)]);
    prev = lon;
  }
  return out;
}

const shift = (line: Position[], by: number): Position[] => line.map(([x, ...rest]) => [Math.round((x! + by) * 1e9) / 1e9, ...rest]);

function worldCopies(lines: Position[][]): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const l of lines) for (const p of l) {
    lo = Math.min(lo, p[0]!);
    hi = Math.max(hi, p[0]!);
  }
  const ks: number[] = [];
  for (let k = Math.floor((lo + 180) / 360); k <= Math.floor((hi + 180) / 360); k++) ks.push(k);
  return ks;
}

/** Splits lines at the antimeridian (RFC 7946 §3.1.9). */
function splitLines(lines: Position[][]): MultiLineString | LineString {
  const out: Position[][] = [];
  for (const line of lines) {
    if (!crossesAntimeridian(line)) {
      out.push(line);
      continue;
    }
    const u = unwrap(line);
    for (const k of worldCopies([u])) {
      const clipped = bboxClip({ type: 'LineString', coordinates: u }, [k * 360 - 180, -90, k * 360 + 180, 90]).geometry as LineString | MultiLineString;
      const parts: Position[][] = clipped.type === 'LineString' ? [clipped.coordinates] : clipped.coordinates;
      for (const part of parts) if (part.length >= 2) out.push(shift(part, -k * 360));
    }
  }
  return out.length === 1 ? { type: 'LineString', coordinates: out[0]! } : { type: 'MultiLineString', coordinates: out };
}

/** Splits polygons at the antimeridian; null when a ring goes round a pole and cannot be split safely. */
function splitPolygons(polys: Position[][][]): MultiPolygon | Polygon | null {
  const out: Position[][][] = [];
  for (const rings of polys) {
    if (!rings.some(crossesAntimeridian)) {
      out.push(rings);
      continue;
    }
    const outer = unwrap(rings[0]!);
    const u = [outer, ...rings.slice(1).map((r) => unwrap(r, outer[0]![0]))];
    if (u.some((r) => Math.abs(r[0]![0]! - r[r.length - 1]![0]!) > 1e-9)) return null;
    for (const k of worldCopies(u)) {
      const clipped = bboxClip({ type: 'Polygon', coordinates: u }, [k * 360 - 180, -90, k * 360 + 180, 90]).geometry as Polygon | MultiPolygon;
      const parts: Position[][][] = clipped.type === 'Polygon' ? [clipped.coordinates] : clipped.coordinates;
      for (const part of parts) if (part.length && part[0]!.length >= 4) out.push(part.map((r) => shift(r, -k * 360)));
    }
  }
  return out.length === 1 ? { type: 'Polygon', coordinates: out[0]! } : { type: 'MultiPolygon', coordinates: out };
}

/** Twice the signed area in the plane (the shoelace sum booleanClockwise uses); 0 for a degenerate ring. */
const shoelace = (r: Position[]) => r.reduce((sum, p, i) => (i ? sum + (p[0]! - r[i - 1]![0]!) * (p[1]! + r[i - 1]![1]!) : 0), 0);
/** Outer rings should wind counterclockwise, holes clockwise (RFC 7946); rings without area (under ~1 m²) have no direction. */
const wrongWinding = (rings: Position[][]) => rings.some((r, i) => Math.abs(shoelace(r)) > 1e-10 && booleanClockwise(r) !== (i > 0));

function checkBbox(b: unknown, path: Path, c: Checker) {
  const ok = Array.isArray(b) && (b.length === 4 || b.length === 6) && b.every((n) => typeof n === 'number' && Number.isFinite(n));
  const n = Array.isArray(b) ? b.length / 2 : 0;
  if (!ok) {
    c.say({ severity: 'error', code: 'bbox-invalid', message: `"bbox" must be 4 numbers [west, south, east, north] (or 6 with altitudes); found ${show(b)}${Array.isArray(b) ? ` of ${b.map((v) => typeof v).join(', ')}` : ''}.`, fix: 'Correct it or remove it: "bbox" is optional and the map works it out itself.' }, path);
  } else if ((b as number[])[1]! > (b as number[])[1 + n]!) {
    c.say({ severity: 'error', code: 'bbox-invalid', message: `"bbox" has its south edge (${(b as number[])[1]}) north of its north edge (${(b as number[])[1 + n]}).`, fix: 'Write it as [west, south, east, north], or remove it.' }, path);
  }
}

function checkForeign(o: Record<string, unknown>, path: Path, c: Checker, kind: string) {
  if (has(o, 'crs') && c.once('crs')) {
    const crs = o.crs as { properties?: { name?: unknown } } | null;
    const name = typeof crs?.properties?.name === 'string' ? crs.properties.name : '';
    const wgs84 = !name || /CRS84|EPSG:{1,2}4326\b|EPSG::?4326/i.test(name);
    c.say({
      severity: 'warning', code: 'crs-legacy',
      message: `The ${kind} has a "crs" member${name ? ` (${name})` : ''}, which RFC 7946 removed: GeoJSON is always WGS 84 longitude/latitude.${wgs84 ? '' : ' The data may be in another projection.'}`,
      fix: wgs84 ? 'Remove "crs".' : 'Export the layer in WGS 84 longitude/latitude (EPSG:4326), then remove "crs".',
      fixed: 'Ignored: the coordinates are read as WGS 84 longitude/latitude.',
    }, [...path, 'crs']);
  }
  if (has(o, 'bbox')) checkBbox(o.bbox, [...path, 'bbox'], c);
}

/** Checks a geometry; returns it (fixed where that is safe) or null when it has errors. */
function checkGeometry(g: unknown, path: Path, c: Checker, inCollection = 0): Geometry | null {
  if (!isObject(g)) {
    c.say({ severity: 'error', code: 'geometry-not-object', message: `The geometry must be an object with "type" and "coordinates"; found ${show(g)}.`, fix: 'Write e.g. {"type": "Point", "coordinates": [lon, lat]}.' }, path);
    return null;
  }
  const type = g.type;
  if (typeof type !== 'string' || !(GEOMETRY_TYPES as readonly string[]).includes(type)) {
    const near = typeof type === 'string' ? closest(type, GEOMETRY_TYPES) : undefined;
    const feature = type === 'Feature' || type === 'FeatureCollection';
    c.say({
      severity: 'error', code: type === undefined ? 'type-missing' : 'geometry-type-unknown',
      message: type === undefined ? 'The geometry has no "type".' : feature ? `A ${type} cannot be used as a geometry.` : `Unknown geometry type ${show(type)}.`,
      fix: near ? `Write "${near}" (GeoJSON types are case-sensitive).` : feature ? 'Put only the geometry object here: {"type": "Point", "coordinates": […]}.' : `Use one of ${GEOMETRY_TYPES.join(', ')}.`,
    }, [...path, 'type']);
    return null;
  }
  checkForeign(g, path, c, 'geometry');
  if (has(g, 'properties') || has(g, 'geometry')) {
    c.say({ severity: 'warning', code: 'geometry-member', message: `A geometry must not have "${has(g, 'properties') ? 'properties' : 'geometry'}" (RFC 7946 §7.1); it is ignored.`, fix: 'Move properties to the Feature that holds this geometry.', fixed: 'Ignored.' }, path);
  }
  if (type === 'GeometryCollection') {
    if (has(g, 'coordinates')) c.say({ severity: 'error', code: 'collection-coordinates', message: 'A GeometryCollection has "geometries", not "coordinates".', fix: 'Put each geometry in the "geometries" list, or make this a Multi… geometry.' }, [...path, 'coordinates']);
    if (!Array.isArray(g.geometries)) {
      c.say({ severity: 'error', code: 'geometries-missing', message: `A GeometryCollection needs a "geometries" list; found ${show(g.geometries)}.`, fix: 'Add "geometries": [ … ].' }, [...path, 'geometries']);
      return null;
    }
    const members: Geometry[] = [];
    let ok = !has(g, 'coordinates');
    g.geometries.forEach((m, i) => {
      const r = checkGeometry(m, [...path, 'geometries', i], c, inCollection + 1);
      if (!r) ok = false;
      else if (r.type === 'GeometryCollection') members.push(...r.geometries);
      else members.push(r);
    });
    if (!ok) return null;
    if (g.geometries.some((m) => isObject(m) && m.type === 'GeometryCollection') && c.once('gc-nested')) {
      c.say({ severity: 'warning', code: 'geometry-collection-nested', message: 'A GeometryCollection inside another one; RFC 7946 says to avoid nesting them.', fix: 'List all the geometries in one collection.', fixed: 'Flattened into one collection.' }, path);
    }
    if (g.geometries.length === 1 && !inCollection) {
      c.say({ severity: 'warning', code: 'geometry-collection-single', message: 'A GeometryCollection with a single geometry; RFC 7946 says to use that geometry itself.', fix: `Replace the collection with its ${show((g.geometries[0] as { type?: unknown })?.type)} geometry.`, fixed: 'Replaced by its one geometry.' }, path);
      return members[0] ?? null;
    }
    if (!g.geometries.length && !inCollection) {
      c.say({ severity: 'warning', code: 'geometry-empty', message: 'The GeometryCollection is empty, so there is nothing to draw.', fix: 'Add the geometries, or give the feature "geometry": null.', fixed: 'The feature is left out of the map.' }, path);
    }
    return { type: 'GeometryCollection', geometries: members };
  }
  if (has(g, 'geometries')) {
    c.say({ severity: 'error', code: 'geometry-geometries', message: `A ${type} has "coordinates", not "geometries".`, fix: 'Use "type": "GeometryCollection" for a list of geometries.' }, [...path, 'geometries']);
    return null;
  }
  if (!has(g, 'coordinates')) {
    c.say({ severity: 'error', code: 'coordinates-missing', message: `The ${type} has no "coordinates".`, fix: 'Add the coordinates list (longitude first).' }, [...path, 'coordinates']);
    return null;
  }
  const co = g.coordinates;
  const at = [...path, 'coordinates'];
  const ring = (r: unknown, p: Path) => checkPositions(r, p, c, 'ring', 4);
  const poly = (rings: unknown, p: Path) => checkList(rings, p, c, 'polygon', ring);
  const line = (l: unknown, p: Path) => checkPositions(l, p, c, 'line', 2);
  let ok: boolean;
  switch (type) {
    case 'Point': ok = checkPosition(co, at, c); break;
    case 'MultiPoint': ok = checkPositions(co, at, c, 'MultiPoint', 0); break;
    case 'LineString': ok = line(co, at); break;
    case 'MultiLineString': ok = checkList(co, at, c, 'MultiLineString', line); break;
    case 'Polygon': ok = poly(co, at); break;
    default: ok = checkList(co, at, c, 'MultiPolygon', poly);
  }
  if (!ok) return null;
  if (Array.isArray(co) && co.length === 0 && type !== 'Point' && !inCollection) {
    c.say({ severity: 'warning', code: 'geometry-empty', message: `The ${type} has no coordinates, so there is nothing to draw.`, fix: 'Add the coordinates, or give the feature "geometry": null.', fixed: 'The feature is left out of the map.' }, at);
  }
  return fixGeometry({ type, coordinates: co } as Geometry, path, c, !inCollection);
}

/** The safe fixes: split at the antimeridian, then wind rings the RFC 7946 way. */
function fixGeometry(g: Geometry, path: Path, c: Checker, top = false): Geometry {
  let out = g;
  if (g.type === 'LineString' || g.type === 'MultiLineString') {
    const lines = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
    if (lines.some(crossesAntimeridian)) {
      out = splitLines(lines);
      if (c.once('antimeridian')) c.say({ severity: 'warning', code: 'antimeridian', message: 'This line crosses the 180° meridian (the antimeridian); most maps would draw it the long way round the world.', fix: 'Split it at 180° into a MultiLineString (RFC 7946 §3.1.9).', fixed: 'Split at 180°; the map draws the parts side by side, as one line across it.' }, [...path, 'coordinates']);
    }
  } else if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    if (polys.some((rings) => rings.some(crossesAntimeridian))) {
      const split = splitPolygons(polys);
      if (split) out = split;
      // Split, it would be drawn with a seam along 180°: the map draws it whole instead (lon-wrap.ts).
      if (split && top) {
        const whole = polys.map((rings) => {
          if (!rings.some(crossesAntimeridian)) return rings;
          const outer = unwrap(rings[0]!);
          return [outer, ...rings.slice(1).map((r) => unwrap(r, outer[0]![0]))];
        });
        c.drawn = whole.length === 1 ? { type: 'Polygon', coordinates: whole[0]! } : { type: 'MultiPolygon', coordinates: whole };
      }
      if (c.once('antimeridian')) {
        c.say({
          severity: 'warning', code: 'antimeridian',
          message: 'This polygon crosses the 180° meridian (the antimeridian); most maps would draw it the long way round the world.',
          fix: 'Split it at 180° into a MultiPolygon (RFC 7946 §3.1.9).',
          fixed: split ? 'Split at 180°; the map draws the parts side by side, as one area across it.' : 'Not split: a ring goes round a pole, so it is drawn as it is.',
        }, [...path, 'coordinates']);
      }
    }
    const after = out as Polygon | MultiPolygon;
    const rings = after.type === 'Polygon' ? [after.coordinates] : after.coordinates;
    if (rings.some(wrongWinding)) {
      out = rewind(after) as Polygon | MultiPolygon;
      if (c.once('winding')) c.say({ severity: 'warning', code: 'winding', message: 'The polygon’s rings wind the wrong way: RFC 7946 wants outer rings counterclockwise and holes clockwise.', fix: 'Most tools fix this on export (e.g. mapshaper -o rfc7946, or ogr2ogr -lco RFC7946=YES).', fixed: 'Rewound.' }, [...path, 'coordinates']);
    }
  }
  return out;
}

// ---------------------------------------------------------------- features and files

/** Checks the text values of a feature's properties. */
export function checkProperties(props: Record<string, unknown>, say: (p: Omit<Problem, 'file'>, field: string) => void) {
  for (const [key, v] of Object.entries(props)) {
    const values = typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    const shown = SHOWN_PROPERTIES.includes(key) || key === 'aliases';
    const link = LINK_PROPERTY.test(key);
    if (!shown && !link) continue;
    for (const s of values) {
      checkText(s, (p) => say(p, key), {}, { link: link && !shown, field: key });
      if (shown) checkLength(s, key, (p) => say(p, key));
    }
  }
}

interface FeatureIds {
  seen: Map<string, number>;
  kinds: { string?: number; number?: number };
}

/** A feature read from the file, before the features without an id (or with a repeated one) get theirs. */
type Draft = Omit<LayerFeature, 'id' | 'at'> & { id?: string };

const isGeometryType = (t: unknown): t is string => typeof t === 'string' && (GEOMETRY_TYPES as readonly string[]).includes(t);

function checkFeature(raw: unknown, index: number, path: Path, c: Checker, ids: FeatureIds, sayBare = true): Draft | null {
  if (!isObject(raw)) {
    c.say({ severity: 'error', code: 'feature-not-object', feature: { index }, message: `Each entry of "features" must be a Feature object; found ${show(raw)}.`, fix: 'Write {"type": "Feature", "properties": {…}, "geometry": {…}}.' }, path);
    return null;
  }
  // A geometry listed where a Feature belongs (a bare geometry): read as a Feature with no properties.
  const bare = isGeometryType(raw.type);
  const f: Record<string, unknown> = bare ? { type: 'Feature', properties: null, geometry: raw } : raw;
  const props = isObject(f.properties) ? f.properties : {};
  // The feature's own "id" member (RFC 7946) first, then properties.id; null is no id.
  const topId = has(f, 'id') && f.id !== null ? f.id : undefined;
  const propId = props.id === null ? undefined : props.id;
  const rawId = topId !== undefined ? topId : propId;
  const id = idText(rawId);
  c.startFeature({ index, id });
  let ok = true;
  if (bare) {
    if (sayBare) c.say({ severity: 'warning', code: 'bare-geometry', message: `This entry is a bare ${raw.type as string} geometry, not a Feature.`, fix: 'Wrap it: {"type": "Feature", "properties": {"name": …}, "geometry": <this geometry>}.', fixed: 'Read as a Feature with no properties: its id is made from its geometry, its name from the layer.' }, [...path, 'type']);
  } else if (f.type !== 'Feature') {
    const near = typeof f.type === 'string' ? closest(f.type, ALL_TYPES) : undefined;
    c.say({
      severity: 'error', code: f.type === undefined ? 'type-missing' : 'feature-type',
      message: f.type === undefined ? 'This entry has no "type"; it should be "Feature".' : `This entry's type is ${show(f.type)}; it should be "Feature".`,
      fix: near === 'Feature' ? 'Write "Feature" (GeoJSON types are case-sensitive).' : 'Set "type": "Feature".',
    }, [...path, 'type']);
    ok = false;
  }
  if (!bare) {
    for (const member of ['coordinates', 'features', 'geometries']) {
      if (has(f, member)) {
        c.say({
          severity: 'error', code: 'feature-geometry-member',
          message: `A Feature must not have "${member}" (RFC 7946 §7.1)${member === 'coordinates' ? '; coordinates belong inside its "geometry"' : ''}.`,
          fix: member === 'coordinates' ? 'Move "coordinates" into "geometry": {"type": "Point", "coordinates": […]}.' : member === 'features' ? 'A list of features belongs in a FeatureCollection, not in a Feature.' : 'Put "geometries" inside a GeometryCollection geometry.',
        }, [...path, member]);
        ok = false;
      }
    }
    if (!has(f, 'properties')) {
      c.say({ severity: 'warning', code: 'properties-missing', message: 'The feature has no "properties" (RFC 7946 requires the member, even if null).', fix: 'Add "properties": {"name": …, "date": …, "source": …}, or "properties": null.', fixed: 'Read as no properties: its id is made from its geometry, its name, date and source come from story.json.' }, path);
    } else if (f.properties !== null && !isObject(f.properties)) {
      c.say({ severity: 'error', code: 'properties-type', message: `"properties" must be an object; found ${show(f.properties)}.`, fix: 'Write "properties": {"name": …}.' }, [...path, 'properties']);
      ok = false;
    }
  }
  // Ids: one per feature, of one type per file (the map and the links compare them as text). A
  // feature without one, or with one an earlier feature has, gets one made for it (checkGeoJSON).
  const idPath = topId !== undefined ? [...path, 'id'] : [...path, 'properties', 'id'];
  let given: string | undefined;
  let duplicate = false;
  if (topId !== undefined && propId !== undefined && String(topId) !== String(propId)) {
    c.say({ severity: 'warning', code: 'id-conflict', message: `The feature's "id" (${show(topId)}) differs from its properties.id (${show(propId)}).`, fix: 'Keep one id; links use it.', fixed: `The feature's own "id" is used; properties.id is kept as a property.` }, [...path, 'properties', 'id']);
  }
  if (rawId === undefined || rawId === '' || (typeof rawId === 'string' && !rawId.trim())) {
    // No id: made from the name or the geometry once every given id is known.
  } else if (id === undefined) {
    c.say({ severity: 'error', code: 'id-type', message: `A feature id must be text or a number; found ${show(rawId)}.`, fix: 'Write it as text, e.g. "tripoli".' }, idPath);
    ok = false;
  } else if (badKey(id, 'The id')) {
    const bad = badKey(id, 'The id')!;
    c.say({ severity: 'error', ...bad }, idPath);
    ok = false;
  } else {
    if (ids.seen.has(id)) duplicate = true;
    else {
      ids.seen.set(id, index);
      given = id;
    }
    const kind = typeof rawId === 'number' ? 'number' : 'string';
    const other = kind === 'number' ? 'string' : 'number';
    ids.kinds[kind] ??= index;
    if (ids.kinds[other] !== undefined && ids.kinds[kind] === index) {
      c.say({ severity: 'error', code: 'id-mixed-types', message: `This id is a ${kind}, but feature ${ids.kinds[other]} has a ${other} id; mixed id types make "1" and 1 ambiguous.`, fix: 'Write all ids as text, e.g. "1" instead of 1.' }, idPath);
      ok = false;
    }
  }
  if (!bare) checkForeign(f, path, c, 'feature');
  checkProperties(props, (p, key) => c.say(p, [...path, 'properties', key]));
  // A property named like Object.prototype's members would reach its machinery in code that copies
  // properties into plain objects: reported, and left out.
  const reserved = Object.keys(props).filter(isReservedKey);
  for (const key of reserved) {
    c.say({ severity: 'warning', code: 'key-reserved', message: `The property name ${JSON.stringify(key)} is a name JavaScript reserves for its own objects.`, fix: 'Rename the property.', fixed: 'The property is ignored.' }, [...path, 'properties', key]);
  }
  let properties = reserved.length ? Object.fromEntries(Object.entries(props).filter(([k]) => !isReservedKey(k))) : props;
  // A name written as NAME, name_en, title … (Natural Earth, OSM, QGIS) is read as the name.
  const name = nameOf(properties);
  if (name !== undefined && !(typeof properties.name === 'string' && properties.name.trim())) properties = { ...properties, name };
  let geometry: Geometry | null = null;
  const geometryPath = bare ? path : [...path, 'geometry'];
  if (!has(f, 'geometry')) {
    c.say({ severity: 'error', code: 'geometry-missing', message: 'The feature has no "geometry" member.', fix: 'Add "geometry": {"type": …, "coordinates": […]}, or "geometry": null for a feature with no place.' }, path);
    ok = false;
  } else if (f.geometry === null) {
    c.say({ severity: 'warning', code: 'geometry-null', message: 'The feature has no geometry ("geometry": null), so it is not on the map.', fix: 'Add a geometry, or remove the feature.', fixed: 'The feature is left out of the map.' }, geometryPath);
  } else {
    c.drawn = undefined;
    geometry = checkGeometry(f.geometry, geometryPath, c);
    if (!geometry) ok = false;
  }
  const drawn = c.drawn;
  c.drawn = undefined;
  c.endFeature();
  if (!ok || !geometry || isEmpty(geometry)) return null;
  return { id: given, index, properties, geometry, ...(drawn ? { drawn } : {}), ...(duplicate ? { idFrom: 'duplicate' as const, givenId: id } : {}) };
}

/**
 * Gives each feature without an id one made from its name (or, without a name, from its geometry),
 * and each repeat of an id its own ("x", then "x-2"), never one a feature of the file has; then the
 * features as the story uses them.
 */
function finishIds(drafts: Draft[], ids: FeatureIds, c: Checker, where: (index: number, id: string | undefined, property?: string) => Omit<Problem, 'severity' | 'message'>, path: (index: number) => Path): LayerFeature[] {
  const used = new Set(ids.seen.keys());
  return drafts.map((d) => {
    let id = d.id;
    let idFrom = d.idFrom;
    if (id === undefined && d.givenId !== undefined) {
      id = uniqueId(d.givenId, used);
      const first = ids.seen.get(d.givenId);
      c.say({ severity: 'warning', code: 'id-renamed', feature: { index: d.index, id }, message: `The id "${d.givenId}" is already used by feature ${first}; this feature is read as "${id}".`, fix: 'Give every feature its own id.', fixed: `Read as "${id}". A link in story.json to "${d.givenId}" would not say which feature it means: that is an error (id-duplicate).` }, path(d.index));
    } else if (id === undefined) {
      const made = idBase(nameOf(d.properties), d.geometry);
      id = uniqueId(made.base, used);
      idFrom = made.from;
    }
    const out: LayerFeature = { id, index: d.index, properties: d.properties, geometry: d.geometry, at: (property) => where(d.index, id, property) };
    if (d.drawn) out.drawn = d.drawn;
    if (idFrom) out.idFrom = idFrom;
    if (d.givenId !== undefined) out.givenId = d.givenId;
    return out;
  });
}

const isEmpty = (g: Geometry): boolean => (g.type === 'GeometryCollection' ? g.geometries.every(isEmpty) : g.type !== 'Point' && g.coordinates.length === 0);

/** Checks a parsed GeoJSON value (a FeatureCollection or one Feature). Never throws. */
export function checkGeoJSON(value: unknown, file: string, locate?: (path: Path) => { line: number; column: number } | undefined): LayerRead {
  const c = new Checker(file);
  const features: LayerFeature[] = [];
  const finish = (): LayerRead => {
    c.endFeature();
    if (c.precise.count && c.precise.first) {
      const n = c.precise.count;
      c.pending.push({
        problem: {
          severity: 'warning',
          feature: c.precise.first.feature,
          path: formatPath(c.precise.first.path),
          code: 'precision',
          message: `${n} position${n > 1 ? 's' : ''} in ${c.precise.features} feature${c.precise.features > 1 ? 's' : ''} ${n > 1 ? 'have' : 'has'} more than ${LIMITS.decimals} decimal places (the first is here). ${LIMITS.decimals} places is about 10 cm; more claims an accuracy the data rarely has and makes the file larger.`,
          fix: `Round coordinates to ${LIMITS.decimals} decimals, e.g. mapshaper -o precision=0.000001.`,
        },
        path: c.precise.first.path,
      });
    }
    const problems = c.pending.map(({ problem, path }) => {
      const pos = path && locate ? locate(path) : undefined;
      return { file, ...problem, ...(pos ?? {}) } as Problem;
    });
    return { features, problems };
  };
  const where = (index: number, id: string | undefined, property?: string): Omit<Problem, 'severity' | 'message'> => {
    const path: Path = property ? [...base, index, 'properties', property] : [...base, index];
    return { file, feature: { index, id }, path: formatPath(path), ...(locate?.(path) ?? {}) };
  };
  let base: Path = ['features'];
  if (!isObject(value)) {
    c.say({ severity: 'error', code: 'not-geojson', message: `A layer file must be a GeoJSON FeatureCollection; this file holds ${show(value)}.`, fix: 'Start the file with {"type": "FeatureCollection", "features": [ … ]}.' });
    return finish();
  }
  const type = value.type;
  if (type === 'FeatureCollection' || (type === undefined && Array.isArray(value.features))) {
    if (type === undefined) {
      c.say({ severity: 'error', code: 'type-missing', message: 'The file has a "features" list but no "type".', fix: 'Add "type": "FeatureCollection" at the top.' }, []);
    }
    checkForeign(value, [], c, 'file');
    for (const m of ['geometry', 'properties', 'coordinates']) {
      if (has(value, m)) c.say({ severity: 'warning', code: 'collection-member', message: `A FeatureCollection must not have "${m}" (RFC 7946 §7.1); it is ignored.`, fix: `Remove "${m}", or move it into the features.`, fixed: 'Ignored.' }, [m]);
    }
    if (!Array.isArray(value.features)) {
      c.say({ severity: 'error', code: 'features-missing', message: `A FeatureCollection needs a "features" list; found ${show(value.features)}.`, fix: 'Add "features": [ … ].' }, ['features']);
      return finish();
    }
    const ids: FeatureIds = { seen: new Map(), kinds: {} };
    const drafts: Draft[] = [];
    value.features.forEach((f, i) => {
      const r = checkFeature(f, i, ['features', i], c, ids);
      if (r) drafts.push(r);
    });
    features.push(...finishIds(drafts, ids, c, where, (i) => ['features', i]));
    if (type === undefined) features.length = 0;
    return finish();
  }
  // One Feature, or one bare geometry: read as a FeatureCollection of that one feature.
  const geometry = isGeometryType(type);
  if (type === 'Feature' || geometry) {
    base = [];
    c.say({
      severity: 'warning', code: geometry ? 'bare-geometry' : 'single-feature',
      message: geometry ? `The file holds a bare ${type as string} geometry, not a FeatureCollection.` : 'The file holds one Feature, not a FeatureCollection.',
      fix: `Wrap it: {"type": "FeatureCollection", "features": [${geometry ? '{"type": "Feature", "properties": {…}, "geometry": <it>}' : '<it>'}]}.`,
      fixed: geometry ? 'Read as a FeatureCollection of one feature with no properties: its id is made from its geometry, its name from the layer.' : 'Read as a FeatureCollection of that one feature.',
    }, ['type']);
    const ids: FeatureIds = { seen: new Map(), kinds: {} };
    const r = checkFeature(value, 0, [], c, ids, false);
    const at = (index: number, id: string | undefined, property?: string) => {
      const path: Path = property && !geometry ? ['properties', property] : [];
      return { file, feature: { index, id }, path: formatPath(path) || undefined, ...(locate?.(path) ?? {}) };
    };
    if (r) features.push(...finishIds([r], ids, c, at, () => []));
    return finish();
  }
  const near = typeof type === 'string' ? closest(type, ALL_TYPES) : undefined;
  c.say({
    severity: 'error', code: type === undefined ? 'type-missing' : 'type-unknown',
    message: type === undefined ? 'The file has no "type"; a layer file is a GeoJSON FeatureCollection.' : `Unknown GeoJSON type ${show(type)}.`,
    fix: near ? `Write "${near}" (GeoJSON types are case-sensitive).` : 'Start the file with {"type": "FeatureCollection", "features": [ … ]}.',
  }, ['type']);
  return finish();
}

/** Reads and checks a GeoJSON layer file's text. Never throws. */
export function readGeoJSON(text: string, file: string, maxBytes: number = LIMITS.layerBytes): LayerRead {
  const json = readJson(text, file, { maxBytes, what: 'layer file' });
  if (json.value === undefined) return { features: [], problems: json.problems };
  const r = checkGeoJSON(json.value, file, json.locate);
  return { features: r.features, problems: [...json.problems, ...r.problems] };
}
