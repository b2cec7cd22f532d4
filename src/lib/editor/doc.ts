// The editor's document: a story folder held as data (story.json as an object, the article as text,
// each GeoJSON layer as a FeatureCollection), changed only by the pure edits below, each returning a
// new document that shares what did not change. Serialised back to the folder's files by toFiles:
// a file nothing changed keeps its text byte for byte, so a save touches only what was edited.
// Pure and browser-safe: the editor page, its tests and the dev middleware all use it.
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { StoryTexts } from '../story/model';
import { checkGeoJSON } from '../story/validate/geojson';
import { idText } from '../story/validate/ids';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

/** A layer file: GeoJSON the editor can change feature by feature, or any other file kept as text. */
export type LayerDoc = { kind: 'geojson'; data: FeatureCollection } | { kind: 'text'; text: string };

export interface EditorDoc {
  /** The story folder's name (geodata/<id>). */
  readonly id: string;
  readonly story: JsonObject;
  readonly article: string;
  /** Layer files by their path in the folder ("layers/places.geojson"). */
  readonly layers: Readonly<Record<string, LayerDoc>>;
  /** How story.json was written: every value on its own line (JSON.stringify's style) or by hand, short lists on one line. */
  readonly storyStyle?: 'expanded' | 'compact';
}

/** Files as read: what toFiles writes back unchanged when their part of the document did not change. */
const original = new WeakMap<object, string>();

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export class OpenError extends Error {}

/** The article file story.json names (default article.md). */
export const articlePath = (story: JsonObject) => (typeof story.article === 'string' ? story.article : 'article.md');

export interface LayerSpecLike {
  id: string;
  name: string;
  file: string;
  color: string;
  [k: string]: Json;
}

export const layerSpecs = (doc: EditorDoc): LayerSpecLike[] => (Array.isArray(doc.story.layers) ? (doc.story.layers.filter(isObject) as LayerSpecLike[]) : []);

/** Reads a story folder's files (path → text) into a document. Throws OpenError when story.json is not a JSON object. */
export function fromFiles(id: string, files: ReadonlyMap<string, string> | Record<string, string>): EditorDoc {
  const get = (p: string) => (files instanceof Map ? files.get(p) : (files as Record<string, string>)[p]);
  const storyText = get('story.json');
  if (storyText === undefined) throw new OpenError('The folder has no story.json.');
  let story: unknown;
  try {
    story = JSON.parse(storyText);
  } catch (e) {
    throw new OpenError(`story.json is not valid JSON (${(e as Error).message}); fix it in a text editor first.`);
  }
  if (!isObject(story)) throw new OpenError('story.json must hold one JSON object.');
  original.set(story, storyText);
  const article = get(articlePath(story)) ?? '';
  const layers: Record<string, LayerDoc> = {};
  for (const spec of Array.isArray(story.layers) ? story.layers : []) {
    const file = isObject(spec) && typeof spec.file === 'string' ? spec.file : null;
    if (!file || file in layers) continue;
    const text = get(file);
    if (text === undefined) continue;
    layers[file] = readLayerDoc(text, file);
  }
  const storyStyle = storyText.trim() === JSON.stringify(story, null, 2) ? 'expanded' : 'compact';
  return { id, story, article, layers, storyStyle };
}

function readLayerDoc(text: string, file: string): LayerDoc {
  if (!/\.geojson$/i.test(file)) return { kind: 'text', text };
  try {
    const data = JSON.parse(text) as unknown;
    if (isObject(data) && data.type === 'FeatureCollection' && Array.isArray(data.features) && data.features.every((f) => isObject(f) && f.type === 'Feature' && isObject(f.properties ?? {}))) {
      const fc = withReaderIds(data as unknown as FeatureCollection, file);
      original.set(fc, text);
      return { kind: 'geojson', data: fc };
    }
  } catch {
    // Not JSON: kept as text, and the validator says what is wrong with it.
  }
  return { kind: 'text', text };
}

/**
 * The collection with each feature the file gives no id (an export from geojson.io or QGIS) given
 * the id readers' links already use: the one the validator makes from its name or geometry
 * (validate/ids.ts), so the editor finds its passages, and a renamed, moved or removed feature keeps
 * or takes its links. The file as read is what a save writes while nothing in it changes (toFiles);
 * once something does, the ids are written with it, as the same ids.
 */
function withReaderIds(fc: FeatureCollection, file: string): FeatureCollection {
  const made = new Map<number, string>();
  for (const f of checkGeoJSON(fc, file).features) if ((f.idFrom === 'name' || f.idFrom === 'geometry') && !made.has(f.index)) made.set(f.index, f.id);
  if (!made.size) return fc;
  const features = fc.features.map((f, i) => {
    const id = made.get(i);
    return id === undefined ? f : { ...f, properties: { id, ...(f.properties ?? {}) } };
  });
  return { ...fc, features };
}

/** GeoJSON written one feature a line: small diffs when one feature changes. */
export function formatCollection(fc: FeatureCollection): string {
  const { type: _type, features, ...rest } = fc;
  const head = Object.entries({ type: 'FeatureCollection', ...rest }).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},\n`).join('');
  const body = features.map((f) => `    ${JSON.stringify(f)}`).join(',\n');
  return `{\n${head}  "features": [\n${body}${features.length ? '\n' : ''}  ]\n}\n`;
}

/**
 * JSON as people write it: two-space indents, and a list or object that fits on its line (at most
 * `width` characters) kept on one line, so a changed story.json differs from the one read by little.
 */
export function formatJson(value: unknown, width = 100, indent = ''): string {
  const inline = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(inline).join(', ')}]`;
    if (v && typeof v === 'object') {
      const entries = Object.entries(v).filter(([, x]) => x !== undefined);
      return entries.length ? `{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${inline(x)}`).join(', ')} }` : '{}';
    }
    return JSON.stringify(v) ?? 'null';
  };
  const one = inline(value);
  // A record of plain values (a credit, a feature's links) stays on one line up to twice the width.
  const leaf = (v: unknown) => v === null || typeof v !== 'object' || (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object'));
  const flat = !!value && typeof value === 'object' && Object.values(value).every(leaf);
  if (indent.length + one.length <= (flat ? 2 * width : width) || !value || typeof value !== 'object') return one;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((x) => inner + formatJson(x, width, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value).filter(([, x]) => x !== undefined);
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${formatJson(x, width - k.length - 4, inner)}`).join(',\n')}\n${indent}}`;
}

/** The story folder's files (path → text) for the document: unchanged parts keep their text as read. */
export function toFiles(doc: EditorDoc): Map<string, string> {
  const out = new Map<string, string>();
  out.set('story.json', original.get(doc.story) ?? `${doc.storyStyle === 'expanded' ? JSON.stringify(doc.story, null, 2) : formatJson(doc.story)}\n`);
  out.set(articlePath(doc.story), doc.article);
  for (const spec of layerSpecs(doc)) {
    const l = doc.layers[spec.file];
    if (!l || out.has(spec.file)) continue;
    out.set(spec.file, l.kind === 'text' ? l.text : (original.get(l.data) ?? formatCollection(l.data)));
  }
  return out;
}

/** The texts buildModel (the validator) takes. */
export function toTexts(doc: EditorDoc): StoryTexts {
  const files = toFiles(doc);
  const layers = Object.create(null) as Record<string, string | Error>;
  for (const spec of layerSpecs(doc)) layers[spec.file] = files.get(spec.file) ?? new Error('not found');
  return { story: files.get('story.json')!, article: doc.article, layers };
}

export interface FileChange {
  path: string;
  status: 'added' | 'changed' | 'removed' | 'same';
  before?: string;
  after?: string;
}

/** What saving `next` over `before` (the files as on disk) would change, file by file. */
export function changes(before: ReadonlyMap<string, string>, next: ReadonlyMap<string, string>): FileChange[] {
  const out: FileChange[] = [];
  for (const [path, after] of next) {
    const was = before.get(path);
    out.push({ path, after, ...(was === undefined ? { status: 'added' } : { before: was, status: was === after ? 'same' : 'changed' }) });
  }
  for (const [path, was] of before) if (!next.has(path)) out.push({ path, status: 'removed', before: was });
  return out;
}

/** A small line diff (longest common subsequence; files are small): lines prefixed "  ", "- " or "+ ". */
export function lineDiff(a: string, b: string, context = 2): string[] {
  const x = a.split('\n');
  const y = b.split('\n');
  if (x.length * y.length > 4_000_000) return ['(too large to compare line by line)'];
  const n = x.length;
  const m = y.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const ops: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) (ops.push(`  ${x[i]}`), i++, j++);
    else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) (ops.push(`+ ${y[j]}`), j++);
    else (ops.push(`- ${x[i]}`), i++);
  }
  // Keep changed lines and `context` lines around them.
  const keep = ops.map((o, k) => ops.slice(Math.max(0, k - context), k + context + 1).some((p) => !p.startsWith('  ')));
  const out: string[] = [];
  ops.forEach((o, k) => {
    if (keep[k]) out.push(o.length > 400 ? `${o.slice(0, 400)}…` : o);
    else if (keep[k - 1]) out.push('  …');
  });
  return out;
}

// ---- edits: each returns a new document ----

function setIn(obj: Json, path: readonly (string | number)[], value: Json | undefined): Json {
  if (!path.length) return value ?? null;
  const [k, ...rest] = path;
  if (Array.isArray(obj)) {
    const copy = [...obj];
    const i = Number(k);
    if (value === undefined && !rest.length) copy.splice(i, 1);
    else copy[i] = setIn(copy[i] ?? (typeof rest[0] === 'number' ? [] : {}), rest, value);
    return copy;
  }
  const o: JsonObject = isObject(obj) ? { ...obj } : {};
  if (value === undefined && !rest.length) delete o[String(k)];
  else o[String(k)] = setIn(o[String(k)] ?? (typeof rest[0] === 'number' ? [] : {}), rest, value);
  return o;
}

export function getIn(obj: Json | undefined, path: readonly (string | number)[]): Json | undefined {
  let cur: Json | undefined = obj;
  for (const k of path) {
    if (Array.isArray(cur)) cur = cur[Number(k)];
    else if (isObject(cur)) cur = Object.hasOwn(cur, String(k)) ? cur[String(k)] : undefined;
    else return undefined;
  }
  return cur;
}

/** Sets (or, with undefined, removes) a field of story.json, e.g. ['title'] or ['layers', 0, 'color']. */
export function setStoryField(doc: EditorDoc, path: readonly (string | number)[], value: Json | undefined): EditorDoc {
  return { ...doc, story: setIn(doc.story, path, value) as JsonObject };
}

export function setArticle(doc: EditorDoc, text: string): EditorDoc {
  return { ...doc, article: text };
}

function collection(doc: EditorDoc, file: string): FeatureCollection {
  const l = doc.layers[file];
  if (!l || l.kind !== 'geojson') throw new Error(`${file} is not a GeoJSON layer the editor can change`);
  return l.data;
}

function withCollection(doc: EditorDoc, file: string, features: Feature[]): EditorDoc {
  return { ...doc, layers: { ...doc.layers, [file]: { kind: 'geojson', data: { ...collection(doc, file), features } } } };
}

/**
 * The id readers' links use (validate/geojson.ts): the feature's own "id" member first (RFC 7946),
 * then properties.id. A feature the file gave none has one from withReaderIds.
 */
export const featureId = (f: Feature): string => (f.id !== undefined && f.id !== null ? idText(f.id) : idText(f.properties?.id)) ?? '';

/** Sets (or removes, with undefined) one property of a feature of a GeoJSON layer. */
export function setFeatureProp(doc: EditorDoc, file: string, index: number, prop: string, value: Json | undefined): EditorDoc {
  const features = [...collection(doc, file).features];
  const f = features[index];
  if (!f) return doc;
  const properties = { ...(f.properties ?? {}) };
  if (prop === 'id' && f.id !== undefined && f.id !== null) {
    // The feature's own "id" member is the one readers' links use: that is the one changed.
    const { id: _id, ...rest } = f;
    features[index] = value === undefined ? { ...rest, properties } : { ...f, id: value as string | number };
  } else {
    if (value === undefined) delete properties[prop];
    else properties[prop] = value;
    features[index] = { ...f, properties };
  }
  let next = withCollection(doc, file, features);
  // A renamed id takes its links in story.json along.
  if (prop === 'id' && typeof value === 'string') {
    const layer = layerSpecs(doc).find((l) => l.file === file);
    const links = isObject(doc.story.features) ? doc.story.features : {};
    const from = layer ? `${layer.id}:${featureId(f)}` : '';
    if (layer && Object.hasOwn(links, from)) {
      const renamed: JsonObject = {};
      for (const [k, v] of Object.entries(links)) renamed[k === from ? `${layer.id}:${value}` : k] = v;
      next = setStoryField(next, ['features'], renamed);
    }
  }
  return next;
}

export function setGeometry(doc: EditorDoc, file: string, index: number, geometry: Geometry | null): EditorDoc {
  const features = [...collection(doc, file).features];
  const f = features[index];
  if (!f) return doc;
  features[index] = { ...f, geometry: geometry as Geometry };
  return withCollection(doc, file, features);
}

/** An id for a new feature from its name, unique in the layer: "black-sea-pipeline", "black-sea-pipeline-2". */
export function newFeatureId(doc: EditorDoc, file: string, name: string): string {
  const taken = new Set(collection(doc, file).features.map(featureId));
  const base = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'feature';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** Adds a feature at the end of a layer; returns the new document and the feature's index. */
export function addFeature(doc: EditorDoc, file: string, feature: Feature): { doc: EditorDoc; index: number } {
  const features = [...collection(doc, file).features, feature];
  return { doc: withCollection(doc, file, features), index: features.length - 1 };
}

/** Removes a feature and its entry in story.json "features". */
export function removeFeature(doc: EditorDoc, file: string, index: number): EditorDoc {
  const features = [...collection(doc, file).features];
  const [gone] = features.splice(index, 1);
  let next = withCollection(doc, file, features);
  const layer = layerSpecs(doc).find((l) => l.file === file);
  if (gone && layer) next = setLink(next, `${layer.id}:${featureId(gone)}`, undefined);
  return next;
}

export type Link = { passages: string[]; aliases?: string[]; [k: string]: Json | undefined };

export function getLink(doc: EditorDoc, key: string): Link | undefined {
  const v = getIn(doc.story, ['features', key]);
  return isObject(v) ? (v as Link) : undefined;
}

/** Sets (or removes) a feature's entry in story.json "features". */
export function setLink(doc: EditorDoc, key: string, link: Link | undefined): EditorDoc {
  const links = isObject(doc.story.features) ? doc.story.features : {};
  if (link === undefined && !Object.hasOwn(links, key)) return doc;
  return setStoryField(doc, ['features', key], link as Json | undefined);
}

/**
 * Moves a phrase of a passage from one feature to another (re-linking "Alexandria" from the Egyptian
 * city to the one in Virginia): the phrase becomes an alias of `to`, linked to the passage.
 */
export function relinkPhrase(doc: EditorDoc, phrase: string, passage: string, from: string | null, to: string): EditorDoc {
  let next = doc;
  if (from && from !== to) {
    const link = getLink(next, from);
    if (link) {
      const aliases = (link.aliases ?? []).filter((a) => a !== phrase);
      next = setLink(next, from, { ...link, aliases });
    }
  }
  const link = getLink(next, to) ?? { passages: [] };
  return setLink(next, to, {
    ...link,
    passages: link.passages.includes(passage) ? link.passages : [...link.passages, passage],
    aliases: (link.aliases ?? []).includes(phrase) ? link.aliases : [...(link.aliases ?? []), phrase],
  });
}

/** Adds a layer entry to story.json and its (empty) GeoJSON file. */
export function addLayer(doc: EditorDoc, spec: { id: string; name: string; color: string }): EditorDoc {
  const file = `layers/${spec.id}.geojson`;
  const layers = [...layerSpecs(doc), { ...spec, file }];
  return { ...setStoryField(doc, ['layers'], layers as Json), layers: { ...doc.layers, [file]: { kind: 'geojson', data: { type: 'FeatureCollection', features: [] } } } };
}

// ---- undo and redo ----

export interface History {
  readonly past: readonly EditorDoc[];
  readonly present: EditorDoc;
  readonly future: readonly EditorDoc[];
  /** The last edit's group: typing into one field is one step to undo, not one per key. */
  readonly group?: string;
}

export const LIMIT = 200;

export const startHistory = (doc: EditorDoc): History => ({ past: [], present: doc, future: [] });

/** Records an edit. An edit of the same `group` as the one before replaces it (one undo step). */
export function commit(h: History, doc: EditorDoc, group?: string): History {
  if (doc === h.present) return h;
  if (group && group === h.group) return { past: h.past, present: doc, future: [], group };
  return { past: [...h.past, h.present].slice(-LIMIT), present: doc, future: [], group };
}

export function undo(h: History): History {
  const prev = h.past.at(-1);
  return prev ? { past: h.past.slice(0, -1), present: prev, future: [h.present, ...h.future] } : h;
}

export function redo(h: History): History {
  const [next, ...rest] = h.future;
  return next ? { past: [...h.past, h.present], present: next, future: rest } : h;
}

/** Moves a feature to another GeoJSON layer (the end of it), with its story.json link. */
export function moveFeature(doc: EditorDoc, file: string, index: number, toFile: string): { doc: EditorDoc; index: number } {
  if (file === toFile) return { doc, index };
  const f = collection(doc, file).features[index];
  const from = layerSpecs(doc).find((l) => l.file === file);
  const to = layerSpecs(doc).find((l) => l.file === toFile);
  if (!f || !from || !to) return { doc, index };
  const link = getLink(doc, `${from.id}:${featureId(f)}`);
  let next = removeFeature(doc, file, index);
  let moved = f;
  if (collection(next, toFile).features.some((g) => featureId(g) === featureId(f))) {
    moved = { ...f, properties: { ...f.properties, id: newFeatureId(next, toFile, featureId(f)) } };
  }
  const added = addFeature(next, toFile, moved);
  next = added.doc;
  if (link) next = setLink(next, `${to.id}:${featureId(moved)}`, link);
  return { doc: next, index: added.index };
}
