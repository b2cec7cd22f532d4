// Reads story.json: JSON first (with line and column), then the zod schema the JSON Schema is made
// from, then what a schema cannot say (safe file paths, text shown to readers). Schema messages are
// rewritten in plain words, with the value found and a "did you mean" for misspelled fields.
import type { $ZodIssue } from 'zod/v4/core';
import type { Problem } from '../problems';
import { z } from 'zod';
import { basemapSchema, categorySchema, creditSchema, featureLinkSchema, layerSchema, safeUrl, storySchema, type BasemapSpec, type LayerSpec, type StoryFile } from '../schema';
import { formatPath, readJson, type Path } from './json';
import { LIMITS } from './limits';
import { truncate, validLanguage } from '../keys';

export { validLanguage };
import { badKey, checkLength, checkText, closest, FEATURE_TEXTS, show, textLimit } from './text';

const KNOWN_FIELDS = [
  ...Object.keys(storySchema.shape),
  ...Object.keys(layerSchema.shape),
  ...Object.keys(featureLinkSchema.shape),
  ...Object.keys(categorySchema.shape),
  'bounds', 'maxZoom', 'text', 'url', 'property', 'values',
];

const TYPE_WORD: Record<string, string> = { string: 'text (in double quotes)', number: 'a number', boolean: 'true or false', array: 'a list [ … ]', object: 'an object { … }' };

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

const docsLink = (path: readonly PropertyKey[]) => {
  const field = [...path].reverse().find((k) => typeof k === 'string' && KNOWN_FIELDS.includes(k));
  return `See “${String(field ?? 'story.json')}” in docs/story-format.md.`;
};

/** A schema issue in words an editor understands. */
export function issueProblem(i: $ZodIssue, root: unknown, file: string): Omit<Problem, 'file'> {
  const found = valueAt(root, i.path);
  const name = i.path.length ? `"${formatPath(i.path as Path)}"` : 'The story file';
  switch (i.code) {
    case 'invalid_type':
      if (found === undefined) {
        // A date is required even when it is not known: the editor says so.
        const how = i.path.length === 1 && i.path[0] === 'date' ? ` The publication date: "2020-01-09", a month ("2020-01") or year, a range ("2020-01-08/2020-01-10"), or "unknown".` : '';
        return { severity: 'error', code: 'field-missing', message: `${name} is missing; it is required.`, fix: `Add it.${how} ${docsLink(i.path)}` };
      }
      return { severity: 'error', code: 'field-type', message: `${name} should be ${TYPE_WORD[i.expected] ?? i.expected}; found ${show(found)}.`, fix: docsLink(i.path) };
    case 'unrecognized_keys': {
      const near = i.keys.map((k) => closest(k, KNOWN_FIELDS)).find(Boolean);
      return { severity: 'error', code: 'field-unknown', message: `Unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}${i.path.length ? ` in ${name}` : ''}.`, fix: near ? `Did you mean "${near}"?` : 'Check the spelling against docs/story-format.md, or remove it.' };
    }
    case 'too_small':
      if (i.origin === 'array') return { severity: 'error', code: 'field-too-small', message: `${name} needs at least ${i.minimum} item${Number(i.minimum) > 1 ? 's' : ''}; it has ${Array.isArray(found) ? found.length : 0}.`, fix: docsLink(i.path) };
      if (i.origin === 'string') return { severity: 'error', code: 'field-empty', message: `${name} is empty.`, fix: `Write it. ${docsLink(i.path)}` };
      return { severity: 'error', code: 'field-range', message: `${name} is ${show(found)}; the smallest allowed is ${i.minimum}.`, fix: docsLink(i.path) };
    case 'too_big':
      return { severity: 'error', code: 'field-range', message: `${name} is ${show(found)}; the largest allowed is ${i.maximum}.`, fix: docsLink(i.path) };
    case 'invalid_value':
      return { severity: 'error', code: 'field-value', message: `${name} is ${show(found)}; it must be one of ${i.values.map((v) => JSON.stringify(v)).join(', ')}.`, fix: docsLink(i.path) };
    case 'invalid_format':
      return { severity: 'error', code: /javascript|links/i.test(i.message) ? 'unsafe-link' : 'field-format', message: `${name} is ${show(found)}: ${i.message}.`, fix: docsLink(i.path) };
    case 'invalid_key': {
      const inner = i.issues[0]?.message ?? 'not a valid key';
      return { severity: 'error', code: 'field-format', message: `The key ${JSON.stringify(String(i.path[i.path.length - 1]))} in "${formatPath(i.path.slice(0, -1) as Path)}" is not valid: ${inner}.`, fix: docsLink(i.path) };
    }
    case 'custom':
      // Our own checks of a value's format beyond what a pattern can say (a date's calendar, a range's order).
      return { severity: 'error', code: 'field-format', message: `${name} is ${show(found)}: ${i.message}.`, fix: docsLink(i.path) };
    default:
      return { severity: 'error', code: 'field-invalid', message: `${name}: ${i.message}.`, fix: docsLink(i.path) };
  }
}

/**
 * A story file's path as the app reads it: relative, with forward slashes, "." and empty segments
 * removed ("layers/./a.geojson" -> "layers/a.geojson"). Null when it is not a plain path inside the
 * folder: a ".." segment, a leading "/", a backslash, a web address, a query or fragment ("?", "#"),
 * a control character, or a "%" (servers decode %2E%2E to "..": escapes are refused, not guessed at).
 * The validator, the build and the page all use this one rule.
 */
export function storyPath(p: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (!p || /[\u0000-\u001f\u007f\\?#%]/.test(p) || p.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(p)) return null;
  const parts = p.split('/').filter((s) => s !== '' && s !== '.');
  if (!parts.length || parts.includes('..')) return null;
  return parts.join('/');
}

/** The path with its %-escapes decoded (as a server would, up to three times). */
function decoded(p: string): string {
  let out = p;
  for (let i = 0; i < 3 && /%[0-9a-f]{2}/i.test(out); i++) {
    try {
      out = decodeURIComponent(out);
    } catch {
      break;
    }
  }
  return out;
}

/** Checks a path to a file in the story folder: relative, inside the folder, before and after decoding. */
export function checkFilePath(p: string, kinds: readonly string[]): Pick<Problem, 'code' | 'message' | 'fix'> | null {
  const fix = 'Write a path relative to the story folder, with forward slashes, e.g. "layers/places.geojson".';
  if (/^[a-z][a-z0-9+.-]*:/i.test(p)) return { code: 'file-path', message: `The path ${JSON.stringify(p)} is a web address; a story reads only files in its own folder.`, fix };
  const plain = decoded(p);
  if (plain !== p && storyPath(plain) === null) return { code: 'file-path', message: `The path ${JSON.stringify(p)} leaves the story folder once its %-escapes are decoded (${JSON.stringify(plain)}).`, fix };
  if (storyPath(p) === null) {
    if (/[?#%]/.test(p) && storyPath(p.replace(/[?#%]/g, '_')) !== null) return { code: 'file-path', message: `The path ${JSON.stringify(p)} contains "?", "#" or "%", which web addresses read as a query, a fragment or an escape.`, fix: 'Rename the file with letters, digits, "-", "_" and "." only.' };
    return { code: 'file-path', message: `The path ${JSON.stringify(p)} leaves the story folder, or is not a plain path.`, fix };
  }
  const ext = p.toLowerCase().match(/\.[a-z]+$/)?.[0] ?? '';
  if (!kinds.includes(ext)) return { code: 'file-type', message: `${JSON.stringify(p)} is not a ${kinds.join(', ')} file.`, fix: `Use a file ending in ${kinds.join(' or ')}.` };
  return null;
}

/**
 * The story as the app uses it: texts shortened to their limits, each category value once (the
 * first), and an unusable language tag replaced by "und" (undetermined), so that no careless
 * value can stop the page (the problems above say what changed).
 */
function safeStory(story: StoryFile, languageOk: boolean): StoryFile {
  const cut = (v: string | undefined, field: string) => (v === undefined ? v : truncate(v, textLimit(field)));
  const cutCredits = (list: StoryFile['attribution']) => list.map((a) => ({ ...a, text: cut(a.text, 'text')! }));
  const out: StoryFile = {
    ...story,
    title: cut(story.title, 'title')!,
    outlet: cut(story.outlet, 'outlet')!,
    dateline: cut(story.dateline, 'dateline'),
    byline: cut(story.byline, 'byline'),
    summary: cut(story.summary, 'summary'),
    credit: cut(story.credit, 'credit'),
    language: languageOk ? story.language : 'und',
    attribution: cutCredits(story.attribution),
    ...(story.basemap?.attribution ? { basemap: { ...story.basemap, attribution: cutCredits(story.basemap.attribution) } } : {}),
    layers: story.layers.map((l) => ({
      ...l,
      name: cut(l.name, 'name')!,
      description: cut(l.description, 'description'),
      approximate: typeof l.approximate === 'string' ? cut(l.approximate, 'approximate') : l.approximate,
      date: cut(l.date, 'date'),
      source: cut(l.source, 'source'),
      confidence: cut(l.confidence, 'confidence'),
      ...(l.categories
        ? { categories: { ...l.categories, values: l.categories.values.filter((c, j, all) => all.findIndex((d) => d.value === c.value) === j).map((c) => ({ ...c, label: cut(c.label, 'label')! })) } }
        : {}),
    })),
    features: Object.fromEntries(
      Object.entries(story.features).map(([key, link]) => [
        key,
        { ...link, name: cut(link.name, 'name'), mapLabel: cut(link.mapLabel, 'mapLabel'), date: cut(link.date, 'date'), source: cut(link.source, 'source'), confidence: cut(link.confidence, 'confidence'), description: cut(link.description, 'description'), claimSource: cut(link.claimSource, 'source'), aliases: link.aliases?.map((a) => truncate(a, textLimit('aliases'))) },
      ]),
    ),
  };
  // Optional fields stay absent rather than present as undefined (the snapshot and tests compare them).
  for (const k of ['dateline', 'byline', 'summary', 'credit'] as const) if (out[k] === undefined) delete out[k];
  for (const l of out.layers) for (const k of ['description', 'approximate', 'date', 'source', 'confidence'] as const) if (l[k] === undefined) delete l[k];
  for (const link of Object.values(out.features)) for (const k of [...FEATURE_TEXTS, 'aliases'] as const) if (link[k] === undefined) delete link[k];
  return out;
}

export interface StoryFileRead {
  /** The story, when it can be told at all. */
  story?: StoryFile;
  /** The parsed JSON even when the schema refused it (the CLI still checks the files it names). */
  raw?: unknown;
  problems: Problem[];
  /** Layers (by index) that cannot be read: a bad file path or a repeated id. */
  badLayers: Set<number>;
  /** The article path is not usable. */
  badArticle: boolean;
  /** Where a value of story.json is: path, line and column. */
  locate(path: Path): Pick<Problem, 'file' | 'path' | 'line' | 'column'>;
}

/** The story file as checked as a whole: its layers and credits are checked one by one (readStoryFile). */
const lenientStory = storySchema.extend({ layers: z.array(z.unknown()).min(1), attribution: z.array(z.unknown()).min(1), url: z.unknown().optional(), basemap: z.unknown().optional() });

/** Where an issue points: an unknown field by its own name, so the line is the one to change. */
const issuePath = (issue: $ZodIssue): Path => (issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path) as Path;

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const validId = (v: unknown): v is string => typeof v === 'string' && layerSchema.shape.id.safeParse(v).success && !badKey(v, '');

/** A layer entry as messages name it: “Front line” (id "front", layers[2]). */
function layerLabel(item: unknown, i: number): string {
  const o = isRecord(item) ? item : {};
  const name = typeof o.name === 'string' && o.name.trim() ? `“${truncate(o.name.trim(), 60)}”` : '';
  const id = typeof o.id === 'string' && o.id ? `id ${JSON.stringify(truncate(o.id, 60))}, ` : '';
  return `The layer ${name}${name ? ' ' : ''}(${id}layers[${i}])`;
}

/**
 * The key the page knows a layer by that cannot be shown under its own id (an id that is not
 * valid, or that an earlier layer has): never a valid id, so it meets no other layer's.
 */
export const failedLayerKey = (i: number) => `layers[${i}]`;

/** What the legend shows of a layer whose entry is not valid: its name (or id), greyed, and why it is not shown; its colour (grey unless valid) keys nothing, as the map draws nothing of it. */
function failedSpec(item: unknown, i: number): LayerSpec {
  const o = isRecord(item) ? item : {};
  const name = typeof o.name === 'string' && o.name.trim() ? o.name : typeof o.id === 'string' && o.id.trim() ? o.id : `Layer ${i + 1}`;
  const color = typeof o.color === 'string' && layerSchema.shape.color.safeParse(o.color).success ? o.color : '#888888';
  return { id: validId(o.id) ? o.id : failedLayerKey(i), name: truncate(name, textLimit('name')), file: typeof o.file === 'string' ? o.file : '', color, visible: false };
}

/** Reads and checks story.json. Never throws. */
export function readStoryFile(text: string, file = 'story.json'): StoryFileRead {
  const json = readJson(text, file, { maxBytes: LIMITS.storyBytes, what: 'story file' });
  const locate = (path: Path) => ({ file, path: formatPath(path) || undefined, ...(json.locate(path) ?? {}) });
  const badLayers = new Set<number>();
  if (json.value === undefined) return { problems: json.problems, badLayers, badArticle: true, locate };
  const problems: Problem[] = [...json.problems];
  const put = (p: Omit<Problem, 'file'>, path: Path) => problems.push({ ...p, ...locate(path) });
  // Each layer and each credit is checked on its own: a mistake in one leaves that one out (or its
  // link), never the whole story. The rest of the file is checked as a whole.
  const r = lenientStory.safeParse(json.value);
  const raw = isRecord(json.value) ? json.value : {};
  const layers: LayerSpec[] = (Array.isArray(raw.layers) ? raw.layers : []).map((item: unknown, i) => {
    const lr = layerSchema.safeParse(item);
    if (lr.success) return lr.data;
    const who = layerLabel(item, i);
    for (const issue of lr.error.issues) {
      const p = issueProblem(issue, item, file);
      put({ ...p, message: `${who}: ${p.message}`, fixed: 'This layer is left out (the legend says it is not shown); the rest of the story is shown.' }, ['layers', i, ...issuePath(issue)]);
    }
    badLayers.add(i);
    return failedSpec(item, i);
  });
  // Credits one by one: an unsafe link is dropped, not its credit; a credit without text is left out.
  const credits = (items: unknown, at: Path): StoryFile['attribution'] => {
    const out: StoryFile['attribution'] = [];
    (Array.isArray(items) ? items : []).forEach((item: unknown, i) => {
      const cr = creditSchema.safeParse(item);
      if (cr.success) {
        out.push(cr.data);
        return;
      }
      const o = isRecord(item) ? item : {};
      const text = typeof o.text === 'string' && o.text.trim() ? o.text : undefined;
      const url = typeof o.url === 'string' && safeUrl.safeParse(o.url).success ? o.url : undefined;
      for (const issue of cr.error.issues) {
        const p = issueProblem(issue, item, file);
        const linkOnly = issue.path[0] === 'url';
        put({ ...p, message: `The credit ${text ? `“${truncate(text, 60)}”` : `${formatPath([...at, i])}`}: ${p.message}`, fixed: !text ? 'This credit is left out.' : linkOnly ? 'The credit is shown as plain text, without the link.' : 'The field is ignored.' }, [...at, i, ...issuePath(issue)]);
      }
      if (text) out.push(url ? { text, url } : { text });
    });
    return out;
  };
  const attribution = credits(raw.attribution, ['attribution']);
  // The newsroom's own basemap: its credits are read as the story's are; any other mistake in it
  // leaves the map on the site's own basemap (as a basemap that fails to load does), never the story.
  let basemap: BasemapSpec | undefined;
  if (raw.basemap !== undefined) {
    const given = isRecord(raw.basemap) && Array.isArray(raw.basemap.attribution) ? { ...raw.basemap, attribution: credits(raw.basemap.attribution, ['basemap', 'attribution']) } : raw.basemap;
    if (isRecord(given) && Array.isArray(given.attribution) && !given.attribution.length) delete given.attribution;
    const br = basemapSchema.safeParse(given);
    if (br.success) basemap = br.data;
    else for (const issue of br.error.issues) put({ ...issueProblem({ ...issue, path: ['basemap', ...issue.path] }, json.value, file), fixed: 'The map is drawn on the site’s own basemap instead.' }, ['basemap', ...issuePath(issue)]);
  }
  // The original article's link: one that is not safe is left out, not the story.
  let url: string | undefined;
  if (raw.url !== undefined) {
    const ur = safeUrl.safeParse(raw.url);
    if (ur.success) url = ur.data;
    else for (const issue of ur.error.issues) put({ ...issueProblem({ ...issue, path: ['url', ...issue.path] }, json.value, file), fixed: 'The story is shown without the link to the original article.' }, ['url']);
  }
  if (!r.success) {
    for (const i of r.error.issues) put(issueProblem(i, json.value, file), issuePath(i));
    return { raw: json.value, problems, badLayers, badArticle: true, locate };
  }
  // The credits the map must show: a story with none it can show is not told (each was reported above).
  if (!attribution.length) return { raw: json.value, problems, badLayers, badArticle: true, locate };
  const story: StoryFile = { ...r.data, layers, attribution, url, basemap };
  if (url === undefined) delete story.url;
  if (basemap === undefined) delete story.basemap;
  // What the schema cannot say.
  const art = checkFilePath(story.article, ['.md', '.markdown', '.txt']);
  if (art) put({ severity: 'error', ...art }, ['article']);
  // Texts readers see: never run as HTML, and bounded in length (shortened in safeStory).
  const shown = (v: string | undefined, path: Path, field: string) => {
    if (!v) return;
    checkText(v, (p) => put(p, path), {}, { field });
    checkLength(v, field, (p) => put(p, path));
  };
  const layerIds = new Map<string, number>();
  // A layer that is left out keeps a place in the legend ("Not shown: …"); when its own id cannot be
  // the page's key for it (not valid, reserved, or an earlier layer's), it is known by failedLayerKey.
  const rekey = (i: number) => (story.layers[i] = { ...story.layers[i]!, id: failedLayerKey(i) });
  const specBad = new Set(badLayers);
  story.layers.forEach((l, i) => {
    const reserved = l.id === failedLayerKey(i) ? null : badKey(l.id, 'The layer id');
    if (reserved) {
      put({ severity: 'error', ...reserved, fixed: 'This layer is left out.' }, ['layers', i, 'id']);
      badLayers.add(i);
      rekey(i);
    } else if (layerIds.has(l.id)) {
      const first = layerIds.get(l.id)!;
      put({ severity: 'error', code: 'layer-id-duplicate', message: `The layer id "${l.id}" of “${l.name}” is already used by layers[${first}] (“${story.layers[first]!.name}”).`, fix: 'Give each layer its own id.', fixed: 'This layer is left out; the first one with the id is shown.' }, ['layers', i, 'id']);
      badLayers.add(i);
      rekey(i);
    } else if (l.id !== failedLayerKey(i)) layerIds.set(l.id, i);
    // An entry the schema refused is not read any further.
    if (specBad.has(i)) return;
    const bad = checkFilePath(l.file, ['.geojson', '.json', '.csv']);
    if (bad) {
      put({ severity: 'error', ...bad }, ['layers', i, 'file']);
      badLayers.add(i);
    }
    // The layer's texts readers see (shown, above).
    for (const k of ['name', 'description', 'date', 'source', 'confidence'] as const) shown(l[k], ['layers', i, k], k);
    if (typeof l.approximate === 'string') shown(l.approximate, ['layers', i, 'approximate'], 'approximate');
    if (l.categories) {
      const property = badKey(l.categories.property, 'The property name');
      if (property) {
        put({ severity: 'error', ...property }, ['layers', i, 'categories', 'property']);
        badLayers.add(i);
      }
      const seen = new Map<string, number>();
      l.categories.values.forEach((c, j) => {
        shown(c.label, ['layers', i, 'categories', 'values', j, 'label'], 'label');
        const bad = badKey(c.value, 'The category value');
        if (bad) {
          put({ severity: 'error', ...bad }, ['layers', i, 'categories', 'values', j, 'value']);
          badLayers.add(i);
        } else if (seen.has(c.value)) {
          put({ severity: 'warning', code: 'category-duplicate', message: `The category value "${c.value}" is already listed in values[${seen.get(c.value)}].`, fix: 'List each value once.', fixed: 'The second entry is left out; features with this value take the first one’s colour.' }, ['layers', i, 'categories', 'values', j, 'value']);
        } else seen.set(c.value, j);
      });
    }
  });
  for (const k of ['title', 'outlet', 'dateline', 'byline', 'summary', 'credit'] as const) shown(story[k], [k], k);
  story.attribution.forEach((a, i) => shown(a.text, ['attribution', i, 'text'], 'text'));
  story.basemap?.attribution?.forEach((a, i) => shown(a.text, ['basemap', 'attribution', i, 'text'], 'text'));
  for (const [key, link] of Object.entries(story.features)) {
    for (const k of FEATURE_TEXTS) shown(link[k], ['features', key, k], k);
    link.aliases?.forEach((a, j) => shown(a, ['features', key, 'aliases', j], 'aliases'));
  }
  // A "__proto__" key in "features" is dropped by the schema without a word: say so.
  const rawFeatures = (json.value as { features?: unknown }).features;
  if (rawFeatures && typeof rawFeatures === 'object' && Object.hasOwn(rawFeatures, '__proto__')) {
    put({ severity: 'warning', code: 'key-reserved', message: 'The key "__proto__" in "features" is a name JavaScript reserves for its own objects.', fix: 'Feature keys are "layerId:featureId"; remove this entry.', fixed: 'The entry is ignored.' }, ['features']);
  }
  if (!validLanguage(story.language)) {
    put({ severity: 'warning', code: 'language-invalid', message: `"language" is ${show(story.language)}, which is not a BCP 47 language tag.`, fix: 'Write a tag like "en", "fr", "ar" or "pt-BR".', fixed: 'The article’s language is treated as unknown ("und"); dates are written the browser’s way.' }, ['language']);
  }
  return { story: safeStory(story, validLanguage(story.language)), raw: json.value, problems, badLayers, badArticle: !!art, locate };
}
