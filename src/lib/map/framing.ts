// The framing rule, one for both map views (WebGL and SVG): how much room to keep around what is
// framed (a margin, the map's controls, and whatever covers the map: legend, feature card), how
// close to zoom in, and the camera that fits an area. Pure arithmetic in Web Mercator, no DOM, no
// maplibre, so it is unit-tested and the two views cannot drift apart.
import type { BBox } from '../story/model';
import { MAX_LAT, latOf, lonOf, mercX, mercY, worldPx, zoomOf } from './mercator';
import { unwrapBox } from '../story/lon-wrap';
import { boxWidth, labelBoxAt, HIGHLIGHTED_LABEL_EMS, LABEL_LINE, LABEL_SIZE, labelLines } from './label-sides';

/** A selected point's name is set this far from it (style.ts, the highlighted label tiers). */
const SELECTED_OFFSET = HIGHLIGHTED_LABEL_EMS * LABEL_SIZE;

export interface Size {
  width: number;
  height: number;
}

/** A rectangle in the map's own pixels (0,0 is its top-left corner). */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * The boxes that the children of `wrappers` cover, in `frame`'s own pixels: what covers a map (the
 * legend, the card). StoryMap's overlay tracker (overlays.svelte.ts) and the early map, which
 * measures the prerendered legend before the app exists (early-map.ts), both measure this way.
 */
export function coveringBoxes(frame: Element, wrappers: Iterable<Element>): Box[] {
  return elementBoxes(frame, [...wrappers].flatMap((w) => [...w.children]));
}

/** The boxes of `elements` in `frame`'s own pixels, but for those not drawn (no width or height). */
export function elementBoxes(frame: Element, elements: Iterable<Element>): Box[] {
  const f = frame.getBoundingClientRect();
  const out: Box[] = [];
  for (const el of elements) {
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) continue;
    out.push({ left: r.left - f.left, top: r.top - f.top, right: r.right - f.left, bottom: r.bottom - f.top });
  }
  return out;
}

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface Camera {
  center: [number, number];
  zoom: number;
}

/** Zoom limits when framing features: one feature, several. A point is padded by POINT_PAD degrees. */
export const MAX_ZOOM_ONE = 8;
export const MAX_ZOOM_MANY = 7;
export const POINT_PAD = 0.2;
/** Room kept on the map's right for the zoom buttons and Reset, and at the bottom for the credits. */
const CONTROLS_RIGHT = 30;
const CONTROLS_BOTTOM = 28;
/**
 * The least room kept at the top: "Reset view" ends about 38 px down, and a ring framed at the top
 * edge (a point's symbol, 7 px round) clears it. The margin is more than this on any map over 450 px
 * tall and wide; on a phone's (360 x 245) it was 32 px, and the Erbil ring of "military bases" sat
 * half under the button (a reader's review).
 */
export const CONTROLS_TOP = 48;
/**
 * A map shorter than this (a 360 x 640 phone's is 245 px) opens the card folded to its title: its
 * half of the map, under the controls' top margin, leaves too little above it to frame anything in.
 * A 390 x 844 phone's map (357 px) opens it whole.
 */
export const FOLD_CARD_BELOW = 300;
/** Gap between framed features and an overlay. */
export const GAP = 12;
/**
 * From this app width (px) the legend is open and the map frames the story beside it (App.svelte,
 * `wide`). The CSS that must agree before the app has measured itself (Legend.svelte's open
 * legend, static-map.css's room for it in the picture) cannot import it: a unit test
 * (static-map.test.ts) holds their numbers to it.
 * 1200, not 900: below it the open legend (14rem and its margins) covered over a third of the map
 * pane (38 % at 1024x768, an iPad held sideways), and the story was framed in what was left: the
 * CGTN opening at zoom 1.98 in a 380 px strip, Damascus unnamed. Folded to its "Layers" button, as
 * on a phone, the story is framed at 2.85 across the pane, and the footer keys the categories'
 * colours (Attribution.svelte). At 1280 (27-30 % covered) the legend stays open.
 */
export const WIDE_APP_PX = 1200;
/**
 * From this app height (px) the notes under a wide map are open (Attribution.svelte, `wide`); a
 * shorter app (an embed of 608 px) folds them to one line, as a phone does. Its CSS for before the
 * app has measured itself (a media query) cannot import it: static-map.test.ts holds it to this.
 * 800, not 700: at 1024x768 and 1366x768 (a common laptop) the CGTN notes, five since Damascus's,
 * wrapped to ten lines and took 217 px of a 768 px map pane.
 */
export const NOTES_OPEN_MIN_HEIGHT = 800;
/**
 * From this map pane height (px) the credits under a wide map are open (Attribution.svelte,
 * `wideCredits`); under a shorter one (a map stacked over its text: a newsroom's 640 px column, an
 * embed's 400 px map) they fold to the basemap's holders and "All 8 credits", as on a phone. 450,
 * not 500: a 608 px embed with a caption only keeps a pane of about 500 px, and its credits whole.
 * Its media queries for before the app has measured itself: static-map.test.ts holds them to this.
 */
export const CREDITS_OPEN_MIN_HEIGHT = 450;
/** The stacked layout's share of the app's height for the map pane (App.svelte's grid rows, at most 48 %). */
export const STACKED_MAP_SHARE = 0.48;
/**
 * More room beside an overlay on the map's left or right: a feature framed at the overlay's edge
 * has its label beside it, and MapLibre, which places labels clear of each other, knows nothing of
 * the HTML over the map (the legend covered "Tripoli" at the CGTN story's opening view). The
 * picture's framing says the same (static-map.css, --left).
 */
export const LABEL_ROOM = 24;
/**
 * Least room (pixels each way) an overlay may leave when framing; an overlay that would leave less
 * is ignored. The clear area for a selected point asks only for room for the point and its label.
 */
const MIN_ROOM = 64;
const MIN_CLEAR = 48;

/** The margin around framed content for a map of this size, before overlays. */
export function baseMargin(size: Size): Padding {
  const p = Math.round(Math.min(size.width, size.height) * 0.08) + 12;
  return { top: Math.max(p, CONTROLS_TOP), right: p + CONTROLS_RIGHT, bottom: p + CONTROLS_BOTTOM, left: p };
}

/**
 * Width over height, in screen pixels at any one zoom, of what is framed: the `aspect` framePadding
 * weighs its choices by.
 */
export function aspectOf(bounds: BBox): number {
  const [w, s, e, n] = unwrapBox(bounds);
  const x = mercX(e) - mercX(w);
  const y = mercY(Math.max(s, -MAX_LAT)) - mercY(Math.min(n, MAX_LAT));
  return x > 0 && y > 0 ? x / y : 1;
}

/** How framePadding clears what covers the map; each has the default of a story's framing. */
export interface FramePaddingOptions {
  /** The padding before anything covers the map (baseMargin). */
  base?: Padding;
  /** Pixels between a covering box and what is framed (GAP). */
  gap?: number;
  /** A side is cleared only if the map keeps at least this many pixels each way (MIN_ROOM). */
  minRoom?: number;
  /** Room for a point's name beside a box cleared left or right (LABEL_ROOM). */
  labelRoom?: number;
  /** Width over height of what is framed (aspectOf): the side that draws it biggest wins. */
  aspect?: number;
}

/**
 * Padding that keeps framed content clear of the boxes covering the map. Each box is cleared on
 * the side that leaves the most map (a legend down the left edge pushes from the left, a card
 * across the bottom of a phone map from the bottom), and ignored when every side would leave less
 * than MIN_ROOM pixels of map. Given the `aspect` of what is framed (aspectOf), "the most map" is
 * the room that draws it biggest: a wide story in a tall map box goes below the legend, not into
 * a narrow strip beside it (CGTN at 925 x 1000: drawn twice as wide).
 */
export function framePadding(size: Size, covered: readonly Box[] = [], opts: FramePaddingOptions = {}): Padding {
  const { gap = GAP, minRoom = MIN_ROOM, labelRoom = LABEL_ROOM, aspect } = opts;
  const { width: w, height: h } = size;
  const boxes = covered.flatMap((raw) => onMap(raw, size) ?? []);
  const room = (p: Padding) => ({ x: w - p.left - p.right, y: h - p.top - p.bottom });
  // The framed content's height when fitted in the room (so its size), or the room's area.
  const score = (p: Padding) => {
    const r = room(p);
    return aspect && aspect > 0 ? Math.min(r.x / aspect, r.y) : r.x * r.y;
  };
  // A box's sides that leave at least minRoom of map each way; none: the box is ignored.
  const sides = (pad: Padding, b: Box) => besideBox(pad, b, size, gap, labelRoom).filter((o) => room(o).x >= minRoom && room(o).y >= minRoom);
  // Box by box, the side that leaves the most map then.
  let greedy = { ...(opts.base ?? baseMargin(size)) };
  for (const b of boxes) {
    let best: Padding | null = null;
    for (const o of sides(greedy, b)) if (!best || score(o) > score(best)) best = o;
    if (best) greedy = best;
  }
  // Every choice of sides together (a few boxes: at most 4^n), taken where it draws the content
  // clearly bigger (CLEARLY_BIGGER): the Suez Canal, tall, beside the open legend and above its
  // card at 1024x768 went into a strip 255 px tall (the legend's right, then above the card); below
  // the legend and left of the card it is drawn half as big again.
  if (boxes.length < 2 || boxes.length > MAX_SEARCHED_BOXES) return greedy;
  let best = greedy;
  const search = (pad: Padding, i: number): void => {
    if (i === boxes.length) {
      if (score(pad) > score(best)) best = pad;
      return;
    }
    const options = sides(pad, boxes[i]!);
    if (!options.length) return search(pad, i + 1);
    for (const o of options) search(o, i + 1);
  };
  search({ ...(opts.base ?? baseMargin(size)) }, 0);
  return score(best) > score(greedy) * CLEARLY_BIGGER ? best : greedy;
}

/** framePadding tries every choice of sides together for at most this many covering boxes. */
const MAX_SEARCHED_BOXES = 6;
/** How much bigger (its score) a choice of sides found by trying them all must draw the content than the box-by-box one, to be taken. */
const CLEARLY_BIGGER = 1.25;

/** The part of a covering box on the map, or null when less than a pixel of it is. */
function onMap(raw: Box, size: Size): Box | null {
  const b = { left: Math.max(0, raw.left), top: Math.max(0, raw.top), right: Math.min(size.width, raw.right), bottom: Math.min(size.height, raw.bottom) };
  return b.right - b.left < 1 || b.bottom - b.top < 1 ? null : b;
}

/** `pad` grown to keep the map's room clear of box `b` on one side of it: left, right, above or below it (`gap` from it; `labelRoom` more beside it). */
function besideBox(pad: Padding, b: Box, size: Size, gap: number, labelRoom = 0): Padding[] {
  return [
    { ...pad, left: Math.max(pad.left, b.right + gap + labelRoom) },
    { ...pad, right: Math.max(pad.right, size.width - b.left + gap + labelRoom) },
    { ...pad, top: Math.max(pad.top, b.bottom + gap) },
    { ...pad, bottom: Math.max(pad.bottom, size.height - b.top + gap) },
  ];
}

/** The padding for framing `bounds` (framePadding, weighing the sides of what covers the map for their shape), or for anything without them. */
export function paddingToFrame(size: Size, covered: readonly Box[], bounds?: BBox): Padding {
  return framePadding(size, covered, { aspect: bounds && aspectOf(bounds) });
}

/** The part of the map nothing covers (with a small margin), where a selected feature must show. */
export function clearArea(size: Size, covered: readonly Box[] = [], margin = 8): Box {
  const p = framePadding(size, covered, { base: { top: margin, right: margin, bottom: margin, left: margin }, gap: margin, minRoom: MIN_CLEAR, labelRoom: 0 });
  return { left: p.left, top: p.top, right: size.width - p.right, bottom: size.height - p.bottom };
}

/**
 * How much of a selected line's or area's box a clear part of the map must show for the map to
 * leave it where it is (StoryMap's keepClear): less, and the box is brought clear whole where it fits.
 */
export const SHOWN_PART = 0.6;

/** The area (px²) two boxes share. */
export function overlapArea(a: Box, b: Box): number {
  return Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
}

/**
 * Every part of the map clear of all the covering boxes, one side of each (left, right, above or
 * below it), with a small margin: the rectangles a selected feature could be shown in. Those with
 * less than MIN_CLEAR pixels either way are left out.
 */
export function clearAreas(size: Size, covered: readonly Box[] = [], margin = 8): Box[] {
  const { width: w, height: h } = size;
  let pads: Padding[] = [{ top: margin, right: margin, bottom: margin, left: margin }];
  for (const raw of covered) {
    const b = onMap(raw, size);
    if (b) pads = pads.flatMap((pad) => besideBox(pad, b, size, margin));
  }
  const seen = new Set<string>();
  return pads
    .map((p) => ({ left: p.left, top: p.top, right: w - p.right, bottom: h - p.bottom }))
    .filter((a) => {
      const key = `${a.left},${a.top},${a.right},${a.bottom}`;
      if (seen.has(key) || a.right - a.left < MIN_CLEAR || a.bottom - a.top < MIN_CLEAR) return false;
      seen.add(key);
      return true;
    });
}

/**
 * The smallest move ([dx, dy] px, or null for none) that brings a selected feature's `box` clear of
 * what covers the map: into whichever clear part (clearAreas) it reaches with the least move, not
 * always the biggest part. `right` is the box with its label only right of the point (where the map
 * sets it first), used where the whole box does not fit. On the Suez map at 1280 x 800, the Ever
 * Given's ring just under the card's top edge moved about 200 px left, into the part left of the
 * card; above the card it moves a few pixels up. It weighs only the selection's own move: what else
 * the move takes off the map or under a panel is not counted (docs/cartography.md).
 * Where no clear part holds the box, it is centred in the biggest (clearArea).
 */
export function clearMove(size: Size, covered: readonly Box[], box: Box, right: Box = box): [number, number] | null {
  let best: { d: [number, number] | null; cost: number } | null = null;
  for (const area of clearAreas(size, covered)) {
    const b = fitsIn(box, area) ? box : right;
    if (!fitsIn(b, area)) continue;
    const d = nudge(b, area);
    const cost = d ? Math.hypot(d[0], d[1]) : 0;
    if (!best || cost < best.cost) best = { d, cost };
  }
  if (best) return best.d;
  const clear = clearArea(size, covered);
  return nudge(fitsIn(box, clear) ? box : right, clear);
}

/**
 * The area and zoom limit for framing features with these bounds: a lone point gets room around it,
 * POINT_PAD degrees, or a tenth of the story's own extent (`story`, its view's bounds) where that is
 * less: a story told within one valley frames a town as close as it opens, not 40 km across (a
 * newsroom editor's review: a river flood's story zoomed out to half of England on a click).
 */
export function featureFrame(bounds: BBox, count: number, story?: BBox): { bounds: BBox; maxZoom: number } {
  const [w, s, e, n] = unwrapBox(bounds);
  const [sw, ss, se, sn] = story ? unwrapBox(story) : [0, 0, 0, 0];
  const pad = story && se > sw && sn > ss ? Math.min(POINT_PAD, Math.max(se - sw, sn - ss) / 10) : POINT_PAD;
  const box: BBox = w === e && s === n ? [w - pad, s - pad, e + pad, n + pad] : bounds;
  return { bounds: box, maxZoom: count === 1 ? MAX_ZOOM_ONE : MAX_ZOOM_MANY };
}

/** The camera that fits `bounds` inside the map less its padding, zoomed in no further than `maxZoom` (MapLibre's fitBounds). */
export function fitCamera(bounds: BBox, size: Size, padding: Padding, maxZoom = 22): Camera {
  // A box written west > east crosses 180°: its east is read as east + 360 (lon-wrap.ts).
  const [w, s, e, n] = unwrapBox(bounds);
  const x0 = mercX(w);
  const x1 = mercX(e);
  const y0 = mercY(Math.min(n, MAX_LAT));
  const y1 = mercY(Math.max(s, -MAX_LAT));
  const roomX = Math.max(1, size.width - padding.left - padding.right);
  const roomY = Math.max(1, size.height - padding.top - padding.bottom);
  const spanX = Math.max(x1 - x0, 1e-9);
  const spanY = Math.max(y1 - y0, 1e-9);
  const zoom = Math.min(maxZoom, zoomOf(Math.min(roomX / spanX, roomY / spanY)));
  const px = worldPx(zoom);
  // The bounds' middle sits in the middle of the padded room, not of the map.
  const cx = (x0 + x1) / 2 + (padding.right - padding.left) / 2 / px;
  const cy = (y0 + y1) / 2 + (padding.bottom - padding.top) / 2 / px;
  return { center: [lonOf(cx), latOf(cy)], zoom };
}

/** What a map of this size shows at a camera, [west, south, east, north]. */
export function shownBounds(camera: Camera, size: Size): BBox {
  const px = worldPx(camera.zoom);
  const cx = mercX(camera.center[0]);
  const cy = mercY(camera.center[1]);
  const dx = size.width / 2 / px;
  const dy = size.height / 2 / px;
  return [lonOf(cx - dx), latOf(cy + dy), lonOf(cx + dx), latOf(cy - dy)];
}

/** Pixels of a [lon, lat] on a map of this size at a camera. */
export function project(camera: Camera, size: Size, lngLat: [number, number]): [number, number] {
  const px = worldPx(camera.zoom);
  return [size.width / 2 + (mercX(lngLat[0]) - mercX(camera.center[0])) * px, size.height / 2 + (mercY(lngLat[1]) - mercY(camera.center[1])) * px];
}

/** The camera moved so that what was at pixel offset (dx, dy) from the middle is in the middle. */
export function panCamera(camera: Camera, dx: number, dy: number): Camera {
  const px = worldPx(camera.zoom);
  return { center: [lonOf(mercX(camera.center[0]) + dx / px), latOf(mercY(camera.center[1]) + dy / px)], zoom: camera.zoom };
}

/**
 * How far to move the map's content so that `box` lies inside `clear`: [dx, dy] in pixels, or null
 * when it already does. A box bigger than the clear area is centred in it.
 */
export function nudge(box: Box, clear: Box): [number, number] | null {
  const axis = (lo: number, hi: number, min: number, max: number) => {
    if (hi - lo > max - min) return (min + max) / 2 - (lo + hi) / 2;
    if (lo < min) return min - lo;
    if (hi > max) return max - hi;
    return 0;
  };
  const dx = axis(box.left, box.right, clear.left, clear.right);
  const dy = axis(box.top, box.bottom, clear.top, clear.bottom);
  return Math.abs(dx) < 0.5 && Math.abs(dy) < 0.5 ? null : [dx, dy];
}

/** Whether a point is on the map at all (a view the reader or a link chose elsewhere is left alone). */
export function inFrame(x: number, y: number, size: Size): boolean {
  return x >= 0 && y >= 0 && x <= size.width && y <= size.height;
}

/**
 * Room for a point symbol and its label, to keep clear of what covers the map: the label as the map
 * breaks it (labelLines), beside the point on either side (right of it where there is room, else
 * left: label-sides.ts), and under it when it has to go there (a line below the point's symbol).
 * `right`: the label only where the map puts it first, right of the point (for a clear area too
 * narrow for both sides).
 */
export function pointBox(x: number, y: number, name: string, sides: 'both' | 'right' = 'both'): Box {
  const lines = labelLines(name);
  const reach = SELECTED_OFFSET + Math.max(...lines.map(boxWidth));
  const half = Math.max(12, (lines.length * LABEL_LINE) / 2);
  // Under the point: the label's lines SELECTED_OFFSET below it (MapLibre's radial offset), and its halo. Two
  // lines' room was kept: "Baghdad International Airport", set under its point (Tehran's ring on its
  // right), had its last two lines under the card's top edge.
  const under = SELECTED_OFFSET + lines.length * LABEL_LINE + 4;
  return { left: x - (sides === 'both' ? reach : 12), top: y - half, right: x + reach, bottom: y + Math.max(half, 34, under) };
}

/** Whether two boxes overlap (touching edges do not). */
export const boxesOverlap = (a: Box, b: Box): boolean => a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;

/** Whether a box fits inside another one (the clear area), both ways. */
export const fitsIn = (box: Box, clear: Box): boolean => box.right - box.left <= clear.right - clear.left && box.bottom - box.top <= clear.bottom - clear.top;

/** A point framed with its name: where it is ([lon, lat]) and the name the map sets beside it (labelOf). */
export interface NamedPoint {
  at: [number, number];
  name: string;
}

/** The sides framing keeps room on for a point's name, MapLibre's first four (label-sides.ts, LABEL_SIDES). */
const NAME_SIDES = ['right', 'left', 'above', 'below'] as const;
/**
 * How far (px) from its centre a framed point's symbol blocks another's name: a highlighted ring
 * is 8-10 px round with its stroke (style.ts, POINT_RADIUS, POINT_STROKE). Wider than the circle
 * boxes MapLibre keeps names out of (label-sides.ts, symbolHalf: 7.5 px at zoom 3), which framing
 * was tried with: Tobruk's name on a phone was then taken left of its ring, where MapLibre does not
 * set it (a neighbour's name keeps that side too), and Tobruk went unnamed under the zoom buttons.
 */
const SYMBOL_HALF = 10;

/** The box of a highlighted point's name on one side of it, SELECTED_OFFSET off (MapLibre's radial offset; its lines as the map breaks them). */
export function nameBox(x: number, y: number, name: string, side: (typeof NAME_SIDES)[number]): Box {
  const lines = labelLines(name);
  const [left, top, right, bottom] = labelBoxAt(x, y, Math.max(...lines.map(boxWidth)), lines.length * LABEL_LINE, SELECTED_OFFSET, side);
  return { left, top, right, bottom };
}

/**
 * More padding, side by side, for the names of framed points to fall clear of what covers the map
 * and on it; null when they already do. Each point's name is taken where MapLibre would set it: the
 * first side of it (right, left, above, below) that no other point's symbol (`points` and `others`,
 * in pixels at `camera`) stands in. At the CGTN passage on Iran's strikes (1440x900) Al Asad's name
 * could not go right of its ring, Baghdad airport's stood there; left of it, it lay under the legend
 * and was hidden (covered-labels.ts): the passage's first target went unnamed. A name with no free
 * side asks for nothing (the map will not set it anywhere).
 */
export function nameRoom(camera: Camera, size: Size, points: readonly NamedPoint[], panels: readonly Box[], others: readonly [number, number][] = []): Padding | null {
  const at = (p: [number, number]) => project(camera, size, p);
  const symbols = [...points.map((p) => at(p.at)), ...others.map(at)];
  const more: Padding = { top: 0, right: 0, bottom: 0, left: 0 };
  const ask = (side: keyof Padding, px: number) => {
    if (px > 0.5) more[side] = Math.max(more[side], px);
  };
  const boxes = panels.flatMap((b) => onMap(b, size) ?? []);
  for (const p of points) {
    const [x, y] = at(p.at);
    if (!inFrame(x, y, size)) continue;
    const blocked = (b: Box) => symbols.some(([sx, sy]) => (sx !== x || sy !== y) && boxesOverlap(b, { left: sx - SYMBOL_HALF, top: sy - SYMBOL_HALF, right: sx + SYMBOL_HALF, bottom: sy + SYMBOL_HALF }));
    const side = NAME_SIDES.find((s) => !blocked(nameBox(x, y, p.name, s)));
    if (!side) continue;
    const b = nameBox(x, y, p.name, side);
    // Past the map's edges.
    ask('left', 2 - b.left);
    ask('right', b.right - (size.width - 2));
    ask('top', 2 - b.top);
    ask('bottom', b.bottom - (size.height - 2));
    // Under a panel: away from it, on the side of it the point is on (framePadding cleared it that way).
    for (const c of boxes) {
      if (!boxesOverlap(b, c)) continue;
      if (x >= c.right) ask('left', c.right + 2 - b.left);
      else if (x <= c.left) ask('right', b.right - (c.left - 2));
      else if (y >= c.bottom) ask('top', c.bottom + 2 - b.top);
      else if (y <= c.top) ask('bottom', b.bottom - (c.top - 2));
    }
  }
  return more.top || more.right || more.bottom || more.left ? more : null;
}

/**
 * fitCamera, with room for the names of the framed points (nameRoom): the padding grown where a name
 * would run under a panel or off the map, a few times (a frame's middle moves by half what its
 * padding grows where its zoom is held), as long as the map keeps MIN_ROOM pixels each way.
 */
export function fitNamed(bounds: BBox, size: Size, padding: Padding, maxZoom: number, points: readonly NamedPoint[], panels: readonly Box[], others: readonly [number, number][] = []): Camera {
  let pad = padding;
  let camera = fitCamera(bounds, size, pad, maxZoom);
  if (!points.length) return camera;
  for (let i = 0; i < 6; i++) {
    const more = nameRoom(camera, size, points, panels, others);
    if (!more) break;
    const next = { top: pad.top + more.top, right: pad.right + more.right, bottom: pad.bottom + more.bottom, left: pad.left + more.left };
    if (size.width - next.left - next.right < MIN_ROOM || size.height - next.top - next.bottom < MIN_ROOM) break;
    pad = next;
    camera = fitCamera(bounds, size, pad, maxZoom);
  }
  return camera;
}
