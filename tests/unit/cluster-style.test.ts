// Big point layers are clustered in the map style; small ones, and layers with lines or areas, not.
import { describe, expect, it } from 'vitest';
import { synthStory } from '../../bench/synth';
import { createPropertyExpression, latest } from '@maplibre/maplibre-gl-style-spec';
import { buildStyle, CLUSTER_DOT_RADII, CLUSTER_MAX_ZOOM, CLUSTER_MIN_POINTS, clusterDotId, clustered, interactiveLayerIds, styleLayerIds, styleLayersOf } from '../../src/lib/map/style';
import { clusterDotImage, storyImages } from '../../src/lib/map/patterns';
import { buildModel, type StoryTexts } from '../../src/lib/story/model';
import { readStoryFolder } from '../../src/lib/story/read-folder';
import { CGTN_DIR } from './fixtures';

const basemap = { tiles: 'http://localhost/basemap/tiles/{z}/{x}/{y}.pbf' };
const fonts = { latin: 'http://localhost/a.woff2', latinExt: 'http://localhost/b.woff2' };

function createSynthModel(points: number) {
  const files = synthStory({ name: 'clusters', points });
  const story = JSON.parse(files['story.json']!) as { layers: { file: string }[] };
  const texts: StoryTexts = { story: files['story.json']!, article: files['article.md']!, layers: Object.fromEntries(story.layers.map((l) => [l.file, files[l.file]!])) };
  return buildModel(texts);
}

describe('clustering', () => {
  it('clusters a big point layer: a clustered source, a dot and a count per cluster, clusters clickable first', () => {
    const model = createSynthModel(CLUSTER_MIN_POINTS);
    const style = buildStyle(model, new Set(['points']), { basemap, fonts });
    expect(style.sources['story:points']).toMatchObject({ type: 'geojson', cluster: true, clusterMaxZoom: CLUSTER_MAX_ZOOM });
    expect(style.sources['story:points']).not.toHaveProperty('promoteId');
    const ids = style.layers.map((l) => l.id);
    const ours = styleLayerIds('points');
    for (const id of [ours.cluster, ours.clusterCount]) expect(ids).toContain(id);
    const cluster = style.layers.find((l) => l.id === ours.cluster)!;
    expect(cluster).toMatchObject({ type: 'symbol', filter: ['has', 'point_count'], layout: { 'icon-allow-overlap': true, 'icon-ignore-placement': true } });
    // Single points keep their own layers (clusters carry no "kind", so they never match them).
    expect(style.layers.find((l) => l.id === ours.circle)).toMatchObject({ filter: ['==', ['get', 'kind'], 'point'] });
    // Clusters over points, counts with the labels on top of everything.
    expect(ids.indexOf(ours.cluster)).toBeGreaterThan(ids.indexOf(ours.circle));
    expect(ids.indexOf(ours.clusterCount)).toBeGreaterThan(ids.indexOf(ours.cluster));
    expect(interactiveLayerIds(model)[0]).toBe(ours.cluster);
    // Toggling the layer hides its clusters too.
    expect(styleLayersOf('points')).toEqual(expect.arrayContaining([ours.cluster, ours.clusterCount]));
  });

  it('gives a clustered layer no area or line style layers (they would match nothing), and its points all their own', () => {
    const model = createSynthModel(CLUSTER_MIN_POINTS);
    const style = buildStyle(model, new Set(['points']), { basemap, fonts });
    const ours = style.layers.filter((l) => 'source' in l && l.source === 'story:points');
    expect(ours.filter((l) => l.type === 'fill' || l.type === 'line')).toEqual([]);
    const ids = styleLayerIds('points');
    expect(ours.map((l) => l.id).sort()).toEqual([ids.circle, ids.cluster, ids.clusterCount, ids.label, ids.labelActive, ids.labelSelected, ids.circleBox].sort());
    // A small point layer (not clustered) has no cluster layers, and no area or line layers either:
    // it has no such features (drawnMarks, marks-style.test.ts).
    const small = createSynthModel(CLUSTER_MIN_POINTS - 1);
    const smallIds = buildStyle(small, new Set(['points']), { basemap, fonts }).layers.map((l) => l.id);
    expect(smallIds).toContain(ids.circle);
    for (const id of [ids.cluster, ids.clusterCount, ids.fill, ids.line, ids.casing]) expect(smallIds).not.toContain(id);
  });

  it('leaves small point layers and the CGTN story unclustered', () => {
    const small = createSynthModel(CLUSTER_MIN_POINTS - 1);
    expect(clustered(small.layers[0]!)).toBe(false);
    expect(buildStyle(small, new Set(['points']), { basemap, fonts }).sources['story:points']).not.toHaveProperty('cluster');
    const cgtn = readStoryFolder(CGTN_DIR);
    const style = buildStyle(cgtn, new Set(cgtn.layers.map((l) => l.spec.id)), { basemap, fonts });
    expect(style.layers.some((l) => l.id.endsWith(':cluster'))).toBe(false);
  });

  it('never clusters a layer with lines or areas (clustering would drop them)', () => {
    const model = createSynthModel(CLUSTER_MIN_POINTS + 10);
    const layer = model.layers[0]!;
    const withArea = { ...layer, features: [...layer.features, { ...layer.features[0]!, kind: 'area' as const }] };
    expect(clustered(withArea)).toBe(false);
  });

  it("draws a cluster's dot by its count: radius 11, 14, 18 or 23 px, from images made for the layer's colour", () => {
    const model = createSynthModel(CLUSTER_MIN_POINTS);
    const style = buildStyle(model, new Set(['points']), { basemap, fonts });
    const ours = styleLayerIds('points');
    const cluster = style.layers.find((l) => l.id === ours.cluster) as { layout: Record<string, unknown> };
    const image = createPropertyExpression(cluster.layout['icon-image'] as never, 'icon-image', latest.layout_symbol['icon-image'] as never);
    if (image.result !== 'success') throw new Error('icon-image does not parse');
    const at = (count: number) => String(image.value.evaluate({ zoom: 4 }, { type: 'Point', properties: { point_count: count } } as never));
    expect([1, 9, 10, 99, 100, 999, 1000, 50000].map(at)).toEqual([11, 11, 14, 14, 18, 18, 23, 23].map((r) => clusterDotId('points', r)));
    // Every image the layer names is made, at pixel ratio 2 (start.ts adds them all so).
    const images = new Map(storyImages(model.layers).map((i) => [i.id, i.image]));
    for (const r of CLUSTER_DOT_RADII) expect(images.has(clusterDotId('points', r)), `radius ${r}`).toBe(true);
    // A small layer gets none.
    expect(storyImages(createSynthModel(CLUSTER_MIN_POINTS - 1).layers).some((i) => i.id.includes('cluster-dot'))).toBe(false);
  });

  it("makes a cluster's dot a disc in the colour at 85 % with a white ring of 1.5 px outside its radius", () => {
    const radius = 14;
    const img = clusterDotImage('#b0413e', radius);
    const px = (dx: number) => {
      // dx device pixels right of the centre (pixel ratio 2), on the middle row.
      const i = ((img.height / 2) * img.width + img.width / 2 + dx) * 4;
      return [...img.data.slice(i, i + 4)];
    };
    expect(img.width).toBe(img.height);
    expect(img.width).toBeGreaterThanOrEqual((radius + 1.5) * 4);
    expect(px(0)).toEqual([0xb0, 0x41, 0x3e, Math.round(0.85 * 255)]);
    expect(px(2 * radius - 3)).toEqual([0xb0, 0x41, 0x3e, Math.round(0.85 * 255)]);
    expect(px(2 * radius + 1)).toEqual([255, 255, 255, 255]);
    expect(px(img.width / 2 - 1)[3]).toBe(0);
  });
});
