// What the bench clicks: linked point features that stand apart from other points (so a click can
// only mean them), and linked passages. Pure: computed from the story model.
import type { StoryModel } from '../src/lib/story/model';
import type { Target } from './measure';

/**
 * Linked point features with no other point within `minSeparationDeg` degrees, then the linked
 * passages; at most `max` of each, spread over the story.
 */
export function clickTargets(model: StoryModel, minSeparationDeg: number, max = 12): Target[] {
  const points = [...model.features.values()].filter((f) => f.kind === 'point' && f.bbox[0] === f.bbox[2] && f.bbox[1] === f.bbox[3]);
  const linked = points.filter((f) => (model.passagesByFeature.get(f.key) ?? []).length > 0);
  // A grid of cells minSeparation wide: only neighbouring cells can hold a point too close.
  const cell = (v: number) => Math.floor(v / minSeparationDeg);
  const grid = new Map<string, [number, number][]>();
  for (const f of points) {
    const k = `${cell(f.bbox[0])},${cell(f.bbox[1])}`;
    grid.set(k, [...(grid.get(k) ?? []), [f.bbox[0], f.bbox[1]]]);
  }
  const alone = linked.filter((f) => {
    const [x, y] = [f.bbox[0], f.bbox[1]];
    let near = 0;
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const [px, py] of grid.get(`${cell(x) + dx},${cell(y) + dy}`) ?? []) if (Math.hypot(px - x, py - y) < minSeparationDeg) near++;
    return near === 1; // itself
  });
  const spread = <T>(list: T[]) => (list.length <= max ? list : Array.from({ length: max }, (_, i) => list[Math.floor((i * list.length) / max)]!));
  const onMap: Target[] = spread(alone).map((f) => ({ via: 'map', key: f.key, lngLat: [f.bbox[0], f.bbox[1]], passage: model.passagesByFeature.get(f.key)![0]! }));
  const inText: Target[] = spread(model.passages.filter((p) => model.featuresByPassage.has(p.id))).map((p) => ({ via: 'text', key: model.featuresByPassage.get(p.id)![0]!, passage: p.id }));
  return [...onMap, ...inText];
}
