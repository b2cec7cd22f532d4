// Node side of snapshot.ts: reads and validates a story folder (the same validator as `npm run
// validate`) and writes its model as model.json's text; a big layer (src/lib/story/tiled.ts) goes
// into model.json without its full data, and its tiles and feature index are made here too
// (scripts/story-tiles.ts).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { publishedFiles, readStoryFolder } from '../src/lib/story/read-folder.ts';
import { toSnapshot } from '../src/lib/story/snapshot.ts';
import type { TiledThreshold } from '../src/lib/story/tiled.ts';
import { bigLayers, LayerTiles, snapshotLayer, threshold } from './story-tiles.ts';

export interface SnapshotFiles {
  /** model.json's text. */
  text: string;
  /** The tiled layers' tiles and indexes, by layer id (made when first asked for). */
  tiles: ReadonlyMap<string, LayerTiles>;
}

/** The files the model was made from, as published (named by story.json, plain files in the folder), and their sizes. */
function sourcesOf(dir: string): Record<string, number> {
  const sources: Record<string, number> = {};
  for (const f of publishedFiles(dir)) sources[f] = statSync(join(dir, f)).size;
  return sources;
}

/** model.json and the tiled layers of a story folder; throws (StoryFileError) when the story cannot be told. */
export function snapshotFiles(dir: string, t: TiledThreshold = threshold()): SnapshotFiles {
  const model = readStoryFolder(dir);
  const big = new Set(bigLayers(model, t));
  const layers = model.layers.map((l) => (big.has(l) ? snapshotLayer(model, l) : l));
  const tiles = new Map([...big].map((l) => [l.spec.id, new LayerTiles(l)] as const));
  return { text: JSON.stringify(toSnapshot(model, sourcesOf(dir), layers)), tiles };
}

/** model.json's text for a story folder; throws (StoryFileError) when the story cannot be told. */
export function snapshotText(dir: string): string {
  return snapshotFiles(dir).text;
}

// The dev server's tiles: made on demand, kept while the story's files stay as they were.
const kept = new Map<string, { stamp: string; files: SnapshotFiles }>();
const stampOf = (dir: string) => JSON.stringify(publishedFiles(dir).map((f) => [f, statSync(join(dir, f)).mtimeMs, statSync(join(dir, f)).size]));

/** A tiled layer of a story folder, for the dev server (null: no such tiled layer). */
export function layerTiles(dir: string, layerId: string): LayerTiles | null {
  const stamp = stampOf(dir);
  let k = kept.get(dir);
  if (!k || k.stamp !== stamp) {
    k = { stamp, files: snapshotFiles(dir) };
    kept.set(dir, k);
  }
  return k.files.tiles.get(layerId) ?? null;
}

export { publishedFiles };
