// One shader program per kind of drawing: MapLibre compiles a program for each mix of constant and
// per-feature paint values a layer type is drawn with, and on a software GL each costs some 60 ms of
// the map's first frames (docs/performance.md). The story's layers' values are per-feature; the
// basemap's and the story's constant ones are written per-feature too (perFeature in
// basemap-style.ts), so every layer of a kind shares one program.
import { describe, expect, it } from 'vitest';
import { createPropertyExpression, latest } from '@maplibre/maplibre-gl-style-spec';
import type { LayerSpecification } from 'maplibre-gl';
import { buildStyle, CLUSTER_MIN_POINTS } from '../../src/lib/map/style';
import { buildModel, type StoryModel, type StoryTexts } from '../../src/lib/story/model';
import { synthStory } from '../../bench/synth';
import { readStoryFolder } from '../../src/lib/story/read-folder';
import { join } from 'node:path';
import { CGTN_DIR } from './fixtures';

const SUEZ_DIR = join(CGTN_DIR, '../suez-2021-04-02');

/**
 * The shaders a layer is drawn with, as MapLibre picks them (patterns and dashes have their own): a
 * symbol layer draws its text with the SDF shader and its icons (ours are not SDF) with the icon
 * shader, each a program of its own.
 */
function shaders(l: LayerSpecification): string[] {
  const paint = (l as { paint?: Record<string, unknown> }).paint ?? {};
  const layout = (l as { layout?: Record<string, unknown> }).layout ?? {};
  if (l.type === 'line') return [paint['line-dasharray'] ? 'lineSDF' : paint['line-pattern'] ? 'linePattern' : 'line'];
  if (l.type === 'fill') return [paint['fill-pattern'] ? 'fillPattern' : 'fill'];
  if (l.type === 'symbol') return [...(layout['text-field'] ? ['symbolSDF'] : []), ...(layout['icon-image'] ? ['symbolIcon'] : [])];
  return [l.type];
}

/**
 * The paint properties a layer has per feature (an attribute in its program), sorted, each marked
 * with whether it also changes with zoom (another kind of attribute, another program variant).
 */
function perFeatureProps(l: LayerSpecification, kind = shaders(l)[0]!): string[] {
  const paint = (l as { paint?: Record<string, unknown> }).paint ?? {};
  const specs = (latest as unknown as Record<string, Record<string, unknown>>)[`paint_${l.type}`] ?? {};
  const props = Object.entries(paint)
    .filter(([p]) => (kind === 'symbolSDF' ? p.startsWith('text-') : kind === 'symbolIcon' ? p.startsWith('icon-') : true))
    .filter(([p, v]) => {
      if (!specs[p]) throw new Error(`${l.id}: no paint property ${p}`);
      // A plain value (a number, a colour, a dash array) is constant.
      if (!Array.isArray(v) || typeof v[0] !== 'string') return false;
      const e = createPropertyExpression(v, p, specs[p] as never);
      if (e.result !== 'success') throw new Error(`${l.id} ${p}: ${JSON.stringify(e.value)}`);
      return e.value.kind === 'source' || e.value.kind === 'composite';
    })
    .map(([p, v]) => (createPropertyExpression(v, p, specs[p] as never).value as { kind: string }).kind === 'composite' ? `${p} by zoom` : p);
  // Without an outline colour of its own, a fill's outline is drawn in its fill colour, per feature if that is.
  if (l.type === 'fill' && !('fill-outline-color' in paint) && props.includes('fill-color')) props.push('fill-outline-color');
  // A line's width comes with its floor width (what it is drawn with at least).
  for (const w of props.filter((p) => p.startsWith('line-width'))) props.push(w.replace('line-width', 'line-floorwidth'));
  return props.sort();
}

/** A story of a big point layer (clustered in the style: clusters, their counts, single points). */
function createClusteredModel() {
  const files = synthStory({ name: 'clusters', points: CLUSTER_MIN_POINTS });
  const story = JSON.parse(files['story.json']!) as { layers: { file: string }[] };
  const texts: StoryTexts = { story: files['story.json']!, article: files['article.md']!, layers: Object.fromEntries(story.layers.map((l) => [l.file, files[l.file]!])) };
  return buildModel(texts);
}

describe('shader programs', () => {
  const stories: [string, () => StoryModel][] = [
    ['cgtn', () => readStoryFolder(CGTN_DIR)],
    ['suez', () => readStoryFolder(SUEZ_DIR)],
    ['a clustered big layer', createClusteredModel],
  ];
  for (const [name, read] of stories)
    it(`every layer of ${name}'s style drawn with one shader has the same per-feature paint values: one program each`, () => {
      const model = read();
      const style = buildStyle(model, new Set(model.layers.map((l) => l.spec.id)), { basemap: { tiles: 'http://localhost/basemap/tiles/{z}/{x}/{y}.pbf' }, fonts: { latin: 'a', latinExt: 'b' } });
      const variants = new Map<string, Map<string, string[]>>();
      for (const l of style.layers) {
        if (l.type === 'background') continue;
        for (const kind of shaders(l)) {
          const key = perFeatureProps(l, kind).join(',');
          const byKey = variants.get(kind) ?? new Map<string, string[]>();
          byKey.set(key, [...(byKey.get(key) ?? []), l.id]);
          variants.set(kind, byKey);
        }
      }
      for (const [s, byKey] of variants) {
        const forms = [...byKey].map(([k, ids]) => `${k || 'all constant'} (${ids.join(', ')})`);
        expect(forms, s).toEqual(forms.slice(0, 1));
      }
      // The basemap's constant values are among them: its borders, water and names.
      const borders = style.layers.find((l) => l.id === 'borders')!;
      expect(perFeatureProps(borders)).toEqual(['line-color', 'line-floorwidth by zoom', 'line-opacity', 'line-width by zoom']);
    });

  it("draws a big layer's clusters with no shader the basemap does not use: its first frame links no program of its own", () => {
    // A clustered layer's opening view shows clusters only. Drawn as circles, they made MapLibre
    // link its circle program in the middle of that frame, the page's longest task on a software GL
    // (docs/performance.md); as icons they use the program the basemap's place dots have linked.
    const model = createClusteredModel();
    const style = buildStyle(model, new Set(model.layers.map((l) => l.spec.id)), { basemap: { tiles: 'http://localhost/basemap/tiles/{z}/{x}/{y}.pbf' }, fonts: { latin: 'a', latinExt: 'b' } });
    const programs = (l: LayerSpecification) => shaders(l).map((k) => `${k}: ${perFeatureProps(l, k).join(',')}`);
    const basemap = new Set(style.layers.filter((l) => !l.id.startsWith('story:') && l.type !== 'background').flatMap(programs));
    const clusters = style.layers.filter((l) => JSON.stringify((l as { filter?: unknown }).filter) === JSON.stringify(['has', 'point_count']));
    expect(clusters.map((l) => l.type)).toEqual(['symbol', 'symbol']);
    for (const l of clusters) for (const p of programs(l)) expect(basemap, `${l.id} ${p}`).toContain(p);
  });
});
