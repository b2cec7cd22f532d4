// The map of a prerendered page, made before the app hydrates. The page's text is already on
// screen from its HTML; what the reader waits for is the map. Made here, the map's tiles load and
// its worker lays them out while the article is being hydrated, instead of after it (the map used
// to start in StoryMap's onMount, at the end of hydration: docs/performance.md).
//
// Only in the plain case, where nothing but the story decides what the map shows: the page's own
// story with its first-paint picture (no link in the URL fragment: staticMapFor drops the picture
// then), drawn on the site's own basemap. The map starts under the picture, at the picture's
// camera, inside it (so it is hidden, and not reachable by pointer or assistive technology, until
// StoryMap takes it: static-map.css). StoryMap then moves it into its own box and carries on as
// with a map it made itself (start.ts); any other case is left to StoryMap as before.
import type { StoryModel } from '../story/model';
import { initiallyVisible } from '../story/model-core';
import { siteTiles } from './basemap-style';
import { staticMapCamera } from './static-map';
import { createStoryMap, type EngineModule, type StartedMap } from './start';

interface Early {
  model: StoryModel;
  container: HTMLDivElement;
  started: StartedMap;
}
let early: Early | null = null;

/**
 * Makes the map for `model` under `picture`, if this is the plain case. Returns whether it did; a
 * browser that cannot (no WebGL) leaves it to StoryMap, which says so to the reader.
 */
export function startEarlyMap(engine: EngineModule, model: StoryModel, picture: HTMLElement, root: string): boolean {
  if (model.story.basemap || early) return false;
  const container = document.createElement('div');
  container.className = 'early-map';
  picture.prepend(container);
  const camera = staticMapCamera(picture, container);
  if (!camera) {
    container.remove();
    return false;
  }
  try {
    const basemap = { tiles: siteTiles(new URL(root, document.baseURI).href) };
    early = { model, container, started: createStoryMap(engine, { container, model, visible: new Set(initiallyVisible(model)), basemap, camera, embedded: false }) };
    // For the bench and the tests: the map was made here, before the page came to life.
    performance.mark('story-map:early-map');
    return true;
  } catch (e) {
    console.warn('map: could not be made before the app started:', e instanceof Error ? e.message : e);
    container.remove();
    return false;
  }
}

/** The early map, for the StoryMap showing `model` (once). One made for another model is removed. */
export function takeEarlyMap(model: StoryModel): { container: HTMLDivElement; started: StartedMap } | null {
  const e = early;
  early = null;
  if (!e) return null;
  if (e.model === model) return e;
  discard(e);
  return null;
}

/** Removes an early map no StoryMap will take (the app could not hydrate the page). */
export function dropEarlyMap() {
  if (early) discard(early);
  early = null;
}

function discard(e: Early) {
  e.started.map.remove();
  e.container.remove();
}
