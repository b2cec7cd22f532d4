// Longitudes across the 180° meridian (the antimeridian). A route from Fiji (178°E) to Hawaii
// (155°W) is 43° long the short way, not 333° the long way. Its feature is drawn and framed with
// continuous longitudes (178 to 205): MapLibre draws longitudes beyond 180 across the antimeridian,
// and the framing arithmetic is then plain. A box [west, south, east, north] here always has
// west <= east, west in [-180, 180), and east up to 540; a box written with west > east (the story's
// view) is read as crossing 180. Pure, no DOM: the model (build time) and both map views use it.
import type { Geometry, Position } from 'geojson';

export type Box = [number, number, number, number];

/** A longitude in [-180, 180). */
export const wrapLon = (lon: number) => ((((lon + 180) % 360) + 360) % 360) - 180;

/**
 * The shortest arc [west, east] of longitudes holding all of them (west in [-180, 180), east >= west,
 * east beyond 180 when the arc crosses the antimeridian): the complement of the widest gap between them.
 */
export function lonArc(lons: readonly number[]): [number, number] | null {
  if (!lons.length) return null;
  const xs = [...new Set(lons.map(wrapLon))].sort((a, b) => a - b);
  let gap = xs[0]! + 360 - xs[xs.length - 1]!;
  let west = xs[0]!;
  let east = xs[xs.length - 1]!;
  for (let i = 1; i < xs.length; i++) {
    const g = xs[i]! - xs[i - 1]!;
    if (g > gap) {
      gap = g;
      west = xs[i]!;
      east = xs[i - 1]! + 360;
    }
  }
  return [west, east];
}

function eachPosition(g: Geometry, f: (p: Position) => void) {
  switch (g.type) {
    case 'Point': f(g.coordinates); break;
    case 'MultiPoint': case 'LineString': g.coordinates.forEach(f); break;
    case 'MultiLineString': case 'Polygon': g.coordinates.forEach((l) => l.forEach(f)); break;
    case 'MultiPolygon': g.coordinates.forEach((p) => p.forEach((l) => l.forEach(f))); break;
    case 'GeometryCollection': g.geometries.forEach((m) => eachPosition(m, f)); break;
  }
}

function mapPositions(g: Geometry, f: (p: Position) => Position): Geometry {
  switch (g.type) {
    case 'Point': return { ...g, coordinates: f(g.coordinates) };
    case 'MultiPoint': case 'LineString': return { ...g, coordinates: g.coordinates.map(f) };
    case 'MultiLineString': case 'Polygon': return { ...g, coordinates: g.coordinates.map((l) => l.map(f)) };
    case 'MultiPolygon': return { ...g, coordinates: g.coordinates.map((p) => p.map((l) => l.map(f))) };
    case 'GeometryCollection': return { ...g, geometries: g.geometries.map((m) => mapPositions(m, f)) };
  }
}

/** An arc this wide or wider is not moved: it is not a feature lying across 180° but one going round the world (Antarctica, a ring round a pole). */
const MAX_SHIFTED_SPAN = 180;

/**
 * The geometry with continuous longitudes when it lies across the antimeridian (the parts the
 * validator split at 180°, or a group of islands on both sides of it, such as Fiji's): the parts
 * west of 180° are moved by +360° so that the feature is one piece from its west to its east.
 * Anything else is returned as it is (the same object).
 */
export function continuous(g: Geometry): Geometry {
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    if (polys.some((rings) => rings.some((r) => roundPole(r) !== null))) {
      const closed = polys.map((rings) => rings.map((r) => roundPole(r) ?? r));
      return g.type === 'Polygon' ? { ...g, coordinates: closed[0]! } : { ...g, coordinates: closed };
    }
  }
  const lons: number[] = [];
  eachPosition(g, (p) => lons.push(p[0]!));
  const arc = lonArc(lons);
  if (!arc || arc[1] <= 180 || arc[1] - arc[0] >= MAX_SHIFTED_SPAN) return g;
  const [west] = arc;
  return mapPositions(g, ([lon, ...rest]) => {
    let x = wrapLon(lon!);
    if (x < west - 1e-9) x += 360;
    return [x, ...rest];
  });
}

/**
 * A ring that goes once round a pole (its longitudes, made continuous, travel 360°: a circle of
 * latitude written from -180 to 180, or Antarctica as Natural Earth draws it), closed through that
 * pole so that a flat map fills the cap, not a sliver: null for any other ring.
 */
function roundPole(ring: Position[]): Position[] | null {
  // A ring that reaches the pole already fills its cap (Natural Earth's Antarctica, a ring closed along 90°N).
  if (ring.length < 4 || ring.some((p) => Math.abs(p[1]!) >= 90)) return null;
  const out: Position[] = [];
  let prev = ring[0]![0]!;
  for (const [lon, ...rest] of ring) {
    let x = lon!;
    while (x - prev > 180) x -= 360;
    while (x - prev < -180) x += 360;
    out.push([x, ...rest]);
    prev = x;
  }
  const first = out[0]!;
  const last = out[out.length - 1]!;
  if (Math.abs(Math.abs(last[0]! - first[0]!) - 360) > 1e-6) return null;
  const pole = ring.reduce((sum, p) => sum + p[1]!, 0) >= 0 ? 90 : -90;
  // From -180 to 180, whichever way it was written.
  const by = -180 - Math.min(first[0]!, last[0]!);
  const moved = out.map(([x, ...rest]) => [x! + by, ...rest]);
  return [...moved, [last[0]! + by, pole], [first[0]! + by, pole], [first[0]! + by, first[1]!]];
}

/** A box with west <= east: one written with west > east (crossing 180) gets east + 360. */
export function unwrapBox(b: readonly number[]): Box {
  const [w, s, e, n] = b as Box;
  return e < w ? [w, s, e + 360, n] : [w, s, e, n];
}

/**
 * The smallest box holding both, the short way round: of the ways to lay b beside a (moved by
 * -360, 0 or +360), the one that makes the narrowest box; west is brought back into [-180, 180).
 */
export function unionBox(a: readonly number[], b: readonly number[]): Box {
  const [aw, as, ae, an] = unwrapBox(a);
  const [bw, bs, be, bn] = unwrapBox(b);
  let best: Box | null = null;
  for (const k of [0, -360, 360]) {
    const w = Math.min(aw, bw + k);
    const e = Math.max(ae, be + k);
    if (!best || e - w < best[2] - best[0] - 1e-9) best = [w, Math.min(as, bs), e, Math.max(an, bn)];
  }
  const out = best!;
  if (out[2] - out[0] >= 360) return [-180, out[1], 180, out[3]];
  const shift = wrapLon(out[0]) - out[0];
  return [out[0] + shift, out[1], out[2] + shift, out[3]];
}

/** Whether two boxes overlap, either way round the world. */
export function boxesMeet(a: readonly number[], b: readonly number[]): boolean {
  const [aw, as, ae, an] = unwrapBox(a);
  const [bw, bs, be, bn] = unwrapBox(b);
  if (as > bn || an < bs) return false;
  return [-360, 0, 360].some((k) => aw <= be + k && ae >= bw + k);
}

/** Whether any of these boxes lies across 180° (or is written west > east): the map must then draw the world on both sides of it. */
export function acrossAntimeridian(boxes: Iterable<readonly number[]>): boolean {
  for (const b of boxes) {
    const [w, , e] = unwrapBox(b);
    if (e > 180 || w < -180) return true;
  }
  return false;
}
