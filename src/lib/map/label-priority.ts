// Which story labels MapLibre places first: the selected feature's, then those of the active
// passage, then the rest (style.ts: three label layers per story layer, whose filters are the
// tiers). Only layers whose tiers changed get new filters: a filter change re-lays out the layer.
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { StoryModel } from '../story/model';
import { namedAt, restNames } from './label-sides';
import { labelFilters, styleLayerIds, type LabelTiers } from './style';

/**
 * The tiers for a selection: its feature (or the several a place name names), and the rest of its
 * passage's features; and the areas and lines to name, what the map highlights (a selected passage
 * highlights all its features: "both sides of the operation" names both waters of its passage).
 * At the map's `zoom`, an area is named only where its name fits inside it (nameZoom, name-at.ts).
 */
export function labelTiers(model: StoryModel, feature: string | null, passage: string | null, group: readonly string[] | null = null, zoom = Infinity): LabelTiers {
  const selected = feature ? [feature] : [...(group ?? [])];
  const first = new Set(selected);
  const ofPassage = passage ? (model.featuresByPassage.get(passage) ?? []) : [];
  const named = (selected.length ? selected : ofPassage).filter((k) => namedAt(model.features.get(k), zoom));
  const rest = restNames(model);
  return {
    selected,
    active: ofPassage.filter((k) => !first.has(k)),
    ...(named.length ? { named } : {}),
    ...(rest.length ? { rest } : {}),
  };
}

/** The tiers restricted to one story layer's features. */
function tiersOf(tiers: LabelTiers, layerId: string): LabelTiers {
  const mine = (k: string) => k.startsWith(`${layerId}:`);
  const named = tiers.named?.filter(mine);
  const rest = tiers.rest?.filter(mine);
  return { selected: tiers.selected.filter(mine), active: tiers.active.filter(mine), ...(named?.length ? { named } : {}), ...(rest?.length ? { rest } : {}) };
}
const same = (a: LabelTiers, b: LabelTiers) => a.selected.join('\n') === b.selected.join('\n') && a.active.join('\n') === b.active.join('\n') && (a.named ?? []).join('\n') === (b.named ?? []).join('\n') && (a.rest ?? []).join('\n') === (b.rest ?? []).join('\n');

/** Sets the label filters of the layers whose tiers differ between `before` and `now`. */
export function applyLabelTiers(map: MapLibreMap, model: StoryModel, now: LabelTiers, before: LabelTiers | null) {
  for (const l of model.layers) {
    if (l.error) continue;
    const mine = tiersOf(now, l.spec.id);
    if (before && same(mine, tiersOf(before, l.spec.id))) continue;
    const ids = styleLayerIds(l.spec.id);
    const filters = labelFilters(mine);
    // Not validated again here: these filters are the app's own (labelFilters, checked by MapLibre's
    // style-spec in the unit tests), as the whole style is (start.ts). Validating them took several
    // milliseconds a click, right after the frame that shows it.
    for (const k of ['label', 'labelActive', 'labelSelected', 'name', 'restName'] as const) if (map.getLayer(ids[k])) map.setFilter(ids[k], filters[k], { validate: false });
  }
}
