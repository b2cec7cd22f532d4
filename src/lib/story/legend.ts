// What a layer's legend entry says, as plain data: which swatches it shows and which notes, so that
// every colour the map draws is explained and nothing is explained that the map does not draw.
// The rules (docs/cartography.md):
// - one swatch per category the layer uses (none for a category no feature has), plus "No <property>
//   value" for features without one (drawn in the layer's own colour, never a category's); a layer
//   with categories has no swatch of its own;
// - hatching only where the layer has approximate areas (and on a category's swatch only when that
//   category has some); a layer of points never shows a hatched swatch;
// - open ring for approximate locations, dashes for approximate routes, each said once (the legend
//   says each once for all the layers shown: Legend.svelte's key);
// - context areas and lines (a sea, a whole country) get an outline swatch with their names.
import type { GeometryKind, StoryFeature, StoryLayer } from './model';

export type SwatchStyle = 'solid' | 'hatched' | 'context' | 'ring' | 'dashed';

export interface LegendSwatch {
  /** What is drawn: an area, a line or a point. */
  kinds: GeometryKind[];
  color: string;
  label: string;
  style: SwatchStyle;
  /** Category value, when the row stands for one. */
  value?: string;
  /**
   * A context row's parts: the story's names it lists (at most three) and how many more there are;
   * `label` is the same as one English string. Shown apart, each name keeps its own direction.
   */
  context?: { names: string[]; more: number };
}

export interface LegendEntry {
  /**
   * What the layer's own swatch (beside its name) shows: the kinds the map draws in the layer's own
   * colour as a subject. Empty where it draws none (a layer with categories, or of context only):
   * then the layer has no swatch of its own, as no colour is explained that the map does not draw.
   */
  kinds: GeometryKind[];
  /**
   * Of `kinds`, those the map draws only as approximate (every such feature is): the layer's own
   * swatch shows them so, an open ring, dashes or hatching, as the map does. A dot said "exactly
   * here" of CGTN's Iran and Iraq, whose four places are all open rings.
   */
  approx: GeometryKind[];
  /** The layer's own colour: its swatch's, where it has one, and its uncategorised features'. */
  color: string;
  /** Category rows, then "no value", then context; empty for a one-colour layer without context. */
  rows: LegendSwatch[];
  /** How approximation is drawn in this layer: one line each, only those that occur. */
  marks: { style: 'hatched' | 'ring' | 'dashed'; label: string }[];
}

const ORDER: GeometryKind[] = ['area', 'line', 'point'];
/** The order the approximation marks are said in (an entry's `marks`, the legend's key). */
export const MARK_ORDER = ['hatched', 'dashed', 'ring'] as const;
const kindsOf = (fs: readonly StoryFeature[]) => ORDER.filter((k) => fs.some((f) => f.kind === k));
/** The kinds of which every one of these features is approximate (and there is at least one). */
const approxKindsOf = (fs: readonly StoryFeature[]) => ORDER.filter((k) => fs.some((f) => f.kind === k) && fs.every((f) => f.kind !== k || f.approximate));
/**
 * A row's swatch, drawn as the map draws its subject features: hatched where any is an approximate
 * area; an open ring for points that are all approximate locations, dashes for lines that are all
 * approximate routes; else solid.
 */
function rowStyle(subject: readonly StoryFeature[]): SwatchStyle {
  if (subject.some((f) => f.approximate && f.kind === 'area')) return 'hatched';
  const kinds = kindsOf(subject);
  const approx = approxKindsOf(subject);
  if (kinds.length === 1 && approx.length === 1) return kinds[0] === 'point' ? 'ring' : kinds[0] === 'line' ? 'dashed' : 'solid';
  return 'solid';
}

/** A feature's category in its layer (its side: the card, the list and the chooser say it in words), if it has one. */
export function categoryOf(layer: StoryLayer, f: Pick<StoryFeature, 'category'>): { value: string; label: string; color: string } | undefined {
  return f.category === undefined ? undefined : layer.spec.categories?.values.find((v) => v.value === f.category);
}

/** The colour the map draws a feature in: its category's colour, else its layer's. */
export function colorOf(layer: StoryLayer, f: Pick<StoryFeature, 'category'>): string {
  return categoryOf(layer, f)?.color ?? layer.spec.color;
}

/** Whether the map draws a feature as an open ring (an approximate location; style.ts): its symbol in the card, the list and the chooser too. */
export const drawnAsRing = (f: Pick<StoryFeature, 'kind' | 'approximate'>): boolean => f.kind === 'point' && !!f.approximate;

/** What follows a context row's names: " and 2 more (context)", or " (context)". */
export const contextTail = (more: number): string => `${more ? ` and ${more} more` : ''} (context)`;

/**
 * A layer's legend entry, worked out once per layer (the legend, the list of places and the key
 * under a narrow map each ask; a layer's features do not change once the model is built).
 */
export function legendEntry(layer: StoryLayer): LegendEntry {
  // A tiled layer's legend was made from all its features at build time (the page holds only some).
  if (layer.tiled) return layer.tiled.legend;
  let e = entries.get(layer);
  if (!e) entries.set(layer, (e = entryOf(layer)));
  return e;
}
const entries = new WeakMap<StoryLayer, LegendEntry>();

function entryOf(layer: StoryLayer): LegendEntry {
  const subject = layer.features.filter((f) => !f.context);
  const context = layer.features.filter((f) => f.context);
  const rows: LegendSwatch[] = [];
  const cats = layer.spec.categories;
  if (cats) {
    for (const c of cats.values) {
      const mine = subject.filter((f) => f.category === c.value);
      // A category only context points have keys their dots (context areas and lines have their
      // own rows below). One no feature has is drawn nowhere, so it is not keyed: the validator
      // says so (category-unused). Until 2026-12-07 it was listed, a colour the map did not draw.
      const drawn = mine.length ? mine : context.filter((f) => f.category === c.value && f.kind === 'point');
      if (!drawn.length) continue;
      rows.push({ kinds: kindsOf(drawn), color: c.color, label: c.label, style: rowStyle(mine), value: c.value });
    }
    const values = new Set(cats.values.map((v) => v.value));
    const none = subject.filter((f) => f.category === undefined || !values.has(f.category));
    if (none.length) {
      rows.push({ kinds: kindsOf(none), color: layer.spec.color, label: `No ${cats.property} value`, style: rowStyle(none) });
    }
  }
  // Context areas and lines: one row per colour, naming what it outlines. (A context point is a
  // small dot in a colour the rows above or the layer's swatch already explain.)
  const byColor = new Map<string, StoryFeature[]>();
  for (const f of context.filter((c) => c.kind !== 'point')) {
    const c = colorOf(layer, f);
    byColor.set(c, [...(byColor.get(c) ?? []), f]);
  }
  for (const [color, fs] of byColor) {
    const shown = fs.slice(0, 3).map((f) => f.name);
    const more = Math.max(0, fs.length - shown.length);
    rows.push({ kinds: kindsOf(fs), color, label: shown.join(', ') + contextTail(more), style: 'context', context: { names: shown, more } });
  }
  const marks: LegendEntry['marks'] = [];
  // In MARK_ORDER.
  if (subject.some((f) => f.approximate && f.kind === 'area')) marks.push({ style: 'hatched', label: 'Hatched: approximate area' });
  if (subject.some((f) => f.approximate && f.kind === 'line')) marks.push({ style: 'dashed', label: 'Dashed: approximate route' });
  if (subject.some((f) => f.approximate && f.kind === 'point')) marks.push({ style: 'ring', label: 'Open ring: approximate location' });
  // The layer's own swatch: its subjects' kinds when they are drawn in its colour. A layer with
  // categories draws each subject in its category's colour, or lists it as "No <property> value"
  // above: its own swatch would key nothing. So it was on CGTN's Libya and Syria / Idlib, whose
  // swatches showed one purple area and dot the map drew nowhere. Context has its own rows.
  const own = cats ? [] : subject;
  return { kinds: kindsOf(own), approx: approxKindsOf(own), color: layer.spec.color, rows, marks };
}

/** Every colour the legend entry shows (the layer's own only where it has a swatch). */
export function legendColors(e: LegendEntry): Set<string> {
  const out = new Set<string>(e.kinds.length ? [e.color.toLowerCase()] : []);
  for (const r of e.rows) out.add(r.color.toLowerCase());
  return out;
}
