// Real-world exports (QGIS, geojson.io, Overpass, Natural Earth, Mapshaper, ogr2ogr, spreadsheets)
// are imported with no hand edits: each file in tests/fixtures/validator/real-world/ is the one layer
// of a story whose story.json gives the layer's date and source, and must be accepted with exactly
// the warnings listed here, or refused with the error listed (docs/story-format.md, "Importing").
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel, type StoryModel } from '../../src/lib/story/model';
import { boundsOf } from '../../src/lib/story/model-core';
import { readLayer } from '../../src/lib/story/validate/layer';

const DIR = join(import.meta.dirname, '../fixtures/validator/real-world');

function story(file: string, layer: Record<string, unknown> = {}, features: Record<string, unknown> = {}) {
  return JSON.stringify({
    id: 'import', title: 'Imported', outlet: 'Test', date: '2024',
    view: { bounds: [-180, -80, 180, 80] },
    attribution: [{ text: 'Test data' }],
    layers: [{ id: 'l', name: 'Imported', file: `layers/${file}`, color: '#b3192b', date: '2024', source: 'Test export (CC0)', ...layer }],
    features,
  });
}

export function importModel(file: string, layer: Record<string, unknown> = {}, features: Record<string, unknown> = {}, text = readFileSync(join(DIR, file), 'utf8')): StoryModel {
  return buildModel({ story: story(file, layer, features), article: 'Some text. {#p1}\n', layers: { [`layers/${file}`]: text } });
}

/** The codes of a story's problems, errors and warnings apart ("feature-unlinked" aside: nothing links in these stories). */
function codes(m: StoryModel) {
  const of = (sev: string) => [...new Set(m.problems.filter((p) => p.severity === sev && p.code !== 'feature-unlinked').map((p) => p.code))].sort();
  return { errors: of('error'), warnings: of('warning') };
}

/** What each file gives: accepted (no errors) with these warnings, or refused with these errors. */
const EXPECTED: Record<string, { errors?: string[]; warnings?: string[]; features?: number }> = {
  'antimeridian-line.geojson': { warnings: ['antimeridian'], features: 1 },
  'antimeridian-polygon.geojson': { warnings: ['antimeridian'], features: 1 },
  'bare-linestring-3d.geojson': { warnings: ['bare-geometry', 'name-missing'], features: 1 },
  'bare-point.geojson': { warnings: ['bare-geometry', 'name-missing'], features: 1 },
  'bare-polygon.geojson': { warnings: ['bare-geometry', 'name-missing'], features: 1 },
  'bbox-and-foreign-members.geojson': { features: 1 },
  'bbox-west-greater-than-east.geojson': { features: 2 },
  'coordinates-3d.geojson': { features: 2 },
  'duplicate-ids.geojson': { warnings: ['id-renamed'], features: 3 },
  'empty-collection.geojson': { features: 0 },
  'fiji-split-multipolygon.geojson': { warnings: ['winding'], features: 1 },
  'geojsonio-no-properties.geojson': { warnings: ['name-missing'], features: 3 },
  'geometry-collection.geojson': { features: 1 },
  'html-in-name.geojson': { warnings: ['html-as-text'], features: 1 },
  'mapshaper-null-properties.geojson': { warnings: ['name-missing'], features: 2 },
  'multipolygon-with-hole.geojson': { features: 1 },
  'natural-earth-admin0.geojson': { warnings: ['winding'], features: 2 },
  'null-geometry.geojson': { warnings: ['geometry-null'], features: 1 },
  'numeric-ids.geojson': { features: 2 },
  'osmtogeojson-legacy.geojson': { warnings: ['id-conflict', 'name-missing'], features: 1 },
  'overpass-osmtogeojson.geojson': { warnings: ['name-missing'], features: 3 },
  'polar-antarctica.geojson': { warnings: ['antimeridian', 'winding'], features: 1 },
  'polar-ring-north.geojson': { warnings: ['antimeridian'], features: 1 },
  'polar-latitude-circle.geojson': { warnings: ['antimeridian'], features: 1 },
  'qgis-export.geojson': { warnings: ['crs-legacy', 'name-missing'], features: 3 },
  'reserved-names.geojson': { warnings: ['key-reserved'], features: 2 },
  'single-feature.geojson': { warnings: ['single-feature'], features: 1 },
  'title-property.geojson': { features: 1 },
  'refused-id-reserved.geojson': { errors: ['id-reserved'] },
  'refused-out-of-range.geojson': { errors: ['coordinates-out-of-range'] },
  'refused-projected-metres.geojson': { errors: ['coordinates-projected'] },
  'refused-swapped.geojson': { errors: ['coordinates-swapped'] },
  'refused-unclosed-ring.geojson': { errors: ['ring-unclosed'] },
  'refused-unsafe-link.geojson': { errors: ['unsafe-link'] },
  'rows-no-id.json': { warnings: ['name-missing'], features: 2 },
  'table-duplicate-names.csv': { warnings: ['id-renamed'], features: 2 },
  'table-name-lat-lon.csv': { features: 2 },
  'table-no-name.csv': { warnings: ['name-missing'], features: 2 },
};

describe('real-world files', () => {
  const files = readdirSync(DIR).sort();
  it('has a test set of at least 30 files, each with its expected outcome', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });
  for (const file of files) {
    it(file, () => {
      const m = importModel(file);
      const want = EXPECTED[file]!;
      const got = codes(m);
      expect(got).toEqual({ errors: want.errors ?? [], warnings: want.warnings ?? [] });
      if (want.errors?.length) expect(m.layers[0]!.error).toBeTruthy();
      else expect(m.layers[0]!.features).toHaveLength(want.features ?? 0);
    });
  }
});

const ids = (m: StoryModel) => m.layers[0]!.features.map((f) => f.id);
const feature = (m: StoryModel, id: string) => m.features.get(`l:${id}`)!;

describe('generated ids', () => {
  it('are made from the name, else from the geometry, and are the same on every run', () => {
    expect(ids(importModel('qgis-export.geojson'))).toEqual(['lagos', 'abuja', 'f-0dxd1pk']);
    expect(ids(importModel('bare-point.geojson'))).toEqual(['f-044d5b0']);
    expect(ids(importModel('geojsonio-no-properties.geojson'))).toEqual(ids(importModel('geojsonio-no-properties.geojson')));
  });

  it('do not depend on the order of the features (a name or a geometry, not a position)', () => {
    const text = readFileSync(join(DIR, 'geojsonio-no-properties.geojson'), 'utf8');
    const doc = JSON.parse(text);
    const reversed = JSON.stringify({ ...doc, features: [...doc.features].reverse() });
    expect(ids(importModel('geojsonio-no-properties.geojson', {}, {}, reversed))).toEqual([...ids(importModel('geojsonio-no-properties.geojson'))].reverse());
  });

  it('never take an id the file gives another feature, nor a reserved name', () => {
    const doc = { type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { name: 'Gaza' }, geometry: { type: 'Point', coordinates: [34.45, 31.5] } },
      { type: 'Feature', properties: { id: 'gaza', name: 'Gaza City' }, geometry: { type: 'Point', coordinates: [34.46, 31.52] } },
      { type: 'Feature', properties: { name: 'Gaza' }, geometry: { type: 'Point', coordinates: [34.3, 31.3] } },
      { type: 'Feature', properties: { name: 'valueOf' }, geometry: { type: 'Point', coordinates: [34.3, 31.2] } },
    ] };
    const r = readLayer(JSON.stringify(doc), 'a.geojson');
    expect(r.features.map((f) => f.id)).toEqual(['gaza-2', 'gaza', 'gaza-3', 'valueof']);
    expect(r.features.map((f) => f.idFrom)).toEqual(['name', undefined, 'name', 'name']);
    expect(r.problems).toEqual([]);
  });

  it('warn only when story.json links to one', () => {
    const m = importModel('qgis-export.geojson', {}, { 'l:lagos': { passages: ['p1'] } });
    const p = m.problems.find((x) => x.code === 'id-generated')!;
    expect(p.severity).toBe('warning');
    expect(p.message).toMatch(/"l:lagos", an id made from the feature's name/);
    expect(p.fix).toMatch(/"id": "lagos"/);
    expect(m.layers[0]!.error).toBeUndefined();
    expect(m.passagesByFeature.get('l:lagos')).toEqual(['p1']);
    expect(importModel('qgis-export.geojson').problems.some((x) => x.code === 'id-generated')).toBe(false);
  });

  it('for a repeated id: a warning when nothing links to it, an error (the layer left out) when story.json does', () => {
    const free = importModel('duplicate-ids.geojson');
    expect(ids(free)).toEqual(['site', 'site-2', 'site-b']);
    expect(free.problems.find((p) => p.code === 'id-renamed')?.message).toBe('The id "site" is already used by feature 0; this feature is read as "site-2".');
    const linked = importModel('duplicate-ids.geojson', {}, { 'l:site': { passages: ['p1'] } });
    expect(linked.problems.filter((p) => p.severity === 'error').map((p) => p.code)).toEqual(['id-duplicate']);
    expect(linked.layers[0]!.error).toMatch(/1 error/);
    const rows = importModel('table-duplicate-names.csv', {}, { 'l:alexandria': { passages: ['p1'] } });
    expect(rows.problems.filter((p) => p.severity === 'error').map((p) => p.code)).toEqual(['id-duplicate']);
  });
});

describe('layer defaults', () => {
  const doc = JSON.stringify({ type: 'FeatureCollection', features: [
    { type: 'Feature', properties: { name: 'Own', date: '3 Jan 2024', source: 'Own source', confidence: 'high', approximate: false }, geometry: { type: 'Point', coordinates: [1, 1] } },
    { type: 'Feature', properties: { name: 'Bare' }, geometry: { type: 'Point', coordinates: [2, 2] } },
  ] });
  it('give date, source, confidence and approximate to the features that say nothing; a feature\'s own value wins', () => {
    const m = importModel('x.geojson', { date: 'Jan 2024', source: 'Layer source', confidence: 'medium', approximate: true }, {}, doc);
    expect(m.problems.filter((p) => p.code !== 'feature-unlinked')).toEqual([]);
    const own = feature(m, 'own');
    const bare = feature(m, 'bare');
    expect([own.date, own.source, own.confidence, own.approximate]).toEqual(['3 Jan 2024', 'Own source', 'high', false]);
    expect([bare.date, bare.source, bare.confidence, bare.approximate]).toEqual(['Jan 2024', 'Layer source', 'medium', true]);
  });

  it('and story.json\'s entry for a feature wins over both', () => {
    const m = importModel('x.geojson', {}, { 'l:bare': { passages: ['p1'], source: 'Story source' } }, doc);
    expect(feature(m, 'bare').source).toBe('Story source');
  });

  it('are needed when the features give no date or source', () => {
    const m = importModel('x.geojson', { date: undefined, source: undefined }, {}, doc);
    expect(m.problems.filter((p) => p.severity === 'error').map((p) => `${p.code} ${p.feature?.id} ${p.path}`)).toEqual(['provenance-missing bare features[1].properties.date', 'provenance-missing bare features[1].properties.source']);
  });

  it('keep a layer\'s "approximate" text as its caption, without marking its features approximate', () => {
    const m = importModel('x.geojson', { approximate: 'Areas are approximate.' }, {}, doc);
    expect(m.layers[0]!.spec.approximate).toBe('Areas are approximate.');
    expect(feature(m, 'bare').approximate).toBe(false);
  });
});

describe('the antimeridian and the poles', () => {
  it('a line from Fiji to Hawaii is one continuous line, framed the short way', () => {
    const m = importModel('antimeridian-line.geojson');
    const f = m.layers[0]!.features[0]!;
    expect(f.bbox[0]).toBeCloseTo(178.44, 2);
    expect(f.bbox[2]).toBeCloseTo(201.9, 1);
    const g = m.layers[0]!.data.features[0]!.geometry as { type: string; coordinates: number[][][] };
    // The validator split it at 180° (RFC 7946); the map gets the two parts side by side, 180 to 201.9.
    expect(g.type).toBe('MultiLineString');
    expect(g.coordinates.flat().every(([lon]) => lon! >= 178 && lon! <= 202)).toBe(true);
  });

  it('an area across 180° is drawn whole, with no seam along the meridian', () => {
    const m = importModel('antimeridian-polygon.geojson');
    const g = m.layers[0]!.data.features[0]!.geometry as { type: string; coordinates: number[][][] };
    expect(g.type).toBe('Polygon');
    // One ring, its own ten positions: no points added along 180° (where a split would cut it).
    expect(g.coordinates).toHaveLength(1);
    expect(g.coordinates[0]).toHaveLength(10);
    // The file's own layer keeps the RFC 7946 split for any other reader of it.
    expect(readLayer(readFileSync(join(DIR, 'antimeridian-polygon.geojson'), 'utf8'), 'a.geojson').features[0]!.geometry.type).toBe('MultiPolygon');
    expect(m.layers[0]!.features[0]!.bbox).toEqual([165, 64, 190.3, 70]);
  });

  it('features on both sides of 180° are framed together the short way', () => {
    const m = importModel('bbox-west-greater-than-east.geojson');
    const b = boundsOf(m, ['l:tuvalu', 'l:apia'])!;
    expect(b[0]).toBeCloseTo(179.194, 3);
    expect(b[2]).toBeCloseTo(188.234, 3);
    const fiji = importModel('fiji-split-multipolygon.geojson').layers[0]!.features[0]!;
    expect(fiji.bbox[2] - fiji.bbox[0]).toBeLessThan(4);
  });

  it('a polygon round a pole keeps its whole width, and is closed through the pole for the map', () => {
    for (const file of ['polar-antarctica.geojson', 'polar-ring-north.geojson', 'polar-latitude-circle.geojson']) {
      const f = importModel(file).layers[0]!.features[0]!;
      expect([f.bbox[0], f.bbox[2]], file).toEqual([-180, 180]);
    }
    // A circle of latitude written from -180 to 180 would be a sliver on a flat map: the cap it
    // bounds is filled up to the pole.
    const circle = importModel('polar-latitude-circle.geojson');
    expect(circle.layers[0]!.features[0]!.bbox).toEqual([-180, 75, 180, 90]);
    const ring = (circle.layers[0]!.data.features[0]!.geometry as { coordinates: number[][][] }).coordinates[0]!;
    expect(ring.slice(-3)).toEqual([[180, 90], [-180, 90], [-180, 75]]);
    expect(importModel('polar-antarctica.geojson').layers[0]!.features[0]!.bbox[1]).toBe(-90);
  });
});

describe('data never becomes an object key unchecked', () => {
  it('a "__proto__" property is dropped and pollutes nothing', () => {
    const r = readLayer(readFileSync(join(DIR, 'reserved-names.geojson'), 'utf8'), 'a.geojson');
    for (const f of r.features) {
      expect(Object.getPrototypeOf(f.properties)).toBe(Object.prototype);
      expect(Object.hasOwn(f.properties, '__proto__')).toBe(false);
      expect(Object.hasOwn(f.properties, 'constructor')).toBe(false);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.features[0]!.id).toMatch(/^f-/);
  });
});

describe('a table says who reported what its cards say', () => {
  it('reads a “claimSource” column (or “Reported by”) into the card’s claim source, checked as text', () => {
    for (const header of ['claimSource', 'Reported by', 'claim source']) {
      const m = importModel('reported.csv', {}, {}, `name,lat,lon,${header}\nAlexandria,31.2,29.9,Reuters 3 May 2024\nCairo,30.04,31.24,\n`);
      expect(codes(m), header).toEqual({ errors: [], warnings: [] });
      expect(feature(m, 'alexandria').claimSource, header).toBe('Reuters 3 May 2024');
      expect(feature(m, 'cairo').claimSource, header).toBeUndefined();
    }
    const long = importModel('reported.csv', {}, {}, `name,lat,lon,claimSource\nAlexandria,31.2,29.9,${'x'.repeat(600)}\n`);
    expect(codes(long).warnings).toContain('text-too-long');
  });

  it('reads a “mapLabel” column (or “map label”) into the label the map sets for a long name', () => {
    for (const header of ['mapLabel', 'Map label']) {
      const m = importModel('airports.csv', {}, {}, `name,lat,lon,${header}\nBorg El Arab International Airport,30.92,29.69,Alexandria airport\nCairo,30.04,31.24,\n`);
      expect(codes(m), header).toEqual({ errors: [], warnings: [] });
      const [airport, cairo] = [feature(m, 'borg-el-arab-international-airport'), feature(m, 'cairo')];
      expect([airport.name, airport.label], header).toEqual(['Borg El Arab International Airport', 'Alexandria airport']);
      expect(cairo.label, header).toBeUndefined();
    }
    const long = importModel('airports.csv', {}, {}, `name,lat,lon,mapLabel\nAlexandria,31.2,29.9,${'x'.repeat(300)}\n`);
    expect(codes(long).warnings).toContain('text-too-long');
  });
});
