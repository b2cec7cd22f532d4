// The first-paint picture of the map (see scripts/static-map.ts and static-map.css): keeps it only
// where it is right, moves it into the map box without moving it on screen, gives the interactive
// map the camera that shows exactly the same view, and takes it away when the map has drawn.
// No maplibre here: the picture matters precisely before maplibre-gl has loaded.

import { latOf, lonOf, mercX as mx, mercY as my, worldPx as worldPxAt, zoomOf } from './mercator';

/**
 * The picture for this story, or null. It is removed when it would show the wrong thing: another
 * story than the one the page opens, or a link (URL fragment) that asks for another view.
 */
export function staticMapFor(story: string, doc: Document = document): HTMLElement | null {
  const el = doc.querySelector<HTMLElement>('[data-static-map]');
  if (!el) return null;
  if (el.dataset.story !== story || doc.location.hash.length > 1) {
    el.remove();
    return null;
  }
  return el;
}

/**
 * How many times the story's bounds the picture spans, across and down, centred on them
 * (scripts/static-map.ts draws it so; static-map.css sizes its image box by the same numbers), so
 * that it fills the map box of the layouts a page has from 1024 px wide and on phones. More down
 * than across: a desktop's map box is tall beside the text and the bounds of a story are usually
 * wide, so above and below them is where the box shows the most (at 1024 x 768 twice the bounds'
 * height above them, at 1280 x 1024 one and a half times; with 3 down, that was a band of the sea's
 * colour over land at the top of the picture). Across, the legend's room on the left of a wide box:
 * 1.07 times the bounds' width at 1024 x 768.
 */
export const PICTURE_SPAN = { x: 3.4, y: 5 } as const;

interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The story's bounds in Web Mercator units (fractions of the world's width), from data-bounds. */
function boundsOf(el: HTMLElement): { w: number; s: number; e: number; n: number } | null {
  const b = (el.dataset.bounds ?? '').split(',').map(Number);
  if (b.length !== 4 || b.some((n) => !Number.isFinite(n))) return null;
  const [w, s, e, n] = b as [number, number, number, number];
  return mx(e) > mx(w) && my(s) > my(n) ? { w, s, e, n } : null;
}

/**
 * Where the story's bounds are drawn on screen, for the image's box `r`: the picture's viewBox is
 * the bounds PICTURE_SPAN times over (scripts/static-map.ts), drawn "meet" (fitted and centred).
 */
function boundsRect(el: HTMLElement, r: Rect): Rect | null {
  const b = boundsOf(el);
  if (!b || !r.width || !r.height) return null;
  const bw = mx(b.e) - mx(b.w);
  const bh = my(b.s) - my(b.n);
  const scale = Math.min(r.width / (PICTURE_SPAN.x * bw), r.height / (PICTURE_SPAN.y * bh));
  const width = bw * scale;
  const height = bh * scale;
  return { left: r.left + r.width / 2 - width / 2, top: r.top + r.height / 2 - height / 2, width, height };
}

/** The image's layout box on screen, without any transform (an animation under way). */
function layoutRect(el: HTMLElement, img: HTMLElement): Rect {
  const box = el.getBoundingClientRect();
  const cs = getComputedStyle(img);
  return { left: box.left + parseFloat(cs.left), top: box.top + parseFloat(cs.top), width: parseFloat(cs.width), height: parseFloat(cs.height) };
}

/**
 * Moves the picture into the map box. It keeps its place on screen when the story's bounds still
 * show whole in the box (the usual case: nothing moves); when they would not (the box came out
 * smaller than the page could guess before the app laid it out, e.g. under a tall credits line on a
 * phone), it eases to the framing the box calls for.
 */
export function adoptStaticMap(el: HTMLElement, box: HTMLElement) {
  if (el.parentElement === box) return;
  const img = el.querySelector('img');
  const before = img?.getBoundingClientRect();
  box.prepend(el);
  el.classList.add('adopted');
  const shown = before && boundsRect(el, before);
  if (!img || !before || !shown) return;
  const b = box.getBoundingClientRect();
  const margin = 8;
  const fits = shown.left >= b.left + margin && shown.top >= b.top + margin && shown.left + shown.width <= b.right - margin && shown.top + shown.height <= b.bottom - margin;
  if (fits) {
    // Pixel positions through the CSSOM (allowed under a strict CSP, unlike style attributes).
    Object.assign(img.style, { left: `${before.left - b.left}px`, top: `${before.top - b.top}px`, width: `${before.width}px`, height: `${before.height}px` });
    return;
  }
  easeFrom(img, before);
}

/** Eases the image from where it was on screen (`before`) to where its layout now puts it; at once for a reader who asks for less motion. */
function easeFrom(img: HTMLElement, before: DOMRect) {
  const after = img.getBoundingClientRect();
  const k = after.width ? before.width / after.width : 1;
  if (Math.abs(k - 1) < 0.002 && Math.abs(before.left - after.left) < 0.5 && Math.abs(before.top - after.top) < 0.5) return;
  const reduce = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  if (!reduce && typeof img.animate === 'function') {
    img.animate([{ transformOrigin: '0 0', transform: `translate(${before.left - after.left}px, ${before.top - after.top}px) scale(${k})` }, { transformOrigin: '0 0', transform: 'none' }], { duration: 250, easing: 'ease-out' });
  }
}

/**
 * Moves the picture to show what a map filling `container` shows at `camera`: for a map that
 * frames the story otherwise than the picture's CSS could (a tall box, the story below the open
 * legend, whose height the CSS cannot know: camera.ts, firstCamera), so that the map then appears
 * exactly under it rather than jumping to its framing when the picture goes. The story's bounds go
 * where the camera puts them, the image around them PICTURE_SPAN times over; it eases there.
 */
export function showStaticMapAt(el: HTMLElement, container: HTMLElement, camera: { center: [number, number]; zoom: number }): void {
  const img = el.querySelector('img');
  const b = boundsOf(el);
  const c = container.getBoundingClientRect();
  if (!img || !b || !c.width || !c.height) return;
  const scale = worldPxAt(camera.zoom);
  const bw = mx(b.e) - mx(b.w);
  const bh = my(b.s) - my(b.n);
  // From the camera's centre to the bounds' middle, in world widths, the short way round (a centre may be kept as 190° or -170°).
  let dx = (mx(b.w) + mx(b.e)) / 2 - mx(camera.center[0]);
  dx -= Math.round(dx);
  const dy = (my(b.n) + my(b.s)) / 2 - my(camera.center[1]);
  const middle = { x: c.left + c.width / 2 + dx * scale, y: c.top + c.height / 2 + dy * scale };
  const width = PICTURE_SPAN.x * bw * scale;
  const height = PICTURE_SPAN.y * bh * scale;
  const box = el.getBoundingClientRect();
  const before = img.getBoundingClientRect();
  // Pixel positions through the CSSOM (allowed under a strict CSP, unlike style attributes).
  Object.assign(img.style, { left: `${middle.x - width / 2 - box.left}px`, top: `${middle.y - height / 2 - box.top}px`, width: `${width}px`, height: `${height}px` });
  easeFrom(img, before);
}

/**
 * The camera (centre, zoom) that puts the interactive map's view exactly under the picture, for a
 * map container at `container`'s place: the same Web Mercator scale and offset the picture is drawn at.
 */
export function staticMapCamera(el: HTMLElement, container: HTMLElement): { center: [number, number]; zoom: number } | null {
  const img = el.querySelector('img');
  const b = boundsOf(el);
  if (!img || !b) return null;
  const { w, s, e, n } = b;
  // Where the picture comes to rest (an easing started by adoptStaticMap may still be running).
  const c = container.getBoundingClientRect();
  const shown = boundsRect(el, layoutRect(el, img));
  if (!shown || !c.width || !c.height) return null;
  const worldPx = shown.width / (mx(e) - mx(w));
  const dx = (c.left + c.width / 2 - (shown.left + shown.width / 2)) / worldPx;
  const dy = (c.top + c.height / 2 - (shown.top + shown.height / 2)) / worldPx;
  return { center: [lonOf((mx(w) + mx(e)) / 2 + dx), latOf((my(n) + my(s)) / 2 + dy)], zoom: zoomOf(worldPx) };
}

/** Takes the picture away (a short fade: it lies exactly over the map, so nothing moves). */
export function dropStaticMap(el: HTMLElement | null) {
  if (!el?.isConnected) return;
  el.classList.add('leaving');
  const gone = () => el.remove();
  el.addEventListener('transitionend', gone, { once: true });
  setTimeout(gone, 400);
}
