// A story label beside its point, as both maps set it: the WebGL map (style.ts, MapLibre's
// text-variable-anchor-offset, text-max-width) and the SVG map and the first-paint picture
// (fallback/scene.ts, placeLabels), so the two place a name on the same side and break it the same
// way; and the room the map keeps for a selected one (framing.ts, pointBox). Where it may go, in
// order of preference, is the side of the point its text is on.

import type { ExpressionSpecification } from 'maplibre-gl';
import type { StoryModel } from '../story/model';

/** Right of the point first (the convention), then left, above, below, then the corners. */
export const LABEL_SIDES = ['right', 'left', 'above', 'below', 'above-right', 'below-right', 'above-left', 'below-left'] as const;
export type LabelSide = (typeof LABEL_SIDES)[number];

/**
 * MapLibre's text anchor for a side: the part of the text placed at the point, which is on the
 * side opposite the text (the text right of the point has its left side there). Written as the
 * side itself ("right" for right of the point), as the style had it, MapLibre put every story
 * label on the far side: left of its point first, then right, below, above.
 */
export const ANCHOR_OF_SIDE = {
  right: 'left',
  left: 'right',
  above: 'bottom',
  below: 'top',
  'above-right': 'bottom-left',
  'below-right': 'top-left',
  'above-left': 'bottom-right',
  'below-left': 'top-right',
} as const satisfies Record<LabelSide, string>;

const CORNERS: ReadonlySet<LabelSide> = new Set(['above-right', 'below-right', 'above-left', 'below-left']);
/** The sides of a name the map may break: LABEL_SIDES but the corners (labelSidesFor). */
export const BROKEN_NAME_SIDES: readonly LabelSide[] = LABEL_SIDES.filter((s) => !CORNERS.has(s));
/**
 * The sides a label may take: a name the map may break onto two lines or more (mayBreak) never a
 * corner. Set at a corner, it runs down (or up) past its point, beside the next one: on a phone at
 * Idlib, "Ma'arrat / al-Nu'man" below-right of its dot stood right of Khan Shaykhun's, and read as
 * its name, while its own dot had none. Left unnamed rather than named beside another place.
 */
export const labelSidesFor = (name: string): readonly LabelSide[] => (mayBreak(name) ? BROKEN_NAME_SIDES : LABEL_SIDES);

/**
 * For each of MapLibre's anchors, the way (right and down positive) from the point to the text it
 * anchors: the text anchored by its left side lies right of its point. Border names (basemap-style.ts,
 * borderOffsetEm) and the story's labels (anchorOffsets) are offset along it.
 */
export const ANCHOR_DIRECTIONS = {
  left: [1, 0], 'top-left': [1, 1], top: [0, 1], 'top-right': [-1, 1],
  right: [-1, 0], 'bottom-right': [-1, -1], bottom: [0, -1], 'bottom-left': [1, -1],
} as const satisfies Record<string, readonly [number, number]>;
/**
 * The box ([left, top, right, bottom], px) of a label `w` by `h` set on `side` of a point at (x, y),
 * `d` px off (a corner's along the diagonal), as MapLibre's variable anchors set it: the SVG map's
 * candidates (fallback/scene.ts) and the room framing keeps for a framed point's name (framing.ts,
 * nameBox) are both these boxes.
 */
export function labelBoxAt(x: number, y: number, w: number, h: number, d: number, side: LabelSide): [number, number, number, number] {
  const [dx, dy] = ANCHOR_DIRECTIONS[ANCHOR_OF_SIDE[side]];
  const k = d / Math.hypot(dx, dy);
  const left = x + dx * k - (w * (1 - dx)) / 2;
  const top = y + dy * k - (h * (1 - dy)) / 2;
  return [left, top, left + w, top + h];
}

/**
 * MapLibre's text-variable-anchor-offset for these sides, `ems` from the point: each side's anchor
 * and its offset, which MapLibre reads as it reads text-radial-offset (a corner's along the diagonal).
 */
export const anchorOffsets = (sides: readonly LabelSide[], ems: number): (string | [number, number])[] =>
  sides.flatMap((s) => {
    const [dx, dy] = ANCHOR_DIRECTIONS[ANCHOR_OF_SIDE[s]];
    const k = ems / Math.hypot(dx, dy);
    return [ANCHOR_OF_SIDE[s], [dx * k, dy * k] as [number, number]];
  });


/** A basemap place's name beside its dot: right of it first, as the story's, then left, above, below. */
export const PLACE_SIDES = ['right', 'left', 'above', 'below'] as const satisfies readonly LabelSide[];
/** The place names' text-variable-anchor (basemap-style.ts). */
export const PLACE_ANCHORS = PLACE_SIDES.map((s) => ANCHOR_OF_SIDE[s]);

/**
 * No basemap name lies under a story line (the Suez Canal's line ran through "Ismailia"'s first
 * letter, and through "EGYPT" once the canal was picked): a place's name takes another side of its
 * dot (PLACE_SIDES) or is left out, a sea's or a country's moves aside as it does for a story point.
 * The WebGL map places invisible squares LINE_BOX_PX wide every LINE_BOX_SPACING pixels along the
 * story's lines, just above the basemap's names (style.ts); the SVG map keeps the names as far off
 * the lines (fallback/scene.ts, placeBasemapLabels, storyLines).
 */
export const LINE_BOX_PX = 6;
export const LINE_BOX_SPACING = 8;

/**
 * The invisible box each story point keeps names out of (style.ts, the circle boxes' icon-size,
 * placed before every label): its circle with its stroke and a pixel to spare, in px across at zoom
 * 3 and 8, linear between and held beyond.
 */
export const CIRCLE_BOX_SIZE = { 3: 15, 8: 19 } as const;
/**
 * Half that box at `zoom`: how near a point's centre another point's name may come, as the WebGL
 * map places names and the SVG map copies it (fallback/scene.ts, placeLabels). A constant 7 px let
 * the SVG map set "Idlib (city)" right of its dot with Saraqib's dot just under its letters, at
 * zoom 8, where the map's wider box sends it left.
 */
export function symbolHalf(zoom: number): number {
  const t = Math.max(0, Math.min(1, (zoom - 3) / 5));
  return (CIRCLE_BOX_SIZE[3] + (CIRCLE_BOX_SIZE[8] - CIRCLE_BOX_SIZE[3]) * t) / 2;
}

/** The story's label size (style.ts: text-size 12.5) and its distance from the point (text-radial-offset 1, in ems). */
export const LABEL_SIZE = 12.5;
/**
 * A context point (a town the text does not name, shown for orientation) is named from this zoom
 * on, or when it is selected: at a story's overview its name is a small town's among the story's
 * places, and set beside the nearest marker it read as that one's ("Idlib (city)" under Istanbul's
 * ring at the CGTN opening on a 360 px phone; "Khan Shaykhun" by Damascus on the desktop). From a
 * country's view (Libya's, zoom 4.5) Sirte is named; at a region's (Idlib's, 7) its towns are.
 */
export const CONTEXT_NAME_MINZOOM = 4;
export const LABEL_OFFSET = LABEL_SIZE;
/**
 * The distance (ems) of a highlighted point's name: its circle is larger then (style.ts: radius 8
 * selected at zoom 3, 10 at zoom 8, the active passage's 7 and 9, with a wider stroke), and at
 * LABEL_OFFSET "Anapa landfall" ran into its own ring once "Russian gas" was picked (a graphics
 * editor's review). About 4 px clear of the ring, as a plain point's name is of its dot.
 */
export const HIGHLIGHTED_LABEL_EMS = 1.3;
/** A highlighted area's or line's name (style.ts, the name layers): in capitals, a little smaller than a place's. */
export const NAME_SIZE = 11.5;
/**
 * Such a name is set in capitals, spaced (NAME_SPACING ems): the way a map names a region, apart
 * from its places' names. In the case of the places', "Idlib Governorate" beside Ma'arrat
 * al-Nu'man's dot read as that town's name on a phone.
 */
export const NAME_SPACING = 0.1;
/** A name's width per letter in ems, in capitals with NAME_SPACING (Noto Sans, on average). */
const NAME_EM_PER_LETTER = 0.7;
/** A name's line width (px) and its lines as the map breaks them (text-max-width 9 ems). */
export const nameWidth = (t: string) => t.length * NAME_EM_PER_LETTER * NAME_SIZE + 4;
export const nameLines = (name: string): string[] => labelLines(name, nameWidth, 9 * NAME_SIZE);
/** A name's line height (MapLibre's 1.2 em). */
export const NAME_LINE_PX = 1.2 * NAME_SIZE;
/** Whether the map names this feature at `zoom`: where it has a name point, and an area among others only from its nameZoom (name-at.ts). */
export function namedAt(f: { nameAt?: readonly [number, number]; nameZoom?: number } | undefined, zoom: number): boolean {
  return !!f?.nameAt && (f.nameZoom === undefined || zoom >= f.nameZoom);
}
/**
 * Whether the map names this area or line with nothing selected too, in quieter type (style.ts, the
 * rest-name layers; the SVG map's placeRestNames): a subject of the story the article links (not
 * context, which the basemap names) that has a name point, unless it is an area among others (a
 * district: named only when highlighted, and only inside itself from its nameZoom). Without it the
 * opening map left Idlib, the Suez Canal and the Great Bitter Lake unnamed while it named the towns
 * around them. Where there is no room it is left off, as any name.
 */
export function namedAtRest(f: { kind: string; context: boolean; nameAt?: readonly [number, number]; nameZoom?: number } | undefined, linked: boolean): boolean {
  return !!f && linked && !f.context && f.kind !== 'point' && !!f.nameAt && f.nameZoom === undefined;
}
/**
 * The keys of the story's features namedAtRest, in the model's order (shown layers or not: the
 * layer's visibility hides its names). Worked out once per model: the label tiers ask on every click.
 */
export function restNames(model: Pick<StoryModel, 'layers' | 'passagesByFeature'>): readonly string[] {
  let keys = restNamesOf.get(model);
  if (!keys) restNamesOf.set(model, (keys = model.layers.flatMap((l) => (l.error ? [] : l.features.filter((f) => namedAtRest(f, !!model.passagesByFeature.get(f.key)?.length)).map((f) => f.key)))));
  return keys;
}
const restNamesOf = new WeakMap<object, readonly string[]>();
/**
 * Where such a name may go, in order (MapLibre's anchors: "top" sets the text below its point):
 * centred on its point, then below, above, right and left of it, NAME_OFFSET ems off.
 */
export const NAME_ANCHORS = ['center', 'top', 'bottom', 'left', 'right'] as const;
export const NAME_OFFSET = 1.25;
/**
 * Pixels kept clear around such a name (MapLibre's text-padding; the SVG map grows its box as
 * much): the basemap's "LIBYA" set just under "AL JUFRAH / DISTRICT: LNA" read as a third line of
 * the district's name. NAME_OFFSET (1.25 em, was 0.8) leaves a name beside a point standing on its
 * own point room for it.
 */
export const NAME_PADDING = 5;
/** Line height of a label (MapLibre's 1.2 em). */
export const LABEL_LINE = 15;
/** The widest line of a label before it breaks (style.ts: text-max-width 9, in ems). */
const LABEL_MAX_WIDTH = 9 * LABEL_SIZE;

/** Width of a label's line: a close estimate to break lines by (Noto Sans at 12.5 px averages under 6 px a character); collision boxes use a roomier one. */
const lineWidth = (t: string) => t.length * 6;
export const boxWidth = (t: string) => t.length * 6.6 + 4;

/**
 * Names longer than this (in characters) may be broken onto two lines by the map: wider than
 * text-max-width by the roomier estimate (boxWidth). MapLibre breaks by the glyphs' own widths, and
 * broke "Ma’arrat al-Nu’man" (18), which the closer estimate (lineWidth) keeps on one line.
 */
export const MAY_BREAK_CHARS = Math.floor((LABEL_MAX_WIDTH - 4) / 6.6);
/** Whether the map may break a name onto more than one line: more than one word, and long (MAY_BREAK_CHARS). */
export const mayBreak = (name: string): boolean => name.length > MAY_BREAK_CHARS && name.includes(' ');
/**
 * What a story feature's label on the map says: its `label` where the story gives one (a shorter
 * form of a long name, story-format.md `mapLabel`), else its name. The card, the list of places
 * and the announcements keep the name.
 */
export const labelOf = (f: { name: string; label?: string }): string => f.label ?? f.name;
/** labelOf as a style expression on a map feature's properties (style.ts). */
export const LABEL_TEXT: ExpressionSpecification = ['coalesce', ['get', 'label'], ['get', 'name']];
/** The same test as mayBreak, as a style expression on a feature's label (LABEL_TEXT; style.ts). */
export const MAY_BREAK_EXPRESSION: ExpressionSpecification = ['all', ['>', ['length', LABEL_TEXT], MAY_BREAK_CHARS], ['in', ' ', LABEL_TEXT]];

/**
 * A label's lines as the map breaks them (MapLibre: no line wider than text-max-width, the lines
 * as even as they can be): the fewest lines that each fit, the most even of those breaks; a name
 * that cannot fit (one long word) on as few lines as its words allow. For each count of lines, the
 * best break by dynamic programming over the words (a name from data may have many). `width` and
 * `max`: another style's line width and text-max-width (nameLines).
 */
export function labelLines(name: string, width: (t: string) => number = lineWidth, max = LABEL_MAX_WIDTH): string[] {
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length < 2 || width(name) <= max) return [name];
  const line = (i: number, j: number) => words.slice(i, j).join(' ');
  let best: { lines: string[]; over: number; cost: number } | null = null;
  // From the fewest lines the width asks for, but never more lines than words (a long word cannot break).
  for (let n = Math.min(words.length, Math.max(2, Math.ceil(width(name) / max))); n <= words.length; n++) {
    const target = width(name) / n;
    // at[k][j]: the best first k lines of words 0..j (width over the limit, then unevenness), and where the last one starts.
    const at: { over: number; cost: number; from: number }[][] = [[{ over: 0, cost: 0, from: 0 }]];
    for (let k = 1; k <= n; k++) {
      at[k] = [];
      for (let j = k; j <= words.length - (n - k); j++) {
        for (let i = k - 1; i < j; i++) {
          const prev = at[k - 1]![i];
          if (!prev) continue;
          const w = width(line(i, j));
          const over = prev.over + Math.max(0, w - max);
          const cost = prev.cost + (w - target) ** 2;
          const cur = at[k]![j];
          if (!cur || over < cur.over || (over === cur.over && cost < cur.cost)) at[k]![j] = { over, cost, from: i };
        }
      }
    }
    const end = at[n]![words.length]!;
    const lines: string[] = [];
    for (let k = n, j = words.length; k > 0; j = at[k]![j]!.from, k--) lines.unshift(line(at[k]![j]!.from, j));
    if (!best || end.over < best.over || (end.over === best.over && end.cost < best.cost)) best = { lines, over: end.over, cost: end.cost };
    if (best.over === 0) break;
  }
  return best!.lines;
}

/**
 * Story points whose centres are closer than this (pixels) stand on one another: a point's circle
 * is 5-7 px in radius with its stroke, so the lower one is more than half covered. Of such points
 * only the first in the labels' order may be named, on both maps (stackedLabels, below).
 */
export const STACK_PX = 6;

/** A story point as drawn: its feature, where it is on the map, and its place in the labels' order (lower first). */
export interface DrawnStoryPoint {
  key: string;
  x: number;
  y: number;
  order: number;
  /** A context point: drawn under the story's own (the style's circle-sort-key, the SVG map's order). */
  context?: boolean;
  /** How far (pixels) from its centre the point's symbol reaches: a context point whose centre is under it is hidden by it. */
  reach?: number;
}

/**
 * The points whose names to leave out where story points stand on one another (within `px`): a
 * point keeps its name only when no point before it in `order` is that close, named or not. At the
 * CGTN opening the Haliç Congress Center stands 4 km from Istanbul's point, a fraction of a pixel:
 * its name was set below-left of the pair, beside the pipeline's green dots, as if it named one of
 * them. Where the first of them has no room for its name, none is named: on a 360 px phone the
 * Lüleburgaz tie-in's name stood beside Istanbul's ring, whose own did not fit. Points stacked so
 * are reached through the map's list of what is under the pointer (StackChooser). Both maps ask
 * this (covered-labels.ts for the WebGL map, scene.ts's placeLabels for the SVG map and the
 * picture). Points are bucketed in cells `px` wide, so each is compared with its neighbours only.
 */
export function stackedLabels(points: readonly DrawnStoryPoint[], px = STACK_PX): Set<string> {
  const cells = new Map<string, DrawnStoryPoint[]>();
  // A context point under one of the story's own stands on it wherever the other's symbol covers its
  // centre: on a phone, Tarhuna's dot (a context town 25 km from Tripoli, 9 px at zoom 3) lay under
  // Tripoli's highlighted circle (11 px), and "Tarhuna" stood beside the capital's circle.
  const on = (p: DrawnStoryPoint, q: DrawnStoryPoint) => {
    const d = Math.hypot(q.x - p.x, q.y - p.y);
    return d < px || (!!p.context && !q.context && d < (q.reach ?? 0));
  };
  // Cells as wide as the farthest reach, so that a point's neighbours are in the cells around its own.
  const cell = points.reduce((w, p) => Math.max(w, p.reach ?? 0), px);
  const cellOf = (x: number, y: number) => `${Math.floor(x / cell)},${Math.floor(y / cell)}`;
  for (const p of points) {
    const k = cellOf(p.x, p.y);
    const list = cells.get(k);
    if (list) list.push(p);
    else cells.set(k, [p]);
  }
  const left = new Set<string>();
  for (const p of points) {
    const cx = Math.floor(p.x / cell);
    const cy = Math.floor(p.y / cell);
    search: for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const q of cells.get(`${cx + dx},${cy + dy}`) ?? [])
          if (q.key !== p.key && q.order < p.order && on(p, q)) {
            left.add(p.key);
            break search;
          }
  }
  return left;
}
