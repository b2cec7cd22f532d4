// Builders for test stories: a small valid story made in code, changed per test (no shared state).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoryTexts } from '../../src/lib/story/model';

export const CGTN_DIR = join(import.meta.dirname, '../../geodata/cgtn-2020-01-09');
// Copies of the article and its geometry notes (tests/fixtures/cgtn-sources/README.md says where from).
export const SOURCES_MD = join(import.meta.dirname, '../fixtures/cgtn-sources/SOURCES.md');
export const SEED_ARTICLE = join(import.meta.dirname, '../fixtures/cgtn-sources/seed-article.txt');

export function createStoryFile(overrides: Record<string, unknown> = {}) {
  return {
    id: 'test',
    title: 'A test story',
    outlet: 'Test Times',
    date: '2020-01-09',
    view: { bounds: [10, 20, 40, 45] },
    attribution: [{ text: 'Made with Natural Earth' }],
    layers: [{ id: 'places', name: 'Places', file: 'places.geojson', color: '#336699' }],
    features: { 'places:rome': { passages: ['intro'], aliases: ['Rome'] } },
    ...overrides,
  };
}

export function createPoint(id: string, coordinates: unknown, props: Record<string, unknown> = {}) {
  return { type: 'Feature', properties: { id, name: id[0]!.toUpperCase() + id.slice(1), date: '2020', source: 'GeoNames', ...props }, geometry: { type: 'Point', coordinates } };
}

export function createTexts(opts: { story?: Record<string, unknown>; features?: unknown[]; article?: string; layerText?: string } = {}): StoryTexts {
  const features = opts.features ?? [createPoint('rome', [12.4964, 41.9028])];
  return {
    story: JSON.stringify(createStoryFile(opts.story)),
    article: opts.article ?? 'We met in Rome today. {#intro}\n\nNothing else. {#outro}\n',
    layers: { 'places.geojson': opts.layerText ?? JSON.stringify({ type: 'FeatureCollection', features }) },
  };
}

export const readCgtn = (file: string) => readFileSync(join(CGTN_DIR, file), 'utf8');

/**
 * A vector tile in the basemap's schema, made in code (geojson-vt and vt-pbf, as the build makes
 * them: extent 4096, a buffer of 64): `layers` maps a source layer (water, boundary, place,
 * marine_label, country_label) to its features in longitude and latitude.
 */
export async function createTile(layers: Record<string, unknown[]>, z: number, x: number, y: number): Promise<Uint8Array> {
  const { GeoJSONVT } = await import('@maplibre/geojson-vt');
  const { fromGeojsonVt } = await import('@maplibre/vt-pbf');
  const out: Record<string, unknown> = {};
  for (const [name, features] of Object.entries(layers)) {
    const index = new GeoJSONVT({ type: 'FeatureCollection', features } as never, { maxZoom: Math.max(z, 1), indexMaxZoom: 0, buffer: 64, extent: 4096, tolerance: 0 });
    const tile = index.getTile(z, x, y);
    if (tile?.features.length) out[name] = tile;
  }
  return fromGeojsonVt(out as never, { version: 2, extent: 4096 });
}

export const createFeature = (geometry: unknown, properties: Record<string, unknown> = {}) => ({ type: 'Feature', properties, geometry });
/** A [west, south, east, north] box as a GeoJSON polygon's rings. */
export const createBoxRings = ([w, s, e, n]: number[]) => [[[w, s], [e, s], [e, n], [w, n], [w, s]]];
