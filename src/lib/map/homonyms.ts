// A basemap name that repeats a place the article names, somewhere else: "Tripoli" on Lebanon's
// coast beside a story about Tripoli, Libya. True, but it reads as the story's place. Such names
// are left off the basemap while the story is shown (a graphics desk would not print them): the
// WebGL map's style filters them (style.ts), the SVG map and the first-paint picture skip them
// (fallback/scene.ts). The basemap's name for the story's own place stays: it is that place, and it
// names it when the reader hides the story's layer.
import type { ExpressionSpecification } from 'maplibre-gl';
import type { StoryModel } from '../story/model';
import { distanceKm } from '../story/distance-km';

/** Farther than this from every place of the story with its name, a basemap place is another one (km). */
export const HOMONYM_KM = 50;

/** Where the article's named places are: point features linked to a passage, by name. */
export type StoryPlaces = ReadonlyMap<string, readonly [number, number][]>;

export function storyPlaces(model: StoryModel): StoryPlaces {
  const out = new Map<string, [number, number][]>();
  for (const f of model.features.values()) {
    if (f.kind !== 'point' || !model.passagesByFeature.get(f.key)?.length || !f.name) continue;
    const at: [number, number] = [(f.bbox[0] + f.bbox[2]) / 2, (f.bbox[1] + f.bbox[3]) / 2];
    const list = out.get(f.name);
    if (list) list.push(at);
    else out.set(f.name, [at]);
  }
  return out;
}

/** Whether a basemap place named `name` at `at` is another place than the story's of that name. */
export function isHomonym(places: StoryPlaces, name: string, at: readonly [number, number]): boolean {
  const mine = places.get(name);
  return !!mine && mine.every((p) => distanceKm(p, at) > HOMONYM_KM);
}

/**
 * The same as a style filter for the basemap's places (`name` property): true for a place to keep.
 * MapLibre's `distance` measures in metres from the feature to the story's points of that name.
 * Null when the story names no place.
 */
export function homonymFilter(places: StoryPlaces): ExpressionSpecification | null {
  if (!places.size) return null;
  const clauses = [...places].map(([name, at]): ExpressionSpecification => ['all', ['==', ['get', 'name'], name], ['>', ['distance', { type: 'MultiPoint', coordinates: at.map((p) => [...p]) }], HOMONYM_KM * 1000]] as ExpressionSpecification);
  return ['!', ['any', ...clauses]] as ExpressionSpecification;
}

/**
 * The basemap names an area's or a line's story name says already, compared lower-cased: the name,
 * and without a bracketed qualifier ("Gulf of Suez (northern end)" says "Gulf of Suez"). Where the
 * story's name is shown, the basemap's is left off (covered-labels.ts; fallback/scene.ts).
 */
export function namesSaid(name: unknown): string[] {
  if (typeof name !== 'string') return [];
  const full = name.trim().toLocaleLowerCase('en');
  const bare = full.replace(/\s*\([^()]*\)$/, '');
  return [...new Set([full, bare])].filter(Boolean);
}
