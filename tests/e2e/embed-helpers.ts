// Helpers for the embed tests: counting live WebGL contexts in every frame, reading an embed's map
// (in an iframe or a shadow root), and the example host pages.
import { expect, type Frame, type Locator, type Page } from '@playwright/test';
import type { ProbedElement } from '../../src/lib/map/probe';
import { waitForMapIdle } from './helpers';

export const NEWS = 'examples/news.html';
export const STRICT = 'examples/strict-csp.html';
export const MANY = 'examples/many.html';

/**
 * Counts WebGL contexts as they are created and lost, in the page and in every frame (an init
 * script runs in each). MapLibre's remove() loses its context on purpose, so `live` is what the
 * page holds. Also records CSP violations.
 */
export async function instrument(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __gl: { created: number; live: number }; __csp: string[] };
    w.__gl = { created: 0, live: 0 };
    w.__csp = [];
    const seen = new WeakSet<HTMLCanvasElement>();
    const getContext = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      const ctx = (getContext as (...a: unknown[]) => unknown).call(this, type, ...rest);
      if (ctx && /webgl/.test(type) && !seen.has(this)) {
        seen.add(this);
        w.__gl.created++;
        w.__gl.live++;
        this.addEventListener('webglcontextlost', () => w.__gl.live--, { once: true });
      }
      return ctx;
    } as typeof getContext;
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
}

/** Live WebGL contexts in the page and all its frames. */
export async function liveContexts(page: Page): Promise<number> {
  let n = 0;
  for (const f of page.frames()) n += await f.evaluate(() => (window as unknown as { __gl?: { live: number } }).__gl?.live ?? 0).catch(() => 0);
  return n;
}

/** CSP violations recorded in the page and all its frames. */
export async function violations(page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const f of page.frames()) out.push(...(await f.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []).catch(() => [])));
  return out;
}

/** The root to look for an embed's parts in: the iframe's document, or the element (Playwright pierces open shadow roots). */
export function embed(page: Page, id: string): { root: Locator | ReturnType<Page['frameLocator']>; kind: 'frame' | 'element' } {
  return id.includes('frame')
    ? { root: page.frameLocator(`#${id}`), kind: 'frame' }
    : { root: page.locator(`#${id}`), kind: 'element' };
}

export async function waitForMap(page: Page, id: string, timeout = 45_000) {
  await expect(embed(page, id).root.locator('[data-map-ready]')).toBeAttached({ timeout });
}

/** Whether the embed holds a map now (a MapLibre canvas) or its placeholder. */
export async function hasMap(page: Page, id: string): Promise<boolean> {
  return (await embed(page, id).root.locator('canvas.maplibregl-canvas').count()) > 0;
}

/** The embed's map camera: centre and zoom. */
export async function camera(page: Page, id: string): Promise<{ center: [number, number]; zoom: number }> {
  return embed(page, id)
    .root.locator('.map')
    .evaluate((el) => {
      const p = (el as ProbedElement).storyMapProbe!;
      return { center: p.center(), zoom: p.zoom() };
    });
}

/** Waits for an embed's map to be at rest (see waitForMapIdle). */
export async function settle(page: Page, id: string) {
  await waitForMapIdle(page, embed(page, id).root.locator('.map'));
}
