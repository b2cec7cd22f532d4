// Node-side: reads a story folder from disk into the texts buildModel takes. Used by the tests and
// the command-line validator; the browser fetches the same files instead (load.ts). A file over
// its size limit is refused by its size on disk, before it is read.
import { existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArticle } from './article';
import { buildModel, checkProvenance, FileTooLarge, SymlinkRefused, type StoryModel, type StoryTexts } from './model';
import { StoryFileError } from './model-core';
import type { Problem } from './problems';
import { readLayer } from './validate/layer';
import { limitFor, mb } from './validate/limits';
import { checkFilePath, isRecord, readStoryFile, storyPath } from './validate/story-file';


/** Reads a file as UTF-8 text, or returns why it could not be read. Never throws. */
export function readText(path: string, limit = limitFor(path)): string | Error {
  try {
    if (!existsSync(path)) return new Error('file not found');
    const st = statSync(path);
    if (st.isDirectory()) return new Error('it is a folder, not a file');
    if (st.size > limit) return new FileTooLarge(st.size, limit);
    return readFileSync(path, 'utf8');
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

/**
 * Reads a file named in story.json, from inside the story folder. Every segment of its path is a
 * plain folder or file, never a symbolic link (which could lead outside the folder, or in a loop):
 * the folder itself may be a link, nothing under it may. Never throws.
 */
export function readStoryFileText(dir: string, rel: string, limit = limitFor(rel)): string | Error {
  const path = storyPath(rel);
  if (path === null) return new Error('not a plain path inside the story folder');
  const parts = path.split('/');
  try {
    for (let i = 1; i <= parts.length; i++) {
      const at = join(dir, ...parts.slice(0, i));
      if (!existsSync(at) && !lstatSafe(at)) return new Error('file not found');
      if (lstatSync(at).isSymbolicLink()) return new SymlinkRefused(parts.slice(0, i).join('/'));
    }
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
  return readText(join(dir, ...parts), limit);
}

const lstatSafe = (p: string) => {
  try {
    return lstatSync(p);
  } catch {
    return null;
  }
};

/**
 * The files a build publishes for a story folder: story.json and what it names (the article, the
 * layers), as paths relative to the folder, each a plain file inside it. Nothing else in the
 * folder is published (drafts, notes, .env, .git). Files the story names but that cannot be read
 * are left out (the validator says why).
 */
export function publishedFiles(dir: string): string[] {
  const out = ['story.json'];
  if (lstatSafe(join(dir, 'story.json'))?.isSymbolicLink()) return [];
  const text = readStoryFileText(dir, 'story.json');
  if (text instanceof Error) return [];
  const read = readStoryFile(text);
  const raw = read.raw as { article?: unknown; layers?: unknown } | undefined;
  if (!raw || typeof raw !== 'object') return out;
  const named = [typeof raw.article === 'string' ? raw.article : 'article.md', ...(Array.isArray(raw.layers) ? raw.layers.map((l) => (l as { file?: unknown } | null)?.file) : [])];
  for (const f of named) {
    if (typeof f !== 'string') continue;
    const path = storyPath(f);
    if (path === null || out.includes(path)) continue;
    if (typeof readStoryFileText(dir, path, Infinity) === 'string') out.push(path);
  }
  return out;
}

export function readStoryTexts(dir: string): StoryTexts {
  const storyText = readStoryFileText(dir, 'story.json');
  if (storyText instanceof Error) {
    throw new StoryFileError([{ severity: 'error', file: 'story.json', code: storyText instanceof FileTooLarge ? 'file-too-large' : 'file-missing', message: `The story file could not be read (${storyText.message}).`, fix: 'A story folder holds story.json, its article and its layers (see docs/story-format.md).' }]);
  }
  const read = readStoryFile(storyText);
  if (!read.story) throw new StoryFileError(read.problems);
  const story = read.story;
  return {
    story: storyText,
    article: read.badArticle ? new Error('not read') : readStoryFileText(dir, story.article),
    // Layers story.json got wrong (a path outside the folder, a repeated id) are never read.
    // Keyed by path in a Map-like object without a prototype: paths are data.
    layers: Object.assign(Object.create(null) as Record<string, string | Error>, Object.fromEntries(story.layers.filter((_, i) => !read.badLayers.has(i)).map((l) => [l.file, readStoryFileText(dir, l.file)]))),
  };
}

export function readStoryFolder(dir: string): StoryModel {
  return buildModel(readStoryTexts(dir));
}

const LAYER_KINDS = ['.geojson', '.json', '.csv'];

/**
 * What story.json says of a layer when story.json as a whole is not valid: its entry's date and
 * source, and the "features" entries that name, date or source its features. Read field by field,
 * as text only, so that one mistake elsewhere in story.json (a missing title) does not make every
 * feature that takes these from the story read as having none.
 */
export interface LayerContext {
  layer: { date?: string; source?: string };
  links: (featureId: string) => { name?: string; date?: string; source?: string; context?: boolean } | undefined;
}

/** Checks one layer file on its own, or with what story.json says of it (`context`). Never throws. */
export function validateLayerFile(path: string, file = basename(path), dir?: string, context?: LayerContext): Problem[] {
  const text = dir ? readStoryFileText(dir, file) : readText(path);
  if (text instanceof Error) return [fileProblem(file, text)];
  const r = readLayer(text, file);
  return [...r.problems, ...checkProvenance(r.features, context && ((f) => context.links(f.id)), context?.layer)];
}

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
const record = (v: unknown): Record<string, unknown> | undefined => (isRecord(v) ? v : undefined);

/** A layer's context from story.json's raw JSON (LayerContext), keys looked up as own properties only. */
function rawLayerContext(entry: Record<string, unknown>, features: Record<string, unknown> | undefined): LayerContext {
  const layerId = text(entry.id);
  return {
    layer: { date: text(entry.date), source: text(entry.source) },
    links: (featureId) => {
      const key = `${layerId}:${featureId}`;
      const link = layerId && features && Object.hasOwn(features, key) ? record(features[key]) : undefined;
      return link && { name: text(link.name), date: text(link.date), source: text(link.source), context: typeof link.context === 'boolean' ? link.context : undefined };
    },
  };
}

function fileProblem(file: string, e: Error): Problem {
  if (e instanceof SymlinkRefused) return { severity: 'error', file, code: 'file-symlink', message: `The file could not be read: ${e.message}.`, fix: 'Put the file itself in the story folder (copy it, do not link it).' };
  return e instanceof FileTooLarge
    ? { severity: 'error', file, code: 'file-too-large', message: `The file is ${mb(e.bytes)}; the limit is ${mb(e.limit)}, so it was not read.`, fix: 'Simplify the geometry (e.g. mapshaper -simplify 10%) or split the layer.' }
    : { severity: 'error', file, code: 'file-missing', message: `The file could not be read (${e.message}).`, fix: 'Check the path.' };
}

/**
 * Checks a whole story folder: story.json, the article and every layer, with the links between
 * them. When story.json itself has errors, the files it names are still checked on their own.
 */
export function validateFolder(dir: string): Problem[] {
  try {
    return readStoryFolder(dir).problems;
  } catch (e) {
    if (!(e instanceof StoryFileError)) throw e;
    const problems = [...e.problems];
    const storyText = readStoryFileText(dir, 'story.json');
    const raw = typeof storyText === 'string' ? readStoryFile(storyText).raw : undefined;
    if (isRecord(raw)) {
      const r = raw as { layers?: unknown; article?: unknown; features?: unknown };
      const entries = Array.isArray(r.layers) ? r.layers.map(record).filter((l): l is Record<string, unknown> => !!l && typeof l.file === 'string') : [];
      const seen = new Set<string>();
      for (const entry of entries) {
        const f = entry.file as string;
        if (seen.has(f) || checkFilePath(f, LAYER_KINDS)) continue;
        seen.add(f);
        problems.push(...validateLayerFile(join(dir, f), f, dir, rawLayerContext(entry, record(r.features))));
      }
      const article = typeof r.article === 'string' ? r.article : 'article.md';
      if (!checkFilePath(article, ['.md', '.markdown', '.txt'])) {
        const text = readStoryFileText(dir, article);
        if (typeof text === 'string') for (const p of parseArticle(text).problems) problems.push({ severity: p.severity, code: p.code, file: article, line: p.line, message: p.message, fix: p.fix });
        else problems.push(fileProblem(article, text));
      }
    }
    return problems;
  }
}
