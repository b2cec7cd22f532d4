// Making the MapLibre map of a story: its style, options, controls and images. One function for
// both ways a map starts: StoryMap making it once the app is live, and a prerendered page making it
// before the app hydrates (early-map.ts), to be adopted by StoryMap then.
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { StoryModel } from '../story/model';
import { acrossAntimeridian } from '../story/lon-wrap';
import type { BasemapChoice } from './basemap-source';
import { basemapImages } from './basemap-style';
import { scaleShown } from './zoom-aids';
import type * as Engine from './engine';
import type { Camera } from './framing';
import { storyImages } from './patterns';
import { buildStyle } from './style';

export type EngineModule = typeof Engine;

export interface StartedMap {
  map: MapLibreMap;
  basemap: BasemapChoice;
  fonts: EngineModule['fontUrls'];
  /** MapLibre's `load` has fired (the style is loaded). */
  loaded: boolean;
  /** The first `idle` after `load` has fired (everything in view drawn). */
  idle: boolean;
}

const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/** The images the style refers to (hatch patterns, basemap symbols), added where missing. */
export function addImages(map: MapLibreMap, model: StoryModel) {
  for (const { id, image } of storyImages(model.layers)) if (!map.hasImage(id)) map.addImage(id, image, { pixelRatio: 2 });
  for (const { id, image, pixelRatio } of basemapImages()) if (!map.hasImage(id)) map.addImage(id, image, { pixelRatio });
}

/** The story's style with these layers visible. */
export const styleOf = (model: StoryModel, visible: ReadonlySet<string>, basemap: BasemapChoice, fonts: EngineModule['fontUrls']) => buildStyle(model, visible, { basemap, fonts });

/**
 * Makes the map in `container` at `camera`. Throws when the browser cannot (no WebGL). The returned
 * record says whether `load` and the first `idle` after it have fired, for whoever takes the map
 * over later (they fire once).
 */
export function createStoryMap(
  engine: EngineModule,
  o: { container: HTMLElement; model: StoryModel; visible: ReadonlySet<string>; basemap: BasemapChoice; camera: Camera; embedded: boolean },
): StartedMap {
  const { model, basemap } = o;
  const map = engine.createMap({
    container: o.container,
    style: styleOf(model, o.visible, basemap, engine.fontUrls),
    ...o.camera,
    attributionControl: false,
    // Our own style is made by code and checked with MapLibre's validator in the unit tests
    // (tiled-layers.test.ts): validating it again here is work inside the map's first task
    // (docs/performance.md). A newsroom's style is validated.
    validateStyle: 'external' in basemap,
    cooperativeGestures: o.embedded,
    dragRotate: false,
    pitchWithRotate: false,
    // One world, except for a story across 180° (a Pacific route): its features are drawn
    // with longitudes beyond 180, over the world's copy east of the antimeridian (lon-wrap.ts).
    renderWorldCopies: acrossAntimeridian([model.story.view.bounds, ...[...model.features.values()].map((f) => f.bbox)]),
    maxZoom: 11,
    minZoom: 1.5,
    fadeDuration: reducedMotion() ? 0 : 300,
  });
  const started: StartedMap = { map, basemap, fonts: engine.fontUrls, loaded: false, idle: false };
  // The basemap's water names are italic, and MapLibre asks for that face only when its first tile
  // has a name to draw: one more round trip after the tiles on a slow link (the opening views name
  // seas). Asked for now, it is in the HTTP cache by then (hashed, cached for good), without taking
  // bandwidth from the map library as a preload in the page did (docs/performance.md).
  // (The italic's latin subset: the face MapLibre tries first for ASCII and the stories' letters.)
  if (!('external' in basemap)) void fetch(engine.fontUrls.latinSubset.italic, { priority: 'low' } as RequestInit).catch(() => {});
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new engine.NavigationControl({ showCompass: false }), 'top-right');
  // A scale bar in the story's units, shown from SCALE_MIN_ZOOM on (StoryMap's style hides it before).
  map.addControl(new engine.ScaleControl({ maxWidth: 96, unit: model.story.view.units ?? 'metric' }), 'bottom-left');
  const zoomedIn = () => map.getContainer().toggleAttribute('data-zoomed-in', scaleShown(map.getZoom()));
  map.on('zoom', zoomedIn);
  zoomedIn();
  map.on('styleimagemissing', () => {});
  addImages(map, model);
  map.on('error', (ev) => console.warn('map:', ev.error?.message ?? ev));
  // The canvas is MapLibre's focusable region; say what it is and how to use it without a mouse.
  map.getCanvas().setAttribute('aria-label', 'Interactive map. Arrow keys pan, plus and minus zoom. The list of places after the article has the same features as text.');
  // `idle` can follow `load` in the same frame: it is listened for from inside the load handler.
  map.once('load', () => {
    started.loaded = true;
    map.once('idle', () => (started.idle = true));
  });
  return started;
}

/** Calls `onload` once the map's style has loaded, then `onidle` once it has first drawn everything; at once for what already happened. */
export function whenReady(started: StartedMap, onload: () => void, onidle: () => void) {
  const { map } = started;
  const idle = () => (started.idle ? onidle() : map.once('idle', onidle));
  if (started.loaded) {
    onload();
    idle();
  } else
    map.once('load', () => {
      onload();
      // Registered after createStoryMap's own load handler, which has set `loaded`; `idle` comes later.
      map.once('idle', onidle);
    });
}
