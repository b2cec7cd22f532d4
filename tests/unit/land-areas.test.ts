// Areas on land drawn under the basemap's water (scripts/land-areas.ts, style.ts landAreas), so
// that an outline from another source than the basemap's coast stops at that coast: which areas
// are on land, and where the map, the SVG map and the first-paint picture draw them.
import { featureFilter } from '@maplibre/maplibre-gl-style-spec';
import type { FilterSpecification } from 'maplibre-gl';
import type { Polygon } from 'geojson';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAND_SHARE, landShare, markLandAreas, type WaterIn } from '../../scripts/land-areas';
import { snapshotFiles } from '../../scripts/model-snapshot';
import { staticMapSvg } from '../../scripts/static-map';
import { svgScene, type SceneBasemap } from '../../src/lib/fallback/scene';
import { buildStyle, COLORS, interactiveLayerIds, sourceId, styleLayerIds } from '../../src/lib/map/style';
import { buildModel, type BBox, type StoryModel } from '../../src/lib/story/model';
import { fromSnapshot } from '../../src/lib/story/snapshot';
import { CGTN_DIR, createTexts } from './fixtures';

const GEODATA = join(import.meta.dirname, '../../geodata');
const box = (w: number, s: number, e: number, n: number): Polygon => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
/** A sea north of 30° N between 0° and 20° E; land everywhere else. */
const SEA = box(0, 30, 20, 60);
const water: WaterIn = () => [SEA];

describe('which areas lie on land', () => {
  it('measures the share of an area that no water polygon holds', () => {
    expect(landShare(box(2, 10, 8, 20), water)).toBe(1);
    expect(landShare(box(2, 35, 8, 45), water)).toBe(0);
    // Half on each side of the coast at 30° N.
    expect(landShare(box(2, 25, 8, 35), water)).toBeCloseTo(0.5, 1);
    // A district whose outline runs a little past the coast is on land.
    expect(landShare(box(2, 20, 8, 30.4), water)!).toBeGreaterThanOrEqual(LAND_SHARE);
    // No area: nothing to say.
    expect(landShare({ type: 'Point', coordinates: [5, 5] }, water)).toBeNull();
    expect(landShare({ type: 'LineString', coordinates: [[5, 5], [6, 6]] }, water)).toBeNull();
  });

  it('reads the water of an area across 180° where the tiles have it, west of 180° and east of −180°', () => {
    const asked: BBox[] = [];
    // Water east of −180° only (the tiles' longitudes run from −180 to 180).
    const pacific: WaterIn = (b) => {
      asked.push(b);
      return [box(-180, -30, -170, 0)];
    };
    // Written with continuous longitudes (lon-wrap.ts): 175° E to 175° W, half of it that water.
    const share = landShare(box(175, -20, 185, -10), pacific)!;
    expect(share).toBeCloseTo(0.5, 1);
    expect(asked.map((b) => [b[0], b[2]])).toEqual([[175, 180], [-180, -175]]);
  });

  it('marks the map features of areas on land, and nothing else', () => {
    const area = (id: string, p: Polygon) => ({ type: 'Feature', properties: { id, name: id, date: '2020', source: 'NE' }, geometry: p });
    const model = buildModel(
      createTexts({
        story: { features: { 'places:coastal': { passages: ['intro'] } } },
        features: [area('coastal', box(2, 20, 8, 30.4)), area('bay', box(2, 25, 8, 40)), { type: 'Feature', properties: { id: 'town', name: 'Town', date: '2020', source: 'GeoNames' }, geometry: { type: 'Point', coordinates: [5, 10] } }],
      }),
    );
    const before = JSON.stringify(model.layers);
    const layers = markLandAreas(model.layers, water);
    const land = (id: string) => layers[0]!.data.features.find((f) => f.properties?.id === id)!.properties!.land;
    expect(land('coastal')).toBe(true);
    expect(land('bay')).toBeUndefined();
    expect(land('town')).toBeUndefined();
    // The model it was given is left as it was.
    expect(JSON.stringify(model.layers)).toBe(before);
  });

  it('on the basemap’s own water: Libya’s districts, Idlib and Iran are on land; the Black Sea is not', () => {
    const model = fromSnapshot(JSON.parse(snapshotFiles(CGTN_DIR, undefined, { geodata: GEODATA }).text))!;
    const areas = model.layers.flatMap((l) => l.data.features.filter((f) => f.properties?.kind === 'area').map((f) => [f.properties!.key as string, f.properties!.land === true] as const));
    const onLand = areas.filter(([, land]) => land).map(([k]) => k);
    expect(onLand).toContain('libya:ly-district-LY-BA');
    expect(onLand).toContain('libya:libya-boundary');
    expect(onLand).toContain('syria-idlib:idlib-governorate');
    expect(onLand).toContain('iraq-bases:iran');
    expect(areas.filter(([, land]) => !land).map(([k]) => k)).toEqual(['turkstream:black-sea']);
    // Suez's lake and gulf are water, drawn over it.
    const suez = fromSnapshot(JSON.parse(snapshotFiles(join(GEODATA, 'suez-2021-04-02'), undefined, { geodata: GEODATA }).text))!;
    expect(suez.layers.flatMap((l) => l.data.features.filter((f) => f.properties?.land === true))).toEqual([]);
    // Without the basemap (the editor, a test): nothing is marked.
    const plain = fromSnapshot(JSON.parse(snapshotFiles(CGTN_DIR).text))!;
    expect(plain.layers.flatMap((l) => l.data.features.filter((f) => f.properties?.land === true))).toEqual([]);
  });
});

describe('where they are drawn', () => {
  const area = (id: string, p: Polygon, props: Record<string, unknown> = {}) => ({ type: 'Feature', properties: { id, name: id, date: '2020', source: 'NE', ...props }, geometry: p });
  // One layer with a district on land and a bay over water, both approximate, and a context country on land.
  const texts = createTexts({
    story: { view: { bounds: [0, 10, 20, 40] }, features: { 'places:district': { passages: ['intro'] } } },
    features: [area('district', box(2, 20, 8, 30.4), { approximate: true }), area('bay', box(2, 25, 8, 40), { approximate: true }), area('country', box(9, 12, 19, 29), { context: true })],
  });
  const plain = buildModel(texts);
  const model: StoryModel = { ...plain, layers: markLandAreas(plain.layers, water) };
  const style = buildStyle(model, new Set(['places']), { basemap: { tiles: 'http://localhost/basemap/{z}/{x}/{y}.pbf' }, fonts: { latin: 'a', latinExt: 'b' } });
  const ids = style.layers.map((l) => l.id);
  const at = (id: string) => ids.indexOf(id);
  const ours = styleLayerIds('places');

  it('on the map: the areas on land between the borders and the water, those over water above it', () => {
    for (const id of [ours.landFill, ours.landHatch, ours.landOutlineApprox, ours.landContextFill, ours.landContextOutline]) {
      expect(at(id), id).toBeGreaterThan(at('borders'));
      expect(at(id), id).toBeLessThan(at('water'));
    }
    for (const id of [ours.fill, ours.hatch, ours.outlineApprox]) expect(at(id), id).toBeGreaterThan(at('water'));
    // No context over water in this layer: no style layer for it.
    expect(ids).not.toContain(ours.contextFill);
    // Each feature is drawn by one of the two: the filters split the layer's areas.
    const data = (style.sources[sourceId('places')] as { data: { features: { properties: Record<string, unknown> }[] } }).data.features;
    const drawnBy = (id: string) => {
      const spec = style.layers.find((l) => l.id === id) as { filter: FilterSpecification };
      const f = featureFilter(spec.filter, 'filter');
      return data.filter((d) => f.filter({ zoom: 5 } as never, { type: 3, properties: d.properties, geometry: [] } as never)).map((d) => d.properties.id);
    };
    expect(drawnBy(ours.landFill)).toEqual(['district']);
    expect(drawnBy(ours.fill)).toEqual(['bay']);
    expect(drawnBy(ours.landContextFill)).toEqual(['country']);
    // Both fills answer the pointer, and every layer asked about exists.
    const interactive = interactiveLayerIds(model);
    expect(interactive).toEqual(expect.arrayContaining([ours.landFill, ours.fill, ours.landContextFill]));
    for (const id of interactive) expect(ids).toContain(id);
  });

  it('a story with no areas on land keeps its style as it was', () => {
    const before = buildStyle(plain, new Set(['places']), { basemap: { tiles: 'http://localhost/basemap/{z}/{x}/{y}.pbf' }, fonts: { latin: 'a', latinExt: 'b' } });
    const mine = before.layers.filter((l) => l.id.startsWith('story:places:'));
    expect(mine.some((l) => l.id.includes(':land:'))).toBe(false);
    expect(before.layers.findIndex((l) => l.id === ours.fill)).toBeGreaterThan(before.layers.findIndex((l) => l.id === 'water'));
    expect(JSON.stringify(mine.find((l) => l.id === ours.fill))).not.toContain('"land"');
  });

  it('over a newsroom’s basemap, every area over it', () => {
    const external = { version: 8 as const, sources: {}, layers: [{ id: 'newsroom:water', type: 'background' as const, paint: { 'background-color': '#ccd' } }] };
    const s = buildStyle(model, new Set(['places']), { basemap: { external }, fonts: { latin: 'a', latinExt: 'b' } });
    const i = (id: string) => s.layers.findIndex((l) => l.id === id);
    expect(i(ours.landFill)).toBeGreaterThan(i('newsroom:water'));
  });

  it('in the SVG map and the first-paint picture: the areas on land before the water, the rest after it', () => {
    const basemap: SceneBasemap = { covered: { type: 'FeatureCollection', features: [] }, water: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: SEA }] }, borders: { type: 'MultiLineString', coordinates: [] } };
    const scene = svgScene(model, basemap, { width: 400, height: 300 });
    expect(scene.features.filter((f) => f.kind === 'area').map((f) => [f.key, !!f.land])).toEqual([
      ['places:country', true],
      ['places:district', true],
      ['places:bay', false],
    ]);
    const svg = staticMapSvg(model, basemap);
    const waterAt = svg.indexOf(`fill="${COLORS.sea}"/>`);
    expect(waterAt).toBeGreaterThan(0);
    const paths = [...svg.matchAll(/<path d="([^"]+)" fill="url\(#sm-/g)].map((m) => m.index!);
    // Two hatched areas: the district's hatch before the water, the bay's after it.
    expect(paths).toHaveLength(2);
    expect(paths[0]!).toBeLessThan(waterAt);
    expect(paths[1]!).toBeGreaterThan(waterAt);
  });
});
