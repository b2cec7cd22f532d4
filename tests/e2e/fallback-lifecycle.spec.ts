// Mounting and destroying the app many times (a host page adding and removing <story-map>) leaves
// no live WebGL context and no window or document listener behind.
import { expect, test } from '@playwright/test';
import { watch } from './helpers';

const HOST_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mount test</title>
<style>story-map { display: block; height: 560px; width: 1000px; }</style></head>
<body><main id="host"></main><script type="module" src="./story-map.js"></script></body></html>`;

// Each cycle is checked exactly (one live context while mounted, none after), and the listeners
// after the last against those after the first, so a leak of one per cycle shows by the second.
// Five cycles, not thirty or ten: each takes 3-7 s of software WebGL (thirty were 3.3 min of a busy
// run, ten 39 s), and every cycle after the second repeats the same checks.
const CYCLES = 5;

test(`mount and destroy ${CYCLES} times: no WebGL context or listener is left behind`, async ({ page }) => {
  test.setTimeout(150_000);
  const seen = watch(page);
  await page.addInitScript(() => {
    // Every WebGL context the page creates, and the listeners added to window and document.
    const contexts: WebGLRenderingContext[] = [];
    const getContext = HTMLCanvasElement.prototype.getContext;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (HTMLCanvasElement.prototype as any).getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      const ctx = (getContext as (...a: unknown[]) => unknown).call(this, type, ...rest);
      if (/webgl/.test(type) && ctx && !contexts.includes(ctx as WebGLRenderingContext)) contexts.push(ctx as WebGLRenderingContext);
      return ctx;
    };
    const listeners = new Map<string, number>();
    const keyOf = (target: EventTarget, type: string) => (target === window ? `window:${type}` : target === document ? `document:${type}` : null);
    const add = EventTarget.prototype.addEventListener;
    const remove = EventTarget.prototype.removeEventListener;
    const registered = new WeakMap<object, Set<string>>();
    EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, fn: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) {
      const key = keyOf(this, type);
      const capture = typeof options === 'boolean' ? options : !!options?.capture;
      if (key && fn) {
        const seenFor = registered.get(fn) ?? new Set<string>();
        if (!seenFor.has(`${key}:${capture}`)) {
          seenFor.add(`${key}:${capture}`);
          registered.set(fn, seenFor);
          listeners.set(key, (listeners.get(key) ?? 0) + 1);
        }
      }
      return add.call(this, type, fn, options);
    };
    EventTarget.prototype.removeEventListener = function (this: EventTarget, type: string, fn: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) {
      const key = keyOf(this, type);
      const capture = typeof options === 'boolean' ? options : !!options?.capture;
      if (key && fn && registered.get(fn)?.delete(`${key}:${capture}`)) listeners.set(key, (listeners.get(key) ?? 1) - 1);
      return remove.call(this, type, fn, options);
    };
    Object.assign(window, {
      __contexts: () => ({ created: contexts.length, live: contexts.filter((c) => !c.isContextLost()).length }),
      __listeners: () => Object.fromEntries([...listeners].filter(([, n]) => n > 0)),
    });
  });
  await page.route('**/__mount-test.html', (route) => route.fulfill({ contentType: 'text/html', body: HOST_PAGE }));
  await page.goto('./__mount-test.html');
  await page.waitForFunction(() => !!customElements.get('story-map'));

  type Probe = { __contexts: () => { created: number; live: number }; __listeners: () => Record<string, number> };
  const contexts = () => page.evaluate(() => (window as unknown as Probe).__contexts());
  const listeners = () => page.evaluate(() => (window as unknown as Probe).__listeners());
  let afterFirst: Record<string, number> = {};
  let mounted: Record<string, number> = {};
  const total = (l: Record<string, number>) => Object.values(l).reduce((a, b) => a + b, 0);
  for (let i = 0; i < CYCLES; i++) {
    await page.evaluate(() => {
      const el = document.createElement('story-map');
      el.setAttribute('story', 'cgtn-2020-01-09');
      document.getElementById('host')!.append(el);
    });
    await expect(page.locator('story-map [data-map-ready]')).toBeAttached({ timeout: 45_000 });
    expect((await contexts()).live, `mount ${i + 1}`).toBe(1);
    if (i === 0) mounted = await listeners();
    await page.evaluate(() => document.querySelector('story-map')!.remove());
    await expect(page.locator('story-map')).toHaveCount(0);
    // MapLibre's remove() gives its context back (WEBGL_lose_context) as the app is destroyed.
    await expect.poll(async () => (await contexts()).live, { message: `after destroy ${i + 1}` }).toBe(0);
    if (i === 0) afterFirst = await listeners();
  }
  const end = await contexts();
  expect(end.created).toBeGreaterThanOrEqual(CYCLES);
  expect(end.live).toBe(0);
  // The probe sees the app's own listeners (e.g. its window keydown for Escape) while it is mounted…
  expect(total(mounted)).toBeGreaterThan(total(afterFirst));
  expect(mounted['window:keydown']).toBeGreaterThan(afterFirst['window:keydown'] ?? 0);
  // …and whatever the first mount left for good (shared, once per page) is all there is after the last.
  expect(await listeners()).toEqual(afterFirst);
  expect(seen.errors).toEqual([]);
});
