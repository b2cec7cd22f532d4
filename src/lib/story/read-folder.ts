// Node-side: reads a story folder from disk into the texts buildModel takes. Used by the tests and
// the command-line validator; the browser fetches the same files instead (load.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel, parseStoryFile, type StoryModel, type StoryTexts } from './model';

const read = (path: string): string | Error => {
  try {
    if (!existsSync(path)) return new Error('file not found');
    return readFileSync(path, 'utf8');
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
};

export function readStoryTexts(dir: string): StoryTexts {
  const storyText = read(join(dir, 'story.json'));
  if (storyText instanceof Error) throw storyText;
  const story = parseStoryFile(storyText);
  return {
    story: storyText,
    article: read(join(dir, story.article)),
    layers: Object.fromEntries(story.layers.map((l) => [l.file, read(join(dir, l.file))])),
  };
}

export function readStoryFolder(dir: string): StoryModel {
  return buildModel(readStoryTexts(dir));
}
