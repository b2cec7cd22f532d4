// A story's model as one JSON file (stories/<name>/model.json), written at build time (and by the
// dev server) from the validated files, so a reader's page gets the finished model in one request
// and needs none of the validator's code (zod, the JSON and GeoJSON checkers, marked, papaparse):
// the page's own script stays small and the text shows sooner. The files stay the source of truth:
// a folder without model.json, or with one that does not read back, is loaded and validated from
// its files as before (load.ts).
//
// The snapshot is data from the network like any story file, so reading it checks what could do
// harm were it forged: links (only http(s), mailto and #anchors), colours (#rgb or #rrggbb) and the
// shape of everything the page indexes. Anything unexpected: null, and the page uses the files.
import type { FeatureCollection } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Block, Inline } from './article';
import type { BBox, StoryLayer, StoryModel } from './model';
import { freezeModel } from './model-core';
import type { Problem } from './problems';
import type { StoryFile } from './schema';
import { isSafeLink as safeLink, unsafeScheme } from './safe-link';
import { isReservedKey, TEXT_LIMITS, validLanguage } from './keys';
import { readTiled } from './tiled';
import type { ShownDate } from './story-date';
import { STORY_DATE } from './story-date-pattern';

export const SNAPSHOT_FORMAT = 'story-map/model@2';

export interface StorySnapshot {
  format: typeof SNAPSHOT_FORMAT;
  /** The files the model was made from and their sizes in bytes (what "fresh" means for tools). */
  sources: Record<string, number>;
  story: StoryFile;
  blocks: Block[];
  /** As model.json's text holds them (snapshotJson, scripts/model-snapshot.ts), each `data` is a `topology`. */
  layers: StoryLayer[];
  problems: Problem[];
  /** featuresByPassage and passagesByFeature as entry lists, in the model's order. */
  featuresByPassage: [string, string[]][];
  passagesByFeature: [string, string[]][];
  /** The date as the header shows it (StoryModel.shownDate), made with the snapshot from this date and language. */
  shownDate: ShownDate & { date: string; language: string };
}

/** `layers`: the layers as model.json carries them (a tiled layer without its full data: scripts/story-tiles.ts). */
export function toSnapshot(model: StoryModel, sources: Record<string, number>, layers: StoryLayer[] = model.layers): StorySnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    sources,
    story: model.story,
    blocks: model.blocks,
    layers,
    problems: model.problems,
    featuresByPassage: [...model.featuresByPassage].map(([k, v]) => [k, [...v]]),
    passagesByFeature: [...model.passagesByFeature].map(([k, v]) => [k, [...v]]),
    shownDate: { date: model.story.date, language: model.story.language, ...model.shownDate },
  };
}

/** Thrown inside fromSnapshot for anything unexpected; never escapes it. */
class Unfit extends Error {}
function need(ok: unknown, what: string): asserts ok {
  if (!ok) throw new Unfit(what);
}
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
// The same rules as the story schema (schema.ts) and the article's links (article.ts).
const COLOR = /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const SAFE_URL = /^(https?:\/\/|mailto:)/i;

function checkInlines(list: unknown): void {
  need(Array.isArray(list), 'inlines');
  for (const run of list as Inline[]) {
    need(isObj(run) && isStr(run.type), 'inline');
    if (run.type === 'text' || run.type === 'code') need(isStr(run.text), 'inline text');
    else if (run.type === 'em' || run.type === 'strong') checkInlines(run.children);
    else if (run.type === 'link') {
      need(run.href === null || (isStr(run.href) && safeLink(run.href)), 'link');
      checkInlines(run.children);
    } else need(run.type === 'br', 'inline type');
  }
}

function checkBBox(b: unknown): asserts b is BBox {
  need(Array.isArray(b) && b.length === 4 && b.every(isNum), 'bbox');
}

function checkStory(story: unknown): asserts story is StoryFile {
  need(isObj(story), 'story');
  const s = story as Record<string, unknown>;
  need(isStr(s.id) && isStr(s.title) && isStr(s.outlet) && isStr(s.date) && isStr(s.article), 'story fields');
  need(s.url === undefined || (isStr(s.url) && SAFE_URL.test(s.url) && !unsafeScheme(s.url)), 'story url');
  need(isObj(s.view), 'view');
  checkBBox((s.view as Record<string, unknown>).bounds);
  const units = (s.view as Record<string, unknown>).units;
  need(units === undefined || units === 'metric' || units === 'imperial' || units === 'nautical', 'view units');
  need(Array.isArray(s.attribution), 'attribution');
  for (const a of s.attribution as unknown[]) need(isObj(a) && isStr(a.text) && (a.url === undefined || (isStr(a.url) && SAFE_URL.test(a.url) && !unsafeScheme(a.url))), 'credit');
  if (s.basemap !== undefined) {
    // The newsroom's own basemap: only http(s) addresses are ever requested from it.
    const b = s.basemap as Record<string, unknown>;
    need(isObj(b), 'basemap');
    const remote = (u: unknown) => u === undefined || (isStr(u) && /^https?:\/\//i.test(u));
    need(remote(b.tiles) && remote(b.pmtiles) && remote(b.style) && [b.tiles, b.pmtiles, b.style].filter((u) => u !== undefined).length === 1, 'basemap address');
    need(b.schema === undefined || b.schema === 'story-map' || b.schema === 'protomaps', 'basemap schema');
    need(b.maxzoom === undefined || isNum(b.maxzoom), 'basemap maxzoom');
    need(b.attribution === undefined || Array.isArray(b.attribution), 'basemap credits');
    for (const a of (b.attribution ?? []) as unknown[]) need(isObj(a) && isStr(a.text) && (a.url === undefined || (isStr(a.url) && SAFE_URL.test(a.url) && !unsafeScheme(a.url))), 'basemap credit');
  }
  need(Array.isArray(s.layers) && isObj(s.features), 'story layers');
  need(isStr(s.language) && validLanguage(s.language), 'language');
  need(isStr(s.title) && s.title.length <= TEXT_LIMITS.line, 'title length');
}

/** An id the page may use as a key: not a name JavaScript reserves, not too long, and not seen before in `seen`. */
function key(id: string, seen: Set<string>, what: string) {
  need(!isReservedKey(id) && id.length <= TEXT_LIMITS.id && !seen.has(id), what);
  seen.add(id);
}

const isPair = (v: unknown) => Array.isArray(v) && v.length === 2 && isNum(v[0]) && isNum(v[1]);

/**
 * A layer's TopoJSON (one GeometryCollection named `data`, quantized, as encodeLayerData writes it)
 * as GeoJSON. Its shape is checked here; an arc it names that is not there throws in `feature`, which
 * fromSnapshot turns into null like anything else unexpected.
 */
function readTopology(t: unknown): FeatureCollection {
  need(isObj(t) && t.type === 'Topology' && isObj(t.objects) && Object.keys(t.objects).length === 1 && Object.hasOwn(t.objects, 'data'), 'topology');
  const topo = t as unknown as Topology<{ data: GeometryCollection }>;
  need(isObj(topo.transform) && isPair(topo.transform.scale) && isPair(topo.transform.translate), 'topology transform');
  need(Array.isArray(topo.arcs) && topo.arcs.every((arc) => Array.isArray(arc) && arc.length >= 2 && arc.every(isPair)), 'topology arcs');
  need(isObj(topo.objects.data) && topo.objects.data.type === 'GeometryCollection' && Array.isArray(topo.objects.data.geometries), 'topology geometries');
  const out = feature(topo, topo.objects.data) as FeatureCollection;
  for (const f of out.features) need(f.geometry === null || (isObj(f.geometry) && (f.geometry.type === 'GeometryCollection' ? Array.isArray(f.geometry.geometries) : Array.isArray(f.geometry.coordinates))), 'topology geometry');
  return out;
}

function checkLayer(layer: unknown, base: string): asserts layer is StoryLayer {
  need(isObj(layer) && isObj(layer.spec), 'layer');
  const l = layer as Record<string, unknown> & { spec: Record<string, unknown> };
  need(isStr(l.spec.id) && isStr(l.spec.name) && isStr(l.spec.color) && COLOR.test(l.spec.color), 'layer spec');
  // A tiled layer (tiled.ts): only the paths the build writes, made addresses against the story's folder.
  if (l.tiled !== undefined) {
    const tiled = readTiled(l.tiled, l.spec.id, base);
    need(tiled, 'tiled layer');
    l.tiled = tiled;
  }
  const count = (l.tiled as { count?: number } | undefined)?.count;
  const cats = l.spec.categories;
  if (cats !== undefined) {
    need(isObj(cats) && isStr(cats.property) && Array.isArray(cats.values), 'categories');
    const values = new Set<string>();
    for (const c of cats.values as unknown[]) {
      need(isObj(c) && isStr(c.value) && isStr(c.label) && isStr(c.color) && COLOR.test(c.color), 'category');
      key(c.value as string, values, 'category value');
    }
  }
  need(Array.isArray(l.features) && Array.isArray(l.problems) && typeof l.hasApproximate === 'boolean', 'layer lists');
  need(l.error === undefined || isStr(l.error), 'layer error');
  // The build writes a layer's geometry as TopoJSON (scripts/model-snapshot.ts); GeoJSON is read too.
  if (l.topology !== undefined) {
    need(l.data === undefined, 'layer data twice');
    l.data = readTopology(l.topology);
    delete l.topology;
  }
  need(isObj(l.data) && l.data.type === 'FeatureCollection' && Array.isArray(l.data.features), 'layer data');
  // What the map draws: a label no longer than a name may be.
  const label = (v: unknown) => v === undefined || (isStr(v) && v.length <= TEXT_LIMITS.name);
  for (const f of l.data.features as unknown[]) need(isObj(f) && isObj(f.properties) && label(f.properties.name) && label(f.properties.label), 'map feature');
  for (const f of l.features as unknown[]) {
    need(isObj(f) && isStr(f.key) && isStr(f.layerId) && isStr(f.id) && isStr(f.name) && isStr(f.date) && isStr(f.source), 'feature');
    need(!isReservedKey(f.id as string) && (f.id as string).length <= TEXT_LIMITS.id && (f.name as string).length <= TEXT_LIMITS.name && label(f.label), 'feature id and name');
    need(f.kind === 'point' || f.kind === 'line' || f.kind === 'area', 'feature kind');
    need(Array.isArray(f.aliases) && f.aliases.every(isStr), 'feature aliases');
    checkBBox(f.bbox);
    need(f.nameAt === undefined || isPair(f.nameAt), 'name point');
    need(f.nameZoom === undefined || (isNum(f.nameZoom) && f.nameAt !== undefined), 'name zoom');
    need(f.tileId === undefined ? count === undefined : Number.isInteger(f.tileId) && (f.tileId as number) >= 0 && count !== undefined && (f.tileId as number) < count, 'tile id');
  }
}

const pairs = (v: unknown): [string, string[]][] => {
  need(Array.isArray(v), 'index');
  for (const e of v as unknown[]) need(Array.isArray(e) && isStr(e[0]) && Array.isArray(e[1]) && (e[1] as unknown[]).every(isStr), 'index entry');
  return v as [string, string[]][];
};

/**
 * The model a snapshot holds, or null when it is not one this page can trust and use. `base`: the
 * story folder's address, which a tiled layer's tile and index paths are made relative to.
 */
export function fromSnapshot(json: unknown, base = ''): StoryModel | null {
  try {
    need(isObj(json) && json.format === SNAPSHOT_FORMAT, 'format');
    const snap = json as unknown as StorySnapshot;
    checkStory(snap.story);
    need(Array.isArray(snap.blocks) && Array.isArray(snap.layers) && Array.isArray(snap.problems), 'lists');
    // Ids are keys in the page (keyed lists, links): each once, none JavaScript reserves.
    const blockIds = new Set<string>();
    for (const b of snap.blocks) {
      need(isObj(b) && isStr(b.id), 'block');
      key(b.id, blockIds, 'block id');
      if (b.kind === 'passage') {
        need(isNum(b.index) && isStr(b.text) && typeof b.caption === 'boolean' && (b.aside === undefined || typeof b.aside === 'boolean'), 'passage');
        checkInlines(b.inlines);
      } else need(b.kind === 'heading' && isStr(b.text) && isNum(b.level), 'heading');
    }
    for (const l of snap.layers) checkLayer(l, base);
    const layerIds = new Set<string>();
    const keys = new Set<string>();
    for (const l of snap.layers) {
      key(l.spec.id, layerIds, 'layer id');
      for (const f of l.features) {
        need(!keys.has(f.key), 'feature key');
        keys.add(f.key);
      }
    }
    for (const p of snap.problems) need(isObj(p) && isStr(p.file) && isStr(p.message) && (p.severity === 'error' || p.severity === 'warning'), 'problem');
    const shown = snap.shownDate as unknown;
    need(isObj(shown) && isStr(shown.text) && shown.text.length <= TEXT_LIMITS.line && (shown.datetime === null || (isStr(shown.datetime) && STORY_DATE.test(shown.datetime))), 'shown date');
    // Made from another date or language than the story's (a model.json edited by hand): the page
    // reads the files, as for anything else that does not fit (it has no date formatter of its own).
    need(snap.shownDate!.date === snap.story.date && snap.shownDate!.language === snap.story.language, 'shown date of another date');
    return freezeModel({
      story: snap.story,
      blocks: snap.blocks,
      layers: snap.layers,
      problems: snap.problems,
      featuresByPassage: pairs(snap.featuresByPassage),
      passagesByFeature: pairs(snap.passagesByFeature),
      shownDate: { text: snap.shownDate!.text, datetime: snap.shownDate!.datetime },
    });
  } catch {
    return null;
  }
}
