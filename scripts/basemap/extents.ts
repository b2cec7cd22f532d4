// What each story needs of the basemap (its bounds and geometries), read through the validator
// like the build's model.json, so CSV point layers and fixed geometries count as the page sees them.
import { basename } from 'node:path';
import { buildModel } from '../../src/lib/story/model.ts';
import { readStoryTexts } from '../../src/lib/story/read-folder.ts';
import type { StoryExtent } from './tiles.ts';

export { planTiles, TileMaker, tileKey, DETAIL_MAXZOOM, WORLD_MAXZOOM } from './tiles.ts';

export function storyExtent(dir: string): StoryExtent {
  const model = buildModel(readStoryTexts(dir));
  return {
    name: basename(dir),
    bounds: model.story.view.bounds as StoryExtent['bounds'],
    geometries: model.layers.flatMap((l) => (l.error ? [] : l.data.features.flatMap((f) => (f.geometry ? [f.geometry] : [])))),
  };
}
