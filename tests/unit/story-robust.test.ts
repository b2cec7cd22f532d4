// One mistake in story.json (a layer's entry, a credit) leaves out that one thing, with a message
// naming it; the rest of the story is told (docs/story-format.md, "What stops a story").
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validatePath } from '../../scripts/validate';
import { buildModel } from '../../src/lib/story/model';
import { StoryFileError } from '../../src/lib/story/model-core';
import { fromSnapshot, toSnapshot } from '../../src/lib/story/snapshot';
import { createPoint, createTexts } from './fixtures';

const PLACES = { id: 'places', name: 'Places', file: 'places.geojson', color: '#336699' };
const twoLayers = (second: Record<string, unknown>) => ({ layers: [PLACES, second] });
/** The model as the page reads it back from model.json. */
const roundTrip = (model: ReturnType<typeof buildModel>) => fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(model, {}))));

describe('a layer whose own entry in story.json is not valid', () => {
  for (const [what, spec, path, words] of [
    ['without a colour', { id: 'border', name: 'Border', file: 'places.geojson' }, 'layers[1].color', /"color" is missing; it is required/],
    ['with a colour that is not hex', { id: 'border', name: 'Border', file: 'places.geojson', color: 'green' }, 'layers[1].color', /"color" is "green": write a colour as #rgb or #rrggbb/],
  ] as const) {
    it(`${what}: that layer is left out, named, and the rest of the story is told`, () => {
      const model = buildModel(createTexts({ story: twoLayers(spec) }));
      expect(model.layers.map((l) => [l.spec.id, l.spec.name, !!l.error])).toEqual([['places', 'Places', false], ['border', 'Border', true]]);
      expect(model.layers[0]!.features.map((f) => f.key)).toEqual(['places:rome']);
      expect(model.passages.map((p) => p.id)).toEqual(['intro', 'outro']);
      const p = model.problems.find((x) => x.path === path)!;
      expect(p).toMatchObject({ severity: 'error', file: 'story.json' });
      // Named by its name and id, not only by its place in the list, with the fix and what the page does.
      expect(p.message).toMatch(/^The layer “Border” \(id "border", layers\[1\]\): /);
      expect(p.message).toMatch(words);
      expect(p.fix).toMatch(/docs\/story-format\.md/);
      expect(p.fixed).toMatch(/left out/);
      // The legend's "Not shown: …" says what is wrong.
      expect(model.layers[1]!.error).toContain(p.message);
      expect(model.layers[1]!.problems).toContainEqual(p);
      // model.json carries the same, and the page reads it back.
      const back = roundTrip(model);
      expect(back?.layers.map((l) => [l.spec.id, l.error])).toEqual(model.layers.map((l) => [l.spec.id, l.error]));
    });
  }

  it('an entry with no usable id is known by a key no valid id can have; what truly stops a story still does', () => {
    const model = buildModel(createTexts({ story: twoLayers({ id: 'bad id!', name: 'Roads', file: 'places.geojson', color: '#123456' }) }));
    expect(model.layers[1]!.spec).toMatchObject({ id: 'layers[1]', name: 'Roads', color: '#123456' });
    expect(model.layers[1]!.error).toMatch(/The layer “Roads” \(id "bad id!", layers\[1\]\): "id" is "bad id!"/);
    expect(roundTrip(model)).not.toBeNull();
    // What truly stops a story still does (no layers at all, no title), and a bad layer is reported with it.
    expect(() => buildModel(createTexts({ story: { layers: [] } }))).toThrow(StoryFileError);
    let stopped: StoryFileError | undefined;
    try {
      buildModel(createTexts({ story: { title: '', ...twoLayers({ id: 'border', name: 'Border', file: 'places.geojson' }) } }));
    } catch (e) {
      stopped = e as StoryFileError;
    }
    expect(stopped?.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['title', 'layers[1].color']));
  });

});

describe('a credit with an unsafe or invalid link', () => {
  it('is shown as plain text without the link; nothing else is lost', () => {
    const model = buildModel(createTexts({ story: { attribution: [{ text: 'Made with Natural Earth', url: 'https://www.naturalearthdata.com/' }, { text: 'Click me', url: 'javascript:alert(7)' }] } }));
    expect(model.story.attribution).toEqual([{ text: 'Made with Natural Earth', url: 'https://www.naturalearthdata.com/' }, { text: 'Click me' }]);
    expect(model.layers[0]!.error).toBeUndefined();
    const p = model.problems.find((x) => x.path === 'attribution[1].url')!;
    expect(p).toMatchObject({ severity: 'error', code: 'unsafe-link' });
    expect(p.message).toMatch(/^The credit “Click me”: "url" is "javascript:alert\(7\)"/);
    expect(p.fixed).toBe('The credit is shown as plain text, without the link.');
    expect(roundTrip(model)?.story.attribution).toEqual(model.story.attribution);
  });

  it("the original article's unsafe link is left out, not the story", () => {
    const model = buildModel(createTexts({ story: { url: 'javascript:alert(1)' } }));
    expect(model.story.url).toBeUndefined();
    expect(model.problems.find((x) => x.path === 'url')).toMatchObject({ severity: 'error', code: 'unsafe-link' });
  });
});

describe('a mistake in the newsroom’s own basemap', () => {
  const STYLE = 'https://maps.example.org/style.json';
  it('an unsafe link in its credit: the credit is shown as plain text, the basemap and the story kept', () => {
    const model = buildModel(createTexts({ story: { basemap: { style: STYLE, attribution: [{ text: 'Newsroom tiles', url: 'javascript:alert(3)' }] } } }));
    expect(model.story.basemap).toEqual({ style: STYLE, attribution: [{ text: 'Newsroom tiles' }] });
    const p = model.problems.find((x) => x.path === 'basemap.attribution[0].url')!;
    expect(p).toMatchObject({ severity: 'error', code: 'unsafe-link', file: 'story.json' });
    expect(p.message).toMatch(/^The credit “Newsroom tiles”: /);
    expect(p.fixed).toBe('The credit is shown as plain text, without the link.');
    expect(model.layers[0]!.features.map((f) => f.key)).toEqual(['places:rome']);
    expect(roundTrip(model)?.story.basemap).toEqual(model.story.basemap);
  });

  it('any other mistake: the map is drawn on the site’s own basemap and the story is told', () => {
    for (const basemap of [{ style: 'ftp://maps.example.org/style.json', attribution: [{ text: 'Newsroom tiles' }] }, { style: STYLE }, { style: STYLE, attribution: [{ url: 'https://maps.example.org/' }] }, 'yes']) {
      const model = buildModel(createTexts({ story: { basemap } }));
      expect(model.story.basemap, JSON.stringify(basemap)).toBeUndefined();
      expect(model.passages.map((x) => x.id)).toEqual(['intro', 'outro']);
      const p = model.problems.find((x) => x.path?.startsWith('basemap') && x.fixed === 'The map is drawn on the site’s own basemap instead.');
      expect(p, JSON.stringify(model.problems)).toMatchObject({ severity: 'error', file: 'story.json' });
    }
  });
});

describe('a layer id used twice', () => {
  it('the second layer stays in the model as failed, under a key of its own, with the validator’s message', () => {
    const model = buildModel({ ...createTexts({ story: { layers: [PLACES, { id: 'border', name: 'Border', file: 'a.geojson', color: '#aa0000' }, { id: 'border', name: 'Border again', file: 'b.geojson', color: '#00aa00' }] } }), layers: {
      'places.geojson': JSON.stringify({ type: 'FeatureCollection', features: [createPoint('rome', [12.4964, 41.9028])] }),
      'a.geojson': JSON.stringify({ type: 'FeatureCollection', features: [createPoint('x', [13, 42])] }),
      'b.geojson': JSON.stringify({ type: 'FeatureCollection', features: [createPoint('x', [14, 43])] }),
    } });
    expect(model.layers.map((l) => [l.spec.id, l.spec.name, !!l.error])).toEqual([['places', 'Places', false], ['border', 'Border', false], ['layers[2]', 'Border again', true]]);
    const p = model.problems.find((x) => x.code === 'layer-id-duplicate')!;
    expect(p.message).toBe('The layer id "border" of “Border again” is already used by layers[1] (“Border”).');
    expect(p.fixed).toMatch(/left out/);
    expect(model.layers[2]!.error).toContain(p.message);
    // Its features never meet the first layer's.
    expect(model.features.get('border:x')?.bbox[0]).toBe(13);
    expect(roundTrip(model)?.layers.map((l) => l.spec.id)).toEqual(['places', 'border', 'layers[2]']);
  });
});

describe('a source written as a javascript: link', () => {
  const SOURCE = 'javascript:alert(8)';
  it('in a GeoJSON feature: the layer is shown, the source as plain text, with a warning in words that fit a source', () => {
    const model = buildModel(createTexts({ features: [createPoint('rome', [12.4964, 41.9028], { source: SOURCE })] }));
    expect(model.layers[0]!.error).toBeUndefined();
    expect(model.features.get('places:rome')?.source).toBe(SOURCE);
    const p = model.problems.find((x) => x.path === 'features[0].properties.source')!;
    expect(p).toMatchObject({ severity: 'warning', code: 'link-as-text', file: 'places.geojson' });
    expect(p.message).toMatch(/plain text, shown as written and never used as a link/);
    // Not advice for a link: a source is never one.
    expect(`${p.message} ${p.fix} ${p.fixed}`).not.toMatch(/Link to an https/);
    expect(p.fix).toMatch(/where the location comes from/);
    expect(model.problems.filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('in a CSV row: the row is kept, with the same warning on the "source" column', () => {
    const texts = createTexts({ story: { layers: [{ ...PLACES, file: 'places.csv' }] } });
    texts.layers = { 'places.csv': `id,name,lat,lon,date,source\nrome,Rome,41.9028,12.4964,2020,${SOURCE}\n` };
    const model = buildModel(texts);
    expect(model.layers[0]!.error).toBeUndefined();
    expect(model.features.get('places:rome')?.source).toBe(SOURCE);
    expect(model.problems.find((x) => x.code === 'link-as-text')).toMatchObject({ severity: 'warning', file: 'places.csv', field: 'source', row: 1 });
  });
});

describe('coordinates written [lat, lon]', () => {
  // West Berlin, roughly; every position written latitude first, it lies in the Arabian Sea.
  const WEST_BERLIN = [[[13.09, 52.34], [13.4, 52.34], [13.4, 52.6], [13.09, 52.6], [13.09, 52.34]]];
  const swap = (rings: number[][][]) => rings.map((r) => r.map(([x, y]) => [y!, x!]));
  const BERLIN = { view: { bounds: [13.0, 52.3, 13.8, 52.7] } };
  const area = (id: string, rings: number[][][]) => ({ type: 'Feature', properties: { id, name: id, date: '1961', source: 'Fixture' }, geometry: { type: 'Polygon', coordinates: rings } });
  const story = (extra: Record<string, unknown> = {}) => ({
    ...BERLIN,
    layers: [PLACES, { id: 'areas', name: 'Areas', file: 'areas.geojson', color: '#2563a8' }],
    features: { 'places:gate': { passages: ['intro'] } },
    ...extra,
  });
  const gate = { type: 'Feature', properties: { id: 'gate', name: 'Brandenburg Gate', date: '1961', source: 'Fixture' }, geometry: { type: 'Point', coordinates: [13.3777, 52.5163] } };
  const texts = (areas: unknown[], places: unknown[] = [gate]) => ({
    ...createTexts({ story: story(), article: 'The Brandenburg Gate and West Berlin. {#intro}\n' }),
    layers: { 'places.geojson': JSON.stringify({ type: 'FeatureCollection', features: places }), 'areas.geojson': JSON.stringify({ type: 'FeatureCollection', features: areas }) },
  });

  it('a polygon with every position swapped, inside the view when swapped and far from everything as written: an error, its layer left out; the ambiguous case stays a warning', () => {
    const model = buildModel(texts([area('west', swap(WEST_BERLIN))]));
    const p = model.problems.find((x) => x.code === 'coordinates-swapped')!;
    expect(p).toMatchObject({ severity: 'error', file: 'areas.geojson', feature: { index: 0, id: 'west' } });
    expect(p.message).toMatch(/“west” lies far outside the story's map view, at \[52\.34, 13\.09\].*with latitude and longitude swapped it lies inside the view/);
    expect(p.fix).toMatch(/\[lon, lat\]/);
    expect(model.layers[1]!.error).toMatch(/error/);
    expect(model.features.has('areas:west')).toBe(false);
    // The rest of the story is told; written the right way round, the area is no problem.
    expect(model.layers[0]!.error).toBeUndefined();
    expect(buildModel(texts([area('west', WEST_BERLIN)])).problems.filter((x) => /swapped/.test(x.code ?? ''))).toEqual([]);
    // The ambiguous case stays a warning (the layer is drawn): near other places the story shows
    // there, or only partly in the view when swapped.
    // The story also shows a place near where the swapped one is written (and that one does not look swapped).
    const near = { type: 'Feature', properties: { id: 'aden', name: 'Near', date: '1961', source: 'Fixture' }, geometry: { type: 'Point', coordinates: [52.9, 13.2] } };
    const suspect = { type: 'Feature', properties: { id: 'odd', name: 'Odd', date: '1961', source: 'Fixture' }, geometry: { type: 'Point', coordinates: [52.5, 13.4] } };
    const m1 = buildModel(texts([area('west', WEST_BERLIN)], [gate, near, suspect]));
    expect(m1.problems.find((x) => x.feature?.id === 'odd' && /swapped/.test(x.code ?? ''))).toMatchObject({ severity: 'warning', code: 'coordinates-maybe-swapped' });
    expect(m1.layers[0]!.error).toBeUndefined();
    // A long line that, swapped, only crosses the view.
    const line = { type: 'Feature', properties: { id: 'line', name: 'Line', date: '1961', source: 'Fixture' }, geometry: { type: 'LineString', coordinates: [[52.5, 13.4], [52.5, 18]] } };
    const m2 = buildModel(texts([area('west', WEST_BERLIN)], [gate, line]));
    expect(m2.problems.find((x) => x.feature?.id === 'line')).toMatchObject({ severity: 'warning', code: 'coordinates-maybe-swapped' });
    expect(m2.layers[0]!.error).toBeUndefined();
  });

  it('a CSV row with lat and lon swapped: an error naming its lat and lon columns', () => {
    const t = createTexts({ story: { ...BERLIN, layers: [{ ...PLACES, file: 'places.csv' }], features: { 'places:gate': { passages: ['intro'] } } }, article: 'The Brandenburg Gate. {#intro}\n' });
    t.layers = { 'places.csv': 'id,name,latitude,longitude,date,source\ngate,Brandenburg Gate,52.5163,13.3777,1961,Fixture\nzoo,Zoo,13.337,52.508,1961,Fixture\n' };
    const model = buildModel(t);
    const p = model.problems.find((x) => x.code === 'coordinates-swapped')!;
    expect(p).toMatchObject({ severity: 'error', file: 'places.csv', row: 2, field: 'latitude' });
    expect(p.message).toMatch(/“Zoo” lies far outside the story's map view, at latitude 13\.337, longitude 52\.508/);
    expect(p.fix).toMatch(/“latitude” column should hold the latitude .* and “longitude” the longitude/);
    expect(`${p.message} ${p.fix}`).not.toMatch(/\bname\b/);
    expect(model.layers[0]!.error).toMatch(/error/);
  });

  it('the validator exits non-zero for it', () => {
    const r = validatePath(join(import.meta.dirname, '../fixtures/validator/story/in/swapped-in-range'));
    expect(r.ok).toBe(false);
    expect(r.problems.map((x) => [x.severity, x.code])).toContainEqual(['error', 'coordinates-swapped']);
  });
});
