// Reads story.json: JSON first (with line and column), then the zod schema the JSON Schema is made
// from, then what a schema cannot say (safe file paths, text shown to readers). Schema messages are
// rewritten in plain words, with the value found and a "did you mean" for misspelled fields.
import type { $ZodIssue } from 'zod/v4/core';
import type { Problem } from '../problems';
import { categorySchema, featureLinkSchema, layerSchema, storySchema, type StoryFile } from '../schema';
import { formatPath, readJson, type Path } from './json';
import { LIMITS } from './limits';
import { checkText, closest, show } from './text';

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
      if (found === undefined) return { severity: 'error', code: 'field-missing', message: `${name} is missing; it is required.`, fix: `Add it. ${docsLink(i.path)}` };
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
    default:
      return { severity: 'error', code: 'field-invalid', message: `${name}: ${i.message}.`, fix: docsLink(i.path) };
  }
}

const SAFE_PATH = /^(?![\\/])(?![a-z][a-z0-9+.-]*:)(?!.*(^|[\\/])\.\.([\\/]|$))[^\\]+$/i;

/** Checks a path to a file in the story folder: relative, inside the folder. */
export function checkFilePath(p: string, kinds: readonly string[]): Pick<Problem, 'code' | 'message' | 'fix'> | null {
  if (!SAFE_PATH.test(p)) return { code: 'file-path', message: `The path ${JSON.stringify(p)} leaves the story folder (or is a web address).`, fix: 'Write a path relative to the story folder, with forward slashes, e.g. "layers/places.geojson".' };
  const ext = p.toLowerCase().match(/\.[a-z]+$/)?.[0] ?? '';
  if (!kinds.includes(ext)) return { code: 'file-type', message: `${JSON.stringify(p)} is not a ${kinds.join(', ')} file.`, fix: `Use a file ending in ${kinds.join(' or ')}.` };
  return null;
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

/** Reads and checks story.json. Never throws. */
export function readStoryFile(text: string, file = 'story.json'): StoryFileRead {
  const json = readJson(text, file, { maxBytes: LIMITS.storyBytes, what: 'story file' });
  const locate = (path: Path) => ({ file, path: formatPath(path) || undefined, ...(json.locate(path) ?? {}) });
  const badLayers = new Set<number>();
  if (json.value === undefined) return { problems: json.problems, badLayers, badArticle: true, locate };
  const problems: Problem[] = [...json.problems];
  const put = (p: Omit<Problem, 'file'>, path: Path) => problems.push({ ...p, ...locate(path) });
  const r = storySchema.safeParse(json.value);
  if (!r.success) {
    // An unknown field is pointed at by its own name, so the line is the one to change.
    for (const i of r.error.issues) put(issueProblem(i, json.value, file), (i.code === 'unrecognized_keys' ? [...i.path, i.keys[0]!] : i.path) as Path);
    return { raw: json.value, problems, badLayers, badArticle: true, locate };
  }
  const story = r.data;
  // What the schema cannot say.
  const art = checkFilePath(story.article, ['.md', '.markdown', '.txt']);
  if (art) put({ severity: 'error', ...art }, ['article']);
  const layerIds = new Map<string, number>();
  story.layers.forEach((l, i) => {
    const bad = checkFilePath(l.file, ['.geojson', '.json', '.csv']);
    if (bad) {
      put({ severity: 'error', ...bad }, ['layers', i, 'file']);
      badLayers.add(i);
    }
    if (layerIds.has(l.id)) {
      put({ severity: 'error', code: 'layer-id-duplicate', message: `The layer id "${l.id}" is already used by layers[${layerIds.get(l.id)}].`, fix: 'Give each layer its own id.' }, ['layers', i, 'id']);
      badLayers.add(i);
    } else layerIds.set(l.id, i);
    for (const k of ['name', 'description', 'approximate'] as const) {
      const v = l[k];
      if (v) checkText(v, (p) => put(p, ['layers', i, k]), {});
    }
    l.categories?.values.forEach((c, j) => checkText(c.label, (p) => put(p, ['layers', i, 'categories', 'values', j, 'label']), {}));
  });
  for (const k of ['title', 'outlet', 'dateline', 'byline', 'summary', 'credit'] as const) {
    const v = story[k];
    if (v) checkText(v, (p) => put(p, [k]), {});
  }
  story.attribution.forEach((a, i) => checkText(a.text, (p) => put(p, ['attribution', i, 'text']), {}));
  for (const [key, link] of Object.entries(story.features)) {
    for (const k of ['name', 'date', 'source', 'confidence', 'description', 'claimSource'] as const) {
      const v = link[k];
      if (v) checkText(v, (p) => put(p, ['features', key, k]), {});
    }
    link.aliases?.forEach((a, j) => checkText(a, (p) => put(p, ['features', key, 'aliases', j]), {}));
  }
  return { story, raw: json.value, problems, badLayers, badArticle: !!art, locate };
}
