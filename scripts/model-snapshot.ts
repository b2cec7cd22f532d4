// Node side of snapshot.ts: reads and validates a story folder (the same validator as `npm run
// validate`) and writes its model as model.json's text; a big layer (src/lib/story/tiled.ts) goes
// into model.json without its full data, and its tiles and feature index are made here too
// (scripts/story-tiles.ts).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, Geometry } from 'geojson';
import { quantize } from 'topojson-client';
import { topology } from 'topojson-server';
import type { Topology } from 'topojson-specification';
import { publishedFiles, readStoryFolder } from '../src/lib/story/read-folder.ts';
import { toSnapshot, type StorySnapshot } from '../src/lib/story/snapshot.ts';
import type { TiledThreshold } from '../src/lib/story/tiled.ts';
import { bigLayers, LayerTiles, snapshotLayer, threshold } from './story-tiles.ts';
import { TileMaker } from './basemap/tiles.ts';
import { markLandAreas, tileWater } from './land-areas.ts';

export interface SnapshotFiles {
  /** model.json's text. */
  text: string;
  /** The tiled layers' tiles and indexes, by layer id (made when first asked for). */
  tiles: ReadonlyMap<string, LayerTiles>;
  /** What could not be made as asked, model.json made all the same. */
  warnings: string[];
}

/** The files the model was made from, as published (named by story.json, plain files in the folder), and their sizes. */
function sourcesOf(dir: string): Record<string, number> {
  const sources: Record<string, number> = {};
  for (const f of publishedFiles(dir)) sources[f] = statSync(join(dir, f)).size;
  return sources;
}

/**
 * Decimal places of a longitude or latitude in model.json: its geometry is on a grid of 1e-5°, 1.1 m
 * at most (a pixel at zoom 17; the map stops at 11). Sources give six or more (Natural Earth's
 * outlines are good to hundreds of metres). Only model.json is on the grid: the story's files, the
 * validator and the editor keep every decimal.
 */
export const COORDINATE_DECIMALS = 5;
const SCALE = 10 ** COORDINATE_DECIMALS;

/** What the basemap's tiles tell model.json: with `geodata` (the folder the basemap is made from), which areas lie on land (land-areas.ts). */
export interface SnapshotOptions {
  geodata?: string;
}

/**
 * model.json and the tiled layers of a story folder; throws (StoryFileError) when the story cannot
 * be told. Without `opts.geodata` no area is marked as on land (drawn over the water).
 */
export function snapshotFiles(dir: string, t: TiledThreshold = threshold(), opts: SnapshotOptions = {}): SnapshotFiles {
  const model = readStoryFolder(dir);
  const big = new Set(bigLayers(model, t));
  const own = model.layers.map((l) => (big.has(l) ? snapshotLayer(model, l) : l));
  const warnings: string[] = [];
  let layers = own;
  if (opts.geodata) {
    try {
      layers = markLandAreas(own, tileWater(TileMaker.shared({ geodata: opts.geodata })));
    } catch (e) {
      // Without the basemap's tiles every area is drawn over the water, as in the editor: the story loses nothing else.
      warnings.push(`the basemap's water could not be read (${(e as Error).message.split('\n')[0]}), so every area is drawn over the water, including any that runs past a coast.`);
    }
  }
  const tiles = new Map([...big].map((l) => [l.spec.id, new LayerTiles(l)] as const));
  return { text: snapshotJson(toSnapshot(model, sourcesOf(dir), layers)), tiles, warnings };
}

/**
 * A layer's geometry as model.json carries it: TopoJSON (topojson-server), on a grid of
 * 10^-COORDINATE_DECIMALS degrees. Whole-number steps from one point to the next, and a border two
 * areas share written once, take the CGTN layers from 41 to 24 kB gzip against rounded GeoJSON. Each
 * point moves to the nearest grid point (0.5e-5° at most, as rounding to five decimals); ids and
 * properties are kept as they are. The page reads it back with topojson-client (snapshot.ts).
 */
export function encodeLayerData(data: FeatureCollection<Geometry | null>): Topology {
  // Shared arcs found on the exact coordinates, then quantized on the grid: not on the layer's
  // bbox split in n steps, so a step is the same 1e-5° in every layer.
  const t = topology({ data: structuredClone(data) });
  const [x0 = 0, y0 = 0] = t.bbox ?? [];
  const grid = (v: number) => (Number.isFinite(v) ? Math.round(v * SCALE) / SCALE : 0);
  return quantize(t as Topology<{}>, { scale: [1 / SCALE, 1 / SCALE], translate: [grid(x0), grid(y0)] });
}

/** model.json's text for a snapshot: JSON, each layer's geometry as TopoJSON (encodeLayerData) in place of its GeoJSON. */
export function snapshotJson(snapshot: StorySnapshot): string {
  return JSON.stringify({ ...snapshot, layers: snapshot.layers.map(({ data, ...rest }) => ({ ...rest, topology: encodeLayerData(data) })) });
}

/** model.json's text for a story folder; throws (StoryFileError) when the story cannot be told. */
export function snapshotText(dir: string, opts: SnapshotOptions = {}): string {
  return snapshotFiles(dir, threshold(), opts).text;
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
