// Node side of snapshot.ts: reads and validates a story folder (the same validator as `npm run
// validate`) and writes its model as model.json's text; a big layer (src/lib/story/tiled.ts) goes
// into model.json without its full data, and its tiles and feature index are made here too
// (scripts/story-tiles.ts).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { publishedFiles, readStoryFolder } from '../src/lib/story/read-folder.ts';
import { toSnapshot, type StorySnapshot } from '../src/lib/story/snapshot.ts';
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

/**
 * Decimal places of a longitude or latitude in model.json. 1e-5° is 1.1 m at most (a pixel at zoom 17);
 * sources give six or more (Natural Earth's outlines are good to hundreds of metres), and the sixth
 * decimal alone is about a tenth of the CGTN model's gzipped bytes. Only model.json is rounded: the
 * story's files, the validator and the editor keep every decimal.
 */
export const COORDINATE_DECIMALS = 5;
const SCALE = 10 ** COORDINATE_DECIMALS;

/** Every number of a GeoJSON `coordinates` value rounded to COORDINATE_DECIMALS; anything else as it was. */
export function roundCoordinates(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.round(value * SCALE) / SCALE : value;
  return Array.isArray(value) ? value.map(roundCoordinates) : value;
}

/** model.json and the tiled layers of a story folder; throws (StoryFileError) when the story cannot be told. */
export function snapshotFiles(dir: string, t: TiledThreshold = threshold()): SnapshotFiles {
  const model = readStoryFolder(dir);
  const big = new Set(bigLayers(model, t));
  const layers = model.layers.map((l) => (big.has(l) ? snapshotLayer(model, l) : l));
  const tiles = new Map([...big].map((l) => [l.spec.id, new LayerTiles(l)] as const));
  return { text: snapshotJson(toSnapshot(model, sourcesOf(dir), layers)), tiles };
}

/** model.json's text for a snapshot: JSON, with geometry's coordinates rounded (roundCoordinates). */
export function snapshotJson(snapshot: StorySnapshot): string {
  // Geometry's coordinates are arrays under the key `coordinates` (a property of that name holding
  // text is left as it is: roundCoordinates changes numbers only).
  return JSON.stringify(snapshot, (key, value: unknown) => (key === 'coordinates' ? roundCoordinates(value) : value));
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
