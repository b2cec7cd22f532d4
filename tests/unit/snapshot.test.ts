// The build-time model (model.json): reads back to the very model the validator made, and anything
// forged or broken in it is refused (the page then reads the story's files).
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Geometry, Position } from 'geojson';
import { COORDINATE_DECIMALS, encodeLayerData, snapshotText } from '../../scripts/model-snapshot';
import { readStoryFolder } from '../../src/lib/story/read-folder';
import { fromSnapshot, SNAPSHOT_FORMAT, toSnapshot } from '../../src/lib/story/snapshot';
import { buildModel } from '../../src/lib/story/model';
import { CGTN_DIR, createTexts } from './fixtures';


const SUEZ_DIR = join(import.meta.dirname, '../../geodata/suez-2021-04-02');
const BROKEN_DIR = join(import.meta.dirname, '../fixtures/stories/broken-layer');

const snapshotOf = (dir: string) => JSON.parse(snapshotText(dir)) as Record<string, unknown> & { blocks: { inlines?: unknown[] }[]; layers: { spec: { color: string } }[]; story: { attribution: { url?: string }[] } };

describe('model.json', () => {
  for (const [name, dir] of [['CGTN', CGTN_DIR], ['Suez', SUEZ_DIR], ['a story with a broken layer', BROKEN_DIR]] as const) {
    it(`reads back to the same model: ${name}`, () => {
      const model = readStoryFolder(dir);
      const back = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(model, {}))));
      expect(back).not.toBeNull();
      // Same content, same order in every index.
      expect(back).toEqual(model);
      expect([...back!.features.keys()]).toEqual([...model.features.keys()]);
      expect([...back!.featuresByPassage]).toEqual([...model.featuresByPassage]);
      expect(Object.isFrozen(back)).toBe(true);
    });
  }

  it('is assembled by the same rule both ways: a repeated passage id links to its first passage', () => {
    const model = buildModel(createTexts({ article: 'We met in Rome today. {#intro}\n\nRome again. {#intro}\n' }));
    expect(model.problems.some((p) => p.severity === 'error' && /intro/.test(p.message))).toBe(true);
    expect(model.passages.map((p) => p.text)).toEqual(['We met in Rome today.', 'Rome again.']);
    expect(model.passageById.get('intro')!.text).toBe('We met in Rome today.');
    const back = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(model, {}))))!;
    expect(back.passageById.get('intro')!.text).toBe('We met in Rome today.');
    expect(back).toEqual(model);
    // Links live in the two indexes only, not on each feature.
    expect(Object.keys(model.features.get('places:rome')!)).not.toContain('passages');
    expect(model.passagesByFeature.get('places:rome')).toEqual(['intro']);
  });

  it("carries the date as the header shows it, so the page need not format it; a forged one is refused", () => {
    const snap = snapshotOf(CGTN_DIR) as Record<string, unknown>;
    expect(snap.shownDate).toEqual({ date: '2020-01-09', language: 'en', text: 'January 9, 2020', datetime: '2020-01-09' });
    expect(fromSnapshot(snap)!.shownDate).toEqual({ text: 'January 9, 2020', datetime: '2020-01-09' });
    // None, or made for another date or language than the story's (a model.json edited by hand):
    // refused, and the page reads the files (the page has no date formatter of its own).
    expect(fromSnapshot({ ...snap, shownDate: undefined })).toBeNull();
    const story = snap.story as Record<string, unknown>;
    expect(fromSnapshot({ ...snap, story: { ...story, date: '2020-01' } })).toBeNull();
    expect(fromSnapshot({ ...snap, story: { ...story, language: 'fr' } })).toBeNull();
    // A model made from the files formats the date with the validator.
    expect(readStoryFolder(CGTN_DIR).shownDate).toEqual({ text: 'January 9, 2020', datetime: '2020-01-09' });
    for (const forged of [{ text: 42, datetime: null }, { text: 'x'.repeat(501), datetime: null }, { text: 'ok', datetime: '<script>' }, 'ok', null])
      expect(fromSnapshot({ ...snap, shownDate: forged }), JSON.stringify(forged)).toBeNull();
  });

  it('records its source files and their sizes', () => {
    const snap = snapshotOf(CGTN_DIR);
    expect(snap.format).toBe(SNAPSHOT_FORMAT);
    expect(Object.keys(snap.sources as object)).toEqual(expect.arrayContaining(['story.json', 'article.md', 'layers/libya.geojson']));
    expect((snap.sources as Record<string, number>)['story.json']).toBeGreaterThan(1000);
  });

  it('is smaller than the files it replaces (properties the page never shows are left out)', async () => {
    const { readFileSync, statSync } = await import('node:fs');
    const snap = snapshotOf(CGTN_DIR);
    const files = Object.keys(snap.sources as object).reduce((n, f) => n + statSync(join(CGTN_DIR, f)).size, 0);
    expect(snapshotText(CGTN_DIR).length).toBeLessThan(files * 1.2);
    expect(readFileSync(join(CGTN_DIR, 'layers/istanbul.geojson'), 'utf8')).toContain('coord_license');
    expect(JSON.stringify(snap.layers)).not.toContain('coord_license');
  });

  it('carries geometry as TopoJSON on a 1e-5° grid (at most 0.55 m off the files), and reads back', () => {
    const model = readStoryFolder(CGTN_DIR);
    const text = snapshotText(CGTN_DIR);
    const snap = JSON.parse(text) as { layers: Record<string, unknown>[] };
    // Written as TopoJSON, not GeoJSON: one object, quantized on the grid.
    for (const l of snap.layers) {
      expect(l.data).toBeUndefined();
      expect(l.topology).toMatchObject({ type: 'Topology', transform: { scale: [1 / 10 ** COORDINATE_DECIMALS, 1 / 10 ** COORDINATE_DECIMALS] } });
    }
    const back = fromSnapshot(snap)!;
    expect(back).not.toBeNull();
    // A polygon's ring may start at another of its points (rings are cut where borders meet): each
    // ring is compared from its smallest point, without the closing one.
    const rotate = (ring: Position[]) => {
      const open = ring.slice(0, -1);
      let k = 0;
      open.forEach((p, i) => void ((p[0]! < open[k]![0]! || (p[0] === open[k]![0] && p[1]! < open[k]![1]!)) && (k = i)));
      return [...open.slice(k), ...open.slice(0, k)];
    };
    const positions = (g: Geometry | null): Position[] => {
      if (!g) return [];
      switch (g.type) {
        case 'Point': return [g.coordinates];
        case 'MultiPoint': case 'LineString': return g.coordinates;
        case 'MultiLineString': return g.coordinates.flat();
        case 'Polygon': return g.coordinates.flatMap(rotate);
        case 'MultiPolygon': return g.coordinates.flatMap((poly) => poly.flatMap(rotate));
        case 'GeometryCollection': return g.geometries.flatMap(positions);
      }
    };
    let points = 0;
    let moved = 0;
    for (const layer of model.layers) {
      const mine = back.layers.find((l) => l.spec.id === layer.spec.id)!;
      expect(mine.data.features.map((f) => [f.id, f.properties, f.geometry?.type])).toEqual(layer.data.features.map((f) => [f.id, f.properties, f.geometry?.type]));
      layer.data.features.forEach((f, j) => {
        const a = positions(f.geometry);
        const b = positions(mine.data.features[j]!.geometry);
        expect(b.length).toBe(a.length);
        a.forEach((p, i) => {
          for (const d of [0, 1]) {
            expect(Math.abs(b[i]![d]! - p[d]!)).toBeLessThanOrEqual(0.5e-5 + 1e-9);
            if (Math.abs(b[i]![d]! - p[d]!) > 1e-12) moved++;
          }
        });
        points += a.length;
      });
    }
    // The CGTN files give six decimals: most numbers moved to the grid, and the text is far shorter
    // than the same model as GeoJSON.
    expect(points).toBeGreaterThan(2500);
    expect(moved).toBeGreaterThan(points);
    expect(gzipSync(text).length).toBeLessThan(gzipSync(JSON.stringify(toSnapshot(model, {}))).length * 0.7);
  });

  it('writes a border two areas share once, and keeps a layer with no geometry', () => {
    const square = (x: number) => [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]];
    const t = encodeLayerData({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 'a', properties: { name: 'A' }, geometry: { type: 'Polygon', coordinates: square(0) } },
        { type: 'Feature', id: 'b', properties: { name: 'B' }, geometry: { type: 'Polygon', coordinates: square(1) } },
        { type: 'Feature', id: 'c', properties: { name: 'C' }, geometry: null },
      ],
    });
    // Two squares side by side: the edge x = 1 is one arc both use.
    const used = JSON.stringify(t.objects.data).match(/-?\d+/g)!.map(Number).map((i) => (i < 0 ? ~i : i));
    expect(new Set(used).size).toBeLessThan(used.length);
    expect(encodeLayerData({ type: 'FeatureCollection', features: [] })).toMatchObject({ type: 'Topology', arcs: [] });
  });

  it('refuses anything it cannot trust: another format, a javascript: link, a colour that is not one, a broken index', () => {
    const forged = (change: (s: ReturnType<typeof snapshotOf>) => void) => {
      const s = snapshotOf(CGTN_DIR);
      change(s);
      return fromSnapshot(s);
    };
    expect(forged(() => {})).not.toBeNull();
    // Its geometry (TopoJSON): an arc that is not there, a point that is not one, no grid, a second object, GeoJSON as well.
    type Topo = { arcs: unknown[][]; transform?: unknown; objects: Record<string, { geometries: { arcs?: unknown }[] }> };
    const topo = (s: ReturnType<typeof snapshotOf>) => (s.layers[0] as unknown as { topology: Topo }).topology;
    expect(forged((s) => (topo(s).objects.data!.geometries.find((g) => g.arcs)!.arcs = [[[topo(s).arcs.length + 5]]]))).toBeNull();
    expect(forged((s) => topo(s).arcs[0]!.push(['1', 2]))).toBeNull();
    expect(forged((s) => delete topo(s).transform)).toBeNull();
    expect(forged((s) => (topo(s).objects.other = { geometries: [] }))).toBeNull();
    expect(forged((s) => Object.assign(s.layers[0]!, { data: { type: 'FeatureCollection', features: [] } }))).toBeNull();
    expect(forged((s) => (s.format = 'story-map/model@0'))).toBeNull();
    expect(forged((s) => s.blocks.find((b) => b.inlines)!.inlines!.push({ type: 'link', href: 'javascript:alert(1)', children: [] }))).toBeNull();
    expect(forged((s) => s.blocks.find((b) => b.inlines)!.inlines!.push({ type: 'link', href: ' java\tscript:alert(1)', children: [] }))).toBeNull();
    expect(forged((s) => s.blocks.find((b) => b.inlines)!.inlines!.push({ type: 'html', text: '<img onerror=x>' }))).toBeNull();
    expect(forged((s) => (s.layers[0]!.spec.color = 'red; background: url(//evil.example)'))).toBeNull();
    expect(forged((s) => (s.story.attribution[0]!.url = 'data:text/html,x'))).toBeNull();
    expect(forged((s) => (s.featuresByPassage = [['p', 'not-a-list']]))).toBeNull();
    // The scale bar's units: one of the three, or none.
    const units = (u: unknown) => (s: ReturnType<typeof snapshotOf>) => void (((s.story as unknown as { view: Record<string, unknown> }).view).units = u);
    expect(forged(units('nautical'))).not.toBeNull();
    expect(forged(units('<b>km</b>'))).toBeNull();
    // A newsroom basemap: only http(s) addresses, one of style and tiles, credits with safe links.
    const basemap = (b: unknown) => (s: ReturnType<typeof snapshotOf>) => void ((s.story as unknown as Record<string, unknown>).basemap = b);
    expect(forged(basemap({ style: 'https://tiles.example.org/style.json', attribution: [{ text: '© Newsroom' }] }))).not.toBeNull();
    expect(forged(basemap({ style: 'javascript:alert(1)', attribution: [{ text: 'x' }] }))).toBeNull();
    expect(forged(basemap({ tiles: '//tiles.example.org/{z}/{x}/{y}.pbf' }))).toBeNull();
    expect(forged(basemap({ tiles: 'https://a/{z}/{x}/{y}.pbf', style: 'https://a/s.json' }))).toBeNull();
    expect(forged(basemap({ pmtiles: 'https://a/planet.pmtiles', schema: 'protomaps', attribution: [{ text: '© OpenStreetMap' }] }))).not.toBeNull();
    expect(forged(basemap({ pmtiles: 'file:///etc/planet.pmtiles' }))).toBeNull();
    expect(forged(basemap({ pmtiles: 'https://a/b.pmtiles', style: 'https://a/s.json' }))).toBeNull();
    expect(forged(basemap({ pmtiles: 'https://a/b.pmtiles', schema: '<script>' }))).toBeNull();
    expect(forged(basemap({ style: 'https://a/s.json', attribution: [{ text: 'x', url: 'data:text/html,x' }] }))).toBeNull();
    expect(fromSnapshot(null)).toBeNull();
    expect(fromSnapshot('{}')).toBeNull();
  });
});
