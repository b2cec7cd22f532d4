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
