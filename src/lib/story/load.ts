// Fetches a story folder's files over HTTP (same origin only) and builds the model.
import { buildModel, parseStoryFile, StoryFileError, type StoryModel } from './model';

const STORY_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Where a story's files are served from, relative to the page. */
export function storyBase(name: string, root = './'): string {
  if (!STORY_NAME.test(name)) throw new StoryFileError([{ severity: 'error', file: 'story', message: `“${name}” is not a story name.`, fix: 'Story names are letters, digits, - and _.' }]);
  return `${root}stories/${name}/`;
}

async function fetchText(url: string, attempts = 2): Promise<string> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      const res = await fetch(url, { credentials: 'same-origin' });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return await res.text();
    } catch (e) {
      last = e;
    }
  }
  throw last instanceof Error ? last : new Error(String(last));
}

const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

export async function loadStory(base: string): Promise<StoryModel> {
  let storyText: string;
  try {
    storyText = await fetchText(`${base}story.json`);
  } catch (e) {
    throw new StoryFileError([{ severity: 'error', file: 'story.json', message: `The story could not be loaded (${asError(e).message}).`, fix: 'Check the story name and that the story folder is published with the page.' }]);
  }
  const story = parseStoryFile(storyText);
  const files = [...new Set(story.layers.map((l) => l.file))];
  const [article, ...layerTexts] = await Promise.all([
    fetchText(base + story.article).catch(asError),
    ...files.map((f) => fetchText(base + f).catch(asError)),
  ]);
  return buildModel({ story: storyText, article: article!, layers: Object.fromEntries(files.map((f, i) => [f, layerTexts[i]!])) });
}
