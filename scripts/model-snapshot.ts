// Node side of snapshot.ts: reads and validates a story folder (the same validator as `npm run
// validate`) and writes its model as model.json's text.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { publishedFiles, readStoryFolder } from '../src/lib/story/read-folder.ts';
import { toSnapshot } from '../src/lib/story/snapshot.ts';

/** model.json's text for a story folder; throws (StoryFileError) when the story cannot be told. */
export function snapshotText(dir: string): string {
  const model = readStoryFolder(dir);
  // The files the model was made from, as published: named by story.json, plain files in the folder.
  const sources: Record<string, number> = {};
  for (const f of publishedFiles(dir)) sources[f] = statSync(join(dir, f)).size;
  return JSON.stringify(toSnapshot(model, sources));
}

export { publishedFiles };
