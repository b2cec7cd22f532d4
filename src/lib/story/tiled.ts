// Big story layers, tiled at build time (docs/architecture.md, "Big layers are tiled"). A layer of
// TILED_MIN_FEATURES features or more, or whose map data would take TILED_MIN_BYTES or more of
// model.json, is not sent whole: the build cuts it into vector tiles (scripts/story-tiles.ts) and
// model.json carries only the features the story links to, in full, and a `tiled` descriptor. The
// rest are known to the page in two small ways, each checked like any data from the network:
//
// - a tile feature's own properties: clicking a point opens its card at once (featureFromTile);
// - the layer's feature index (one file, fetched only when needed: a link or a host page naming a
//   feature the model does not hold): findFeature.
//
// What the page learns this way joins model.features (learn), so the card, the list, the URL, the
// host API and the selection work on it as on any other feature. Pure TypeScript, no maplibre.
import type { BBox, GeometryKind, StoryFeature, StoryLayer, StoryModel } from './model';
import type { LegendEntry } from './legend';
import { isReservedKey, TEXT_LIMITS } from './keys';

/** A layer with this many features or more is tiled. */
export const TILED_MIN_FEATURES = 5000;
/** A layer whose map data (as model.json would carry it) is this many bytes or more is tiled. */
export const TILED_MIN_BYTES = 5 * 1024 * 1024;

export interface TiledThreshold {
  features: number;
  bytes: number;
}
export const TILED_THRESHOLD: TiledThreshold = { features: TILED_MIN_FEATURES, bytes: TILED_MIN_BYTES };

/** Whether a layer of `features` features whose map data takes `bytes()` bytes is tiled (bytes are only measured when the count does not decide). */
export function isBigLayer(features: number, bytes: () => number, t: TiledThreshold = TILED_THRESHOLD): boolean {
  return features >= t.features || bytes() >= t.bytes;
}

/** The one source layer in a story layer's tiles. */
export const TILE_SOURCE_LAYER = 'features';
export const INDEX_FORMAT = 'story-map/feature-index@1';

/** What model.json says about a tiled layer. */
export interface TiledLayer {
  /** Tile URL template: relative to the story folder in model.json, absolute once the page has read it. */
  tiles: string;
  /** The layer's feature index (FeatureIndexFile), likewise. */
  index: string;
  /** The tiles' source layer. */
  sourceLayer: string;
  minzoom: number;
  /** The deepest zoom the tiles are made for; the map magnifies them beyond. */
  maxzoom: number;
  /** Around every feature of the layer. */
  bounds: BBox;
  /** Features in the layer (the tiles and the index hold them all). */
  count: number;
  /** Points clustered at build time as MapLibre clusters them: cluster features carry point_count, point_count_abbreviated, cluster_id and expansion_zoom. */
  clustered: boolean;
  /** The layer's legend, made from every feature at build time (the page holds only some). */
  legend: LegendEntry;
}

/** Tile and index paths of a layer, relative to its story folder. */
export function tiledPaths(layerId: string): { tiles: string; index: string } {
  const dir = `tiles/${encodeURIComponent(layerId)}`;
  return { tiles: `${dir}/{z}/{x}/{y}.pbf`, index: `${dir}/index.json` };
}

/**
 * The feature index: one entry per feature, in file order (entry i is the feature whose tile id is
 * i), as columns. Texts that repeat (dates, sources) are stored once in `strings` and referred to
 * by number; -1 is "none".
 */
export interface FeatureIndexFile {
  format: typeof INDEX_FORMAT;
  layer: string;
  count: number;
  strings: string[];
  id: string[];
  name: string[];
  date: number[];
  source: number[];
  description: number[];
  confidence: number[];
  claimSource: number[];
  category: number[];
  /** 0 point, 1 line, 2 area. */
  kind: number[];
  /** 1 approximate, 2 context. */
  flags: number[];
  /** west, south, east, north of each feature, one after another. */
  bbox: number[];
}

export const KINDS: readonly GeometryKind[] = ['point', 'line', 'area'];

// -- reading what the network sends ---------------------------------------------------------------

const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
// The ids the validator lets through: no control or invisible formatting characters.
// eslint-disable-next-line no-control-regex
const BAD_ID = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;
export const goodId = (v: unknown): v is string => str(v, TEXT_LIMITS.id) && v.length > 0 && !isReservedKey(v) && !BAD_ID.test(v);
const goodBBox = (b: number[]) => b.length === 4 && b.every(finite) && b[0]! <= b[2]! && b[1]! <= b[3]! && Math.abs(b[1]!) <= 90 && Math.abs(b[3]!) <= 90;

/** The descriptor as model.json has it, resolved against `base`; null when it is not one. */
export function readTiled(v: unknown, layerId: string, base: string): TiledLayer | null {
  if (typeof v !== 'object' || v === null) return null;
  const t = v as Record<string, unknown>;
  const paths = tiledPaths(layerId);
  // Only the paths the build writes: nothing else is ever requested.
  if (t.tiles !== paths.tiles || t.index !== paths.index || t.sourceLayer !== TILE_SOURCE_LAYER) return null;
  const zoom = (z: unknown): z is number => Number.isInteger(z) && (z as number) >= 0 && (z as number) <= 16;
  if (!zoom(t.minzoom) || !zoom(t.maxzoom) || t.minzoom > t.maxzoom) return null;
  if (!Array.isArray(t.bounds) || !goodBBox(t.bounds as number[])) return null;
  if (!Number.isInteger(t.count) || (t.count as number) < 0 || typeof t.clustered !== 'boolean') return null;
  const legend = readLegend(t.legend);
  if (!legend) return null;
  return { tiles: base + paths.tiles, index: base + paths.index, sourceLayer: TILE_SOURCE_LAYER, minzoom: t.minzoom, maxzoom: t.maxzoom, bounds: t.bounds as BBox, count: t.count as number, clustered: t.clustered, legend };
}

const COLOR = /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
function readLegend(v: unknown): LegendEntry | null {
  if (typeof v !== 'object' || v === null) return null;
  const e = v as Record<string, unknown>;
  const kinds = (k: unknown) => Array.isArray(k) && k.every((x) => KINDS.includes(x));
  if (!kinds(e.kinds) || !kinds(e.approx) || !str(e.color, 7) || !COLOR.test(e.color) || !Array.isArray(e.rows) || !Array.isArray(e.marks)) return null;
  for (const r of e.rows as Record<string, unknown>[]) {
    if (typeof r !== 'object' || r === null || !kinds(r.kinds) || !str(r.color, 7) || !COLOR.test(r.color) || !str(r.label, TEXT_LIMITS.line * 2)) return null;
    if (!['solid', 'hatched', 'context', 'ring', 'dashed'].includes(r.style as string) || (r.value !== undefined && !str(r.value, TEXT_LIMITS.id))) return null;
    if (r.context !== undefined && !contextParts(r.context)) return null;
  }
  for (const m of e.marks as Record<string, unknown>[]) {
    if (typeof m !== 'object' || m === null || !['hatched', 'ring', 'dashed'].includes(m.style as string) || !str(m.label, TEXT_LIMITS.line)) return null;
  }
  return v as LegendEntry;
}

/** A context row's parts (legend.ts, LegendSwatch.context): at most three names, and a count of the rest. */
function contextParts(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return Array.isArray(c.names) && c.names.length <= 3 && c.names.every((n) => str(n, TEXT_LIMITS.name)) && Number.isInteger(c.more) && (c.more as number) >= 0;
}

/** The parts of a feature every tile and index entry carries, checked (tiles here, the index in tiled-index.ts). */
export function checkedFeature(layer: StoryLayer, tileId: number, f: Record<string, unknown>, bbox: number[]): StoryFeature | null {
  const t = layer.tiled;
  if (!t || !Number.isInteger(tileId) || tileId < 0 || tileId >= t.count) return null;
  if (!goodId(f.id) || !str(f.name, TEXT_LIMITS.name) || !str(f.date, TEXT_LIMITS.line) || !str(f.source, TEXT_LIMITS.line)) return null;
  const opt = (v: unknown, max: number) => v === undefined || str(v, max);
  if (!opt(f.label, TEXT_LIMITS.name) || !opt(f.description, TEXT_LIMITS.paragraph) || !opt(f.confidence, TEXT_LIMITS.line) || !opt(f.claimSource, TEXT_LIMITS.line) || !opt(f.category, TEXT_LIMITS.id)) return null;
  if (!KINDS.includes(f.kind as GeometryKind) || !goodBBox(bbox)) return null;
  const name = f.name as string;
  return {
    key: `${layer.spec.id}:${f.id}`, layerId: layer.spec.id, id: f.id, name,
    ...(f.label !== undefined && f.label !== name ? { label: f.label as string } : {}),
    date: f.date as string, source: f.source as string,
    ...(f.description !== undefined ? { description: f.description as string } : {}),
    ...(f.confidence !== undefined ? { confidence: f.confidence as string } : {}),
    ...(f.claimSource !== undefined ? { claimSource: f.claimSource as string } : {}),
    ...(f.category !== undefined ? { category: f.category as string } : {}),
    approximate: f.approximate === true,
    context: f.context === true,
    kind: f.kind as GeometryKind,
    bbox: bbox as BBox,
    aliases: [name],
    tileId,
  };
}

/**
 * A feature from what its tile says (MapLibre's feature: numeric id, properties, and for a point its
 * position); null when the tile does not describe a feature of this layer properly.
 */
export function featureFromTile(layer: StoryLayer, id: unknown, props: Record<string, unknown>, point: [number, number] | null): StoryFeature | null {
  let bbox: number[];
  if (props.kind === 'point' && point) bbox = [point[0], point[1], point[0], point[1]];
  else if (typeof props.bbox === 'string') bbox = props.bbox.split(',').map(Number);
  else return null;
  const f = checkedFeature(layer, Number(id), props, bbox);
  return f && f.key === props.key ? f : null;
}

// -- what the page learns -------------------------------------------------------------------------

/** Adds a feature the page has learned (from a tile or the index) to the model, if it is new. The one place the model grows. */
export function learn(model: StoryModel, f: StoryFeature): StoryFeature {
  const known = model.features.get(f.key);
  if (known) return known;
  (model.features as Map<string, StoryFeature>).set(f.key, f);
  return f;
}

/** The tiled layer a feature key belongs to, if it belongs to one. */
export function tiledLayerOf(model: StoryModel, key: string): StoryLayer | null {
  const i = key.indexOf(':');
  if (i < 0) return null;
  const id = key.slice(0, i);
  return model.layers.find((l) => l.spec.id === id && l.tiled && !l.error) ?? null;
}

/**
 * Makes sure the model holds a feature of a tiled layer, fetching the layer's index if need be:
 * resolves true when it does. Null when the key is not of a tiled layer (nothing to look up). The
 * index's code (tiled-index.ts) is loaded then: a story without a tiled layer never needs it.
 */
export function findFeature(model: StoryModel, key: string): Promise<boolean> | null {
  const layer = tiledLayerOf(model, key);
  if (!layer) return null;
  if (model.features.has(key)) return Promise.resolve(true);
  return import('./tiled-index').then((m) => m.findInIndex(model, layer, key));
}

/**
 * The next features of a tiled layer for the list of places, in file order from its index: up to
 * `count` of them from position `from`, leaving out those `listed` already has (the linked ones),
 * each learned into the model (so selecting one works at once). Null when the index cannot be read.
 */
export async function indexPage(model: StoryModel, layer: StoryLayer, listed: (key: string) => boolean, from: number, count: number): Promise<{ features: StoryFeature[]; next: number } | null> {
  if (!layer.tiled) return null;
  return (await import('./tiled-index')).pageOfIndex(model, layer, listed, from, count);
}
