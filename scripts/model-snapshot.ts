// Node side of snapshot.ts: reads and validates a story folder (the same validator as `npm run
// validate`) and writes its model as model.json's text.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { readStoryFolder } from '../src/lib/story/read-folder.ts';
import { toSnapshot } from '../src/lib/story/snapshot.ts';

/** model.json's text for a story folder; throws (StoryFileError) when the story cannot be told. */
export function snapshotText(dir: string): string {
  const model = readStoryFolder(dir);
  const files = ['story.json', model.story.article, ...model.story.layers.map((l) => l.file)];
  const sources: Record<string, number> = {};
  for (const f of files) {
    try {
      sources[f] = statSync(join(dir, f)).size;
    } catch {
      // A missing file is in the model's problems already.
    }
  }
  return JSON.stringify(toSnapshot(model, sources));
}
