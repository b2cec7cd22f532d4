// Drives one page load in headless Chromium and measures it: when the text and the map appear,
// click-to-highlight latency, frame intervals during a scripted pan and zoom,
// long tasks, the JS heap once the page has been used, and which files were fetched.
import type { Browser, Page } from '@playwright/test';
import { armClick, clickResult, installBenchProbe, mapMoving, mapQuiet, screenPoints, type BenchWindow, type ClickTiming } from './probe';
import type { BenchServer, Link } from './server';

/** `basemap`: the bare MapLibre page with the basemap alone (no story layer), the baseline for a big story's longest task. */
export type PageKind = 'app' | 'bare' | 'template' | 'basemap';
export const PAGE_KINDS: PageKind[] = ['app', 'bare', 'template'];

export interface Profile {
  name: string;
  viewport: { width: number; height: number };
  deviceScaleFactor: number;
  /** Emulated network (server side), or null for loopback speed. */
  link: Link | null;
}

/** Lighthouse's "slow 4G" as DevTools applies it: 562.5 ms request latency, 1.47 Mbit/s down. */
export const SLOW_4G: Link = { latencyMs: 562.5, kbps: 1474.56 };

export const PROFILES: Record<string, Profile> = {
  desktop: { name: 'desktop', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, link: null },
  'phone-4g': { name: 'phone-4g', viewport: { width: 390, height: 800 }, deviceScaleFactor: 2, link: SLOW_4G },
};

/**
 * Something to click and what it should highlight. `map`: a point feature on the map, whose passage
 * should light up. `text`: a passage in the article, whose (first) feature should be drawn highlighted.
 */
export interface Target {
  via: 'map' | 'text';
  key: string;
  passage: string | null;
  /** Where the feature is (map clicks). */
  lngLat?: [number, number];
}

export interface Resource {
  /** Path on the bench server, e.g. "/assets/index-abc.js". */
  path: string;
  /** Finished before the map's first idle (needed for the first render). */
  beforeIdle: boolean;
  /** When the response ended, ms after navigation start (main-thread requests only). */
  end?: number;
}

export interface RunResult {
  page: PageKind;
  story: string;
  profile: string;
  /** ms after navigation start. */
  fcp?: number;
  /** The first contentful paint's frame, rendered on the main thread (before it was presented). */
  fcpRendered?: number;
  /** When the page's own code first ran (the app's 'story-map:script' mark, in start-page.ts, which its entry loads after the first frame). */
  scriptStart?: number;
  /** Text painted (paint timing), or else when it entered the DOM. */
  textVisible?: number;
  /** When the text entered the DOM (an earlier bound than textVisible). */
  textInDom?: number;
  staticMap?: number;
  mapLoaded?: number;
  mapIdle?: number;
  /** The app's page: when it was live (hydrated, its map taken over and ready). */
  appLive?: number;
  /** When the maplibre-gl chunk finished downloading (ms after navigation start). */
  maplibreDownloaded?: number;
  /** When maplibre-gl was evaluated and ready to use (the page's 'story-map:maplibre-ready' mark). */
  maplibreLoaded?: number;
  /** JS heap after a full collection, once the page has been loaded, clicked and panned. */
  heapBytes?: number;
  /** WebGL programs linked by map idle, and the main thread's time compiling and linking them (ms). */
  glPrograms?: number;
  glMs?: number;
  /** Click-to-highlight latencies in ms (pointerdown to both highlights drawn). */
  clicks: number[];
  /** What was clicked: features on the map, or passages (when no feature could be clicked). */
  clickVia?: 'map' | 'text';
  /** Clicks that did not produce the expected highlight in time. */
  clickMisses: number;
  frames: number[];
  longTasks: { start: number; duration: number }[];
  resources: Resource[];
  errors: string[];
}

const SELECTORS: Record<PageKind, Record<string, string>> = {
  // The app's map is idle for the reader when it has drawn everything and is shown: the early map of
  // a prerendered page (early-map.ts), shown before the app hydrates, or the map component's.
  // appLive: the app has hydrated and taken the map over (clicks are timed after it).
  app: { textVisible: '.text-pane h1, .text-pane [data-passage]', staticMap: '[data-static-map]', mapLoaded: '.map[data-map-loaded], .early-map[data-map-loaded]', mapIdle: '.map[data-map-ready], .early-map[data-map-shown]', appLive: '.map[data-map-ready]' },
  bare: { mapLoaded: '[data-map-loaded]', mapIdle: '[data-map-ready]' },
  basemap: { mapLoaded: '[data-map-loaded]', mapIdle: '[data-map-ready]' },
  template: { textVisible: '#story h1, .step p', mapLoaded: '[data-map-loaded]', mapIdle: '[data-map-ready]' },
};

export function pageUrl(base: string, page: PageKind, story: string): string {
  const q = `?story=${encodeURIComponent(story)}`;
  if (page === 'basemap') return `${base}bench/bare/${q}&layers=none`;
  return page === 'app' ? `${base}${q}` : `${base}bench/${page}/${q}`;
}

export interface MeasureOptions {
  page: PageKind;
  story: string;
  profile: Profile;
  targets: Target[];
  /** How many clicks to time. */
  clicks: number;
  /** Run the scripted pan and zoom. */
  gestures: boolean;
  /** Give up waiting for the map after this long. */
  timeoutMs: number;
  /** Server paths of the JS chunks that hold maplibre-gl. */
  maplibreChunks: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function settle(page: Page, maxMs = 5000) {
  const until = Date.now() + maxMs;
  await sleep(120);
  while (Date.now() < until && (await page.evaluate(mapMoving))) await sleep(50);
}

export async function measurePage(browser: Browser, server: BenchServer, o: MeasureOptions): Promise<RunResult> {
  const context = await browser.newContext({ viewport: o.profile.viewport, deviceScaleFactor: o.profile.deviceScaleFactor, serviceWorkers: 'block' });
  const page = await context.newPage();
  const result: RunResult = { page: o.page, story: o.story, profile: o.profile.name, clicks: [], clickMisses: 0, frames: [], longTasks: [], resources: [], errors: [] };
  const origin = new URL(server.url).origin;
  let idle = false;
  const finished: Resource[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') result.errors.push(m.text());
  });
  page.on('pageerror', (e) => result.errors.push(e.message));
  page.on('requestfinished', (r) => {
    const u = new URL(r.url());
    if (u.origin === origin) finished.push({ path: u.pathname, beforeIdle: !idle });
    else if (u.protocol.startsWith('http')) result.errors.push(`request to another host: ${r.url()}`);
  });
  try {
    // tsx (esbuild) may wrap functions with __name(); give the page a no-op one.
    await page.addInitScript('window.__name = (f) => f;');
    await page.addInitScript(installBenchProbe, SELECTORS[o.page]);
    server.setLink(o.profile.link);
    await page.goto(pageUrl(server.url, o.page, o.story), { waitUntil: 'commit', timeout: o.timeoutMs });
    await page.waitForSelector(SELECTORS[o.page].mapIdle!, { state: 'attached', timeout: o.timeoutMs });
    idle = true;
    if (SELECTORS[o.page].appLive) await page.waitForSelector(SELECTORS[o.page].appLive!, { state: 'attached', timeout: o.timeoutMs });
    await sleep(100);
    const marks = await page.evaluate(() => {
      const B = (window as unknown as BenchWindow).__bench;
      return {
        marks: B.marks,
        painted: B.painted,
        fcp: B.fcp,
        fcpRendered: B.fcpRendered,
        script: performance.getEntriesByName('story-map:script')[0]?.startTime,
        gl: B.gl,
        ready: performance.getEntriesByName('story-map:maplibre-ready')[0]?.startTime,
        resources: performance.getEntriesByType('resource').map((e) => ({ name: e.name, end: (e as PerformanceResourceTiming).responseEnd })),
      };
    });
    Object.assign(result, marks.marks, marks.painted);
    result.textInDom = marks.marks.textVisible;
    // The picture is in the HTML: it shows on the first paint after it is parsed (an SVG counts
    // as contentful for First Contentful Paint), or at once when it came later than that.
    if (marks.marks.staticMap !== undefined) result.staticMap = Math.max(marks.marks.staticMap, marks.fcp ?? 0);
    result.fcp = marks.fcp;
    result.fcpRendered = marks.fcpRendered;
    result.scriptStart = marks.script;
    result.glPrograms = marks.gl.programs;
    result.glMs = marks.gl.ms;
    const ends = new Map(marks.resources.map((r) => [new URL(r.name).pathname, r.end]));
    // Before idle by the page's own clock where it timed the file (the main thread's requests):
    // the browser tells this script about a finished request, and the map's idle, a little late.
    const idleAt = marks.marks.mapIdle;
    if (idleAt !== undefined) for (const r of finished) {
      const end = ends.get(r.path);
      if (end !== undefined) r.beforeIdle = end <= idleAt;
    }
    result.maplibreDownloaded = [...ends].find(([p]) => o.maplibreChunks.includes(p))?.[1];
    result.maplibreLoaded = marks.ready;

    await settle(page);

    if (o.page !== 'template' && o.clicks > 0) {
      const onMap = o.targets.filter((t) => t.via === 'map' && t.lngLat);
      const points = await page.evaluate(screenPoints, onMap.map((t) => t.lngLat!));
      let plan: { t: Target; at: () => Promise<{ x: number; y: number } | null> }[] = onMap
        .map((t, i) => ({ t, p: points[i] }))
        .filter((x) => !!x.p)
        // Where the point is now, looked up just before its click: a selection may have moved the
        // map since the plan was made (the app keeps a selected feature clear of its card).
        .map(({ t }) => ({ t, at: async () => (await page.evaluate(screenPoints, [t.lngLat!]))[0] ?? null }));
      result.clickVia = 'map';
      if (!plan.length && o.page === 'app') {
        // No feature clickable on the map (e.g. all inside clusters): click passages instead.
        result.clickVia = 'text';
        plan = o.targets
          .filter((t) => t.via === 'text' && t.passage)
          .map((t) => ({
            t,
            at: async () => {
              const el = page.locator(`[data-passage="${t.passage}"]`);
              await el.scrollIntoViewIfNeeded();
              await sleep(200);
              const b = await el.boundingBox();
              return b ? { x: b.x + Math.min(b.width / 2, 200), y: b.y + Math.min(b.height / 2, 12) } : null;
            },
          }));
      }
      for (let i = 0; i < o.clicks && plan.length; i++) {
        const { t, at } = plan[i % plan.length]!;
        // Each click a new selection: clicking what is already selected changes nothing to time.
        if (o.page === 'app') {
          await page.keyboard.press('Escape');
          await settle(page, 2000);
        }
        const p = await at();
        if (!p) {
          result.clickMisses++;
          continue;
        }
        // The pointer comes to rest over the feature first, as a reader's does before they click
        // (the app draws a hover highlight then; a pointer arriving in the same instant as the
        // press would time that hover frame as well as the click).
        await page.mouse.move(p.x, p.y);
        // Both pages start each timed click from rest: no frame drawn for 250 ms (the app redraws
        // after the Escape above and the hover; a click landing on that frame would time the
        // frame, not the click).
        await page.evaluate(mapQuiet, { quietMs: 250, maxMs: 3000 });
        // The bare page highlights whatever is under the pointer; the app must highlight the target.
        await page.evaluate(armClick, { key: o.page === 'app' ? t.key : null, passage: o.page === 'app' ? t.passage : null, timeout: 3000 });
        await page.mouse.down();
        await page.mouse.up();
        const timing: ClickTiming = await page.evaluate(clickResult);
        const passageOk = o.page !== 'app' || t.passage === null || timing.passage !== undefined;
        if (timing.input !== undefined && timing.drawn !== undefined && passageOk) result.clicks.push(Math.max(timing.drawn, timing.passage ?? 0) - timing.input);
        else result.clickMisses++;
        await settle(page, 3000);
        await sleep(150);
      }
    }

    if (o.gestures) {
      const box = (await page.locator(o.page === 'template' ? 'body' : '.map').boundingBox())!;
      const cx = box.x + box.width * 0.6;
      const cy = box.y + Math.min(box.height, o.profile.viewport.height) * 0.5;
      // The drag starts on the map itself. After the clicks a feature's card may cover that point
      // (on a phone it covers the map's lower half): Escape closes it. A drag that began on the card
      // moved no map, and its frames read as the display's own rate (17 ms on the phone, before).
      // (The storytelling page's gesture scrolls the whole page: nothing covers it.)
      const covered = async () => o.page !== 'template' && !(await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.tagName === 'CANVAS', [cx, cy] as const));
      if (await covered()) {
        await page.keyboard.press('Escape');
        await settle(page, 3000);
      }
      if (await covered()) console.log(`  ${o.page} ${o.story}: the map is covered where the drag would start; pan/zoom frames not measured`);
      else {
        await page.mouse.move(cx, cy);
        await page.evaluate(() => (window as unknown as BenchWindow).__bench.startFrames());
        if (o.page === 'template') {
          // The template's map does not take the wheel: scrolling the story moves it, chapter by chapter.
          for (let i = 0; i < 12; i++) {
            await page.mouse.wheel(0, 250);
            await sleep(120);
          }
        } else {
          await page.mouse.down();
          for (let i = 1; i <= 30; i++) {
            await page.mouse.move(cx - i * 5, cy - i * 2);
            await sleep(16);
          }
          await page.mouse.up();
          for (const dy of [-100, -100, -100, -100, -100, 100, 100, 100, 100, 100]) {
            await page.mouse.wheel(0, dy);
            await sleep(80);
          }
        }
        await settle(page, 5000);
        result.frames = await page.evaluate(() => (window as unknown as BenchWindow).__bench.stopFrames());
      }
    }
    // The heap last, once the page has been used: the full collection it forces also throws away
    // compiled code, so clicks timed after it measured code run cold (a median of 136 ms against
    // 37 ms for the same clicks without it, in one A/B on this machine).
    await settle(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    result.heapBytes = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    result.longTasks = await page.evaluate(() => (window as unknown as BenchWindow).__bench.longTasks);
    result.resources = finished.map((r) => ({ ...r, end: ends.get(r.path) }));
  } catch (e) {
    result.errors.push(`bench: ${(e as Error).message.split('\n')[0]}`);
  } finally {
    server.setLink(null);
    await context.close();
  }
  return result;
}
