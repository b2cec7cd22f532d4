// The map of a prerendered page, made before the app hydrates. The page's text is already on
// screen from its HTML; what the reader waits for is the map. Made here, its tiles load and its
// worker lays them out before the app's code is even fetched, and it is shown as soon as it has
// drawn everything; the page is hydrated after that (start-page.ts; the map used to start in StoryMap's
// onMount, at the end of hydration: docs/performance.md).
//
// Only in the plain case, where nothing but the story decides what the map shows: the page's own
// story with its first-paint picture (no link in the URL fragment: staticMapFor drops the picture
// then), drawn on the site's own basemap. The map starts inside the picture, on the map box's
// place and size, at the picture's camera, hidden under the picture's image (and not reachable by
// pointer or assistive technology) until it has drawn everything; then it is shown in the
// picture's place (static-map.css). StoryMap later moves it into its own box and carries on as
// with a map it made itself (start.ts); any other case is left to StoryMap.
import type { StoryModel } from '../story/model';
import { initiallyVisible } from '../story/model-core';
import { siteTiles } from './basemap-style';
import { showStaticMapAt, staticMapCamera } from './static-map';
import { firstCamera } from './camera';
import { coveringBoxes, paddingToFrame, type Box } from './framing';
import { createStoryMap, whenReady, type EngineModule, type StartedMap } from './start';
import { judgeAll } from './covered-labels';

interface Early {
  model: StoryModel;
  container: HTMLDivElement;
  started: StartedMap;
  picture: HTMLElement;
  /** Stops keeping the container on the map's box, and showing its country names (judgeAll). */
  unfit: () => void;
}
let early: Early | null = null;

/**
 * Makes the map for `model` under `picture`, if this is the plain case. Returns whether it did; a
 * browser that cannot (no WebGL) leaves it to StoryMap, which says so to the reader. Once the map
 * has drawn everything in view, and StoryMap has not taken it yet, it is shown in the picture's
 * place (the reader can pan and zoom it; a click on it waits for the app, start-page.ts) and `onshown`
 * is called.
 */
export function startEarlyMap(engine: EngineModule, model: StoryModel, picture: HTMLElement, root: string, onshown?: () => void): boolean {
  if (model.story.basemap || early) return false;
  const container = document.createElement('div');
  container.className = 'early-map';
  picture.prepend(container);
  const unfit = fitToMapBox(container, picture);
  const camera = startCamera(container, picture, model);
  if (!camera) {
    unfit();
    container.remove();
    return false;
  }
  try {
    const basemap = { tiles: siteTiles(new URL(root, document.baseURI).href) };
    const started = createStoryMap(engine, { container, model, visible: new Set(initiallyVisible(model)), basemap, camera, embedded: false });
    // The style shows a country's names once the app has judged their repeats (basemap-style.ts,
    // JUDGED_OPACITY); until the app has the map, every name drawn is shown as soon as it is placed.
    const judge = () => judgeAll(started.map);
    started.map.on('render', judge);
    const mine: Early = { model, container, started, picture, unfit: () => (unfit(), started.map.off('render', judge)) };
    early = mine;
    // For the bench: `data-map-loaded` on the map's first frame, as StoryMap's box says.
    whenReady(started, () => (container.dataset.mapLoaded = 'true'), () => {
      if (early !== mine) return;
      showEarlyMap(picture, container);
      onshown?.();
    });
    // For the bench and the tests: the map was made here, before the page came to life.
    performance.mark('story-map:early-map');
    return true;
  } catch (e) {
    console.warn('map: could not be made before the app started:', e instanceof Error ? e.message : e);
    unfit();
    container.remove();
    return false;
  }
}

/**
 * Where the map starts: under the picture, at its camera, unless the map's own framing draws the
 * story clearly bigger (a tall map box, below the open legend: camera.ts, firstCamera), as StoryMap
 * will frame it when it takes the map over; the picture is then moved there first (showStaticMapAt).
 */
function startCamera(container: HTMLElement, picture: HTMLElement, model: StoryModel) {
  const fromPicture = staticMapCamera(picture, container);
  if (!fromPicture) return null;
  const size = { width: container.clientWidth, height: container.clientHeight };
  if (!size.width || !size.height) return fromPicture;
  const covered = coveredBoxes(container, picture);
  const start = firstCamera({ camera: null, view: null }, model, size, (b) => paddingToFrame(size, covered, b), fromPicture);
  // Framed bigger than the picture: the picture goes there first, and the map appears under it.
  if (start.from === 'story') showStaticMapAt(picture, container, start.camera);
  return start.camera;
}

/** What covers the map box in the prerendered page (the open legend), measured as StoryMap's overlays are. */
function coveredBoxes(container: HTMLElement, picture: HTMLElement): Box[] {
  const box = picture.parentElement?.querySelector('.map-box');
  return box ? coveringBoxes(container, box.querySelectorAll(':scope > .overlay')) : [];
}

/**
 * Keeps `container` (inside the picture) on the prerendered page's map box, the box StoryMap's map
 * will fill: the picture stands exactly on it where the browser anchors it (static-map.css), and
 * over the whole map pane, notes and credits too, where it cannot. The map is
 * made and shown at that size, so nothing moves when StoryMap takes it (the box's layout before the
 * page is live is the live one's: Legend.svelte, Attribution.svelte). Pixel sizes through the
 * CSSOM, allowed under a strict CSP. Returns what stops it and clears them.
 */
function fitToMapBox(container: HTMLElement, picture: HTMLElement): () => void {
  const box = picture.parentElement?.querySelector<HTMLElement>('.map-box');
  if (!box) return () => {};
  const fit = () => {
    const b = box.getBoundingClientRect();
    const p = picture.getBoundingClientRect();
    if (!b.width || !b.height) return;
    Object.assign(container.style, { inset: 'auto', left: `${b.left - p.left}px`, top: `${b.top - p.top}px`, width: `${b.width}px`, height: `${b.height}px` });
  };
  fit();
  const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(fit) : null;
  observer?.observe(box);
  return () => {
    observer?.disconnect();
    for (const k of ['inset', 'left', 'top', 'width', 'height'] as const) container.style.removeProperty(k);
  };
}

/**
 * The early map in place of the picture: the picture's image hidden, the map in view and reachable
 * (static-map.css). `data-map-shown`: for the bench, the moment the reader has the whole map.
 */
function showEarlyMap(picture: HTMLElement, container: HTMLElement) {
  picture.classList.add('live');
  picture.removeAttribute('aria-hidden');
  container.dataset.mapShown = 'true';
  performance.mark('story-map:early-map-shown');
}

/** The early map, for the StoryMap showing `model` (once). One made for another model is removed. */
export function takeEarlyMap(model: StoryModel): { container: HTMLDivElement; started: StartedMap } | null {
  const e = early;
  early = null;
  if (!e) return null;
  e.unfit();
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
  e.unfit();
  // The picture again, as it was, for whatever shows the story instead.
  e.picture.classList.remove('live');
  e.picture.setAttribute('aria-hidden', 'true');
  e.started.map.remove();
  e.container.remove();
}
