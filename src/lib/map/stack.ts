// What is under the pointer, as the reader means it: the features a click could be asking for,
// most specific first. Pure (no maplibre), so it is unit-tested directly; StoryMap feeds it what
// MapLibre's queryRenderedFeatures found around the pointer and opens the chooser
// (StackChooser.svelte) when more than one feature is left.
import type { GeometryKind, StoryModel } from '../story/model';
import { categoryOf, colorOf, drawnAsRing } from '../story/legend';

export interface PointerHit {
  /** The feature's key ("layer:feature"). */
  key: string;
  /** Its distance from the pointer in pixels, when known (points: from the circle's centre). */
  distance?: number;
}

const RANK: Record<GeometryKind, number> = { point: 0, line: 1, area: 2 };

/**
 * The features a click at this place could mean, in the order the chooser lists them.
 *
 * - Points win over lines, lines over areas: a click on a dot is about the dot, not the district
 *   under it. An area under points, or a lake under a canal, is picked by clicking it away from
 *   them, where it is the most specific thing under the pointer.
 * - Among things of the same kind every feature under the pointer is a candidate (stacked or
 *   overlapping dots, a country shape under its districts): the reader chooses.
 * - Each feature once (a feature drawn by several style layers, or split across tiles, is one).
 * - Nearest first, then the story's layer order, then file order.
 * - A story's point nearest the pointer is picked over the small context dots around it (a town the
 *   text does not name): tapping Tripoli on a phone opened a chooser with Aziziya and Tarhuna, dots
 *   a few pixels off at the opening view. Nearest a context dot, the chooser lists them all.
 */
export function candidatesAt(model: StoryModel, hits: readonly PointerHit[]): string[] {
  const best = new Map<string, number>();
  for (const h of hits) {
    if (!model.features.has(h.key)) continue;
    const d = h.distance ?? Infinity;
    if (!best.has(h.key) || d < best.get(h.key)!) best.set(h.key, d);
  }
  const keys = [...best.keys()];
  if (!keys.length) return [];
  const kind = (k: string) => RANK[model.features.get(k)!.kind];
  const top = Math.min(...keys.map(kind));
  const layerIndex = new Map(model.layers.map((l, i) => [l.spec.id, i]));
  const order = new Map<string, number>();
  // File order; a tiled layer's features (some learned from its tiles) by their tile id, their place in the file.
  for (const l of model.layers) l.features.forEach((f, i) => order.set(f.key, f.tileId ?? i));
  for (const k of keys) if (!order.has(k)) order.set(k, model.features.get(k)?.tileId ?? 0);
  const sorted = keys
    .filter((k) => kind(k) === top)
    .sort((a, b) => {
      const da = best.get(a)!;
      const db = best.get(b)!;
      if (da !== db) return da === Infinity ? 1 : db === Infinity ? -1 : da - db;
      const fa = model.features.get(a)!;
      const fb = model.features.get(b)!;
      return (layerIndex.get(fa.layerId) ?? 0) - (layerIndex.get(fb.layerId) ?? 0) || (order.get(a) ?? 0) - (order.get(b) ?? 0);
    });
  const nearest = model.features.get(sorted[0]!)!;
  if (top === RANK.point && !nearest.context && best.get(sorted[0]!)! < Infinity) return sorted.filter((k) => !model.features.get(k)!.context);
  return sorted;
}

/**
 * Whether two names are the same to a listener (case and accents aside): a place named as its layer
 * ("Istanbul" in "Istanbul") is read once, not "Istanbul Istanbul" (the chooser, the announcer).
 */
export const sameName = (a: string, b: string): boolean => a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;

/** The colour a feature is drawn in: its category's, else its layer's. */
export function featureColor(model: StoryModel, key: string): string | null {
  const f = model.features.get(key);
  const layer = f && model.layers.find((l) => l.spec.id === f.layerId);
  return f && layer ? colorOf(layer, f) : null;
}

/** One line of the chooser. */
export interface ChooserItem {
  key: string;
  name: string;
  /** The layer's name, and the category's label when it has one. */
  detail: string;
  /** What a screen reader hears: the name and the detail apart, the detail left out when it is the name. */
  label: string;
  color: string;
  /** An approximate location: an open ring, as the map draws it (a dot says "exactly here"). */
  ring: boolean;
}

export function chooserItems(model: StoryModel, keys: readonly string[]): ChooserItem[] {
  return keys.flatMap((key) => {
    const f = model.features.get(key);
    const layer = f && model.layers.find((l) => l.spec.id === f.layerId);
    if (!f || !layer) return [];
    const cat = categoryOf(layer, f);
    const detail = cat ? `${layer.spec.name} · ${cat.label}` : layer.spec.name;
    return [{ key, name: f.name, detail, label: sameName(detail, f.name) ? f.name : `${f.name}, ${detail}`, color: colorOf(layer, f), ring: drawnAsRing(f) }];
  });
}
