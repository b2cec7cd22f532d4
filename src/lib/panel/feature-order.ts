// The reading order of a story's features, shared by everything that lists or steps through them
// without a pointer (the feature list, the SVG fallback map): layers in legend order; within a
// layer, in the order the article first mentions them; at the same passage the story's subjects
// before its context (a town shown for orientation), points before lines before areas, then by
// name. The story's labels are placed in this order too, and of two points drawn on one another
// only the first is named (label-sides.ts, stackedLabels): by name alone, a phone's view of the
// passage on Libya's war named the capital's dot "Aziziya", a context town 20 km south of Tripoli.
// Pure TypeScript, no DOM.
import type { StoryFeature, StoryLayer, StoryModel } from '../story/model';

export interface FeatureGroup {
  layer: StoryLayer;
  features: StoryFeature[];
}

const KIND_RANK = { point: 0, line: 1, area: 2 } as const;

/** Layers that could be read (failed layers have no features), each with its features in reading order. */
export function featureGroups(model: StoryModel): FeatureGroup[] {
  const passageIndex = new Map(model.passages.map((p, i) => [p.id, i]));
  const firstMention = (f: StoryFeature) => {
    const ids = model.passagesByFeature.get(f.key) ?? [];
    return ids.reduce((min, id) => Math.min(min, passageIndex.get(id) ?? Infinity), Infinity);
  };
  const collator = new Intl.Collator(model.story.language, { numeric: true, sensitivity: 'base' });
  return model.layers
    .filter((l) => !l.error && l.features.length > 0)
    .map((layer) => {
      const rank = new Map(layer.features.map((f) => [f.key, firstMention(f)]));
      const features = [...layer.features].sort(
        (a, b) => rank.get(a.key)! - rank.get(b.key)! || Number(a.context) - Number(b.context) || KIND_RANK[a.kind] - KIND_RANK[b.kind] || collator.compare(a.name, b.name),
      );
      return { layer, features };
    });
}

/** The keys of all features in reading order, optionally only those of the given layers. */
export function featureOrder(model: StoryModel, layers?: ReadonlySet<string>): string[] {
  return featureGroups(model)
    .filter((g) => !layers || layers.has(g.layer.spec.id))
    .flatMap((g) => g.features.map((f) => f.key));
}

/** The key one step from `current` in `order` for an arrow key (stopping at the ends); the first key when `current` is not in it. */
export function stepKey(order: readonly string[], current: string | null, key: 'ArrowDown' | 'ArrowUp' | 'ArrowRight' | 'ArrowLeft' | 'Home' | 'End'): string | null {
  if (!order.length) return null;
  if (key === 'Home') return order[0]!;
  if (key === 'End') return order[order.length - 1]!;
  const i = current ? order.indexOf(current) : -1;
  if (i < 0) return order[0]!;
  const forward = key === 'ArrowDown' || key === 'ArrowRight';
  return order[Math.max(0, Math.min(order.length - 1, i + (forward ? 1 : -1)))]!;
}
