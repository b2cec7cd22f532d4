// The build-time model (model.json): reads back to the very model the validator made, and anything
// forged or broken in it is refused (the page then reads the story's files).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COORDINATE_DECIMALS, roundCoordinates, snapshotText } from '../../scripts/model-snapshot';
import { readStoryFolder } from '../../src/lib/story/read-folder';
import { fromSnapshot, SNAPSHOT_FORMAT, toSnapshot } from '../../src/lib/story/snapshot';
import { buildModel } from '../../src/lib/story/model';
import { CGTN_DIR, createTexts } from './fixtures';
import { showStoryDate } from '../../src/lib/story/story-date';

/** The model as it reads back: the same, with the date as the header shows it made at build time. */
const withDate = (model: ReturnType<typeof buildModel>) => ({ ...model, shownDate: showStoryDate(model.story.date, model.story.language) });

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
      expect(back).toEqual(withDate(model));
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
    expect(back).toEqual(withDate(model));
    // Links live in the two indexes only, not on each feature.
    expect(Object.keys(model.features.get('places:rome')!)).not.toContain('passages');
    expect(model.passagesByFeature.get('places:rome')).toEqual(['intro']);
  });

  it("carries the date as the header shows it, so the page need not format it; a forged one is refused", () => {
    const snap = snapshotOf(CGTN_DIR) as Record<string, unknown>;
    expect(snap.shownDate).toEqual({ date: '2020-01-09', language: 'en', text: 'January 9, 2020', datetime: '2020-01-09' });
    expect(fromSnapshot(snap)!.shownDate).toEqual({ text: 'January 9, 2020', datetime: '2020-01-09' });
    // Older model.json files have none: the page formats the date itself.
    expect(fromSnapshot({ ...snap, shownDate: undefined })!.shownDate).toBeUndefined();
    // Made for another date or language than the story's: not used (the page formats the date).
    const story = snap.story as Record<string, unknown>;
    expect(fromSnapshot({ ...snap, story: { ...story, date: '2020-01' } })!.shownDate).toBeUndefined();
    expect(fromSnapshot({ ...snap, story: { ...story, language: 'fr' } })!.shownDate).toBeUndefined();
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

  it('carries coordinates to five decimals (at most 0.55 m off the files), and reads back', () => {
    const model = readStoryFolder(CGTN_DIR);
    const text = snapshotText(CGTN_DIR);
    const back = fromSnapshot(JSON.parse(text))!;
    expect(back).not.toBeNull();
    let points = 0;
    let moved = 0;
    for (const layer of model.layers) {
      const mine = back.layers.find((l) => l.spec.id === layer.spec.id)!;
      const a = JSON.stringify(layer.data.features.map((f) => f.geometry)).match(/-?\d+(\.\d+)?(e-?\d+)?/g)!.map(Number);
      const b = JSON.stringify(mine.data.features.map((f) => f.geometry)).match(/-?\d+(\.\d+)?(e-?\d+)?/g)!.map(Number);
      expect(b.length).toBe(a.length);
      a.forEach((v, i) => {
        expect(Math.abs(b[i]! - v)).toBeLessThanOrEqual(0.5e-5 + 1e-12);
        expect(String(b[i]).split('.')[1]?.length ?? 0).toBeLessThanOrEqual(COORDINATE_DECIMALS);
        if (b[i] !== v) moved++;
      });
      points += a.length;
    }
    // The CGTN files give six decimals: most numbers were rounded, and the text is shorter for it.
    expect(points).toBeGreaterThan(5000);
    expect(moved).toBeGreaterThan(points / 2);
    expect(text.length).toBeLessThan(JSON.stringify(toSnapshot(model, {})).length - 8000);
    // Only geometry: a property that happens to be called "coordinates" and holds text is kept.
    expect(roundCoordinates('12.3456789')).toBe('12.3456789');
    expect(roundCoordinates([[1.123456, 2.000004], [3, null]])).toEqual([[1.12346, 2], [3, null]]);
  });

  it('refuses anything it cannot trust: another format, a javascript: link, a colour that is not one, a broken index', () => {
    const forged = (change: (s: ReturnType<typeof snapshotOf>) => void) => {
      const s = snapshotOf(CGTN_DIR);
      change(s);
      return fromSnapshot(s);
    };
    expect(forged(() => {})).not.toBeNull();
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
