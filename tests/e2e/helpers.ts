import { expect, type Page } from '@playwright/test';
import type { ProbedElement } from '../../src/lib/map/probe';

/**
 * Collects console errors, page errors and requests to any host but the page's own. The browser's
 * own line for a basemap tile the site does not have (404) is not an error: the tile set is sparse,
 * and the map then draws the tile's parent (MapLibre's `sparse` source, the SVG fallback's loader).
 */
export function watch(page: Page) {
  const errors: string[] = [];
  const foreign: string[] = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (/status of 404/.test(m.text()) && /\/basemap\/tiles\/\d+\/\d+\/\d+\.pbf$/.test(m.location().url)) return;
    errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (url.host !== new URL(page.url() === 'about:blank' ? `http://localhost:${process.env.E2E_PORT ?? 4173}` : page.url()).host) foreign.push(r.url());
  });
  return { errors, foreign };
}

export async function openStory(page: Page, path = './') {
  await page.goto(path);
  await expect(page.locator('[data-map-ready]')).toBeAttached({ timeout: 45_000 });
}

/** Screen position (relative to the page) of a lng/lat on the map. */
export async function pointOf(page: Page, lngLat: [number, number]) {
  return page.locator('.map').evaluate((el, ll) => {
    const probe = (el as ProbedElement).storyMapProbe!;
    const p = probe.project(ll);
    const r = el.getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }, lngLat);
}

export async function featureState(page: Page, key: string) {
  return page.locator('.map').evaluate((el, k) => (el as ProbedElement).storyMapProbe!.state(k), key);
}

export async function renderedCount(page: Page, layerId: string) {
  return page.locator('.map').evaluate((el, id) => (el as ProbedElement).storyMapProbe!.rendered(id), layerId);
}

/**
 * Waits for the map to be at rest: MapLibre's `idle` (no camera animation, every tile loaded, no
 * fade running) after a repaint the probe asks for. A round trip through the map's own render loop,
 * not a pause: a map at rest answers at once, a move under way is waited for however long it takes.
 */
export async function waitForMapIdle(page: Page, map = page.locator('.map')) {
  await map.evaluate((el) => {
    const probe = (el as ProbedElement).storyMapProbe!;
    return Promise.race([probe.idle!(), new Promise((_, fail) => setTimeout(() => fail(new Error('the map did not come to rest within 30 s')), 30_000))]);
  });
}

/**
 * One screenshot of the map's canvas: its distinct colours, counted on a coarse grid of pixels, and
 * the [r, g, b] of the pixels at `at` (canvas pixels).
 */
export async function mapPixels(page: Page, at: { x: number; y: number }[] = []) {
  const png = await page.locator('.map canvas').screenshot();
  return pngPixels(page, png.toString('base64'), at);
}

/**
 * What MapLibre drew at `at` (canvas pixels), [r, g, b] each: its canvas read in its own render
 * event (the drawing buffer is kept only until the frame is composited), after a repaint the probe
 * asks for. Set against `mapPixels`, it tells what the screen shows from what the map drew.
 */
export async function drawnPixels(page: Page, at: { x: number; y: number }[]) {
  const url = await page.locator('.map').evaluate((el) => {
    const probe = (el as ProbedElement).storyMapProbe!;
    const canvas = el.querySelector('canvas')!;
    return new Promise<string>((done) => {
      const off = probe.onRender!(() => {
        off();
        done(canvas.toDataURL('image/png'));
      });
      void probe.idle!();
    });
  });
  return (await pngPixels(page, url.slice(url.indexOf(',') + 1), at)).pixels;
}

/** A PNG (base64) decoded in the page: its size, its distinct colours on a coarse grid, and the [r, g, b] at `at`. */
function pngPixels(page: Page, b64: string, at: { x: number; y: number }[]) {
  return page.evaluate(async ({ b64, at }) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    const colours = new Set<string>();
    for (let y = 0; y < c.height; y += 7) for (let x = 0; x < c.width; x += 7) {
      const i = (y * c.width + x) * 4;
      colours.add(`${data[i]! >> 3},${data[i + 1]! >> 3},${data[i + 2]! >> 3}`);
    }
    const pixels = at.map(({ x, y }) => {
      const i = (Math.round(y) * c.width + Math.round(x)) * 4;
      return [data[i]!, data[i + 1]!, data[i + 2]!];
    });
    return { width: c.width, height: c.height, colours: colours.size, pixels };
  }, { b64, at });
}

/**
 * For a test of what the page does after one of its own timers (the page's clock installed with
 * `page.clock.install()` before it opened): moves the clock on `stepMs` at a time until `read`
 * returns `want`, so the test waits for the outcome, not for the timer's real seconds
 * (docs/architecture.md, "A test never waits out the product's own timers").
 */
export function fastForwardUntil<T>(page: Page, read: () => Promise<T>, want: T, stepMs: number) {
  return expect
    .poll(async () => {
      await page.clock.fastForward(stepMs);
      return read();
    })
    .toBe(want);
}

/** Makes every WebGL context request fail (in the page and in its frames), as a browser without WebGL does. */
export function breakWebGL(page: Page) {
  return page.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    (HTMLCanvasElement.prototype as unknown as { getContext: (type: string, ...rest: unknown[]) => unknown }).getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      return /webgl/i.test(type) ? null : (original as (...a: unknown[]) => unknown).call(this, type, ...rest);
    };
  });
}

/**
 * Holds a story's model.json until the map's code (MapLibre's chunk, and the `map` chunk of vite.config.ts, which holds the early map's) has
 * arrived: the page then makes its map before it is hydrated at once (src/start-page.ts, early-map.ts).
 */
export async function modelAfterMapCode(page: Page, story = 'cgtn-2020-01-09') {
  const arrived = (name: RegExp) => page.waitForEvent('requestfinished', { predicate: (r) => name.test(new URL(r.url()).pathname), timeout: 45_000 });
  const code = Promise.all([arrived(/\/assets\/engine-[^/]*\.js$/), arrived(/\/assets\/map-[^/]*\.js$/)]);
  await page.route(new RegExp(`/stories/${story}/model\\.json$`), async (route) => {
    await code;
    await route.continue();
  });
}
