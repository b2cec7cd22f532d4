// The ids MapLibre knows the story's features by. MapLibre keeps feature-state in plain objects
// keyed by feature id (state[sourceLayer][id]), so a story id such as "__proto__" handed to
// setFeatureState would write into Object.prototype of the whole page (a host news page, for the
// <story-map> element). Story ids never reach it: each feature is known to MapLibre by a number,
// its position in its layer's map data, and the app maps story keys to those numbers here.
// Pure, no maplibre import: unit-tested directly.
import type { Feature, FeatureCollection } from 'geojson';
import type { StoryLayer } from '../story/model';

export interface StateTarget {
  /** The story layer whose source holds the feature. */
  layerId: string;
  /** The feature's id in that source: its index in the layer's map data. */
  id: number;
}

/** A layer's map data with each feature's id set to its index (the source needs no promoteId). */
export function withStateIds(data: FeatureCollection): FeatureCollection {
  return { type: 'FeatureCollection', features: data.features.map((f, i): Feature => ({ type: 'Feature', id: i, properties: f.properties, geometry: f.geometry })) };
}

/** Story feature key ("layer:feature") -> where its state lives in MapLibre. */
export function stateTargets(layers: readonly StoryLayer[]): ReadonlyMap<string, StateTarget> {
  const out = new Map<string, StateTarget>();
  for (const l of layers) {
    l.data.features.forEach((f, i) => {
      const key = f.properties?.key;
      if (typeof key === 'string' && !out.has(key)) out.set(key, { layerId: l.spec.id, id: i });
    });
  }
  return out;
}
