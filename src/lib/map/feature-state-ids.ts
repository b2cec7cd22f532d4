// The ids MapLibre knows the story's features by. MapLibre keeps feature-state in plain objects
// keyed by feature id (state[sourceLayer][id]), so a story id such as "__proto__" handed to
// setFeatureState would write into Object.prototype of the whole page (a host news page, for the
// <story-map> element). Story ids never reach it: each feature is known to MapLibre by a number,
// its position in its layer's map data, and the app maps story keys to those numbers here.
// Pure, no maplibre import: unit-tested directly.
import type { Feature, FeatureCollection } from 'geojson';
import type { StoryLayer, StoryModel } from '../story/model';

export interface StateTarget {
  /** The story layer whose source holds the feature. */
  layerId: string;
  /** The feature's id in that source: its index in the layer's map data (a tiled layer's: in its file, as its tiles have it). */
  id: number;
  /** A tiled layer's source layer (story/tiled.ts). */
  sourceLayer?: string;
}

/** A layer's map data with each feature's id set to its index (the source needs no promoteId). */
export function withStateIds(data: FeatureCollection): FeatureCollection {
  return { type: 'FeatureCollection', features: data.features.map((f, i): Feature => ({ type: 'Feature', id: i, properties: f.properties, geometry: f.geometry })) };
}

/** Story feature key ("layer:feature") -> where its state lives in MapLibre. */
export function stateTargets(layers: readonly StoryLayer[]): ReadonlyMap<string, StateTarget> {
  const out = new Map<string, StateTarget>();
  for (const l of layers) {
    if (l.tiled) {
      for (const f of l.features) if (f.tileId !== undefined && !out.has(f.key)) out.set(f.key, { layerId: l.spec.id, id: f.tileId, sourceLayer: l.tiled.sourceLayer });
      continue;
    }
    l.data.features.forEach((f, i) => {
      const key = f.properties?.key;
      if (typeof key === 'string' && !out.has(key)) out.set(key, { layerId: l.spec.id, id: i });
    });
  }
  return out;
}

/** Where a feature's state lives: from `targets`, or for a feature of a tiled layer the page learned later (story/tiled.ts), from its tile id. */
export function stateTarget(model: StoryModel, targets: ReadonlyMap<string, StateTarget>, key: string): StateTarget | undefined {
  const known = targets.get(key);
  if (known) return known;
  const f = model.features.get(key);
  const layer = f?.tileId !== undefined ? model.layers.find((l) => l.spec.id === f.layerId) : undefined;
  return f && layer?.tiled ? { layerId: f.layerId, id: f.tileId!, sourceLayer: layer.tiled.sourceLayer } : undefined;
}
