// Builds the one typed, frozen model of a story from its files' texts: validated story file,
// parsed article, layers, and the feature<->passage indexes, built once here and only read after.
import { bbox as turfBbox } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { ZodError } from 'zod';
import { parseArticle, type Block, type Passage } from './article';
import { readGeoJSON } from './geojson';
import type { Problem } from './problems';
import { storySchema, type LayerSpec, type StoryFile } from './schema';

export type BBox = [number, number, number, number];
export type GeometryKind = 'point' | 'line' | 'area';

export interface StoryFeature {
  /** "layerId:featureId", unique in the story. */
  key: string;
  layerId: string;
  id: string;
  name: string;
  date: string;
  source: string;
  confidence?: string;
  description?: string;
  approximate: boolean;
  /** Category value when the layer colours by category. */
  category?: string;
  kind: GeometryKind;
  bbox: BBox;
  /** Words that name the feature in its passages (its name first). */
  aliases: string[];
  passages: string[];
}

export interface StoryLayer {
  spec: LayerSpec;
  /** Features in file order; empty when the layer failed. */
  features: StoryFeature[];
  /** GeoJSON for the map: each feature's id is its feature id; properties carry what styles need. */
  data: FeatureCollection;
  /** Why the layer is not shown, when it is not. */
  error?: string;
  hasApproximate: boolean;
}

export interface StoryModel {
  story: StoryFile;
  blocks: Block[];
  passages: Passage[];
  layers: StoryLayer[];
  features: ReadonlyMap<string, StoryFeature>;
  passageById: ReadonlyMap<string, Passage>;
  featuresByPassage: ReadonlyMap<string, readonly string[]>;
  passagesByFeature: ReadonlyMap<string, readonly string[]>;
  problems: Problem[];
}

export interface StoryTexts {
  /** story.json text. */
  story: string;
  /** Article Markdown text, or an Error when it could not be read. */
  article: string | Error;
  /** Layer file texts by path as written in story.json, or an Error when one could not be read. */
  layers: Record<string, string | Error>;
}

export class StoryFileError extends Error {
  constructor(public problems: Problem[]) {
    super(problems.map((p) => p.message).join('\n'));
  }
}

export function zodProblems(err: ZodError, file: string): Problem[] {
  return err.issues.map((i) => {
    const path = i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    let message = i.message;
    if (i.code === 'unrecognized_keys') message = `Unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}.`;
    if (i.code === 'invalid_type') message = `Expected ${i.expected} here${'received' in i && i.received ? '' : ''}. ${i.message}`;
    return {
      severity: 'error',
      file,
      path: path || undefined,
      message,
      fix: i.code === 'unrecognized_keys' ? 'Check the spelling against docs/story-format.md, or remove it.' : 'See docs/story-format.md for this field.',
    } satisfies Problem;
  });
}

/** Parses story.json text; throws StoryFileError (with problems) when the story cannot be told at all. */
export function parseStoryFile(text: string, file = 'story.json'): StoryFile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new StoryFileError([{ severity: 'error', file, message: `The story file is not valid JSON (${(e as Error).message}).`, fix: 'Check for a missing comma, bracket or quote near that point.' }]);
  }
  const r = storySchema.safeParse(json);
  if (!r.success) throw new StoryFileError(zodProblems(r.error, file));
  return r.data;
}

const KIND: Record<string, GeometryKind> = {
  Point: 'point', MultiPoint: 'point', LineString: 'line', MultiLineString: 'line', Polygon: 'area', MultiPolygon: 'area',
};

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v : typeof v === 'number' ? String(v) : undefined;
}

export function buildModel(texts: StoryTexts): StoryModel {
  const story = parseStoryFile(texts.story);
  const problems: Problem[] = [];

  let blocks: Block[] = [];
  if (texts.article instanceof Error) {
    problems.push({ severity: 'error', file: story.article, message: `The article could not be read (${texts.article.message}).`, fix: 'Check that the file exists next to story.json.' });
  } else {
    const parsed = parseArticle(texts.article);
    blocks = parsed.blocks;
    for (const p of parsed.problems) problems.push({ severity: 'error', file: story.article, path: `line ${p.line}`, message: p.message, fix: p.fix });
  }
  const passages = blocks.filter((b): b is Passage => b.kind === 'passage');
  const passageById = new Map(passages.map((p) => [p.id, p]));

  const features = new Map<string, StoryFeature>();
  const featuresByPassage = new Map<string, string[]>();
  const passagesByFeature = new Map<string, string[]>();
  const seenLayers = new Set<string>();

  const layers: StoryLayer[] = story.layers.map((spec, li) => {
    const empty: StoryLayer = { spec, features: [], data: { type: 'FeatureCollection', features: [] }, hasApproximate: false };
    if (seenLayers.has(spec.id)) {
      problems.push({ severity: 'error', file: 'story.json', path: `layers[${li}].id`, message: `Two layers have the id "${spec.id}".`, fix: 'Give each layer its own id.' });
      return { ...empty, error: `The layer id "${spec.id}" is used twice.` };
    }
    seenLayers.add(spec.id);
    const text = texts.layers[spec.file];
    if (text === undefined || text instanceof Error) {
      const why = text instanceof Error ? text.message : 'not found';
      problems.push({ severity: 'error', file: spec.file, message: `The layer file for “${spec.name}” could not be read (${why}).`, fix: `Check that ${spec.file} exists in the story folder and that layers[${li}].file names it.` });
      return { ...empty, error: `Its file ${spec.file} could not be read.` };
    }
    const read = readGeoJSON(text, spec.file);
    problems.push(...read.problems);
    const errors = read.problems.filter((p) => p.severity === 'error');
    if (errors.length) return { ...empty, error: `${errors.length} error${errors.length > 1 ? 's' : ''} in ${spec.file}.` };

    const list: StoryFeature[] = [];
    const mapFeatures: Feature[] = [];
    for (const f of read.features) {
      const key = `${spec.id}:${f.id}`;
      const link = story.features[key];
      const p = f.properties;
      const name = link?.name ?? str(p.name) ?? f.id;
      const category = spec.categories ? str(p[spec.categories.property]) : undefined;
      const kind = f.geometry.type === 'GeometryCollection' ? 'area' : (KIND[f.geometry.type] ?? 'point');
      const feature: StoryFeature = {
        key, layerId: spec.id, id: f.id, name,
        date: link?.date ?? str(p.date) ?? '',
        source: link?.source ?? str(p.source) ?? '',
        confidence: link?.confidence ?? str(p.confidence),
        description: link?.description ?? str(p.description),
        approximate: link?.approximate ?? (p.approximate === true || p.APPROXIMATE === true),
        category,
        kind,
        bbox: turfBbox(f.geometry) as BBox,
        aliases: [name, ...(link?.aliases ?? [])],
        passages: link?.passages ?? [],
      };
      features.set(key, feature);
      list.push(feature);
      const catIndex = spec.categories?.values.findIndex((v) => v.value === category) ?? -1;
      // Only what the style needs goes to the map; the model, not the map, is the source of truth.
      mapFeatures.push({
        type: 'Feature',
        id: f.id,
        properties: { key, id: f.id, name, approximate: feature.approximate, cat: catIndex, kind },
        geometry: f.geometry as Geometry,
      });
    }
    return { spec, features: list, data: { type: 'FeatureCollection', features: mapFeatures }, hasApproximate: list.some((f) => f.approximate) };
  });

  // Links: every one must resolve, both ways.
  for (const [key, link] of Object.entries(story.features)) {
    const feature = features.get(key);
    const layerId = key.split(':')[0]!;
    const layer = layers.find((l) => l.spec.id === layerId);
    if (!feature) {
      if (layer && !layer.error) {
        problems.push({ severity: 'error', file: 'story.json', path: `features["${key}"]`, message: `There is no feature "${key.slice(layerId.length + 1)}" in the layer “${layer.spec.name}”.`, fix: `Check the id against ${layer.spec.file}.` });
      } else if (!layer) {
        problems.push({ severity: 'error', file: 'story.json', path: `features["${key}"]`, message: `There is no layer "${layerId}".`, fix: `Feature keys are "layerId:featureId"; the layers are ${story.layers.map((l) => l.id).join(', ')}.` });
      }
      continue;
    }
    for (const [i, pid] of link.passages.entries()) {
      const passage = passageById.get(pid);
      if (!passage) {
        problems.push({ severity: 'error', file: 'story.json', path: `features["${key}"].passages[${i}]`, message: `The passage "${pid}" does not exist in ${story.article}.`, fix: `Mark the paragraph with {#${pid}} at its end, or correct the id.` });
        continue;
      }
      featuresByPassage.set(pid, [...(featuresByPassage.get(pid) ?? []), key]);
      passagesByFeature.set(key, [...(passagesByFeature.get(key) ?? []), pid]);
      const text = passage.text.toLowerCase();
      if (!feature.aliases.some((a) => text.includes(a.toLowerCase()))) {
        problems.push({ severity: 'warning', file: 'story.json', path: `features["${key}"].passages[${i}]`, message: `The passage "${pid}" never mentions “${feature.name}” or its aliases.`, fix: 'Add the words the passage uses for this place to "aliases", or check the link.' });
      }
    }
  }
  for (const f of features.values()) {
    if (!passagesByFeature.has(f.key)) {
      problems.push({ severity: 'warning', file: 'story.json', path: `features["${f.key}"]`, message: `The feature “${f.name}” (${f.key}) is linked to no passage.`, fix: 'Add it to "features" with the passages it illustrates.' });
    }
  }

  const frozen = <T>(m: Map<string, T[]>) => new Map([...m].map(([k, v]) => [k, Object.freeze([...v])] as const));
  return Object.freeze({
    story,
    blocks,
    passages,
    layers,
    features,
    passageById,
    featuresByPassage: frozen(featuresByPassage),
    passagesByFeature: frozen(passagesByFeature),
    problems,
  });
}

/** The smallest box holding all the given features. */
export function boundsOf(model: StoryModel, keys: Iterable<string>): BBox | null {
  let out: BBox | null = null;
  for (const k of keys) {
    const b = model.features.get(k)?.bbox;
    if (!b) continue;
    out = out ? [Math.min(out[0], b[0]), Math.min(out[1], b[1]), Math.max(out[2], b[2]), Math.max(out[3], b[3])] : [...b];
  }
  return out;
}
