// The first-paint picture of the map (see scripts/static-map.ts and static-map.css): keeps it only
// where it is right, moves it into the map box without moving it on screen, gives the interactive
// map the camera that shows exactly the same view, and takes it away when the map has drawn.
// No maplibre here: the picture matters precisely before maplibre-gl has loaded.

const mx = (lon: number) => (lon + 180) / 360;
const my = (lat: number) => {
  const s = Math.sin((Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
};
const lonOf = (x: number) => x * 360 - 180;
const latOf = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;

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

interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Where the story's bounds are drawn on screen: the viewBox fitted and centred in the SVG box ("xMidYMid meet"). */
function boundsRect(svg: SVGSVGElement, r: Rect): Rect & { scale: number } {
  const vb = svg.viewBox.baseVal;
  const scale = Math.min(r.width / vb.width, r.height / vb.height);
  const width = vb.width * scale;
  const height = vb.height * scale;
  return { left: r.left + (r.width - width) / 2, top: r.top + (r.height - height) / 2, width, height, scale };
}

/** The SVG's layout box on screen, without any transform (an animation under way). */
function layoutRect(el: HTMLElement, svg: SVGSVGElement): Rect {
  const box = el.getBoundingClientRect();
  const cs = getComputedStyle(svg);
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
  const svg = el.querySelector('svg');
  const before = svg?.getBoundingClientRect();
  box.prepend(el);
  el.classList.add('adopted');
  if (!svg || !before || !before.width || !svg.viewBox.baseVal.width) return;
  const b = box.getBoundingClientRect();
  const shown = boundsRect(svg, before);
  const margin = 8;
  const fits = shown.left >= b.left + margin && shown.top >= b.top + margin && shown.left + shown.width <= b.right - margin && shown.top + shown.height <= b.bottom - margin;
  if (fits) {
    // Pixel positions through the CSSOM (allowed under a strict CSP, unlike style attributes).
    Object.assign(svg.style, { left: `${before.left - b.left}px`, top: `${before.top - b.top}px`, width: `${before.width}px`, height: `${before.height}px` });
    return;
  }
  const after = svg.getBoundingClientRect();
  const k = after.width ? before.width / after.width : 1;
  if (Math.abs(k - 1) < 0.002 && Math.abs(before.left - after.left) < 0.5 && Math.abs(before.top - after.top) < 0.5) return;
  const reduce = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  if (!reduce && typeof svg.animate === 'function') {
    svg.animate([{ transformOrigin: '0 0', transform: `translate(${before.left - after.left}px, ${before.top - after.top}px) scale(${k})` }, { transformOrigin: '0 0', transform: 'none' }], { duration: 250, easing: 'ease-out' });
  }
}

/**
 * The camera (centre, zoom) that puts the interactive map's view exactly under the picture, for a
 * map container at `container`'s place: the same Web Mercator scale and offset the SVG is drawn at.
 */
export function staticMapCamera(el: HTMLElement, container: HTMLElement): { center: [number, number]; zoom: number } | null {
  const svg = el.querySelector('svg');
  const bounds = (el.dataset.bounds ?? '').split(',').map(Number);
  const vb = svg?.viewBox.baseVal;
  if (!svg || !vb || !vb.width || !vb.height || bounds.length !== 4 || bounds.some((n) => !Number.isFinite(n))) return null;
  const [w, s, e, n] = bounds as [number, number, number, number];
  // Where the picture comes to rest (an easing started by adoptStaticMap may still be running).
  const r = layoutRect(el, svg);
  const c = container.getBoundingClientRect();
  if (!r.width || !r.height || !c.width || !c.height) return null;
  const shown = boundsRect(svg, r);
  const worldPx = shown.width / (mx(e) - mx(w));
  const dx = (c.left + c.width / 2 - (shown.left + shown.width / 2)) / worldPx;
  const dy = (c.top + c.height / 2 - (shown.top + shown.height / 2)) / worldPx;
  return { center: [lonOf((mx(w) + mx(e)) / 2 + dx), latOf((my(n) + my(s)) / 2 + dy)], zoom: Math.log2(worldPx / 512) };
}

/** Takes the picture away (a short fade: it lies exactly over the map, so nothing moves). */
export function dropStaticMap(el: HTMLElement | null) {
  if (!el?.isConnected) return;
  el.classList.add('leaving');
  const gone = () => el.remove();
  el.addEventListener('transitionend', gone, { once: true });
  setTimeout(gone, 400);
}
