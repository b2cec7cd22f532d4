// Builds the one typed, frozen model of a story from its files' texts: validated story file,
// parsed article, layers, and the feature<->passage indexes, built once here and only read after.
// Everything is checked by the validator (validate/*): a layer with errors is left out, with its
// problems; warnings are fixed where a fix is safe; the rest of the story always works.
import { bbox as turfBbox } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { parseArticle, type Block, type Inline, type Passage } from './article';
import { storyTarget } from './url';
import { countProblems, type Problem } from './problems';
import type { FeatureLink, LayerSpec, StoryFile } from './schema';
import { freezeModel, StoryFileError } from './model-core';
import { showStoryDate, type ShownDate } from './story-date';
import { tooLarge } from './validate/json';
import type { LayerFeature, LayerRead } from './validate/geojson';
import { readLayer } from './validate/layer';
import { LIMITS, mb } from './validate/limits';
import { readStoryFile } from './validate/story-file';
import { checkCategories, checkExclusions } from './validate/story-checks';
import { excludedFor, keysNamed } from './marks';
import { closest, textLimit } from './validate/text';
import { truncate } from './keys';
import { keepNamesInside, nameAt, type NamedArea } from './name-at';
import type { TiledLayer } from './tiled';
import { boxesMeet, continuous, unionBox, unwrapBox } from './lon-wrap';

export type BBox = [number, number, number, number];
export type GeometryKind = 'point' | 'line' | 'area';

export interface StoryFeature {
  /** "layerId:featureId", unique in the story. */
  key: string;
  layerId: string;
  id: string;
  name: string;
  /** What its label on the map says where that is not its name: a shorter form of a long name (story-format.md, `mapLabel`; label-sides.ts, labelOf). */
  label?: string;
  date: string;
  source: string;
  confidence?: string;
  description?: string;
  approximate: boolean;
  /** Drawn as quiet context (a sea, a whole country): outline or faint fill, no hatching, under the subject. */
  context: boolean;
  /** Where what the card says about the feature (an event, a status) comes from, when that differs from `source`. */
  claimSource?: string;
  /** Category value when the layer colours by category. */
  category?: string;
  kind: GeometryKind;
  bbox: BBox;
  /**
   * Where the map writes the name of an area or a line the reader selects (name-at.ts); none for
   * points (named beside themselves) and context (a whole country or sea: the basemap names it).
   */
  nameAt?: [number, number];
  /**
   * An area's among others (a district): the zoom from which its name, centred on nameAt, lies
   * inside it (name-at.ts, keepNamesInside); below it the map does not name the area, and only
   * centred from it. None for an area on its own, named as a line is.
   */
  nameZoom?: number;
  /** Words that name the feature in its passages (its name first). */
  aliases: string[];
  /**
   * A tiled layer's feature (tiled.ts): its id in the layer's vector tiles, which is its index in
   * the layer file. MapLibre knows it by this number (feature-state-ids.ts).
   */
  tileId?: number;
}

export interface StoryLayer {
  spec: LayerSpec;
  /** Features in file order; empty when the layer failed. */
  features: StoryFeature[];
  /** GeoJSON for the map: each feature's id is its feature id; properties carry what styles need. */
  data: FeatureCollection;
  /** Why the layer is not shown, when it is not. */
  error?: string;
  /** Everything the validator said about this layer's file (errors and warnings). */
  problems: Problem[];
  hasApproximate: boolean;
  /**
   * A layer too big to send whole (tiled.ts): the map draws it from vector tiles made at build
   * time, `features` and `data` hold only the features the story links to, and the rest are
   * looked up in its feature index when needed.
   */
  tiled?: TiledLayer;
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
  /**
   * The story's date as the article's header shows it, made with the model: at build time for
   * model.json, so the page does not start the browser's date formatting (60-80 ms on a slow
   * machine, a third of hydrating the page) before the map, nor load the formatter's code; by the
   * validator for a model made in the page from the story's files.
   */
  shownDate: ShownDate;
}

export interface StoryTexts {
  /** story.json text. */
  story: string;
  /** Article Markdown text, or an Error when it could not be read. */
  article: string | Error;
  /** Layer file texts by path as written in story.json, or an Error when one could not be read. */
  layers: Record<string, string | Error>;
}

/** A file that was not read because it is larger than the limit (refused before parsing). */
export class FileTooLarge extends Error {
  constructor(public bytes: number, public limit: number) {
    super(`the file is ${mb(bytes)}; the limit is ${mb(limit)}`);
  }
}

/** A file that is (or is reached through) a symbolic link inside the story folder: never read or published. */
export class SymlinkRefused extends Error {
  constructor(public at: string) {
    super(`${at} is a symbolic link; a story reads only plain files in its own folder`);
  }
}

/** Parses story.json text; throws StoryFileError (with problems) when the story cannot be told at all. */
export function parseStoryFile(text: string, file = 'story.json'): StoryFile {
  const r = readStoryFile(text, file);
  if (!r.story) throw new StoryFileError(r.problems);
  return r.story;
}

const KIND: Record<string, GeometryKind> = {
  Point: 'point', MultiPoint: 'point', LineString: 'line', MultiLineString: 'line', Polygon: 'area', MultiPolygon: 'area',
};

function kindOf(g: Geometry): GeometryKind {
  if (g.type !== 'GeometryCollection') return KIND[g.type] ?? 'point';
  const kinds = g.geometries.map(kindOf);
  return kinds.includes('area') ? 'area' : kinds.includes('line') ? 'line' : 'point';
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
}

/** Passage ids or aliases a feature carries itself (tables do): a list, or text separated by ";". */
function listProp(v: unknown, sep: RegExp): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string' && !!x.trim()).map((s) => s.trim());
  return typeof v === 'string' ? v.split(sep).map((s) => s.trim()).filter(Boolean) : [];
}

const intersects = (a: BBox, b: BBox) => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];

const PROVENANCE_FIX: Record<string, string> = {
  name: 'Give it the name readers should see, in its properties (or "name" in story.json "features").',
  date: 'Say what date or period the feature refers to, e.g. "8 Jan 2020", in its properties, or once for the whole layer ("date" in its entry in story.json "layers").',
  source: 'Say where the location comes from, e.g. "GeoNames (CC BY 4.0)", in its properties, or once for the whole layer ("source" in its entry in story.json "layers").',
};

/**
 * Readers see every feature's name, date and source: each must come from the file or from story.json
 * (the feature's entry in "features"); a feature shown for context needs no date. With its `layer`
 * (its entry in story.json "layers"), the layer's `date` and `source` count too, and a feature
 * without a name is no error: it is named after the layer (buildModel; a warning, name-missing).
 * Without it, the file is checked on its own.
 */
export function checkProvenance(features: readonly LayerFeature[], linkOf: (f: LayerFeature) => Pick<FeatureLink, 'name' | 'date' | 'source' | 'context'> | undefined = () => undefined, layer?: Pick<LayerSpec, 'date' | 'source'>): Problem[] {
  const out: Problem[] = [];
  for (const f of features) {
    const link = linkOf(f);
    // A feature shown for context (a port, a sea) needs no date: no event happened there, and a date
    // on its card read as one ("Port Said, 29 Mar 2021"). One it gives is shown, as for any feature.
    const context = link?.context ?? f.properties.context === true;
    for (const k of ['name', 'date', 'source'] as const) {
      if (layer && (k === 'name' || layer[k]?.trim())) continue;
      if (k === 'date' && context) continue;
      if (!link?.[k] && !str(f.properties[k])) out.push({ severity: 'error', code: 'provenance-missing', ...f.at(k), message: `The feature has no "${k}".`, fix: PROVENANCE_FIX[k] });
    }
  }
  return out;
}

/** Names for features without one: the layer's name, numbered when several features of the layer have none. */
function layerNames(spec: LayerSpec, features: readonly LayerFeature[], linkOf: (f: LayerFeature) => FeatureLink | undefined): Map<LayerFeature, string> {
  const unnamed = features.filter((f) => !linkOf(f)?.name && !str(f.properties.name));
  return new Map(unnamed.map((f, i) => [f, unnamed.length > 1 ? `${spec.name} ${i + 1}` : spec.name]));
}

/** A feature's shape as the map draws it (continuous longitudes across the antimeridian: lon-wrap.ts) and its box. */
function shapeOf(f: LayerFeature): { geometry: Geometry; bbox: BBox } {
  const geometry = continuous(f.drawn ?? f.geometry);
  return { geometry, bbox: turfBbox(geometry) as BBox };
}

interface Swapped {
  /** The feature's box as written. */
  bbox: BBox;
  /** Error: swapped, it lies inside the view, and as written it is far from the view and from every other feature. */
  sure: boolean;
}

/**
 * Features that look written [lat, lon]: far outside the story's view as written (more than the
 * view's own width or height away), but meeting it with latitude and longitude swapped. `sure`
 * when, swapped, the feature lies inside the view (a quarter of its size around it), and as
 * written it lies outside the box around the story's features that are far from the view without
 * looking swapped (places the story really shows elsewhere); otherwise it is a doubt (a warning).
 */
export function swappedCoordinates(features: readonly LayerFeature[], view: BBox, boxOf: (f: LayerFeature) => BBox = (f) => shapeOf(f).bbox): Map<LayerFeature, Swapped> {
  const [vw, vs, ve, vn] = view;
  const w = ve - vw;
  const h = vn - vs;
  const nearView: BBox = [vw - w, vs - h, ve + w, vn + h];
  const inView = (b: BBox) => b[0] >= vw - w / 4 && b[2] <= ve + w / 4 && b[1] >= vs - h / 4 && b[3] <= vn + h / 4;
  const suspects: { f: LayerFeature; bbox: BBox; swapped: BBox }[] = [];
  /** Features far from the view that do not look swapped: the story shows places out there. */
  const elsewhere: BBox[] = [];
  for (const f of features) {
    const bbox = boxOf(f);
    if (bbox.some((n) => !Number.isFinite(n)) || boxesMeet(bbox, nearView)) continue;
    const swapped: BBox = [bbox[1], bbox[0], bbox[3], bbox[2]];
    if (intersects(swapped, view) && Math.abs(swapped[1]) <= 90 && Math.abs(swapped[3]) <= 90) suspects.push({ f, bbox, swapped });
    else elsewhere.push(bbox);
  }
  // Near them: within the box around all of them (a layer of places all over the world makes every doubt a warning).
  const around = elsewhere.reduce<BBox | null>((u, b) => (u ? (unionBox(u, b) as BBox) : b), null);
  const nearElsewhere = (b: BBox) => around !== null && boxesMeet(b, [around[0] - w, around[1] - h, around[2] + w, around[3] + h]);
  return new Map(suspects.map(({ f, bbox, swapped }) => [f, { bbox, sure: inView(swapped) && !nearElsewhere(bbox) }]));
}

/**
 * An error that leaves its layer out says so, as the reader's legend does ("not shown"): what the
 * app does on load, for an error of the file's own (not valid JSON, projected metres, a missing
 * file) as for those that already said it. Set on the problem itself, the one the layer keeps.
 */
function leftOut(p: Problem, spec: LayerSpec): Problem {
  if (p.severity === 'error' && !p.fixed) p.fixed = `The layer “${spec.name}” is left out until this is fixed; the rest of the story is shown.`;
  return p;
}

/** What is said of a feature that looks written [lat, lon]: for a table row, naming its lat and lon columns. */
function swappedProblem(f: LayerFeature, sw: Swapped, name: string): Problem {
  const latAt = f.at('lat');
  const table = latAt.row !== undefined;
  const [x, y] = sw.bbox;
  const lonCol = table ? (f.at('lon').field ?? 'lon') : 'lon';
  const latCol = table ? (latAt.field ?? 'lat') : 'lat';
  const where = table ? `at ${latCol} ${y}, ${lonCol} ${x}` : `at [${x}, ${y}]`;
  const fix = table
    ? `The “${latCol}” column should hold the latitude (north–south) and “${lonCol}” the longitude (east–west): in this row they look swapped (the place would be at ${latCol} ${x}, ${lonCol} ${y}). Swap the two cells, or the two column names if every row is written so.`
    : 'GeoJSON puts longitude first: write each position [lon, lat] (GIS tools can swap X and Y, e.g. QGIS’s “Swap X and Y coordinates”).';
  const at = table ? latAt : f.at();
  if (sw.sure) {
    return { severity: 'error', code: 'coordinates-swapped', ...at, message: `“${name}” lies far outside the story's map view, ${where}, and near none of the story's other places; with latitude and longitude swapped it lies inside the view. Its coordinates are written latitude first.`, fix, fixed: 'This layer is left out until they are fixed; the rest of the story is shown.' };
  }
  return { severity: 'warning', code: 'coordinates-maybe-swapped', ...at, message: `“${name}” lies far outside the story's map view, ${where}, but with latitude and longitude swapped it would fall in it; they may be swapped.`, fix: table ? fix : 'GeoJSON puts longitude first ([lon, lat]); check that this feature is meant to be where it is.' };
}

/** Unlinked features of one layer reported one by one; the rest are counted on one line. */
const UNLINKED_LISTED = 10;

export function buildModel(texts: StoryTexts): StoryModel {
  const read = readStoryFile(texts.story);
  if (!read.story) throw new StoryFileError(read.problems);
  const story = read.story;
  const problems: Problem[] = [...read.problems];

  let blocks: Block[] = [];
  const articleText = texts.article;
  if (read.badArticle) {
    // Already reported with story.json.
  } else if (articleText instanceof Error) {
    const link = articleText instanceof SymlinkRefused;
    problems.push({ severity: 'error', file: story.article, code: articleText instanceof FileTooLarge ? 'file-too-large' : link ? 'file-symlink' : 'file-missing', message: `The article could not be read (${articleText.message}).`, fix: link ? 'Put the file itself in the story folder (copy it, do not link it).' : 'Check that the file exists next to story.json.' });
  } else if (tooLarge(articleText, LIMITS.articleBytes) !== null) {
    problems.push({ severity: 'error', file: story.article, code: 'file-too-large', message: `The article is larger than ${mb(LIMITS.articleBytes)}, so it was not read.`, fix: 'A news article is far smaller; check that this is the right file.' });
  } else {
    const parsed = parseArticle(articleText);
    blocks = parsed.blocks;
    for (const p of parsed.problems) problems.push({ severity: p.severity, code: p.code, file: story.article, line: p.line, message: p.message, fix: p.fix, ...(p.fixed ? { fixed: p.fixed } : {}) });
    if (!blocks.some((b) => b.kind === 'passage')) problems.push({ severity: 'warning', file: story.article, code: 'article-empty', message: 'The article has no text.', fix: 'Write the article in Markdown, one paragraph per passage.' });
  }
  const passages = blocks.filter((b): b is Passage => b.kind === 'passage');
  // A repeated passage id is an error (reported by the article parser); links go to the first.
  const passageById = new Map<string, Passage>();
  for (const p of passages) if (!passageById.has(p.id)) passageById.set(p.id, p);

  const features = new Map<string, StoryFeature>();
  /** The areas the map names (nameAt), with their drawn geometry. */
  const namedAreas: NamedArea[] = [];
  const featuresByPassage = new Map<string, string[]>();
  const passagesByFeature = new Map<string, string[]>();
  /** Links a feature carries in its own properties (tables), checked with the others below. */
  const ownLinks: { feature: StoryFeature; passages: string[]; at: Omit<Problem, 'severity' | 'message'> }[] = [];
  // A view written west > east (across 180°) is read with continuous longitudes.
  const [vw, vs, ve, vn] = unwrapBox(story.view.bounds);
  const view: BBox = [vw, vs, ve, vn];

  // Every layer file is read first: whether a feature's coordinates are swapped is judged against
  // the story's view and the story's other features (swappedCoordinates).
  const reads = new Map<number, LayerRead>();
  story.layers.forEach((spec, li) => {
    const text = read.badLayers.has(li) || !Object.hasOwn(texts.layers, spec.file) ? undefined : texts.layers[spec.file];
    if (typeof text === 'string') reads.set(li, readLayer(text, spec.file));
  });
  // Each feature's shape and box, worked out once for the swap check and the model.
  const shapes = new Map<LayerFeature, ReturnType<typeof shapeOf>>();
  const shape = (f: LayerFeature) => {
    let got = shapes.get(f);
    if (!got) shapes.set(f, (got = shapeOf(f)));
    return got;
  };
  const swapped = swappedCoordinates([...reads.values()].flatMap((r) => r.features), view, (f) => shape(f).bbox);

  // A layer whose entry in story.json is wrong (its own fields, its file's path, an id an earlier
  // layer has) is left out with what the validator said: the legend lists it as not shown. Its key
  // is unique (readStoryFile gives one whose id cannot be used failedLayerKey).
  const layers: StoryLayer[] = story.layers.map((spec, li) => {
    const empty: StoryLayer = { spec, features: [], data: { type: 'FeatureCollection', features: [] }, hasApproximate: false, problems: [] };
    if (read.badLayers.has(li)) {
      const own = problems.filter((p) => p.file === 'story.json' && p.path !== undefined && new RegExp(`^layers\\[${li}\\]`).test(p.path));
      const errors = own.filter((p) => p.severity === 'error');
      return { ...empty, error: `Its entry in story.json has ${errors.length > 1 ? `${errors.length} errors` : 'an error'}: ${errors.map((p) => p.message).join(' ')}`, problems: own };
    }
    const text = Object.hasOwn(texts.layers, spec.file) ? texts.layers[spec.file] : undefined;
    if (text instanceof SymlinkRefused) {
      const p: Problem = { severity: 'error', file: spec.file, code: 'file-symlink', message: `The layer file for “${spec.name}” could not be read: ${text.message}.`, fix: 'Put the file itself in the story folder (copy it, do not link it).' };
      problems.push(leftOut(p, spec));
      return { ...empty, error: `Its file ${spec.file} is a symbolic link.`, problems: [p] };
    }
    if (text === undefined || text instanceof Error) {
      const p: Problem = {
        severity: 'error', file: spec.file, code: text instanceof FileTooLarge ? 'file-too-large' : 'file-missing',
        message: text instanceof FileTooLarge ? `The layer file for “${spec.name}” is ${mb(text.bytes)}; the limit is ${mb(text.limit)}, so it was not read.` : `The layer file for “${spec.name}” could not be read (${text?.message ?? 'not found'}).`,
        fix: text instanceof FileTooLarge ? 'Simplify the geometry (e.g. mapshaper -simplify 10%) or split the layer.' : `Check that ${spec.file} exists in the story folder and that layers[${li}].file names it.`,
      };
      problems.push(leftOut(p, spec));
      return { ...empty, error: text instanceof FileTooLarge ? `Its file ${spec.file} is too large.` : `Its file ${spec.file} could not be read.`, problems: [p] };
    }
    const r = reads.get(li) ?? readLayer(text, spec.file);
    const linkOf = (f: LayerFeature) => (Object.hasOwn(story.features, `${spec.id}:${f.id}`) ? story.features[`${spec.id}:${f.id}`] : undefined);
    const mine: Problem[] = [...r.problems, ...checkProvenance(r.features, linkOf, spec)];
    for (const f of r.features) {
      const sw = swapped.get(f);
      if (sw) mine.push(swappedProblem(f, sw, linkOf(f)?.name ?? str(f.properties.name) ?? f.id));
    }
    // Ids the file did not give: a link to the second of two features with one id cannot say which
    // it means (an error); a link to an id made from a name or a geometry works, but breaks when the
    // name or the geometry changes (a warning). Without links, neither matters.
    const linked = (id: string) => Object.hasOwn(story.features, `${spec.id}:${id}`);
    for (const f of r.features) {
      if (f.idFrom === 'duplicate' && f.givenId !== undefined && linked(f.givenId)) {
        // Each one by its place in the file and its name ("feature 1" alone read as the first).
        const same = r.features.filter((g) => g.givenId === f.givenId || g.id === f.givenId);
        const which = (g: LayerFeature) => `features[${g.index}]${str(g.properties.name) ? ` “${str(g.properties.name)}”` : ''}`;
        mine.push({ severity: 'error', code: 'id-duplicate', ...read.locate(['features', `${spec.id}:${f.givenId}`]), feature: { index: f.index, id: f.givenId }, message: `story.json links to "${spec.id}:${f.givenId}", but ${spec.file} has ${same.length} features with the id "${f.givenId}": ${same.map(which).join(', ')}; the link cannot say which it means.`, fix: `Give every feature of ${spec.file} its own id, and link to the one you mean.` });
      } else if ((f.idFrom === 'name' || f.idFrom === 'geometry') && linked(f.id)) {
        mine.push({ severity: 'warning', code: 'id-generated', ...f.at(), message: `story.json links to "${spec.id}:${f.id}", an id made from the feature's ${f.idFrom === 'name' ? 'name' : 'geometry'}: the feature has no id of its own, and the link breaks if its ${f.idFrom === 'name' ? 'name' : 'geometry'} changes.`, fix: `Give the feature "id": "${f.id}" in its properties (or an "id" column in a table).` });
      }
    }
    const unnamed = layerNames(spec, r.features, linkOf);
    if (unnamed.size) {
      const first = [...unnamed.keys()][0]!;
      mine.push({ severity: 'warning', code: 'name-missing', ...first.at('name'), ...(unnamed.size > 1 ? { repeats: unnamed.size - 1 } : {}), message: `${unnamed.size} feature${unnamed.size > 1 ? 's' : ''} of ${spec.file} ${unnamed.size > 1 ? 'have' : 'has'} no name (no "name", "NAME", "name_en" or "title" property; the first is here).`, fix: 'Give each feature the name readers should see, in its properties or in its entry in story.json "features".', fixed: `Named after the layer: “${unnamed.get(first)}”${unnamed.size > 1 ? ', …' : ''}.` });
    }
    const errors = countProblems(mine.filter((p) => p.severity === 'error'));
    if (errors) {
      problems.push(...mine.map((p) => leftOut(p, spec)));
      return { ...empty, error: `${errors} error${errors > 1 ? 's' : ''} in ${spec.file}.`, problems: mine };
    }
    problems.push(...mine);

    const list: StoryFeature[] = [];
    const mapFeatures: Feature[] = [];
    for (const f of r.features) {
      const key = `${spec.id}:${f.id}`;
      const link = linkOf(f);
      const p = f.properties;
      // Texts are shortened to their limits (the validator reports longer ones).
      const cut = (v: string | undefined, field: string) => (v === undefined ? v : truncate(v, textLimit(field)));
      const name = cut(link?.name ?? str(p.name) ?? unnamed.get(f) ?? f.id, 'name')!;
      const label = cut(link?.mapLabel ?? str(p.mapLabel), 'mapLabel');
      const category = spec.categories ? str(p[spec.categories.property]) : undefined;
      const kind = kindOf(f.geometry);
      const own = listProp(p.passages, /[\s,;]+/);
      // "approximate" and "context" change how a feature is drawn: a value that is not true or false
      // (a table's "yes" is converted; a GeoJSON "yes" is not) would be ignored without a word.
      for (const k of ['approximate', 'context'] as const) {
        const v = p[k];
        if (v !== undefined && typeof v !== 'boolean') {
          const warn: Problem = { severity: 'warning', code: 'property-not-boolean', ...f.at(k), message: `"${k}" is ${JSON.stringify(v)}; it must be true or false.`, fix: `Write "${k}": true (or false, or leave it out).`, fixed: `Read as false: the feature is drawn as ${k === 'context' ? 'the story’s subject' : 'exact'}.` };
          problems.push(warn);
          mine.push(warn);
        }
      }
      // Across the antimeridian, drawn and framed with continuous longitudes (lon-wrap.ts).
      const { geometry, bbox } = shape(f);
      const feature: StoryFeature = {
        key, layerId: spec.id, id: f.id, name,
        ...(label && label !== name ? { label } : {}),
        // story.json's entry for the feature, then the feature's own property, then its layer's default.
        date: cut(link?.date ?? str(p.date) ?? str(spec.date), 'date') ?? '',
        source: cut(link?.source ?? str(p.source) ?? str(spec.source), 'source') ?? '',
        confidence: cut(link?.confidence ?? str(p.confidence) ?? str(spec.confidence), 'confidence'),
        description: cut(link?.description ?? str(p.description), 'description'),
        // An explicit `approximate` wins over an upstream file's APPROXIMATE flag (which may mean a
        // status, not the place), and both over the layer's `"approximate": true`.
        approximate: link?.approximate ?? (typeof p.approximate === 'boolean' ? p.approximate : p.APPROXIMATE === true || spec.approximate === true),
        context: link?.context ?? p.context === true,
        claimSource: cut(link?.claimSource ?? str(p.claimSource), 'claimSource'),
        category,
        kind,
        bbox,
        aliases: [...new Set([name, ...(link?.aliases ?? []), ...listProp(p.aliases, /;/).map((a) => cut(a, 'aliases')!)])],
      };
      if (kind !== 'point' && !feature.context) {
        const at = nameAt(geometry);
        if (at) feature.nameAt = at;
        if (at && kind === 'area') namedAreas.push({ feature, geometry });
      }
      if (own.length) ownLinks.push({ feature, passages: own, at: f.at('passages') });
      features.set(key, feature);
      list.push(feature);
      const catIndex = spec.categories?.values.findIndex((v) => v.value === category) ?? -1;
      // Only what the style needs goes to the map; the model, not the map, is the source of truth.
      mapFeatures.push({
        type: 'Feature',
        id: f.id,
        properties: { key, id: f.id, name, ...(feature.label ? { label: feature.label } : {}), approximate: feature.approximate, context: feature.context, cat: catIndex, kind },
        geometry,
      });
    }
    return { spec, features: list, data: { type: 'FeatureCollection', features: mapFeatures }, hasApproximate: list.some((f) => f.approximate), problems: mine };
  });
  // An area among others (a district) is named only where its name fits inside it (name-at.ts).
  keepNamesInside(namedAreas);

  // Links: every one must resolve, both ways.
  // `at` is worked out only for a link with a problem: locating a path in the story file is a
  // search, and doing it for every one of thousands of links made the model quadratic.
  /** Links whose passage must name the feature, checked per passage below with the article's own matcher. */
  const toCheck: { feature: StoryFeature; pid: string; at: () => Omit<Problem, 'severity' | 'message'> }[] = [];
  /** Features named with a passage, in story.json or their own "passages", whether or not it resolved. */
  const linkTried = new Set<string>();
  const link = (feature: StoryFeature, pid: string, at: () => Omit<Problem, 'severity' | 'message'>) => {
    linkTried.add(feature.key);
    const passage = passageById.get(pid);
    if (!passage) {
      const near = closest(pid, passages.map((p) => p.id));
      const fix = near ? `Did you mean "${near}"? Correct the id, or mark the paragraph with {#${pid}} at its end.` : `Mark the paragraph with {#${pid}} at its end, or correct the id.`;
      problems.push({ severity: 'error', code: 'passage-missing', ...at(), message: `The passage "${pid}" does not exist in ${story.article}.`, fix, fixed: `“${feature.name}” is not linked to it.` });
      return;
    }
    if (passage.aside) {
      problems.push({ severity: 'warning', code: 'passage-aside', ...at(), message: `The passage "${pid}" is ${passage.caption ? 'a photo caption' : 'marked as an aside'}, not part of the story the map tells, so “${feature.name}” is not linked to it.`, fix: `Remove "${pid}" from this feature's passages${passage.caption ? '' : `, or remove ".aside" from {#${pid} .aside} in ${story.article}`}.`, fixed: 'Not linked.' });
      return;
    }
    if (passagesByFeature.get(feature.key)?.includes(pid)) return;
    // Appended in place: copying the list at each link is quadratic in the features of a passage.
    const fs = featuresByPassage.get(pid);
    if (fs) fs.push(feature.key);
    else featuresByPassage.set(pid, [feature.key]);
    const ps = passagesByFeature.get(feature.key);
    if (ps) ps.push(pid);
    else passagesByFeature.set(feature.key, [pid]);
    toCheck.push({ feature, pid, at });
  };
  for (const [key, entry] of Object.entries(story.features)) {
    const feature = features.get(key);
    const layerId = key.split(':')[0]!;
    const layer = layers.find((l) => l.spec.id === layerId);
    if (!feature) {
      const ignored = 'Left out: the text marks nothing for it.';
      if (layer && !layer.error) {
        const id = key.slice(layerId.length + 1);
        const near = closest(id, layer.features.map((f) => f.id));
        problems.push({ severity: 'error', code: 'feature-missing', ...read.locate(['features', key]), message: `There is no feature "${id}" in the layer “${layer.spec.name}”.`, fix: near ? `Did you mean "${layerId}:${near}"? Check the id against ${layer.spec.file}.` : `Check the id against ${layer.spec.file}.`, fixed: ignored });
      } else if (!layer) {
        const near = closest(layerId, layers.filter((l) => !l.error).map((l) => l.spec.id));
        problems.push({ severity: 'error', code: 'layer-missing', ...read.locate(['features', key]), message: `There is no layer "${layerId}".`, fix: `${near ? `Did you mean "${near}"? ` : ''}Feature keys are "layerId:featureId"; the layers are ${layers.filter((l) => !l.error).map((l) => l.spec.id).join(', ')}.`, fixed: ignored });
      }
      continue;
    }
    entry.passages.forEach((pid, i) => link(feature, pid, () => read.locate(['features', key, 'passages', i])));
  }
  for (const own of ownLinks) for (const pid of own.passages) link(own.feature, pid, () => own.at);
  // A passage names a feature when the article would mark one of its names there: the same matcher
  // (whole words, apostrophes folded, excluded phrases left out, longest alias first), run once per
  // passage over the names of every feature linked to it.
  const named = new Map<string, Set<string>>();
  for (const c of toCheck) {
    let found = named.get(c.pid);
    if (!found) {
      const keys = featuresByPassage.get(c.pid) ?? [];
      const aliases = keys.flatMap((key) => (features.get(key)?.aliases ?? []).map((text) => ({ text, key })));
      found = keysNamed(passageById.get(c.pid)!.text, aliases, excludedFor(story.exclude, c.pid));
      named.set(c.pid, found);
    }
    if (!found.has(c.feature.key)) {
      problems.push({ severity: 'warning', code: 'passage-unmentioned', ...c.at(), message: `The passage "${c.pid}" never mentions “${c.feature.name}” or its aliases.`, fix: 'Add the words the passage uses for this place to "aliases" (whole words; case and the kind of apostrophe do not matter), check "exclude", or check the link.' });
    }
  }
  // An alias written in story.json that occurs in none of its feature's passages marks nothing: a
  // misspelling ("Hay-on-the-Wye" for a text that says "Hay") passed silently while its place still
  // had its name marked (a newsroom editor's review).
  for (const [key, entry] of Object.entries(story.features)) {
    const feature = features.get(key);
    const pids = (passagesByFeature.get(key) ?? []).filter((pid) => passageById.has(pid));
    if (!feature || !pids.length || !entry.aliases?.length) continue;
    entry.aliases.forEach((alias, i) => {
      if (pids.some((pid) => keysNamed(passageById.get(pid)!.text, [{ text: alias, key }], excludedFor(story.exclude, pid)).has(key))) return;
      const where = pids.map((pid) => `"${pid}"`).join(', ');
      problems.push({ severity: 'warning', code: 'alias-unused', ...read.locate(['features', key, 'aliases', i]), message: `The alias “${truncate(alias, 80)}” of “${truncate(feature.name, 80)}” occurs in none of its passages (${truncate(where, 120)}).`, fix: 'Write it as the text does (whole words; case and the kind of apostrophe do not matter), or remove it.', fixed: 'It marks nothing.' });
    });
  }
  // The article's links to a passage or a place of the story must name one it has; one that does
  // not is shown as plain text (a link that does nothing, or that sends an embed's host page to an
  // anchor it does not have, helps no reader).
  const lineOf = (href: string) => {
    const at = typeof articleText === 'string' ? articleText.indexOf(`](${href}`) : -1;
    return at < 0 ? {} : { line: (articleText as string).slice(0, at).split('\n').length };
  };
  const checkLinks = (runs: Inline[], pid: string) => {
    for (const run of runs) {
      if (run.type === 'em' || run.type === 'strong') checkLinks(run.children, pid);
      if (run.type !== 'link' || !run.href?.startsWith('#')) continue;
      const target = storyTarget(run.href);
      const missing = !target
        ? `The link ${JSON.stringify(truncate(run.href, 80))} in the passage "${pid}" is not a link to a passage ("#passage-id") or a place ("#f=layer:feature") of the story.`
        : target.passage !== undefined
          ? passageById.has(target.passage) ? null : `The link ${JSON.stringify(truncate(run.href, 80))} in the passage "${pid}" goes to the passage "${truncate(target.passage, 80)}", which is not in ${story.article}.`
          : features.has(target.feature) ? null : `The link ${JSON.stringify(truncate(run.href, 80))} in the passage "${pid}" goes to the feature "${truncate(target.feature, 80)}", which the story does not have${layers.some((l) => l.error && l.spec.id === target.feature.split(':')[0]) ? ' (its layer is not shown)' : ''}.`;
      if (!missing) continue;
      problems.push({ severity: 'error', code: 'link-target-missing', file: story.article, ...lineOf(run.href), message: missing, fix: 'Link to a passage by the id in its {#id} mark ("#leipzig"), or to a place as "#f=layerId:featureId"; check the spelling, or remove the link.', fixed: 'Shown as plain text, not as a link.' });
      run.href = null;
    }
  };
  for (const p of passages) checkLinks(p.inlines, p.id);
  problems.push(...checkExclusions(story, passageById, read.locate));
  for (const [i, l] of layers.entries()) {
    const mine = checkCategories(l, read.locate, i);
    problems.push(...mine);
    l.problems.push(...mine);
  }
  // Unlinked features: the first few of each layer one by one, the rest on one summary line (a layer
  // of 100 000 points that the text never names would otherwise make 100 000 warnings).
  const unlinkedByLayer = new Map<string, StoryFeature[]>();
  for (const f of features.values()) {
    // Context (a sea, a country drawn for orientation) needs no passage. A feature whose passages
    // were all refused has its problem said already, where it names them: "linked to no passage,
    // add it to features in story.json" pointed at an entry that does not exist.
    if (passagesByFeature.has(f.key) || f.context || linkTried.has(f.key)) continue;
    const list = unlinkedByLayer.get(f.layerId);
    if (list) list.push(f);
    else unlinkedByLayer.set(f.layerId, [f]);
  }
  for (const [layerId, list] of unlinkedByLayer) {
    for (const f of list.slice(0, UNLINKED_LISTED)) {
      problems.push({ severity: 'warning', code: 'feature-unlinked', ...read.locate(['features']), path: `features["${f.key}"]`, message: `The feature “${f.name}” (${f.key}) is linked to no passage.`, fix: 'Add it to "features" in story.json with the passages it illustrates (or fill in its "passages").' });
    }
    const more = list.length - UNLINKED_LISTED;
    if (more > 0) {
      problems.push({ severity: 'warning', code: 'feature-unlinked', repeats: more, ...read.locate(['features']), message: `${more} more feature${more > 1 ? 's' : ''} of the layer “${layerId}” ${more > 1 ? 'are' : 'is'} linked to no passage.`, fix: 'Fine for a layer that shows data the text does not name one by one; otherwise link them in "features".' });
    }
  }

  return freezeModel({ story, blocks, layers, problems, featuresByPassage, passagesByFeature, shownDate: showStoryDate(story.date, story.language) });
}
