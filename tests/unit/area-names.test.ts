// A selected area or line is named on both maps, at one point the model works out (name-at.ts):
// "both sides of the operation" lit two waters on the Suez map and named neither.
import { join } from 'node:path';
import { booleanPointInPolygon, pointToLineDistance } from '@turf/turf';
import { featureFilter, type FilterSpecification } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { keepNamesInside, nameAt, nameZoom, type NamedArea } from '../../src/lib/story/name-at';
import { readStoryFolder } from '../../src/lib/story/read-folder';
import { fromSnapshot, toSnapshot } from '../../src/lib/story/snapshot';
import { buildStyle, labelFilters, NAMES_SOURCE, styleLayerIds } from '../../src/lib/map/style';
import { placeLabels, placeNames, type SceneFeature } from '../../src/lib/fallback/scene';
import { labelTiers } from '../../src/lib/map/label-priority';
import { NAME_PADDING, namedAtRest, nameLines, nameWidth, restNames } from '../../src/lib/map/label-sides';
import { CGTN_DIR } from './fixtures';

const SUEZ_DIR = join(import.meta.dirname, '../../geodata/suez-2021-04-02');

describe('nameAt', () => {
  it('puts an area\'s name inside it, even where its centre is not (a C shape)', () => {
    // A C open to the east: its bounding box's centre, [5, 5], is outside it.
    const c: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 3], [3, 3], [3, 7], [10, 7], [10, 10], [0, 10], [0, 0]]] };
    const at = nameAt(c)!;
    expect(booleanPointInPolygon(at, c)).toBe(true);
    // In the C's back, its thickest part, not in an arm.
    expect(at[0]).toBeLessThan(3);
  });

  it('names a multipolygon in its biggest part, a line halfway along its longest part, and no point', () => {
    const small = [[[20, 0], [21, 0], [21, 1], [20, 1], [20, 0]]];
    const big = [[[0, 0], [8, 0], [8, 8], [0, 8], [0, 0]]];
    const at = nameAt({ type: 'MultiPolygon', coordinates: [small, big] })!;
    expect(at[0]).toBeGreaterThan(0);
    expect(at[0]).toBeLessThan(8);
    const mid = nameAt({ type: 'MultiLineString', coordinates: [[[30, 0], [30.1, 0]], [[0, 0], [2, 0], [4, 0]]] })!;
    expect(mid[0]).toBeCloseTo(2, 2);
    expect(mid[1]).toBeCloseTo(0, 4);
    expect(nameAt({ type: 'Point', coordinates: [1, 2] })).toBeUndefined();
    expect(nameAt({ type: 'Polygon', coordinates: [] })).toBeUndefined();
  });
});

describe('keepNamesInside: an area among others is named only inside itself', () => {
  const square = (x: number, y: number, size: number): Polygon => ({ type: 'Polygon', coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]] });
  const area = (name: string, g: Polygon): NamedArea => {
    const ring = g.coordinates[0]!;
    const xs = ring.map((p) => p[0]!);
    const ys = ring.map((p) => p[1]!);
    return { feature: { name, bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], nameAt: nameAt(g) }, geometry: g };
  };

  it('gives the zoom from which a name fits inside its area: later for a smaller area or a longer name', () => {
    const big = nameZoom(square(0, 0, 4), [2, 2], 'Sirte district')!;
    const small = nameZoom(square(0, 0, 1), [0.5, 0.5], 'Sirte district')!;
    const long = nameZoom(square(0, 0, 4), [2, 2], 'Al Jabal al Akhdar district: LNA')!;
    expect(big).toBeGreaterThan(3);
    expect(small).toBeCloseTo(big + 2, 0);
    expect(long).toBeGreaterThan(big);
    // At that zoom the name's lines as the map breaks them ("SIRTE" / "DISTRICT") are as wide as the
    // square or a little less (the width's estimate counts nine tenths), and a quarter zoom out wider.
    const degrees = (zoom: number) => (Math.max(...nameLines('Sirte district').map(nameWidth)) / (512 * 2 ** zoom)) * 360;
    expect(nameLines('Sirte district')).toEqual(['Sirte', 'district']);
    expect(degrees(big) * 0.9).toBeLessThanOrEqual(4);
    expect(degrees(big - 0.25) * 0.9).toBeGreaterThan(4 * 0.9);
    // Off the area's middle, a name meets its edge sooner; a point or a line has none.
    expect(nameZoom(square(0, 0, 4), [0.5, 2], 'Sirte district')).toBeGreaterThan(big);
    expect(nameZoom({ type: 'LineString', coordinates: [[0, 0], [1, 1]] }, [0.5, 0.5], 'x')).toBeUndefined();
  });

  it('holds to it areas that touch another (districts), not an area on its own; drops the name of one it never fits', () => {
    const a = area('Ajdabiya', square(0, 0, 4));
    const b = area('Sirte', square(4, 0, 4));
    const lake = area('Great Bitter Lake', square(20, 0, 0.2));
    // A sliver beside the two: no name of it fits inside by zoom 16.
    const sliver = area('Tajura', { type: 'Polygon', coordinates: [[[0, 4], [8, 4], [8, 4.00001], [0, 4.00001], [0, 4]]] });
    keepNamesInside([a, b, lake, sliver]);
    expect(a.feature.nameZoom).toBe(nameZoom(a.geometry, a.feature.nameAt!, 'Ajdabiya'));
    expect(b.feature.nameZoom).toBeDefined();
    expect(lake.feature.nameZoom).toBeUndefined();
    expect(lake.feature.nameAt).toBeDefined();
    expect(sliver.feature.nameAt).toBeUndefined();
    expect(sliver.feature.nameZoom).toBeUndefined();
  });

  it('in the CGTN story: every Libyan district, each at the zoom its own name fits; Idlib, alone, as before', () => {
    const cgtn = readStoryFolder(CGTN_DIR);
    const districts = [...cgtn.features.values()].filter((f) => f.key.startsWith('libya:ly-district-'));
    expect(districts.length).toBeGreaterThan(15);
    for (const f of districts) expect(f.nameZoom, f.key).toBeGreaterThan(3);
    expect(cgtn.features.get('libya:ly-district-LY-ZA')!.nameZoom).toBeGreaterThan(cgtn.features.get('libya:ly-district-LY-KF')!.nameZoom!);
    expect(cgtn.features.get('syria-idlib:idlib-governorate')!.nameZoom).toBeUndefined();
    // Three districts round Tripoli at zoom 5.6: Misrata is named; Zawiya and Tajura are too small.
    const gna = labelTiers(cgtn, null, 'libya-war', cgtn.features.get('libya:ly-district-LY-ZA') && ['libya:ly-district-LY-ZA', 'libya:ly-district-LY-TN', 'libya:ly-district-LY-MI'], 5.6).named;
    expect(gna).toEqual(['libya:ly-district-LY-MI']);
    expect(labelTiers(cgtn, null, 'libya-war', ['libya:ly-district-LY-ZA', 'libya:ly-district-LY-TN', 'libya:ly-district-LY-MI'], 8).named).toHaveLength(3);
  });
});

describe('the model\'s name points', () => {
  const suez = readStoryFolder(SUEZ_DIR);
  const cgtn = readStoryFolder(CGTN_DIR);

  it('gives each area and line of the story one, on it; none to points and context', () => {
    for (const model of [suez, cgtn]) {
      for (const l of model.layers) {
        for (const f of l.features) {
          if (f.kind === 'point' || f.context) {
            expect(f.nameAt, f.key).toBeUndefined();
            continue;
          }
          // A district whose name never fits inside it has none (keepNamesInside); none of these.
          expect(f.nameAt, f.key).toBeDefined();
          const g = l.data.features.find((m) => m.properties?.key === f.key)!.geometry;
          if (f.kind === 'area') {
            const parts = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
            expect(parts.some((p) => booleanPointInPolygon(f.nameAt!, { type: 'Polygon', coordinates: p })), f.key).toBe(true);
          } else {
            const parts = g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : [];
            expect(Math.min(...parts.map((p) => pointToLineDistance(f.nameAt!, { type: 'LineString', coordinates: p }))), f.key).toBeLessThan(1);
          }
        }
      }
    }
    expect(suez.features.get('water:great-bitter-lake')?.nameAt).toBeDefined();
    expect(cgtn.features.get('libya:libya-boundary')?.nameAt).toBeUndefined();
  });

  it('keeps them in model.json, and refuses one that is not a point', () => {
    const snap = JSON.parse(JSON.stringify(toSnapshot(suez, {})));
    expect(fromSnapshot(snap)?.features.get('water:great-bitter-lake')?.nameAt).toEqual(suez.features.get('water:great-bitter-lake')!.nameAt);
    const lake = snap.layers.flatMap((l: { features: { key: string; nameAt?: unknown }[] }) => l.features).find((f: { key: string }) => f.key === 'water:great-bitter-lake');
    lake.nameAt = ['<b>', 30];
    expect(fromSnapshot(snap)).toBeNull();
    // And the zoom from which a district is named.
    const cgtnSnap = JSON.parse(JSON.stringify(toSnapshot(cgtn, {})));
    expect(fromSnapshot(cgtnSnap)?.features.get('libya:ly-district-LY-MI')?.nameZoom).toBe(cgtn.features.get('libya:ly-district-LY-MI')!.nameZoom);
    const misrata = cgtnSnap.layers.flatMap((l: { features: { key: string; nameZoom?: unknown }[] }) => l.features).find((f: { key: string }) => f.key === 'libya:ly-district-LY-MI');
    misrata.nameZoom = '5';
    expect(fromSnapshot(cgtnSnap)).toBeNull();
  });
});

describe('the name layers', () => {
  const model = readStoryFolder(SUEZ_DIR);
  const style = buildStyle(model, new Set(model.layers.map((l) => l.spec.id)), { basemap: { tiles: 'http://localhost/t/{z}/{x}/{y}.pbf' } as never, fonts: { latin: 'http://localhost/f.woff2', latinExt: 'http://localhost/g.woff2' } });
  const names = style.sources[NAMES_SOURCE] as { data: { features: { properties: Record<string, unknown>; geometry: { type: string } }[] } };
  const picks = (filter: FilterSpecification) => names.data.features.filter((f) => featureFilter(filter, 'filter').filter({ zoom: 7 } as never, { type: 1, properties: f.properties, geometry: [] } as never)).map((f) => f.properties.key);
  const layer = style.layers.find((l) => l.id === styleLayerIds('water').name) as { filter: FilterSpecification; layout: Record<string, unknown> };

  it('name what is selected, and nothing else', () => {
    expect(layer).toBeDefined();
    // In spaced capitals: a region's name, apart from the places' (it read as a town's name beside its dot).
    expect(layer.layout['text-field']).toEqual(['upcase', ['get', 'name']]);
    expect(layer.layout['text-letter-spacing']).toBeGreaterThan(0);
    expect(picks(layer.filter)).toEqual([]);
    const both = ['water:great-bitter-lake', 'water:gulf-of-suez-north'];
    expect(picks(labelFilters({ selected: both, active: [], named: both }).name).sort()).toEqual(both);
    expect(picks(labelFilters({ selected: ['water:great-bitter-lake'], active: ['water:gulf-of-suez-north'], named: ['water:great-bitter-lake'] }).name)).toEqual(['water:great-bitter-lake']);
    expect(picks(labelFilters({ selected: both, active: [] }).name)).toEqual([]);
    // Placed (top down) after the story's own labels and its lines' boxes, before the basemap's names;
    // drawn under the story's lines and points.
    const ids = style.layers.map((l) => l.id);
    const name = ids.indexOf(styleLayerIds('water').name);
    expect(name).toBeLessThan(ids.indexOf(styleLayerIds('canal').lineBox));
    expect(name).toBeLessThan(ids.indexOf(styleLayerIds('canal').line));
    expect(name).toBeLessThan(ids.indexOf(styleLayerIds('places').label));
    expect(name).toBeGreaterThan(Math.max(...style.layers.flatMap((l, i) => (!l.id.startsWith('story') && l.type === 'symbol' ? [i] : []))));
  });
});

describe('labelTiers: what the map names', () => {
  const model = readStoryFolder(SUEZ_DIR);
  const both = ['water:great-bitter-lake', 'water:gulf-of-suez-north'];
  const passage = model.passagesByFeature.get(both[0]!)![0]!;

  it('names the areas and lines it highlights: a feature, a group, or a selected passage\'s; never a point', () => {
    expect(labelTiers(model, 'water:great-bitter-lake', passage).named).toEqual(['water:great-bitter-lake']);
    expect(labelTiers(model, null, passage, both).named).toEqual(both);
    // A passage selected whole highlights its features, and its areas are named.
    expect(labelTiers(model, null, passage).named).toEqual((model.featuresByPassage.get(passage) ?? []).filter((k) => model.features.get(k)!.kind !== 'point'));
    expect(labelTiers(model, null, passage).named).toEqual(expect.arrayContaining(both));
    expect(labelTiers(model, 'places:ever-given', null).named).toBeUndefined();
    expect(labelTiers(model, null, null).named).toBeUndefined();
  });
});

/** The name layer's text-padding in the Suez story's style. */
function layerPadding() {
  const model = readStoryFolder(SUEZ_DIR);
  const style = buildStyle(model, new Set(model.layers.map((l) => l.spec.id)), { basemap: { tiles: 'http://localhost/t/{z}/{x}/{y}.pbf' } as never, fonts: { latin: 'http://localhost/f.woff2', latinExt: 'http://localhost/g.woff2' } });
  return (style.layers.find((l) => l.id === styleLayerIds('water').name) as { layout: Record<string, unknown> }).layout['text-padding'];
}

describe('placeLabels: the names of selected areas', () => {
  const frame = { width: 400, height: 300 };
  const lake: SceneFeature = { key: 'w:lake', layerId: 'w', name: 'Great Bitter Lake', kind: 'area', d: 'M0 0', color: '#000', approximate: false, context: false, nameAt: [200, 150] };
  const town = (x: number, y: number): SceneFeature => ({ key: 'p:town', layerId: 'p', name: 'Fayed', kind: 'point', d: 'M0 0', color: '#000', approximate: false, context: false, anchor: [x, y] });

  it('names a selected area at its point, and an area not selected not at all', () => {
    expect(placeLabels([lake], frame, new Set(), [])).toEqual([]);
    const [l] = placeLabels([lake], frame, new Set(['w:lake']), []);
    expect(l).toMatchObject({ key: 'w:lake', anchor: 'middle', x: 200 });
    expect(l!.box[1]).toBeLessThan(150);
    expect(l!.box[3]).toBeGreaterThan(150);
  });

  it('keeps NAME_PADDING clear around a name, as the map\u2019s text-padding does: "LIBYA" just under a district\u2019s name read as its third line', () => {
    const [l] = placeLabels([lake], frame, new Set(['w:lake']), []);
    const widest = Math.max(...nameLines('Great Bitter Lake').map(nameWidth));
    expect(l!.box[2] - l!.box[0]).toBeCloseTo(widest + 2 * NAME_PADDING, 5);
    expect(layerPadding()).toBe(NAME_PADDING);
  });

  it('moves the name off a story point standing there, after the points\' names', () => {
    // At zoom 3, where the point's box is 15 px (symbolHalf).
    const labels = placeLabels([lake, town(200, 150)], frame, new Set(['w:lake']), ['p:town'], [], 3);
    const name = labels.find((l) => l.key === 'w:lake')!;
    // Below the point: MapLibre's "top" anchor, the first after the centre.
    expect(name.box[1]).toBeGreaterThan(150);
    expect(labels.map((l) => l.key)).toEqual(['p:town', 'w:lake']);
  });

  it('sets an area among others (nameInside) only centred: where that is taken, not at all', () => {
    const district: SceneFeature = { ...lake, key: 'w:district', name: 'Zawiya district', nameInside: true };
    expect(placeLabels([district], frame, new Set(['w:district']), [])[0]).toMatchObject({ anchor: 'middle', x: 200 });
    // The lake beside a point's name takes another side; the district takes none.
    expect(placeLabels([district, town(200, 150)], frame, new Set(['w:district']), ['p:town']).map((l) => l.key)).toEqual(['p:town']);
  });

  it('keeps the name off the story\'s lines: beside a canal crossing its area, not over it', () => {
    const canal: SceneFeature = { key: 'c:canal', layerId: 'c', name: 'Suez Canal', kind: 'line', d: 'M0 0', color: '#000', approximate: false, context: false, lines: [[[200, 0], [200, 300]]] };
    const [name] = placeLabels([lake, canal], frame, new Set(['w:lake']), []);
    expect(name!.key).toBe('w:lake');
    // Neither centred, nor below or above (all across x = 200): right of the point, then left.
    expect(name!.anchor).toBe('start');
    expect(name!.box[0]).toBeGreaterThan(200);
    expect(placeLabels([lake], frame, new Set(['w:lake']), [])[0]!.anchor).toBe('middle');
  });
});

describe('names at rest: the story\u2019s areas and lines named with nothing selected', () => {
  const model = readStoryFolder(SUEZ_DIR);
  const style = buildStyle(model, new Set(model.layers.map((l) => l.spec.id)), { basemap: { tiles: 'http://localhost/t/{z}/{x}/{y}.pbf' } as never, fonts: { latin: 'http://localhost/f.woff2', latinExt: 'http://localhost/g.woff2' } });
  const names = style.sources[NAMES_SOURCE] as { data: { features: { properties: Record<string, unknown> }[] } };
  const picks = (filter: FilterSpecification) => names.data.features.filter((f) => featureFilter(filter, 'filter').filter({ zoom: 7 } as never, { type: 1, properties: f.properties, geometry: [] } as never)).map((f) => f.properties.key);
  const all = ['canal:suez-canal', 'water:great-bitter-lake', 'water:gulf-of-suez-north'];

  it('names the canal and both waters on the opening map (they were left unnamed beside named towns), each once', () => {
    expect(restNames(model)).toEqual(all);
    const rest = style.layers.find((l) => l.id === styleLayerIds('water').restName) as { filter: FilterSpecification };
    expect(picks(rest.filter)).toEqual(['water:great-bitter-lake', 'water:gulf-of-suez-north']);
    // Selected, the lake is named in the highlighted tier and not again at rest.
    const tiers = labelTiers(model, 'water:great-bitter-lake', null);
    expect(picks(labelFilters(tiers).name)).toEqual(['water:great-bitter-lake']);
    // (The tiers of every layer: applyLabelTiers gives each layer's filter its own keys.)
    expect(picks(labelFilters(tiers).restName)).toEqual(['canal:suez-canal', 'water:gulf-of-suez-north']);
    // Its map label, where the story gives one: the card keeps the name.
    expect(names.data.features.find((f) => f.properties.key === 'water:gulf-of-suez-north')!.properties.name).toBe('Gulf of Suez');
    expect(model.features.get('water:gulf-of-suez-north')!.name).toBe('Gulf of Suez (northern end)');
  });

  it('names only a linked subject with a name point, and not an area among others', () => {
    const area = { kind: 'area', context: false, nameAt: [1, 2] as [number, number] };
    expect(namedAtRest(area, true)).toBe(true);
    expect(namedAtRest({ ...area, kind: 'line' }, true)).toBe(true);
    expect(namedAtRest(area, false)).toBe(false);
    expect(namedAtRest({ ...area, context: true }, true)).toBe(false);
    expect(namedAtRest({ ...area, kind: 'point' }, true)).toBe(false);
    expect(namedAtRest({ ...area, nameAt: undefined }, true)).toBe(false);
    expect(namedAtRest({ ...area, nameZoom: 6 }, true)).toBe(false);
    // In the CGTN story: Idlib and the pipeline, not Libya's districts nor the context (Iran, the Black Sea).
    const cgtn = readStoryFolder(CGTN_DIR);
    expect(restNames(cgtn)).toContain('syria-idlib:idlib-governorate');
    expect(restNames(cgtn)).toContain('turkstream:turkstream-offshore');
    expect(restNames(cgtn).filter((k) => k.startsWith('libya:') || k === 'iraq-bases:iran' || k === 'turkstream:black-sea')).toEqual([]);
  });

  it('sets them in the SVG map and the picture as the WebGL map: after the highlighted names and the countries\u2019, before the seas\u2019 and places\u2019', () => {
    const frame = { width: 400, height: 300 };
    const lake: SceneFeature = { key: 'w:lake', layerId: 'w', name: 'Great Bitter Lake', kind: 'area', d: 'M0 0', color: '#000', approximate: false, context: false, nameAt: [200, 150], restNamed: true };
    // Not among the points' and highlighted names (placeLabels), but after them (placeNames).
    expect(placeLabels([lake], frame, new Set(), [])).toEqual([]);
    expect(placeNames([lake], frame, new Set(), [], [], 8).story).toMatchObject([{ key: 'w:lake', area: true, anchor: 'middle', x: 200 }]);
    // Without the flag, not named unless highlighted (as before).
    expect(placeNames([{ ...lake, restNamed: undefined }], frame, new Set(), [], [], 8).story).toEqual([]);
    // A highlighted name is placed first: a name at rest on the same spot takes another side or none.
    const gulf: SceneFeature = { ...lake, key: 'w:gulf', name: 'Gulf of Suez' };
    const both = placeNames([lake, gulf], frame, new Set(['w:gulf']), [], [], 8).story;
    expect(both[0]).toMatchObject({ key: 'w:gulf', anchor: 'middle', x: 200 });
    expect(both.filter((p) => p.key === 'w:lake' && p.box[1] < 150 && p.box[3] > 150 && p.box[0] < 200 && p.box[2] > 200)).toEqual([]);
    // A country's name on the spot keeps it (TURKEY at the CGTN opening); a sea's gives way to the
    // story's name at rest, and a basemap name saying the story's is left off.
    const project = ([lon, lat]: [number, number]): [number, number] => [lon * 100, (3 - lat) * 100];
    const at = (kind: 'country' | 'water', name: string, extra: object = {}) => ({ kind, name, at: [2, 1.5] as [number, number], rank: 0, minzoom: 0, maxzoom: 24, ...extra });
    const country = at('country', 'Egypt', { area: 1_000_000 });
    const withCountry = placeNames([lake], frame, new Set(), [], [], 8, { labels: [country], project });
    expect(withCountry.basemap.map((l) => l.name)).toEqual(['EGYPT']);
    // The lake's name moved off the country's (below its point, MapLibre's "top"), or left out.
    const onPoint = (b: readonly number[]) => b[0]! < 200 && b[2]! > 200 && b[1]! < 150 && b[3]! > 150;
    expect(withCountry.story.filter((l) => onPoint(l.box))).toEqual([]);
    const sea = at('water', 'Red Sea', { water: 'sea' });
    const withSea = placeNames([lake], frame, new Set(), [], [], 8, { labels: [sea, at('water', 'Great Bitter Lake', { water: 'lake' })], project });
    expect(withSea.story).toMatchObject([{ key: 'w:lake', anchor: 'middle', x: 200 }]);
    expect(withSea.basemap.map((l) => l.name)).not.toContain('Great Bitter Lake');
  });
});
