// Node side of src/lib/story/tiled.ts: which layers of a story are tiled, their vector tiles, their
// feature index, and model.json's view of them. Tiles are made with MapLibre's own tiler
// (@maplibre/geojson-vt: slicing and simplification, and for points the clustering MapLibre's
// GeoJSON sources run, with the same radius and zooms as style.ts asks of them) and encoded with
// @maplibre/vt-pbf, as the basemap's are (scripts/basemap/tiles.ts).
import { GeoJSONVT, type GeoJSONVTFeature, type GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Feature, FeatureCollection } from 'geojson';
import { tilesCovering, tileUrl } from '../src/lib/map/basemap-tiles.ts';
import { CLUSTER_MAX_ZOOM, CLUSTER_RADIUS, CLUSTER_MIN_POINTS } from '../src/lib/map/style.ts';
import { legendEntry } from '../src/lib/story/legend.ts';
import type { BBox, StoryFeature, StoryLayer, StoryModel } from '../src/lib/story/model.ts';
import { INDEX_FORMAT, isBigLayer, KINDS, TILE_SOURCE_LAYER, TILED_THRESHOLD, tiledPaths, type FeatureIndexFile, type TiledLayer, type TiledThreshold } from '../src/lib/story/tiled.ts';

/** Tile extent (units per tile side), as the basemap's. */
const EXTENT = 4096;
/**
 * The deepest zoom tiles are made for. At 4096 units a side, a zoom-8 tile places a point within a
 * screen pixel at zoom 11, the deepest the map goes (StoryMap's maxZoom), which magnifies it; and a
 * story's area at zoom 8 is a few hundred tiles, not tens of thousands.
 */
export const TILE_MAXZOOM = 8;
/** Per tile side, what is kept beyond the edge (so labels and circles are not cut): 64 screen pixels. */
const BUFFER = (64 * EXTENT) / 512;

/**
 * The threshold: TILED_THRESHOLD, unless STORY_TILED_MIN_FEATURES or STORY_TILED_MIN_BYTES say
 * otherwise (tests try the machinery on smaller stories; the bench measures a big story untiled
 * for comparison). A build for readers sets neither.
 */
export function threshold(env: Record<string, string | undefined> = process.env): TiledThreshold {
  const read = (v: string | undefined, d: number) => (v !== undefined && /^[1-9][0-9]*$/.test(v) ? Number(v) : d);
  return { features: read(env.STORY_TILED_MIN_FEATURES, TILED_THRESHOLD.features), bytes: read(env.STORY_TILED_MIN_BYTES, TILED_THRESHOLD.bytes) };
}

/** Layers of the model that are tiled. */
export function bigLayers(model: StoryModel, t: TiledThreshold = threshold()): StoryLayer[] {
  // story.json's `tiled` decides for its layer; otherwise its size does.
  return model.layers.filter((l) => !l.error && l.features.length > 0 && (l.spec.tiled ?? isBigLayer(l.features.length, () => Buffer.byteLength(JSON.stringify(l.data)), t)));
}

const unionBBox = (fs: readonly StoryFeature[]): BBox =>
  fs.reduce<BBox>((b, f) => [Math.min(b[0], f.bbox[0]), Math.min(b[1], f.bbox[1]), Math.max(b[2], f.bbox[2]), Math.max(b[3], f.bbox[3])], [Infinity, Infinity, -Infinity, -Infinity]);

/** Whether a tiled layer's points are clustered: the same rule as style.ts `clustered` for the whole layer. */
const clusters = (layer: StoryLayer) => layer.features.length >= CLUSTER_MIN_POINTS && layer.features.every((f) => f.kind === 'point');

/** What model.json says about a tiled layer (paths relative to the story folder). */
export function descriptor(layer: StoryLayer): TiledLayer {
  return { ...tiledPaths(layer.spec.id), sourceLayer: TILE_SOURCE_LAYER, minzoom: 0, maxzoom: TILE_MAXZOOM, bounds: unionBBox(layer.features), count: layer.features.length, clustered: clusters(layer), legend: legendEntry(layer) };
}

/**
 * The properties a tile gives each feature: what the style reads (key, name, label, kind, cat, approximate,
 * context) and what the card shows (tiled.ts featureFromTile reads them back). A line's or an area's
 * box goes along, as a tile holds only its own piece of the geometry.
 */
function tileProperties(f: StoryFeature, cat: unknown): Record<string, string | number | boolean> {
  const p: Record<string, string | number | boolean> = { key: f.key, id: f.id, name: f.name, kind: f.kind, cat: typeof cat === 'number' ? cat : -1, approximate: f.approximate, context: f.context, date: f.date, source: f.source };
  for (const k of ['label', 'description', 'confidence', 'claimSource', 'category'] as const) if (f[k] !== undefined) p[k] = f[k]!;
  if (f.kind !== 'point') p.bbox = f.bbox.join(',');
  return p;
}

/** The features a story links to (in passages): what model.json keeps of a tiled layer. */
const linkedOf = (model: StoryModel, layer: StoryLayer) => layer.features.flatMap((f, i) => (model.passagesByFeature.has(f.key) ? [{ f, i }] : []));

/**
 * A tiled layer as model.json carries it: the features the story links to (with their tile ids)
 * and their map data, the descriptor, the layer's own problems and flags. Nothing else.
 */
export function snapshotLayer(model: StoryModel, layer: StoryLayer): StoryLayer {
  const linked = linkedOf(model, layer);
  return {
    ...layer,
    features: linked.map(({ f, i }) => ({ ...f, tileId: i })),
    data: { type: 'FeatureCollection', features: linked.map(({ i }) => layer.data.features[i]!) },
    tiled: descriptor(layer),
  };
}

/** The tiles and index of one tiled layer, made on demand and kept. */
export class LayerTiles {
  readonly descriptor: TiledLayer;
  private vt: GeoJSONVT | null = null;

  constructor(readonly layer: StoryLayer) {
    this.descriptor = descriptor(layer);
  }

  private index(): GeoJSONVT {
    if (this.vt) return this.vt;
    // Each feature's tile id is its index in the layer: the page's feature-state ids (feature-state-ids.ts).
    const features: Feature[] = this.layer.features.map((f, i) => ({ type: 'Feature', id: i, properties: tileProperties(f, this.layer.data.features[i]?.properties?.cat), geometry: this.layer.data.features[i]!.geometry }));
    const fc: FeatureCollection = { type: 'FeatureCollection', features };
    this.vt = this.descriptor.clustered
      ? new GeoJSONVT(fc, {
          extent: EXTENT,
          buffer: BUFFER,
          maxZoom: TILE_MAXZOOM,
          cluster: true,
          // As MapLibre clusters a GeoJSON source with style.ts's options (its radius in pixels of a 512-pixel tile).
          clusterOptions: { maxZoom: CLUSTER_MAX_ZOOM, minPoints: 2, extent: EXTENT, radius: (CLUSTER_RADIUS * EXTENT) / 512, log: false, generateId: false },
          wrap: false,
        })
      : new GeoJSONVT(fc, { extent: EXTENT, buffer: BUFFER, maxZoom: TILE_MAXZOOM, indexMaxZoom: 5, tolerance: 3, wrap: false });
    return this.vt;
  }

  /** One tile as MVT bytes, or null where the layer has nothing. */
  tile(z: number, x: number, y: number): Uint8Array | null {
    if (z < this.descriptor.minzoom || z > this.descriptor.maxzoom || x < 0 || y < 0 || x >= 2 ** z || y >= 2 ** z) return null;
    const vt = this.index();
    const t = vt.getTile(z, x, y);
    if (!t?.features.length) return null;
    const features = (t.features as unknown as GeoJSONVTFeature[]).map((f): GeoJSONVTFeature => {
      const tags = f.tags as Record<string, unknown> | null;
      // A cluster says how far in it splits, so a click zooms there without asking the source.
      if (tags?.cluster === true) return { ...f, tags: { ...tags, expansion_zoom: vt.getClusterExpansionZoom(Number(tags.cluster_id)) ?? z + 1 } };
      return f;
    });
    return fromGeojsonVt({ [TILE_SOURCE_LAYER]: { ...t, features } as GeoJSONVTTile }, { version: 2, extent: EXTENT });
  }

  /** Every tile that holds something: [z, x, y, bytes]. */
  *all(): Generator<[number, number, number, Uint8Array]> {
    for (let z = this.descriptor.minzoom; z <= this.descriptor.maxzoom; z++) {
      for (const { x, y } of tilesCovering(this.descriptor.bounds as [number, number, number, number], z)) {
        const t = this.tile(z, x, y);
        if (t) yield [z, x, y, t];
      }
    }
  }

  /** Every tile that holds something, as the file a build writes: [path relative to the story folder, bytes]. */
  *files(): Generator<[string, Uint8Array]> {
    for (const [z, x, y, bytes] of this.all()) yield [tileUrl(this.descriptor.tiles, { z, x, y }), bytes];
  }

  /** The feature index (tiled.ts FeatureIndexFile) as JSON text. */
  indexText(): string {
    const strings: string[] = [];
    const at = new Map<string, number>();
    const s = (v: string | undefined) => {
      if (v === undefined) return -1;
      let i = at.get(v);
      if (i === undefined) {
        i = strings.push(v) - 1;
        at.set(v, i);
      }
      return i;
    };
    const fs = this.layer.features;
    const round = (n: number) => Math.round(n * 1e6) / 1e6;
    const ix: FeatureIndexFile = {
      format: INDEX_FORMAT,
      layer: this.layer.spec.id,
      count: fs.length,
      strings,
      id: fs.map((f) => f.id),
      name: fs.map((f) => f.name),
      date: fs.map((f) => s(f.date)),
      source: fs.map((f) => s(f.source)),
      description: fs.map((f) => s(f.description)),
      confidence: fs.map((f) => s(f.confidence)),
      claimSource: fs.map((f) => s(f.claimSource)),
      category: fs.map((f) => s(f.category)),
      kind: fs.map((f) => KINDS.indexOf(f.kind)),
      flags: fs.map((f) => (f.approximate ? 1 : 0) | (f.context ? 2 : 0)),
      bbox: fs.flatMap((f) => f.bbox.map(round)),
    };
    return JSON.stringify(ix);
  }
}
