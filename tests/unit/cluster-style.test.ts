// Big point layers are clustered in the map style; small ones, and layers with lines or areas, not.
import { describe, expect, it } from 'vitest';
import { synthStory } from '../../bench/synth';
import { buildStyle, CLUSTER_MAX_ZOOM, CLUSTER_MIN_POINTS, clustered, interactiveLayerIds, styleLayerIds, styleLayersOf } from '../../src/lib/map/style';
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
  it('clusters a big point layer: a clustered source, a circle and a count per cluster, clusters clickable first', () => {
    const model = createSynthModel(CLUSTER_MIN_POINTS);
    const style = buildStyle(model, new Set(['points']), { basemap, fonts });
    expect(style.sources['story:points']).toMatchObject({ type: 'geojson', cluster: true, clusterMaxZoom: CLUSTER_MAX_ZOOM });
    expect(style.sources['story:points']).not.toHaveProperty('promoteId');
    const ids = style.layers.map((l) => l.id);
    const ours = styleLayerIds('points');
    for (const id of [ours.cluster, ours.clusterCount]) expect(ids).toContain(id);
    const cluster = style.layers.find((l) => l.id === ours.cluster)!;
    expect(cluster).toMatchObject({ type: 'circle', filter: ['has', 'point_count'] });
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
    // A small point layer (not clustered) keeps them: the same story can add areas to it.
    const small = createSynthModel(CLUSTER_MIN_POINTS - 1);
    expect(buildStyle(small, new Set(['points']), { basemap, fonts }).layers.some((l) => l.id === ids.fill)).toBe(true);
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
});
