// How the page opens a story: the model made at build time (model.json, see snapshot.ts) in one
// request when the folder has one that reads back, else the story's files through the validator
// (load.ts), whose code is only fetched then.
import type { StoryModel } from './model';
import { fromSnapshot } from './snapshot';

/** Largest model.json read (the sum of a few layers at their own limit). */
const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024;

export async function loadStoryModel(base: string): Promise<StoryModel> {
  try {
    const res = await fetch(`${base}model.json`, { credentials: 'same-origin' });
    if (res.ok && !(Number(res.headers.get('content-length')) > MAX_SNAPSHOT_BYTES)) {
      // A tiled layer's tiles are fetched by MapLibre's worker: their address is made absolute.
      const model = fromSnapshot(await res.json(), new URL(base, document.baseURI).href);
      if (model) return model;
      console.info('story: model.json does not read back; loading the story from its files');
    } else void res.body?.cancel();
  } catch {
    // No snapshot, or not JSON: the files, below.
  }
  const { loadStory } = await import('./load');
  return loadStory(base);
}
