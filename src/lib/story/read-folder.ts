// Node-side: reads a story folder from disk into the texts buildModel takes. Used by the tests and
// the command-line validator; the browser fetches the same files instead (load.ts). A file over
// its size limit is refused by its size on disk, before it is read.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel, FileTooLarge, StoryFileError, type StoryModel, type StoryTexts } from './model';
import { limitFor } from './validate/limits';
import { readStoryFile } from './validate/story-file';

export { limitFor };

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

export function readStoryTexts(dir: string): StoryTexts {
  const storyText = readText(join(dir, 'story.json'));
  if (storyText instanceof Error) {
    throw new StoryFileError([{ severity: 'error', file: 'story.json', code: storyText instanceof FileTooLarge ? 'file-too-large' : 'file-missing', message: `The story file could not be read (${storyText.message}).`, fix: 'A story folder holds story.json, its article and its layers (see docs/story-format.md).' }]);
  }
  const read = readStoryFile(storyText);
  if (!read.story) throw new StoryFileError(read.problems);
  const story = read.story;
  return {
    story: storyText,
    article: read.badArticle ? new Error('not read') : readText(join(dir, story.article)),
    layers: Object.fromEntries(story.layers.map((l, i) => [l.file, read.badLayers.has(i) ? new Error('not read') : readText(join(dir, l.file))])),
  };
}

export function readStoryFolder(dir: string): StoryModel {
  return buildModel(readStoryTexts(dir));
}
