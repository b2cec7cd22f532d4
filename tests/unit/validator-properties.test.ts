// Property-based tests (fast-check): whatever the input — random JSON, random text, and valid
// GeoJSON and story files mutated at random — the validator and the loader never throw, every
// problem they report is complete, and what they accept is sound (valid again when re-checked).
// Each test is bounded by its Vitest timeout; the pathological shapes (very deep nesting, huge
// arrays and files) are tested explicitly at the end.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/lib/story/article';
import { buildModel } from '../../src/lib/story/model';
import { StoryFileError } from '../../src/lib/story/model-core';
import type { Problem } from '../../src/lib/story/problems';
import { readGeoJSON } from '../../src/lib/story/validate/geojson';
import { readLayer } from '../../src/lib/story/validate/layer';
import { readStoryFile } from '../../src/lib/story/validate/story-file';
import { readCsv, readRows } from '../../src/lib/story/validate/table';
import { createStoryFile } from './fixtures';

const RUNS = Number(process.env.FC_RUNS ?? 300);
const opts = { numRuns: RUNS };

function expectComplete(problems: Problem[]) {
  for (const p of problems) {
    expect(['error', 'warning']).toContain(p.severity);
    expect(typeof p.file).toBe('string');
    expect(p.message).toMatch(/\S/);
    expect(p.message).not.toMatch(/undefined|\[object Object\]|NaN:|TypeError|at .*\.ts:\d+/);
    if (p.severity === 'error') expect(p.fix ?? '').toMatch(/\S/);
  }
}

// ---------------------------------------------------------------- generators

const lon = fc.double({ min: -180, max: 180, noNaN: true });
const lat = fc.double({ min: -90, max: 90, noNaN: true });
const position = fc.tuple(lon, lat);
const ring = fc.array(position, { minLength: 3, maxLength: 8 }).map((ps) => [...ps, ps[0]!]);
const geometry = fc.oneof(
  position.map((c) => ({ type: 'Point', coordinates: c })),
  fc.array(position, { minLength: 1, maxLength: 5 }).map((c) => ({ type: 'MultiPoint', coordinates: c })),
  fc.array(position, { minLength: 2, maxLength: 8 }).map((c) => ({ type: 'LineString', coordinates: c })),
  fc.array(fc.array(position, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 3 }).map((c) => ({ type: 'MultiLineString', coordinates: c })),
  fc.array(ring, { minLength: 1, maxLength: 2 }).map((c) => ({ type: 'Polygon', coordinates: c })),
  fc.array(fc.array(ring, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 }).map((c) => ({ type: 'MultiPolygon', coordinates: c })),
);
const collection = fc.array(geometry, { minLength: 1, maxLength: 6 }).map((gs) => ({
  type: 'FeatureCollection',
  features: gs.map((g, i) => ({ type: 'Feature', properties: { id: `f${i}`, name: `Place ${i}`, date: '2021', source: 'test' }, geometry: g })),
}));

type Json = unknown;
/** Every path to a value inside a JSON value. */
function paths(v: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

/** One random change: replace a value, delete a member, or retype it; then maybe damage the text. */
const mutation = fc.record({
  pick: fc.nat(),
  kind: fc.constantFrom('replace', 'delete', 'string', 'negate', 'swap', 'wrap'),
  value: fc.jsonValue({ maxDepth: 3 }),
  text: fc.constantFrom('none', 'none', 'none', 'truncate', 'bom', 'crlf', 'nest'),
  cut: fc.nat(),
});

function mutate(doc: Json, m: { pick: number; kind: string; value: unknown; text: string; cut: number }): string {
  const copy = structuredClone(doc) as Record<string, unknown>;
  const all = paths(copy).filter((p) => p.length > 0);
  const path = all[m.pick % all.length]!;
  const parent = path.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], copy) as Record<string | number, unknown>;
  const key = path[path.length - 1]!;
  const old = parent[key];
  switch (m.kind) {
    case 'replace': parent[key] = m.value; break;
    case 'delete': if (Array.isArray(parent)) parent.splice(Number(key), 1); else delete parent[key]; break;
    case 'string': parent[key] = typeof old === 'string' ? old.toLowerCase() + 'x' : JSON.stringify(old); break;
    case 'negate': parent[key] = typeof old === 'number' ? old * -1e5 : null; break;
    case 'swap': parent[key] = Array.isArray(old) ? [...old].reverse() : [old]; break;
    case 'wrap': parent[key] = { type: 'GeometryCollection', geometries: [old] }; break;
  }
  let text = JSON.stringify(copy, null, 1);
  if (m.text === 'truncate') text = text.slice(0, m.cut % (text.length + 1));
  if (m.text === 'bom') text = `\uFEFF${text}`;
  if (m.text === 'crlf') text = text.replace(/\n/g, '\r\n');
  if (m.text === 'nest') text = `${'['.repeat(m.cut % 200)}${text}${']'.repeat(m.cut % 200)}`;
  return text;
}

// ---------------------------------------------------------------- properties

describe('the validator never throws', () => {
  it('on any text, as every kind of file', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        for (const r of [readGeoJSON(text, 'a.geojson'), readCsv(text, 'a.csv'), readRows(text, 'a.json')]) expectComplete(r.problems);
        expectComplete(readStoryFile(text).problems);
        parseArticle(text);
      }),
      opts,
    );
  });

  it('on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        const text = JSON.stringify(v) ?? 'null';
        expectComplete(readLayer(text, 'a.geojson').problems);
        expectComplete(readLayer(text, 'a.json').problems);
        expectComplete(readStoryFile(text).problems);
      }),
      opts,
    );
  });

  it('on valid GeoJSON mutated at random, and what it accepts is valid when checked again', () => {
    fc.assert(
      fc.property(collection, mutation, (doc, m) => {
        const r = readGeoJSON(mutate(doc, m), 'a.geojson');
        expectComplete(r.problems);
        if (r.problems.some((p) => p.severity === 'error')) return;
        // Sound: the features the loader keeps (after its fixes) pass again with no error and no fix left to make.
        const again = readGeoJSON(JSON.stringify({ type: 'FeatureCollection', features: r.features.map((f) => ({ type: 'Feature', properties: f.properties, geometry: f.geometry })) }), 'b.geojson');
        const fixable = (p: Problem) => p.code === 'winding' || (p.code === 'antimeridian' && !p.fixed?.startsWith('Not split')) || !!p.code?.startsWith('geometry-collection');
        expect(again.problems.filter((p) => p.severity === 'error' || fixable(p))).toEqual([]);
        expect(again.features.map((f) => f.id)).toEqual(r.features.map((f) => f.id));
      }),
      opts,
    );
  });

  it('keeps every valid generated collection whole', () => {
    fc.assert(
      fc.property(collection, (doc) => {
        const r = readGeoJSON(JSON.stringify(doc), 'a.geojson');
        expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
        expect(r.features).toHaveLength(doc.features.length);
      }),
      opts,
    );
  });

  it('on story files mutated at random: a model, or a StoryFileError with problems, nothing else', () => {
    const layer = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'rome', name: 'Rome', date: '2020', source: 'GeoNames' }, geometry: { type: 'Point', coordinates: [12.4964, 41.9028] } }] });
    fc.assert(
      fc.property(mutation, fc.string({ maxLength: 200 }), (m, article) => {
        const story = mutate(createStoryFile(), m);
        try {
          const model = buildModel({ story, article: `We met in Rome. {#intro}\n\n${article}`, layers: { 'places.geojson': layer } });
          expectComplete(model.problems);
          for (const l of model.layers) if (l.error) expect(l.problems.length).toBeGreaterThan(0);
        } catch (e) {
          expect(e).toBeInstanceOf(StoryFileError);
          expect((e as StoryFileError).problems.length).toBeGreaterThan(0);
          expectComplete((e as StoryFileError).problems);
        }
      }),
      opts,
    );
  });

  it('on random tables, in CSV and as JSON rows', () => {
    const cell = fc.oneof(fc.string({ maxLength: 12 }), fc.double().map(String), fc.constantFrom('', '41,9', '41°54′N', 'yes', '"', '<b>x</b>', 'javascript:x'));
    const header = fc.shuffledSubarray(['id', 'name', 'lat', 'lon', 'date', 'source', 'passages', 'approximate', 'Latitude', 'lng', 'notes'], { minLength: 1 });
    fc.assert(
      fc.property(header, fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 8 }), fc.constantFrom(',', ';', '\t'), (head, rows, sep) => {
        const csv = [head, ...rows].map((r) => r.join(sep)).join('\n');
        expectComplete(readCsv(csv, 'a.csv').problems);
        const json = JSON.stringify(rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]]))));
        expectComplete(readRows(json, 'a.json').problems);
      }),
      opts,
    );
  });
});

describe('pathological input, bounded', () => {
  it('refuses a million levels of nesting without recursing into them', () => {
    for (const text of ['['.repeat(1_000_000), `${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}`]) {
      const r = readGeoJSON(text, 'deep.geojson');
      expect(r.problems.map((p) => p.code)).toEqual(['json-too-deep']);
    }
  });

  it('reads a line of 200,000 positions and reports a bad one among them once', () => {
    const coordinates = Array.from({ length: 200_000 }, (_, i) => [Math.round((30 + i / 1e5) * 1e5) / 1e5, 30 + (i % 7) / 100]);
    coordinates[150_000] = [30, 130];
    const text = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'l', name: 'L', date: '2020', source: 'x' }, geometry: { type: 'LineString', coordinates } }] });
    const r = readGeoJSON(text, 'long.geojson');
    expect(r.problems.map((p) => [p.code, p.path])).toEqual([['coordinates-swapped', 'features[0].geometry.coordinates[150000]']]);
    }, 30_000); // correctness at scale, not speed: a busy shared machine may take a while

  it('refuses a file over the size limit before parsing it', () => {
    const big = `{"type": "FeatureCollection", "features": [${' '.repeat(21 * 1024 * 1024)}]}`;
    const r = readGeoJSON(big, 'big.geojson');
    expect(r.problems).toMatchObject([{ code: 'file-too-large', severity: 'error' }]);
    expect(r.problems[0]!.message).toMatch(/21\.0 MB; the limit is 20\.0 MB/);
  });
});
