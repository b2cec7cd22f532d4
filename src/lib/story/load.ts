// Fetches a story folder's files over HTTP (same origin only) and builds the model.
import { buildModel, FileTooLarge, parseStoryFile, type StoryModel } from './model';
import { StoryFileError } from './model-core';
import { LIMITS, limitFor } from './validate/limits';
import { checkFilePath, storyPath } from './validate/story-file';

class NotFound extends Error {}

/** Fetches a story file as text. A file over `limit` bytes is refused by its Content-Length, before its body is read. */
async function fetchText(url: string, limit: number = LIMITS.layerBytes, attempts = 2): Promise<string> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      const res = await fetch(url, { credentials: 'same-origin' });
      // A server that answers every unknown path with its own page (a single-page-app fallback,
      // Vite's preview) sends a web page for a missing file: that is "not found", not a broken file.
      // Either answer is final: asked again, the server would say the same.
      const page = res.ok && /^text\/html\b/i.test(res.headers.get('content-type') ?? '');
      if (res.status === 404 || page) {
        void res.body?.cancel();
        throw new NotFound(page ? 'not found: the server sent a web page instead' : 'not found');
      }
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const length = Number(res.headers.get('content-length'));
      if (length > limit) {
        void res.body?.cancel();
        throw new FileTooLarge(length, limit);
      }
      return await res.text();
    } catch (e) {
      if (e instanceof FileTooLarge || e instanceof NotFound) throw e;
      last = e;
    }
  }
  throw last instanceof Error ? last : new Error(String(last));
}

const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

export async function loadStory(base: string): Promise<StoryModel> {
  let storyText: string;
  try {
    storyText = await fetchText(`${base}story.json`, LIMITS.storyBytes);
  } catch (e) {
    // Not there: said in a reader's words (the page shows it as it is; the console has the details).
    if (e instanceof NotFound) {
      console.info(`story: ${base}story.json ${e.message}`);
      throw new StoryFileError([{ severity: 'error', code: 'story-not-found', file: 'story.json', message: 'This story could not be found.', fix: 'The link may be mistyped, or the story may have moved or been taken down.' }]);
    }
    throw new StoryFileError([{ severity: 'error', file: 'story.json', message: `The story could not be loaded (${asError(e).message}).`, fix: 'Check your connection and reload the page.' }]);
  }
  const story = parseStoryFile(storyText);
  const files = [...new Set(story.layers.map((l) => l.file))];
  // A path that leaves the story folder (also once decoded: "%2E%2E") is reported by the validator
  // and never fetched; the others are fetched as the validator read them (storyPath: normalised).
  const fetched = new Map<string, Promise<string | Error>>();
  const fetchFile = (f: string, kinds: string[], limit: number) => {
    const path = storyPath(f);
    if (checkFilePath(f, kinds) || path === null) return Promise.resolve(new Error('not read'));
    if (!fetched.has(path)) fetched.set(path, fetchText(base + path, limit).catch(asError));
    return fetched.get(path)!;
  };
  const [article, ...layerTexts] = await Promise.all([
    fetchFile(story.article, ['.md', '.markdown', '.txt'], LIMITS.articleBytes),
    ...files.map((f) => fetchFile(f, ['.geojson', '.json', '.csv'], limitFor(f))),
  ]);
  // Keyed by path in an object without a prototype: paths are data.
  const layers = Object.create(null) as Record<string, string | Error>;
  files.forEach((f, i) => (layers[f] = layerTexts[i]!));
  return buildModel({ story: storyText, article: article!, layers });
}
