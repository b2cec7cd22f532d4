// The map's frame once the reader zooms in (docs/cartography.md, "The frame"): a scale bar once the
// view is closer than a country, and a small locator inset once it is too local to recognise,
// showing where the view is in the region around it. Pure: no DOM, no MapLibre.
import type { BBox } from '../story/model';
import { latOf, lonOf, MAX_LAT, mercX, mercY } from './mercator';
import type { StoryFile } from '../story/schema';

/**
 * The scale bar shows from this zoom. Further out a Web Mercator view spans so many latitudes that
 * one bar misstates distances across it (at zoom 3 a kilometre at the top of a desktop map can be
 * half as long again as one at the bottom); from zoom 5 the view is about a country across.
 */
export const SCALE_MIN_ZOOM = 5;
/** The locator shows from this zoom: a view a few hundred kilometres across on a desktop map. */
export const LOCATOR_MIN_ZOOM = 5.5;
/** Degrees of longitude the inset spans: a region a reader recognises (the eastern Mediterranean, the Gulf, the Philippines). */
export const LOCATOR_SPAN = 40;
/** The basemap tiles the inset is drawn from: zoom 2 (a quarter of the world each), the opening views' own. */
export const LOCATOR_TILE_ZOOM = 2;
/** Below this size (px) the view's box is drawn as a dot with a ring, not a box nobody can see. */
export const MIN_MARK = 8;

export const scaleShown = (zoom: number) => zoom >= SCALE_MIN_ZOOM;

/** The story's `view.units` (schema.ts): the one list of scale units. */
export type ScaleUnits = NonNullable<NonNullable<StoryFile['view']>['units']>;
/** The length of the equator (m) on the sphere MapLibre measures its scale bar with (mean radius 6 371 008.8 m). */
const EQUATOR = 2 * Math.PI * 6371008.8;

/** The longest round distance (1, 2, 3 or 5 times a power of ten) up to `n`. */
function roundDown(n: number): number {
  const p = 10 ** Math.floor(Math.log10(n));
  const d = n / p;
  return Number((p * (d >= 10 ? 10 : d >= 5 ? 5 : d >= 3 ? 3 : d >= 2 ? 2 : 1)).toPrecision(6));
}

/**
 * A scale bar for a Web Mercator view at `zoom` (512 px tiles) measured at latitude `lat`: the
 * longest round distance that fits in `maxWidth` px, and the bar's width for it. The rule of
 * MapLibre's ScaleControl (the WebGL map's bar), for the SVG map, so both read the same.
 */
export function scaleBar(zoom: number, lat: number, maxWidth: number, units: ScaleUnits = 'metric'): { width: number; label: string } {
  const maxMeters = ((EQUATOR * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom)) * maxWidth;
  const bar = (max: number, unit: string) => {
    const d = roundDown(max);
    return { width: Math.round((maxWidth * d) / max), label: `${d}\u00a0${unit}` };
  };
  if (units === 'nautical') return bar(maxMeters / 1852, 'nm');
  if (units === 'imperial') {
    const feet = maxMeters * 3.2808;
    return feet > 5280 ? bar(feet / 5280, 'mi') : bar(feet, 'ft');
  }
  return maxMeters >= 1000 ? bar(maxMeters / 1000, 'km') : bar(maxMeters, 'm');
}
export const locatorShown = (zoom: number) => zoom >= LOCATOR_MIN_ZOOM;

/** Where the map is: its centre and bounds ([west, south, east, north], east beyond 180 across the antimeridian). */
export interface LocatorView {
  center: [number, number];
  bounds: BBox;
}

/** The inset's size for a map this wide (px): smaller on a phone. */
export const locatorSize = (mapWidth: number): { width: number; height: number } => (mapWidth < 560 ? { width: 84, height: 63 } : { width: 120, height: 90 });

/**
 * The region the inset shows: `span` degrees of longitude around the view's centre, as tall as the
 * inset's shape asks (in Web Mercator), kept inside Mercator's square world from north to south.
 * West may be below -180 or east above 180 near the antimeridian: the SVG scene turns the world for it.
 */
export function insetBounds(center: [number, number], width: number, height: number, span = LOCATOR_SPAN): BBox {
  const [lon, lat] = center;
  const halfX = span / 360 / 2;
  const halfY = (halfX * height) / width;
  const top = mercY(MAX_LAT);
  const bottom = mercY(-MAX_LAT);
  let y = mercY(lat);
  y = Math.min(Math.max(y, top + halfY), bottom - halfY);
  const x = mercX(lon);
  return [lonOf(x - halfX), latOf(y + halfY), lonOf(x + halfX), latOf(y - halfY)];
}

/** How the view is marked in the inset: its box, or a dot when the box would be too small to see. */
export type ViewMark = { kind: 'box'; x: number; y: number; width: number; height: number } | { kind: 'dot'; x: number; y: number };

/**
 * The view's mark in inset pixels, from the inset's projection (null for a place outside it). A view
 * whose corners fall outside the inset (it cannot, for views from LOCATOR_MIN_ZOOM; a defensive
 * case) is marked at its centre; null when even that is outside.
 */
export function viewMark(project: (lngLat: [number, number]) => [number, number] | null, view: LocatorView, min = MIN_MARK): ViewMark | null {
  const [w, s, e, n] = view.bounds;
  const a = project([w, n]);
  const b = project([e, s]);
  if (a && b) {
    const width = b[0] - a[0];
    const height = b[1] - a[1];
    if (width >= min && height >= min) return { kind: 'box', x: a[0], y: a[1], width, height };
    return { kind: 'dot', x: a[0] + width / 2, y: a[1] + height / 2 };
  }
  const c = project(view.center);
  return c ? { kind: 'dot', x: c[0], y: c[1] } : null;
}
