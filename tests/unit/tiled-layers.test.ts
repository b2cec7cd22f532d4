// Big layers are tiled at build time (src/lib/story/tiled.ts, scripts/story-tiles.ts): the
// threshold, the tiles (a known point lands in the right tile with its properties; clusters as
// MapLibre makes them), the feature index, model.json's shape for a tiled layer, and small stories
// exactly as before.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthStory } from '../../bench/synth';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { publishedFiles, snapshotFiles, snapshotJson, snapshotText } from '../../scripts/model-snapshot';
import { bigLayers, LayerTiles, threshold, TILE_MAXZOOM } from '../../scripts/story-tiles';
import { stateTarget, stateTargets } from '../../src/lib/map/feature-state-ids';
import { buildStyle, clustered, styleLayerIds } from '../../src/lib/map/style';
import { legendEntry } from '../../src/lib/story/legend';
import type { StoryModel } from '../../src/lib/story/model';
import { readStoryFolder } from '../../src/lib/story/read-folder';
import { fromSnapshot, toSnapshot } from '../../src/lib/story/snapshot';
import { StoryState } from '../../src/lib/story/state.svelte';
import { featureFromTile, findFeature, isBigLayer, learn, TILED_MIN_BYTES, TILED_MIN_FEATURES } from '../../src/lib/story/tiled';
import { readIndex } from '../../src/lib/story/tiled-index';
import { CGTN_DIR } from './fixtures';

const SUEZ_DIR = join(import.meta.dirname, '../../geodata/suez-2021-04-02');
const POINTS = 1500;
/** A threshold the test story crosses (the default, 5 000, stays what a build uses). */
const SMALL = { features: 1000, bytes: TILED_MIN_BYTES };
const BASE = 'http://localhost/stories/tiled/';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tiled-'));
  for (const [f, text] of Object.entries(synthStory({ name: 'tiled', points: POINTS }))) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tileOf = (lon: number, lat: number, z: number) => {
  const s = Math.sin((lat * Math.PI) / 180);
  return [Math.floor(((lon + 180) / 360) * 2 ** z), Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * 2 ** z)] as const;
};
const decode = (bytes: Uint8Array) => new VectorTile(new PbfReader(bytes)).layers.features!;
const pageModel = (): StoryModel => fromSnapshot(JSON.parse(snapshotFiles(dir, SMALL).text), BASE)!;

describe('which layers are tiled', () => {
  it('5 000 features or more, or 5 MB of map data or more; the size is only measured when the count does not decide', () => {
    expect(TILED_MIN_FEATURES).toBe(5000);
    expect(isBigLayer(4999, () => 0)).toBe(false);
    expect(isBigLayer(5000, () => { throw new Error('not measured'); })).toBe(true);
    expect(isBigLayer(3, () => 5 * 1024 * 1024)).toBe(true);
    expect(isBigLayer(3, () => 5 * 1024 * 1024 - 1)).toBe(false);
  });

  it('the default holds unless STORY_TILED_MIN_FEATURES (tests, the bench) says otherwise', () => {
    expect(threshold({})).toEqual({ features: 5000, bytes: TILED_MIN_BYTES });
    expect(threshold({ STORY_TILED_MIN_FEATURES: '300' }).features).toBe(300);
    expect(threshold({ STORY_TILED_MIN_FEATURES: 'many' }).features).toBe(5000);
    expect(threshold({ STORY_TILED_MIN_BYTES: '1000000000' }).bytes).toBe(1e9);
  });

  it('the real stories have no big layer; the synthetic one crosses a lowered threshold only', () => {
    expect(bigLayers(readStoryFolder(CGTN_DIR), threshold({}))).toEqual([]);
    expect(bigLayers(readStoryFolder(SUEZ_DIR), threshold({}))).toEqual([]);
    expect(bigLayers(readStoryFolder(dir), threshold({}))).toEqual([]);
    expect(bigLayers(readStoryFolder(dir), SMALL).map((l) => l.spec.id)).toEqual(['points']);
  });

  it("a layer's `tiled` in story.json decides for it, whatever its size", () => {
    const shapes = readStoryFolder(join(import.meta.dirname, '../fixtures/stories/tiled-shapes'));
    expect(bigLayers(shapes, threshold({})).map((l) => l.spec.id)).toEqual(['areas', 'lines']);
    const never = { ...shapes, layers: shapes.layers.map((l) => ({ ...l, spec: { ...l.spec, tiled: false } })) };
    expect(bigLayers(never, { features: 1, bytes: 1 })).toEqual([]);
  });
});

describe('small stories are unchanged', () => {
  for (const [name, d] of [['CGTN', CGTN_DIR], ['Suez', SUEZ_DIR]] as const) {
    it(`${name}: model.json is the snapshot of the whole model, with no tiles`, () => {
      const sources = Object.fromEntries(publishedFiles(d).map((f) => [f, statSync(join(d, f)).size]));
      const files = snapshotFiles(d, threshold({}));
      expect(files.text).toBe(snapshotJson(toSnapshot(readStoryFolder(d), sources)));
      expect(files.text).toBe(snapshotText(d));
      expect(files.tiles.size).toBe(0);
      expect(files.text).not.toContain('"tiled"');
      expect(files.text).not.toContain('"tileId"');
    });
  }
});

describe('the tiles', () => {
  it('put a known point in the tile that holds it at the deepest zoom, with the id and properties the map and card use', () => {
    const full = readStoryFolder(dir);
    const layer = full.layers[0]!;
    const tiles = new LayerTiles(layer);
    const i = 1234;
    const f = layer.features[i]!;
    expect(full.passagesByFeature.has(f.key)).toBe(false);
    const [lon, lat] = f.bbox;
    const [x, y] = tileOf(lon, lat, TILE_MAXZOOM);
    const features = decode(tiles.tile(TILE_MAXZOOM, x, y)!);
    const found = Array.from({ length: features.length }, (_, k) => features.feature(k)).find((t) => t.id === i)!;
    expect(found).toBeDefined();
    expect(found.properties).toMatchObject({ key: 'points:p1234', id: 'p1234', name: 'Site 1234', kind: 'point', date: f.date, source: 'Synthetic', category: f.category!, approximate: false, context: false });
    expect(found.properties.cat).toBe(['shelling', 'airstrike', 'clash'].indexOf(f.category!));
    const g = found.toGeoJSON(x, y, TILE_MAXZOOM).geometry as GeoJSON.Point;
    // Within a pixel at zoom 11 (a zoom-8 tile unit is about 0.0003° here).
    expect(Math.abs(g.coordinates[0]! - lon)).toBeLessThan(4e-4);
    expect(Math.abs(g.coordinates[1]! - lat)).toBeLessThan(4e-4);
    // The page reads the card from those properties.
    const card = featureFromTile(pageModel().layers[0]!, found.id, found.properties, [lon, lat]);
    expect(card).toMatchObject({ key: f.key, name: f.name, date: f.date, source: f.source, category: f.category, kind: 'point', tileId: i, bbox: [lon, lat, lon, lat] });
  });

  it('cluster points as MapLibre does up to its cluster zoom: counts add up, each cluster says where it splits', () => {
    const tiles = new LayerTiles(readStoryFolder(dir).layers[0]!);
    expect(tiles.descriptor.clustered).toBe(true);
    const all = [...tiles.all()];
    expect(all.every(([z]) => z <= TILE_MAXZOOM)).toBe(true);
    let total = 0;
    for (const [z, , , bytes] of all.filter(([z]) => z === 0)) {
      const fs = decode(bytes);
      for (let k = 0; k < fs.length; k++) {
        const p = fs.feature(k).properties;
        if (p.cluster) {
          expect(Number(p.expansion_zoom)).toBeGreaterThan(z);
          expect(typeof p.point_count_abbreviated).toBe('string');
        }
        total += p.cluster ? Number(p.point_count) : 1;
      }
    }
    expect(total).toBe(POINTS);
    // Beyond the cluster zoom, every point once.
    const deep = all.filter(([z]) => z === TILE_MAXZOOM).reduce((n, [, , , b]) => n + decode(b).length, 0);
    expect(deep).toBeGreaterThanOrEqual(POINTS);
    // No tile outside the world or past the deepest zoom.
    expect(tiles.tile(TILE_MAXZOOM + 1, 0, 0)).toBeNull();
    expect(tiles.tile(3, 8, 0)).toBeNull();
  });
});

describe('the feature index', () => {
  it('finds any feature by id, with what its card shows, and is refused when forged', () => {
    const full = readStoryFolder(dir);
    const text = new LayerTiles(full.layers[0]!).indexText();
    const model = pageModel();
    const lookup = readIndex(JSON.parse(text), model.layers[0]!)!;
    const want = full.features.get('points:p777')!;
    expect(lookup('p777')).toEqual({ ...want, aliases: [want.name], tileId: 777, description: undefined, confidence: undefined, claimSource: undefined });
    expect(lookup('nope')).toBeNull();
    const forged = (change: (j: Record<string, unknown[]>) => void) => {
      const j = JSON.parse(text);
      change(j);
      return readIndex(j, model.layers[0]!);
    };
    expect(forged(() => {})).not.toBeNull();
    expect(forged((j) => (j.id![5] = '__proto__'))).toBeNull();
    expect(forged((j) => (j.id![5] = j.id![6]))).toBeNull();
    expect(forged((j) => j.name!.pop())).toBeNull();
    expect(forged((j) => ((j as unknown as { layer: string }).layer = 'other'))).toBeNull();
    // A bad entry is refused when it is asked for.
    expect(forged((j) => (j.date![9] = 99999))!('p9')).toBeNull();
  });

  it('findFeature fetches the index once, and the feature joins the model', async () => {
    const text = new LayerTiles(readStoryFolder(dir).layers[0]!).indexText();
    const model = pageModel();
    const asked: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (url: string) => {
      asked.push(String(url));
      return new Response(text, { headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    try {
      expect(model.features.has('points:p42')).toBe(false);
      expect(await findFeature(model, 'points:p42')).toBe(true);
      expect(model.features.get('points:p42')).toMatchObject({ name: 'Site 42', tileId: 42 });
      expect(await findFeature(model, 'points:p43')).toBe(true);
      expect(await findFeature(model, 'points:nope')).toBe(false);
      expect(findFeature(model, 'other:p1')).toBeNull();
      expect(asked).toEqual([`${BASE}tiles/points/index.json`]);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});

describe('model.json of a tiled layer', () => {
  it('holds the linked features in full, the descriptor and the whole layer legend, and no full data', () => {
    const full = readStoryFolder(dir);
    const files = snapshotFiles(dir, SMALL);
    const json = JSON.parse(files.text);
    const layer = json.layers[0];
    const linked = full.layers[0]!.features.filter((f) => full.passagesByFeature.has(f.key));
    expect(linked.length).toBe(100);
    expect(layer.tiled).toEqual({
      tiles: 'tiles/points/{z}/{x}/{y}.pbf', index: 'tiles/points/index.json', sourceLayer: 'features', minzoom: 0, maxzoom: TILE_MAXZOOM,
      bounds: expect.any(Array), count: POINTS, clustered: true, legend: legendEntry(full.layers[0]!),
    });
    expect(layer.features.map((f: { key: string }) => f.key)).toEqual(linked.map((f) => f.key));
    expect(layer.features.every((f: { tileId: number; key: string }) => full.layers[0]!.features[f.tileId]!.key === f.key)).toBe(true);
    expect(layer.topology.objects.data.geometries.length).toBe(100);
    expect(files.text.length).toBeLessThan(JSON.stringify(toSnapshot(full, {})).length / 5);
    expect([...files.tiles.keys()]).toEqual(['points']);

    const model = fromSnapshot(json, BASE)!;
    expect(model).not.toBeNull();
    expect(model.layers[0]!.tiled!.tiles).toBe(`${BASE}tiles/points/{z}/{x}/{y}.pbf`);
    expect(model.features.size).toBe(100);
    expect([...model.passagesByFeature]).toEqual([...full.passagesByFeature]);
    expect(clustered(model.layers[0]!)).toBe(true);
    expect(legendEntry(model.layers[0]!)).toEqual(legendEntry(full.layers[0]!));
  });

  it('is refused when its descriptor asks for anything but the tiles the build writes', () => {
    const text = snapshotFiles(dir, SMALL).text;
    const forged = (change: (t: Record<string, unknown>, j: { layers: { features: Record<string, unknown>[] }[] }) => void) => {
      const j = JSON.parse(text);
      change(j.layers[0].tiled, j);
      return fromSnapshot(j, BASE);
    };
    expect(forged(() => {})).not.toBeNull();
    expect(forged((t) => (t.tiles = 'https://evil.example/{z}/{x}/{y}.pbf'))).toBeNull();
    expect(forged((t) => (t.index = '../../secret.json'))).toBeNull();
    expect(forged((t) => (t.maxzoom = 99))).toBeNull();
    expect(forged((t) => ((t.legend as { color: string }).color = 'red;background:url(x)'))).toBeNull();
    // A context row's names are the story's strings, written one by one: only an array of short strings.
    const contextRow = (context: unknown) => (t: Record<string, unknown>) => void (t.legend as { rows: unknown[] }).rows.push({ kinds: ['area'], color: '#123456', label: 'Sea (context)', style: 'context', context });
    expect(forged(contextRow({ names: ['Sea'], more: 0 }))).not.toBeNull();
    expect(forged(contextRow({ names: 'Sea', more: 0 }))).toBeNull();
    expect(forged(contextRow({ names: [{ toString: 'x' }], more: 0 }))).toBeNull();
    expect(forged(contextRow({ names: ['a', 'b', 'c', 'd'], more: 0 }))).toBeNull();
    expect(forged(contextRow({ names: ['Sea'], more: -1 }))).toBeNull();
    expect(forged((_, j) => (j.layers[0]!.features[0]!.tileId = POINTS))).toBeNull();
    expect(forged((t, j) => (delete (j.layers[0] as Record<string, unknown>).tiled, void t))).toBeNull();
  });

  it('draws from vector tiles: one vector source, every style layer on its source layer; feature-state by tile id', () => {
    const model = pageModel();
    const style = buildStyle(model, new Set(['points']), { basemap: { tiles: 'http://localhost/basemap/tiles/{z}/{x}/{y}.pbf' }, fonts: { latin: 'a', latinExt: 'b' } });
    expect(style.sources['story:points']).toEqual({ type: 'vector', tiles: [`${BASE}tiles/points/{z}/{x}/{y}.pbf`], minzoom: 0, maxzoom: TILE_MAXZOOM, bounds: model.layers[0]!.tiled!.bounds });
    const ours = style.layers.filter((l) => l.id.startsWith('story:points:'));
    expect(ours.length).toBeGreaterThan(5);
    expect(ours.every((l) => (l as { 'source-layer'?: string })['source-layer'] === 'features')).toBe(true);
    expect(ours.map((l) => l.id)).toContain(styleLayerIds('points').cluster);

    const targets = stateTargets(model.layers);
    const linked = model.layers[0]!.features[3]!;
    expect(targets.get(linked.key)).toEqual({ layerId: 'points', id: linked.tileId, sourceLayer: 'features' });
    // A feature the page learned later (from a tile or the index) gets its tile id too.
    const full = readStoryFolder(dir).layers[0]!;
    learn(model, { ...full.features[1234]!, tileId: 1234 });
    expect(stateTarget(model, targets, 'points:p1234')).toEqual({ layerId: 'points', id: 1234, sourceLayer: 'features' });
  });

  it('the styles the page builds are valid MapLibre styles (the map skips validating its own), a tiled clustered layer with no area or line layers', () => {
    const opts = { basemap: { tiles: 'http://localhost/basemap/tiles/{z}/{x}/{y}.pbf' }, fonts: { latin: 'http://localhost/a.woff2', latinExt: 'http://localhost/b.woff2' } };
    const tiled = buildStyle(pageModel(), new Set(['points']), opts);
    expect(validateStyleMin(tiled)).toEqual([]);
    expect(tiled.layers.filter((l) => l.id.startsWith('story:points:') && (l.type === 'fill' || l.type === 'line'))).toEqual([]);
    const cgtn = readStoryFolder(CGTN_DIR);
    expect(validateStyleMin(buildStyle(cgtn, new Set(cgtn.layers.map((l) => l.spec.id)), opts))).toEqual([]);
    // The check can fail: a broken layer is reported.
    expect(validateStyleMin({ ...tiled, layers: [...tiled.layers, { id: 'x', type: 'circle', source: 'nowhere' }] } as never).length).toBeGreaterThan(0);
  });

  it('a tile that does not describe a feature properly is not one: reserved ids, a key that is not its own, an id out of range', () => {
    const layer = pageModel().layers[0]!;
    const props = { key: 'points:p5', id: 'p5', name: 'Site 5', kind: 'point', date: '1 Jan 2020', source: 'Synthetic' };
    expect(featureFromTile(layer, 5, props, [10, 30])).not.toBeNull();
    expect(featureFromTile(layer, 5, { ...props, id: '__proto__', key: 'points:__proto__' }, [10, 30])).toBeNull();
    expect(featureFromTile(layer, 5, { ...props, key: 'other:p5' }, [10, 30])).toBeNull();
    expect(featureFromTile(layer, POINTS, props, [10, 30])).toBeNull();
    expect(featureFromTile(layer, 5, { ...props, name: 42 }, [10, 30])).toBeNull();
  });

  it('a tile feature’s label (its mapLabel) goes to the map, its name to the card; a label that is not text is refused', () => {
    const layer = pageModel().layers[0]!;
    const props = { key: 'points:p5', id: 'p5', name: 'Site 5 of the synthetic survey', label: 'Site 5', kind: 'point', date: '1 Jan 2020', source: 'Synthetic' };
    expect(featureFromTile(layer, 5, props, [10, 30])).toMatchObject({ name: 'Site 5 of the synthetic survey', label: 'Site 5' });
    expect(featureFromTile(layer, 5, { ...props, label: props.name }, [10, 30])).not.toHaveProperty('label');
    expect(featureFromTile(layer, 5, { ...props, label: 42 }, [10, 30])).toBeNull();
  });
});

describe('a link to a feature the page does not hold yet', () => {
  it('selects it once found, keeps naming it meanwhile, and gives way to a selection made in between', async () => {
    const model = pageModel();
    const state = new StoryState(model);
    let done!: (ok: boolean) => void;
    const full = readStoryFolder(dir).layers[0]!;
    state.selectWhenFound('points:p9', new Promise((r) => (done = r)), { cause: 'url' });
    expect(state.awaiting).toBe('points:p9');
    learn(model, { ...full.features[9]!, tileId: 9 });
    done(true);
    await Promise.resolve();
    await Promise.resolve();
    expect(state.feature).toBe('points:p9');
    expect(state.awaiting).toBeNull();

    state.selectWhenFound('points:p10', new Promise((r) => (done = r)), { cause: 'url' });
    state.select('s1', { cause: 'text' });
    done(true);
    await Promise.resolve();
    expect(state.passage).toBe('s1');
    expect(state.feature).toBeNull();
  });
});
