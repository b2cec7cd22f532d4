// Camera intents made concrete for a map of a given size: where a target (features, an area, a
// centre and zoom) puts the camera, and where a map that is just being made starts. Pure functions
// shared by both map views (StoryMap, FallbackMap) and unit-tested.
import type { BBox, StoryModel } from '../story/model';
import { boundsOf } from '../story/model-core';
import type { CameraIntent, CameraTarget, View } from '../story/state.svelte';
import { boxesOverlap, featureFrame, fitCamera, fitNamed, nameRoom, project, type Box, type Camera, type NamedPoint, type Padding, type Size } from './framing';
import { labelOf } from './label-sides';
import { MAX_LAT } from './mercator';
import { unwrapBox } from '../story/lon-wrap';

/** Zoom limit for areas asked for by bounds (Reset, the host's setView) when the story sets none. */
export const DEFAULT_MAX_ZOOM = 11;

/**
 * The map's padding: the same for whatever is framed, or chosen for it (the bounds framed: which
 * side of the legend draws them biggest, framePadding's `aspect`).
 */
export type PaddingFor = Padding | ((bounds: BBox) => Padding);
const paddingFor = (p: PaddingFor, bounds: BBox): Padding => (typeof p === 'function' ? p(bounds) : p);

const NO_PADDING: Padding = { top: 0, right: 0, bottom: 0, left: 0 };

/** The story's opening camera on a map of this size and padding: its view's bounds, to its view's zoom limit. */
export function storyCamera(model: StoryModel, size: Size, padding: PaddingFor): Camera {
  const bounds = model.story.view.bounds as BBox;
  return fitCamera(bounds, size, paddingFor(padding, bounds), model.story.view.maxZoom ?? DEFAULT_MAX_ZOOM);
}

/**
 * What a target frames, and how far in: an area asked for by bounds, or features (featureFrame),
 * never to a zoom limit below the story's opening zoom (`opening`): a story that opens closer in
 * than featureFrame's limits (a town's streets, a valley) would zoom out on every click. Null for
 * features without geometry.
 */
function frameOf(target: Exclude<CameraTarget, { center: unknown }>, model: StoryModel, opening = 0): { bounds: BBox; maxZoom: number } | null {
  if ('bounds' in target) return { bounds: target.bounds, maxZoom: model.story.view.maxZoom ?? DEFAULT_MAX_ZOOM };
  const b = boundsOf(model, target.features);
  if (!b) return null;
  const frame = featureFrame(b, target.features.length, model.story.view.bounds as BBox);
  return { bounds: frame.bounds, maxZoom: Math.max(frame.maxZoom, opening) };
}

/**
 * The camera a target asks for on a map of this size and padding; null for features without
 * geometry. Features are framed with room for their points' names clear of `panels` (what covers
 * the map: the legend, the card) and of `controls` (the map's buttons, which hide a name under
 * them as a panel does: covered-labels.ts), and on the map (fitNamed).
 */
export function cameraFor(target: CameraTarget, model: StoryModel, size: Size, padding: PaddingFor, panels: readonly Box[] = [], controls: readonly Box[] = []): Camera | null {
  if ('center' in target) return { center: target.center, zoom: target.zoom };
  // The story's bounds on the whole map, with no margin and nothing covering it: a little closer than
  // it opens. With the padding of the moment, a card open beside the selection made that limit lower
  // than the opening, and a click still zoomed out (8.75 against 9.06, a river flood's meadows).
  const frame = frameOf(target, model, 'features' in target ? storyCamera(model, size, NO_PADDING).zoom : 0);
  if (!frame) return null;
  const pad = paddingFor(padding, frame.bounds);
  if (!('features' in target)) return fitCamera(frame.bounds, size, pad, frame.maxZoom);
  const framed = new Set(target.features);
  const along = placesAlong(model, framed);
  const points: NamedPoint[] = [];
  const others: [number, number][] = [];
  const alongPoints: NamedPoint[] = [];
  for (const f of model.features.values()) {
    const [w, s, e, n] = f.bbox;
    if (f.kind !== 'point' || w !== e || s !== n) continue;
    if (framed.has(f.key)) points.push({ at: [w, s], name: labelOf(f) });
    else if (along.has(f.key)) alongPoints.push({ at: [w, s], name: labelOf(f) });
    else if (!f.context) others.push([w, s]);
  }
  const covering = [...panels, ...controls];
  // Framed with room for the names of `named` among the places along the lines; the others' dots
  // still take the sides of the names around them.
  const withNames = (named: readonly NamedPoint[]) =>
    fitNamed(frame.bounds, size, pad, frame.maxZoom, [...points, ...named], covering, [...others, ...alongPoints.filter((q) => !named.includes(q)).map((q) => q.at)]);
  const own = withNames([]);
  if (!alongPoints.length) return own;
  // With room for the names along the lines too, unless that costs more than ALONG_ZOOM_COST.
  const all = withNames(alongPoints);
  if (all.zoom >= own.zoom - ALONG_ZOOM_COST) return all;
  // Too dear for all of them (a phone): room for as many as that cost allows, the cheapest first. On
  // a 390 px phone the TurkStream pipes were framed with no name at either end: Anapa's, right of the
  // pipe's eastern end, ran off the map and was hidden.
  const alone = new Map(alongPoints.map((p) => [p, withNames([p]).zoom]));
  const kept: NamedPoint[] = [];
  let best = own;
  for (const p of [...alongPoints].sort((a, b) => alone.get(b)! - alone.get(a)!)) {
    const tried = withNames([...kept, p]);
    if (tried.zoom < own.zoom - ALONG_ZOOM_COST) continue;
    // Only for a name that then fits: on a 360 px phone's 244 px map Anapa's still ran under the zoom
    // buttons, and the pipe would have been drawn smaller for nothing.
    const dots = [...points, ...alongPoints.filter((q) => q !== p && !kept.includes(q))].map((q) => q.at);
    if (nameRoom(tried, size, [...kept, p], covering, [...others, ...dots])) continue;
    kept.push(p);
    best = tried;
  }
  return best;
}

/**
 * How much further out (zoom levels) framing goes to keep room for the names of the places along
 * framed lines: at 1280x800 the TurkStream pipes' Turkish end named costs a third of a level; on a
 * 390 px phone it would cost 0.8, the pipe drawn at little more than half its length, and the phone
 * keeps the pipe big with room for as many of the names as that cost allows (Anapa's, at its end).
 */
export const ALONG_ZOOM_COST = 0.5;

/**
 * At most this many places along framed lines are framed with room for their names (placesAlong): a
 * pipeline's or a route's ends and stations, not every stop of a big layer.
 */
export const MAX_PLACES_ALONG = 8;
/** A place is along a line within the line's bounds grown by this part of their span. */
const ALONG_MARGIN = 0.02;

/**
 * The places along the framed lines: the points of the same layers, not context, not framed
 * themselves, within a framed line's bounds (grown by ALONG_MARGIN), when there are at most
 * MAX_PLACES_ALONG of them. Framing keeps room for their names too. "TurkStream pipelines" (CGTN,
 * 1280x800) framed the four pipes with their Turkish end beside the open legend: Malkoçlar's and
 * Lüleburgaz's names, which the map sets left of their dots (right of them stand Kıyıköy's dot and
 * name), lay under it and were hidden; the line's only name was Anapa's.
 */
export function placesAlong(model: StoryModel, framed: ReadonlySet<string>): Set<string> {
  const boxes = new Map<string, BBox[]>();
  for (const key of framed) {
    const f = model.features.get(key);
    if (!f || f.kind !== 'line' || f.context) continue;
    // A little wider than the line: a place at its end is where it ends, to the data's precision
    // (Malkoçlar's point is 3e-6° west of its pipe's last vertex).
    const [w, s, e, n] = f.bbox;
    const m = ALONG_MARGIN * Math.max(e - w, n - s, 0.01);
    boxes.set(f.layerId, [...(boxes.get(f.layerId) ?? []), [w - m, s - m, e + m, n + m]]);
  }
  const along = new Set<string>();
  if (!boxes.size) return along;
  for (const f of model.features.values()) {
    if (f.kind !== 'point' || f.context || framed.has(f.key)) continue;
    const [x, y] = f.bbox;
    if ((boxes.get(f.layerId) ?? []).some(([w, s, e, n]) => x >= w && x <= e && y >= s && y <= n)) along.add(f.key);
  }
  return along.size <= MAX_PLACES_ALONG ? along : new Set();
}

export interface FirstCamera {
  camera: Camera;
  /** Why: the newest intent not yet shown, the view the story last had, a map already on screen, the first-paint picture, or the story's opening view. */
  from: 'intent' | 'view' | 'shown' | 'picture' | 'story';
  /** The newest camera intent this start accounts for: the view applies only newer ones. */
  applied: number;
}

/**
 * Where a map starts. A map made again (an embed scrolled back into view) or opened from a link
 * starts where the story last looked; an intent made since (a selection before the map existed: a
 * link, an embed's attributes, the host API) is shown at once, not flown to from the opening view;
 * otherwise where a map already on screen stands (`shown`: the early map the reader has, which they
 * may have moved), or exactly under the first-paint picture, if there is one, or at the story's view.
 */
export function firstCamera(
  state: { camera: CameraIntent | null; view: (View & { camera: number }) | null },
  model: StoryModel,
  size: Size,
  padding: PaddingFor,
  picture: Camera | null = null,
  shown: Camera | null = null,
  panels: readonly Box[] = [],
  controls: readonly Box[] = [],
): FirstCamera {
  const intent = state.camera;
  const applied = intent?.id ?? 0;
  const view = state.view;
  if (intent && intent.id > (view?.camera ?? 0)) {
    const camera = cameraFor(intent.target, model, size, padding, panels, controls);
    if (camera) return { camera, from: 'intent', applied };
  }
  if (view) return { camera: { center: view.center, zoom: view.zoom }, from: 'view', applied };
  if (shown) return { camera: shown, from: 'shown', applied };
  const own = storyCamera(model, size, padding);
  // The picture frames the story beside the open legend (its CSS cannot know the legend's height):
  // in a tall map box the map draws it bigger below the legend, and starts there. A picture that
  // draws the story bigger than the map box holds it (framed for the whole map pane where the
  // browser cannot anchor it to the box: static-map.css) would start the map with the story's edge
  // under the credits: the map frames it itself.
  if (picture && Math.abs(own.zoom - picture.zoom) <= REFRAME_ZOOM) return { camera: picture, from: 'picture', applied };
  return { camera: own, from: 'story', applied };
}

/** How much bigger or smaller (in zoom levels) the map's own framing of the story must be to start there rather than at the picture's. */
export const REFRAME_ZOOM = 0.25;

/** Where a target's frame lies on a map of this size at `camera`, in its pixels; null for a centre and zoom, or features without geometry. */
export function frameBox(target: CameraTarget, model: StoryModel, size: Size, camera: Camera): Box | null {
  const frame = 'center' in target ? null : frameOf(target, model);
  if (!frame) return null;
  const [w, s, e, n] = unwrapBox(frame.bounds);
  const [left, top] = project(camera, size, [w, Math.min(n, MAX_LAT)]);
  const [right, bottom] = project(camera, size, [e, Math.max(s, -MAX_LAT)]);
  return { left, top, right, bottom };
}

/**
 * An intent framed before a panel that covers the map was there (a link's selection opens its card
 * when the card's file has come, which may be after the map started there), and the map still
 * where it put it: the camera that frames the target again, clear of the panels now, if what it
 * framed now runs under one of `panels` (the legend and the card; the locator inset steps aside on
 * its own). Null when nothing is under a panel, or framing again would not move the map.
 */
export function reframeCamera(target: CameraTarget, model: StoryModel, size: Size, padding: PaddingFor, panels: readonly Box[], shown: Camera, controls: readonly Box[] = []): Camera | null {
  const box = frameBox(target, model, size, shown);
  if (!box || !panels.some((p) => boxesOverlap(p, box))) return null;
  const next = cameraFor(target, model, size, padding, panels, controls);
  if (!next || sameCamera(next, shown, size)) return null;
  return next;
}

/** Whether two cameras show the same view on a map of this size (within a pixel, and a thousandth of a zoom level). */
export function sameCamera(a: Camera, b: Camera, size: Size): boolean {
  if (Math.abs(a.zoom - b.zoom) > 1e-3) return false;
  const [x, y] = project(a, size, b.center);
  return Math.hypot(x - size.width / 2, y - size.height / 2) < 1;
}
