// A reader's page kept open from one test to the next. Opening a story costs 4-9 s of software
// WebGL here (a page load is some 9 CPU-seconds: docs/performance.md), and many tests open the same
// story at the same size and then do something to it. Those ask for `reader(path, options)` instead
// of `page` + `openStory`: the first opens the story (and checks its load as `watch` would: no
// console or page error, nothing asked of another host); the next gets the same page back in the
// state it opened in, or, when it cannot be put back, a freshly opened one.
//
// "Put back" is checked, not assumed: right after the story opens, the page's state is written down
// (what `stateOf` reads: the URL, the window and media, every control's pressed, expanded, checked
// or open state and class, which passages and features are marked, scroll positions, focus, the
// camera). Before a test gets the page again, it is reset as a reader could (Escape, an empty
// fragment or the page's own link again, Reset view, scrolled up, focus back to the document's
// start), and the state is read again: if anything differs, the page is loaded again. So a test
// that leaves a mess costs one page load, as it did before, and never hands it to the next test.
// READER_LOG=1 prints what was kept, and what differed.
//
// What is not put back, and so what a test that uses a reader must not depend on: what happened
// while the page loaded (its requests, console lines, first paint: tests of those open their own
// page), the browser's history (tests of Back open their own), the announcer's last words, and the
// map's tile cache and label placement (MapLibre keeps a name on the side it last stood: tests of
// where names first stand open their own page).
import { expect, test as base, type BrowserContextOptions, type Page } from '@playwright/test';
import type { ProbedElement } from '../../src/lib/map/probe';
import { openStory, watch } from './helpers';

/** How a reader's page is opened: its context's options (viewport, touch, reduced motion...). */
export type ReaderOptions = Pick<BrowserContextOptions, 'viewport' | 'hasTouch' | 'isMobile' | 'reducedMotion' | 'deviceScaleFactor' | 'colorScheme'>;

interface Camera {
  zoom: number;
  center: [number, number];
}

interface Shelved {
  page: Page;
  /** How many tests have had it. */
  uses: number;
  path: string;
  camera: Camera | null;
  state: string;
}

const cameraOf = (page: Page): Promise<Camera | null> =>
  page.evaluate(() => {
    const probe = (document.querySelector('.map') as ProbedElement | null)?.storyMapProbe;
    return probe ? { zoom: probe.zoom(), center: probe.center() } : null;
  });

/** How many pages are kept open at once (the one used least is closed first). */
const KEEP = 8;

/** Everything about the page a test could have changed and that the next one could see. */
export async function stateOf(page: Page, opening: Camera | null): Promise<string> {
  return page.evaluate((opening) => {
    const describe = (el: Element) => {
      const input = el as HTMLInputElement;
      const details = el as HTMLDetailsElement;
      return [
        el.tagName,
        el.id,
        el.getAttribute('class') ?? '',
        el.getAttribute('aria-expanded'),
        el.getAttribute('aria-pressed'),
        el.getAttribute('aria-current'),
        el.getAttribute('aria-selected'),
        el.getAttribute('aria-hidden'),
        el.getAttribute('data-feature'),
        'checked' in input ? input.checked : null,
        'value' in input && el.tagName === 'INPUT' ? input.value : null,
        el.tagName === 'DETAILS' ? details.open : null,
        (el as HTMLElement).hidden,
      ].join('|');
    };
    // Controls, passages, place names, panels: their state lives in these attributes and classes.
    const marked = [...document.querySelectorAll('button, input, select, details, dialog, [role="menu"], [aria-expanded], [aria-pressed], [aria-current], [hidden], [data-passage], [data-feature], .card, .legend, mark')].map(describe);
    const scrolled = [...document.querySelectorAll('*')].filter((el) => el.scrollTop || el.scrollLeft).map((el) => `${el.tagName}.${el.getAttribute('class') ?? ''}:${el.scrollTop},${el.scrollLeft}`);
    const probe = (document.querySelector('.map') as ProbedElement | null)?.storyMapProbe;
    return JSON.stringify({
      url: location.pathname + location.search + location.hash,
      window: [innerWidth, innerHeight, devicePixelRatio],
      media: ['(forced-colors: active)', '(prefers-reduced-motion: reduce)', 'print', '(prefers-color-scheme: dark)', '(prefers-contrast: more)'].map((q) => matchMedia(q).matches),
      page: [scrollX, scrollY],
      focus: document.activeElement === document.body || document.activeElement === null,
      textSelected: String(getSelection() ?? ''),
      // Within a hundredth of a zoom level and a pixel of where it opened: Reset view frames the story
      // from the map's size now, the opening from the page's first layout, a thousandth of a level apart.
      camera: !probe || !opening ? null : (() => {
        const at = probe.project(opening.center);
        const box = document.querySelector('.map')!.getBoundingClientRect();
        const same = Math.abs(probe.zoom() - opening.zoom) < 0.01 && Math.hypot(at.x - box.width / 2, at.y - box.height / 2) < 1;
        return same ? 'as opened' : [probe.zoom(), ...probe.center()];
      })(),
      moving: probe?.moving() ?? false,
      marked,
      scrolled,
    });
  }, opening);
}

/** Opens the story, as `openStory` does, and holds its load to what every test asked of it: no console error, no page error, nothing asked of another host. */
async function opened(page: Page, path: string) {
  const seen = watch(page);
  await openStory(page, path);
  await settle(page);
  expect(seen.errors, `console errors while ${path} opened`).toEqual([]);
  expect(seen.foreign, `requests to other hosts while ${path} opened`).toEqual([]);
}

/** The map at rest and drawn, nothing scrolling, the pointer off the page's controls. */
async function settle(page: Page) {
  await page.mouse.move(0, 0);
  await page.locator('.map').evaluate((el) => (el as ProbedElement).storyMapProbe!.idle!());
  // A passage brought into view scrolls smoothly: at rest when three frames in a row read the same.
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        let last = -1;
        let same = 0;
        const look = () => {
          const now = [...document.querySelectorAll('*')].reduce((n, el) => n + el.scrollTop + el.scrollLeft, scrollY);
          same = now === last ? same + 1 : 0;
          last = now;
          if (same >= 3) done();
          else requestAnimationFrame(look);
        };
        look();
      }),
  );
}

/** What differs between two states, for READER_LOG. */
function differences(was: string, now: string): string {
  const a = JSON.parse(was) as Record<string, unknown>;
  const b = JSON.parse(now) as Record<string, unknown>;
  return Object.keys(a)
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((k) => {
      if (!Array.isArray(a[k]) || !Array.isArray(b[k])) return `${k}: ${JSON.stringify(a[k])} -> ${JSON.stringify(b[k])}`;
      const x = a[k] as unknown[], y = b[k] as unknown[];
      const gone = x.filter((v) => !y.includes(v)).slice(0, 4), added = y.filter((v) => !x.includes(v)).slice(0, 4);
      return `${k} (${x.length} -> ${y.length}): - ${JSON.stringify(gone)} + ${JSON.stringify(added)}`;
    })
    .join('; ');
}

/** Puts a reader's page back as it opened, as a reader would: true when it is. */
async function putBack(shelved: Shelved): Promise<boolean> {
  const { page } = shelved;
  if (page.isClosed()) return false;
  try {
    // What a test listened to or intercepted ends with it.
    for (const type of ['console', 'pageerror', 'request', 'requestfinished', 'requestfailed', 'response', 'dialog', 'popup', 'framenavigated', 'load', 'domcontentloaded'])
      page.removeAllListeners(type);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.evaluate(() => {
      getSelection()?.removeAllRanges();
      // An empty fragment is the story's defaults: no selection, its layers, its opening view.
      if (location.hash) location.hash = '';
    });
    const reset = page.getByRole('button', { name: 'Reset view' });
    if (await reset.isVisible()) await reset.click();
    await settle(page);
    await page.evaluate(() => {
      // Scrolled back up at once: the page, the text, the legend, the card.
      for (const el of document.querySelectorAll('*')) if (el.scrollTop || el.scrollLeft) el.scrollTo({ top: 0, left: 0, behavior: 'instant' });
      scrollTo({ top: 0, left: 0, behavior: 'instant' });
      // Focus as on a page just opened: on nothing, and the first Tab goes to the page's first
      // control (blurring alone leaves Tab to go on from the element that had it).
      const root = document.documentElement;
      root.tabIndex = -1;
      root.focus({ preventScroll: true });
      root.blur();
      root.removeAttribute('tabindex');
    });
    // A page opened on a link is given its link again, as a reader would paste it.
    const hash = shelved.path.includes('#') ? shelved.path.slice(shelved.path.indexOf('#')) : '';
    if (hash) {
      await page.evaluate((h) => (location.hash = h), hash);
      await settle(page);
    }
    const now = await stateOf(page, shelved.camera);
    if (now !== shelved.state && process.env.READER_LOG) console.log(`reader: differs: ${differences(shelved.state, now)}`);
    return now === shelved.state;
  } catch {
    return false;
  }
}

export const test = base.extend<{ reader: (path?: string, options?: ReaderOptions) => Promise<Page> }, { shelf: Map<string, Shelved> }>({
  shelf: [
    async ({ browser }, use) => {
      const shelf = new Map<string, Shelved>();
      await use(shelf);
      for (const { page } of shelf.values()) await page.context().close();
    },
    { scope: 'worker' },
  ],
  // The test's own options (test.use, the config) are the defaults; a test's argument adds to them.
  reader: async ({ browser, shelf, baseURL, viewport, hasTouch, isMobile, reducedMotion, deviceScaleFactor, colorScheme }, use) => {
    await use(async (path = './', asked = {}) => {
      const options: ReaderOptions = { viewport, hasTouch, isMobile, reducedMotion, deviceScaleFactor, colorScheme, ...asked };
      const key = JSON.stringify([path, options]);
      const kept = shelf.get(key);
      shelf.delete(key);
      if (kept && (await putBack(kept))) {
        kept.uses++;
        shelf.set(key, kept);
        if (process.env.READER_LOG) console.log(`reader: kept ${key}`);
        return kept.page;
      }
      if (process.env.READER_LOG) console.log(`reader: ${kept ? 'not as it opened, opened again' : 'opened'} ${key}`);
      if (kept) await kept.page.context().close();
      while (shelf.size >= KEEP) {
        // The one used least, the oldest of those: a size one test opens makes way before the story's usual one.
        const [least, { page }] = [...shelf].reduce((a, b) => (b[1].uses < a[1].uses ? b : a));
        shelf.delete(least);
        await page.context().close();
      }
      const context = await browser.newContext({ ...options, baseURL });
      const page = await context.newPage();
      await opened(page, path);
      const camera = await cameraOf(page);
      const entry = { page, path, uses: 1, camera, state: await stateOf(page, camera) };
      shelf.set(key, entry);
      return page;
    });
  },
});

export { expect };
