// The example news page (static/examples/news.html): two iframe embeds and two <story-map>
// elements among paragraphs. Sizing, scrolling, lazy maps and the host API, both ways.
import { expect, test, type Page } from '@playwright/test';
import { watch } from './helpers';
import { camera, embed, hasMap, instrument, liveContexts, MANY, NEWS, settle, waitForMap } from './embed-helpers';
import type { ProbedElement } from '../../src/lib/map/probe';

const TITLE = 'Putin, Erdogan urge restraint in Iran-U.S. tension and immediate ceasefire in Libya';
const EMBEDS = ['frame-a', 'element-a', 'frame-b', 'element-b'];
const TEHRAN: [number, number] = [51.42151, 35.69439];

/** The iframe's height on the host page and the height of the document inside it. */
async function frameHeights(page: Page, id: string) {
  const iframe = await page.locator(`#${id}`).evaluate((el) => el.getBoundingClientRect().height);
  const content = await page.frameLocator(`#${id}`).locator('html').evaluate((el) => el.getBoundingClientRect().height);
  return { iframe, content };
}

const scrollY = (page: Page) => page.evaluate(() => window.scrollY);

/** Where a lng/lat is on the page, for an embed's map. */
async function pointIn(page: Page, id: string, lngLat: [number, number]) {
  const map = embed(page, id).root.locator('.map');
  const box = (await map.boundingBox())!;
  const p = await map.evaluate((el, ll) => (el as ProbedElement).storyMapProbe!.project(ll), lngLat);
  return { x: box.x + p.x, y: box.y + p.y };
}

/**
 * Calls a method of an iframe embed's host API (embed-host.js, the module the page already loaded),
 * and when `event` is given, resolves with the detail of the next such event.
 */
async function frameCall<T = unknown>(page: Page, id: string, event: string | null, method: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    async ({ id, event, method, args }): Promise<unknown> => {
      const { connect } = await import(new URL('../embed-host.js', location.href).href);
      const f = connect(document.getElementById(id));
      if (!event) return f[method](...args);
      return new Promise<unknown>((resolve) => {
        const off = f.on(event, (d: unknown) => {
          off();
          resolve(d);
        });
        f[method](...args);
      });
    },
    { id, event, method, args },
  ) as Promise<T>;
}

test('each embed is as tall as its content, and only embeds near the viewport hold a map', async ({ page }) => {
  await instrument(page);
  const seen = watch(page);
  await page.goto(NEWS);
  await waitForMap(page, 'frame-a');
  // Every embed shows its article at once, map or not.
  // Its headline an h2 under the page's own h1 (heading-level.ts): the page keeps its one h1.
  for (const id of EMBEDS) await expect(embed(page, id).root.getByRole('heading', { level: 2 }).first(), id).toHaveText(TITLE);
  for (const id of EMBEDS) await expect(embed(page, id).root.getByRole('heading', { level: 1 }), id).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  // Each iframe its own height: frame-b asks for 520 in its src.
  expect(await frameHeights(page, 'frame-a')).toEqual({ iframe: 608, content: 608 });
  await expect.poll(() => frameHeights(page, 'frame-b')).toEqual({ iframe: 520, content: 520 });
  for (const id of ['element-a', 'element-b']) expect((await page.locator(`#${id}`).boundingBox())!.height, id).toBe(608);

  // Only the first embed is near the screen: one map, one WebGL context; the others show a placeholder.
  expect(await hasMap(page, 'frame-a')).toBe(true);
  for (const id of ['element-a', 'frame-b', 'element-b']) {
    expect(await hasMap(page, id), id).toBe(false);
    await expect(embed(page, id).root.locator('[data-map-placeholder]'), id).toBeAttached();
  }
  expect(await liveContexts(page)).toBe(1);

  // At the bottom of the article: the last two have maps, the first two have let theirs go.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await waitForMap(page, 'element-b');
  await waitForMap(page, 'frame-b');
  await expect.poll(() => hasMap(page, 'frame-a')).toBe(false);
  await expect.poll(() => hasMap(page, 'element-a')).toBe(false);
  await expect.poll(() => liveContexts(page)).toBe(2);

  // Back to the top: the first map comes back.
  await page.evaluate(() => window.scrollTo(0, 0));
  await waitForMap(page, 'frame-a');
  await expect.poll(() => hasMap(page, 'element-b')).toBe(false);
  expect(await liveContexts(page)).toBeLessThanOrEqual(2);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('at phone width the embeds stack map over text, and each iframe follows its new height', async ({ page }) => {
  await page.goto(NEWS);
  await waitForMap(page, 'frame-a');
  expect(await frameHeights(page, 'frame-a')).toEqual({ iframe: 608, content: 608 });
  await page.setViewportSize({ width: 390, height: 800 });
  // Stacked, an embed is as tall as its content: the map, then the whole text (no scroll box in the page).
  for (const id of ['frame-a', 'frame-b']) {
    await expect.poll(async () => { const h = await frameHeights(page, id); return Math.abs(h.iframe - h.content) <= 1 && h.iframe > 1500; }, id).toBe(true);
  }
  for (const id of ['element-a', 'element-b']) await expect.poll(async () => (await page.locator(`#${id}`).boundingBox())!.height, id).toBeGreaterThan(1500);
  for (const id of ['frame-a', 'element-a']) {
    const map = (await embed(page, id).root.locator('.map-pane').boundingBox())!;
    const text = (await embed(page, id).root.locator('.text-pane').boundingBox())!;
    expect(text.y, id).toBeGreaterThanOrEqual(map.y + map.height - 1);
    expect(map.width, id).toBeGreaterThan(340);
  }
  // And back.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect.poll(() => frameHeights(page, 'frame-a')).toEqual({ iframe: 608, content: 608 });
});

test('a phone held sideways: the embeds in the column stay stacked and as tall as their text, never cut off beside the map', async ({ page }) => {
  // 600 x 390: short and wide, where the page itself sets text and map side by side, and the
  // embeds' column narrow enough (640 px or less) for them to stack and grow. An embed that grows
  // has no height to share: side by side, it fell to its map's 400 px and the text under its first
  // lines could not be reached (a reader's review, a 640 px column on a phone held sideways).
  await page.setViewportSize({ width: 600, height: 390 });
  await page.goto(NEWS);
  await waitForMap(page, 'frame-a');
  await expect.poll(async () => { const h = await frameHeights(page, 'frame-a'); return Math.abs(h.iframe - h.content) <= 1 && h.iframe > 1500; }).toBe(true);
  await expect.poll(async () => (await page.locator('#element-a').boundingBox())!.height).toBeGreaterThan(1500);
  for (const id of ['frame-a', 'element-a']) {
    const root = embed(page, id).root;
    const map = (await root.locator('.map-pane').boundingBox())!;
    const text = (await root.locator('.text-pane').boundingBox())!;
    expect(text.y, id).toBeGreaterThanOrEqual(map.y + map.height - 1);
    // The whole text is laid out in the page, none of it clipped in a box of its own.
    const clipped = await root.locator('.text-pane').evaluate((el) => el.scrollHeight - el.clientHeight);
    expect(clipped, id).toBeLessThanOrEqual(1);
    expect(text.height, id).toBeGreaterThan(1000);
  }
});

test('in a 640 px column of a tall window, a stacked embed’s notes fold under its 400 px map', async ({ page }) => {
  // The notes opened by the app's height, thousands of pixels for an embed as tall as its text:
  // five notes and the credits took half of the map (196 of 400 px, a reader's review).
  await page.setViewportSize({ width: 640, height: 900 });
  await page.goto(NEWS);
  await waitForMap(page, 'frame-a');
  await page.locator('#element-a').scrollIntoViewIfNeeded();
  await waitForMap(page, 'element-a');
  for (const id of ['frame-a', 'element-a']) {
    const root = embed(page, id).root;
    await expect(root.locator('.attribution')).toHaveClass(/measured/);
    await expect(root.locator('.attribution .notes'), id).not.toHaveAttribute('open', '');
    // The map keeps seven tenths of its 400 px: the folded notes' line, the credits' and the
    // colours' key (the legend is folded in a 640 px app; Libya's three sides and Syria's two) under it.
    expect((await root.locator('.map-box').boundingBox())!.height, id).toBeGreaterThan(280);
  }
  // A desktop page's map, as tall as the window, still shows them open.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('./');
  await expect(page.locator('.attribution .notes')).toHaveAttribute('open', '');
});

test('scrolling the page over a map scrolls the page; Ctrl + wheel zooms the map', async ({ page }) => {
  await page.goto(NEWS);
  await page.evaluate(() => window.scrollTo(0, 300));
  await waitForMap(page, 'frame-a');
  await settle(page, 'frame-a');
  for (const id of ['frame-a', 'element-a']) {
    if (id === 'element-a') {
      await page.evaluate(() => document.getElementById('element-a')!.scrollIntoView({ block: 'center' }));
      await waitForMap(page, id);
      await settle(page, id);
    }
    const z0 = (await camera(page, id)).zoom;
    // Over open map (clear of the legend, the zoom buttons and the card).
    const map = (await embed(page, id).root.locator('.map').boundingBox())!;
    await page.mouse.move(map.x + map.width * 0.8, map.y + map.height * 0.7);
    // The map's own hint (how to zoom instead) flashes for a moment: record that it showed.
    await embed(page, id)
      .root.locator('.maplibregl-cooperative-gesture-screen')
      .evaluate((el) => new MutationObserver(() => el.classList.contains('maplibregl-show') && el.setAttribute('data-shown', '')).observe(el, { attributes: true, attributeFilter: ['class'] }));
    const y0 = await scrollY(page);
    await page.mouse.wheel(0, 400);
    await expect.poll(() => scrollY(page), id).toBeGreaterThan(y0 + 200);
    await expect(embed(page, id).root.locator('.maplibregl-cooperative-gesture-screen[data-shown]'), id).toBeAttached();
    expect((await camera(page, id)).zoom, id).toBeCloseTo(z0, 5);

    const now = (await embed(page, id).root.locator('.map').boundingBox())!;
    await page.mouse.move(now.x + now.width * 0.8, now.y + now.height * 0.7);
    const y1 = await scrollY(page);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -300);
    await page.keyboard.up('Control');
    await expect.poll(async () => (await camera(page, id)).zoom, id).toBeGreaterThan(z0 + 0.2);
    expect(await scrollY(page), id).toBe(y1);
    // On touch screens one finger scrolls the page (the browser's own panning) and two move the map.
    expect(await embed(page, id).root.locator('canvas.maplibregl-canvas').evaluate((c) => getComputedStyle(c).touchAction), id).toBe('pan-x pan-y');
  }
  // The standalone page is the map's own: full interaction, touch included.
  await page.goto('./');
  await expect(page.locator('[data-map-ready]')).toBeAttached({ timeout: 45_000 });
  expect(await page.locator('canvas.maplibregl-canvas').evaluate((c) => getComputedStyle(c).touchAction)).toBe('none');
  expect(await page.locator('.maplibregl-cooperative-gesture-screen').count()).toBe(0);
});

test('a host script that starts after the iframe has loaded hears `ready` once, however often it greets', async ({ page }) => {
  await page.goto(NEWS);
  await page.evaluate(() => {
    const iframe = document.createElement('iframe');
    iframe.id = 'frame-late';
    iframe.title = 'Story map (late host script)';
    iframe.src = '../embed.html?story=cgtn-2020-01-09';
    document.getElementById('host-p1')!.after(iframe);
  });
  // The story inside has loaded (and said hello and `ready` to nobody) before any script connects.
  await expect(page.frameLocator('#frame-late').locator('[data-passage]').first()).toBeVisible({ timeout: 30_000 });
  const heard = await page.evaluate(async () => {
    const iframe = document.getElementById('frame-late') as HTMLIFrameElement;
    let n = 0;
    iframe.addEventListener('story-map:ready', () => n++);
    // `ready` messages from the embed as they reach this window. This listener comes after the host
    // script's (it has run since the page loaded), so when it hears one, the host script has too.
    let messages = 0;
    let arrived = () => {};
    window.addEventListener('message', (e) => {
      if (e.source !== iframe.contentWindow || (e.data as { type?: unknown })?.type !== 'story-map:v1:ready') return;
      messages++;
      arrived();
    });
    const readyMessages = (count: number) =>
      new Promise<void>((done) => {
        arrived = () => messages >= count && done();
        arrived();
      });
    const f = (await import(new URL('../embed-host.js', location.href).href)).connect(iframe);
    // The answer to the script's greeting on start…
    await readyMessages(1);
    // …and to a second one: the script greets on every load, and a second greeting gets a second answer.
    iframe.dispatchEvent(new Event('load'));
    await readyMessages(2);
    return { messages, n, story: f.ready?.story?.id };
  });
  // Two `ready` messages came; listeners heard one.
  expect(heard).toEqual({ messages: 2, n: 1, story: 'cgtn-2020-01-09' });
});

test('host API over postMessage: the page drives an iframe embed and hears back', async ({ page }) => {
  const seen = watch(page);
  await page.goto(NEWS);
  await waitForMap(page, 'frame-a');
  const frame = page.frameLocator('#frame-a');
  const ready = await page.evaluate(async () => (await import(new URL('../embed-host.js', location.href).href)).connect(document.getElementById('frame-a')).ready);
  expect(ready).toMatchObject({ story: { id: 'cgtn-2020-01-09', title: TITLE }, selection: { feature: null } });
  expect(ready.features).toContainEqual({ key: 'iraq-bases:tehran', layer: 'iraq-bases', name: 'Tehran' });
  const y0 = await scrollY(page);

  // Host -> embed -> host.
  const selected = await frameCall(page, 'frame-a', 'select', 'select', 'iraq-bases:tehran');
  expect(selected).toEqual({ feature: { key: 'iraq-bases:tehran', layer: 'iraq-bases', id: 'tehran', name: 'Tehran' }, passage: 'khamenei', passages: ['khamenei'], features: ['iraq-bases:tehran'], origin: 'api' });
  await expect(frame.locator('.card h4')).toHaveText('Tehran');
  await expect(frame.locator('[data-passage="khamenei"]')).toHaveClass(/active/);
  await expect(frame.locator('[data-passage="khamenei"]')).toBeInViewport();
  expect(await scrollY(page)).toBe(y0);

  // Embed -> host, as a DOM event on the iframe.
  const heard = page.evaluate(() => new Promise((r) => document.getElementById('frame-a')!.addEventListener('story-map:select', (e) => r((e as CustomEvent).detail), { once: true })));
  await frame.locator('[data-passage="libya-war"]').click({ position: { x: 120, y: 10 } });
  expect(await heard).toMatchObject({ feature: null, passage: 'libya-war', passages: ['libya-war'], origin: 'text' });

  const layers = await frameCall(page, 'frame-a', 'layerchange', 'setLayers', ['libya', 'istanbul']);
  expect(layers).toEqual({ layers: ['libya', 'istanbul'] });
  await expect(frame.locator('input[name="layer"][value="iraq-bases"]')).not.toBeChecked();
  await expect(frame.locator('input[name="layer"][value="istanbul"]')).toBeChecked();

  await settle(page, 'frame-a');
  const view = await frameCall<{ center: [number, number]; zoom: number }>(page, 'frame-a', 'viewchange', 'setView', { center: [13.19, 32.89], zoom: 6 });
  expect(view.center[0]).toBeCloseTo(13.19, 1);
  expect(view.center[1]).toBeCloseTo(32.89, 1);
  expect(view.zoom).toBeCloseTo(6, 1);

  const error = await frameCall(page, 'frame-a', 'error', 'select', 'libya:atlantis');
  expect(error).toEqual({ message: expect.stringContaining('libya:atlantis') });

  await frameCall(page, 'frame-a', 'select', 'clearSelection');
  await expect(frame.locator('.card')).toHaveCount(0);

  // The host's own article text drives the map (static/examples/host-text.js), and hears which of its links is selected.
  await page.locator('a[data-map="frame-a"][data-select="istanbul:istanbul"]').click();
  await expect(frame.locator('.card h4')).toHaveText('Istanbul');
  await expect(page.locator('a[data-map="frame-a"][data-select="istanbul:istanbul"]')).toHaveClass(/is-selected/);
  expect(seen.errors).toEqual([]);
});

test('host API on <story-map>: methods and DOM events; a selection scrolls the embed’s text, never the page', async ({ page }) => {
  const seen = watch(page);
  await page.goto(NEWS);
  const el = page.locator('#element-a');
  await el.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await waitForMap(page, 'element-a');
  await settle(page, 'element-a');
  expect(await el.evaluate((e) => (e as HTMLElement & { ready: boolean }).ready)).toBe(true);
  const pane = el.locator('.text-pane');
  expect(await pane.evaluate((p) => p.scrollTop)).toBe(0);
  const y0 = await scrollY(page);

  const detail = await el.evaluate(
    (e) =>
      new Promise((resolve) => {
        e.addEventListener('story-map:select', (ev) => resolve((ev as CustomEvent).detail), { once: true });
        (e as HTMLElement & { select: (t: string) => void }).select('syria-idlib:idlib-governorate');
      }),
  );
  expect(detail).toMatchObject({ feature: { key: 'syria-idlib:idlib-governorate' }, passage: 'idlib-truce', origin: 'api' });
  // The passage, far down the article, is brought into view inside the embed's text panel only.
  await expect(el.locator('[data-passage="idlib-truce"]')).toBeInViewport();
  expect(await pane.evaluate((p) => p.scrollTop)).toBeGreaterThan(200);
  expect(await scrollY(page)).toBe(y0);
  await expect(el.locator('.card h4')).toContainText('Idlib');

  // A click on the map is reported with the reader as origin.
  await el.evaluate((e) => (e as HTMLElement & { setView: (v: unknown) => void }).setView({ bounds: [40, 28, 56, 40] }));
  await settle(page, 'element-a');
  const heard = el.evaluate((e) => new Promise((r) => e.addEventListener('story-map:select', (ev) => r((ev as CustomEvent).detail), { once: true })));
  const p = await pointIn(page, 'element-a', TEHRAN);
  await page.mouse.click(p.x, p.y);
  expect(await heard).toMatchObject({ feature: { key: 'iraq-bases:tehran' }, origin: 'map' });
  expect(await scrollY(page)).toBe(y0);

  const layers = await el.evaluate(
    (e) =>
      new Promise((resolve) => {
        e.addEventListener('story-map:layerchange', (ev) => resolve((ev as CustomEvent).detail), { once: true });
        (e as HTMLElement & { setLayers: (l: string[]) => void }).setLayers(['turkstream']);
      }),
  );
  expect(layers).toEqual({ layers: ['turkstream'] });
  await expect(el.locator('input[name="layer"][value="libya"]')).not.toBeChecked();

  // Wrong arguments are a TypeError for the caller, not a silent failure.
  const thrown = await el.evaluate((e) => {
    const out: string[] = [];
    for (const call of [() => (e as unknown as { select: (t: unknown) => void }).select(42), () => (e as unknown as { setView: (v: unknown) => void }).setView({ center: [500, 0], zoom: 2 }), () => (e as unknown as { setLayers: (l: unknown) => void }).setLayers('libya')]) {
      try {
        call();
      } catch (err) {
        out.push((err as Error).name);
      }
    }
    return out;
  });
  expect(thrown).toEqual(['TypeError', 'TypeError', 'TypeError']);

  // The host's text links reach the element too.
  await page.locator('a[data-map="element-a"][data-select="turkstream:turkstream-offshore"]').click();
  await expect(el.locator('.card h4')).toContainText('TurkStream');
  expect(seen.errors).toEqual([]);
});

test('the page’s CSS does not reach into <story-map>, and the element’s CSS does not leak out', async ({ page }) => {
  await page.goto(NEWS);
  const el = page.locator('#element-a');
  await el.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await waitForMap(page, 'element-a');
  // The page sets a 62.5% root font size, serif body text, pink buttons; the embed keeps its own.
  const inside = await el.evaluate((e) => {
    const root = e.shadowRoot!;
    const cs = (sel: string) => getComputedStyle(root.querySelector(sel)!);
    return {
      passageFont: cs('[data-passage="lede"]').fontFamily,
      passageSize: cs('[data-passage="lede"]').fontSize,
      h1Size: cs('.headline').fontSize,
      zoomButton: cs('.maplibregl-ctrl-zoom-in').backgroundColor,
      zoomIcon: cs('.maplibregl-ctrl-zoom-in .maplibregl-ctrl-icon').backgroundImage,
      canvasPosition: cs('canvas.maplibregl-canvas').position,
      // Every rule of the element, lazy components' too, in one file: one request (embed-plugin.ts).
      sheets: [...root.querySelectorAll('link[rel="stylesheet"]')].map((l) => new URL((l as HTMLLinkElement).href).pathname.replace(/.*\//, '')),
    };
  });
  expect(inside.sheets).toEqual([expect.stringMatching(/^story-map-[0-9a-f]{10}\.css$/)]);
  expect(inside.passageFont).toMatch(/^"?story-map-noto-sans"?, "?Noto Sans"?/);
  expect(inside.passageSize).toBe('16px');
  expect(inside.h1Size).toBe('25.6px'); // 1.6rem of the embed's own 16px, not the page's 10px
  expect(inside.zoomButton).not.toBe('rgb(255, 105, 180)'); // not the page's hotpink buttons
  expect(inside.zoomIcon).toMatch(/^url\(".*\/assets\/icon-[0-9a-f]+\.svg"\)$/);
  expect(inside.canvasPosition).toBe('absolute');
  // The embed's font really loaded (registered on the document, under its own family name).
  expect(await page.evaluate(() => document.fonts.check('16px "story-map-noto-sans"', 'Putin'))).toBe(true);

  // Nothing of ours in the page: no style or link added to its head, and its own text unchanged.
  const outside = await page.evaluate(() => ({
    sheets: [...document.querySelectorAll('link[rel="stylesheet"], style')].map((n) => n.getAttribute('href') ?? 'style'),
    h1: getComputedStyle(document.querySelector('h1')!).fontFamily,
    p: getComputedStyle(document.querySelector('#host-p1')!).fontSize,
  }));
  expect(outside.sheets).toEqual(['examples.css']);
  expect(outside.h1).toMatch(/^Georgia/);
  expect(outside.p).toBe('18px');
});

test('<story-map heading-level> sets its headline\u2019s level and every heading under it; a level it cannot take keeps h2 and says so', async ({ page }) => {
  const info: string[] = [];
  page.on('console', (m) => void (m.type() === 'info' && info.push(m.text())));
  await page.goto(NEWS);
  const el = page.locator('#element-b');
  const root = embed(page, 'element-b').root;
  // element-b opens on a selection: its card is there.
  await expect(root.locator('.card').getByRole('heading', { level: 4 })).toContainText('TurkStream');
  await el.evaluate((e) => e.setAttribute('heading-level', '1'));
  await expect(root.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  await expect(root.locator('.card').getByRole('heading', { level: 3 })).toContainText('TurkStream');
  await el.evaluate((e) => e.setAttribute('heading-level', '4'));
  await expect(root.getByRole('heading', { level: 4 }).first()).toHaveText(TITLE);
  await expect(root.getByRole('heading', { level: 5, name: 'Places on this map', includeHidden: true })).toHaveCount(1);
  await expect(root.locator('.card').getByRole('heading', { level: 6 })).toContainText('TurkStream');
  await expect(root.getByRole('heading', { level: 1 })).toHaveCount(0);
  await el.evaluate((e) => e.setAttribute('heading-level', '7'));
  await expect(root.getByRole('heading', { level: 2 }).first()).toHaveText(TITLE);
  await expect.poll(() => info.some((t) => t.includes('heading level "7"'))).toBe(true);
});

test('with twelve embeds on a page, no more than four maps live at once, shared by iframes and elements', async ({ page }) => {
  test.setTimeout(120_000);
  await instrument(page);
  await page.goto(MANY);
  // Every decision of the page-wide budget (src/lib/embed/budget.ts), from now on: the most maps it
  // ever let live at once.
  await page.waitForFunction(() => (window as unknown as Record<symbol, unknown>)[Symbol.for('story-map.context-budget.v1')]);
  await page.evaluate(() => {
    const w = window as unknown as Record<symbol, { liveCount: number; set: (slot: unknown, live: boolean) => void }> & { __mostLive: number };
    const budget = w[Symbol.for('story-map.context-budget.v1')]!;
    const set = budget.set.bind(budget);
    w.__mostLive = budget.liveCount;
    budget.set = (slot, live) => {
      set(slot, live);
      w.__mostLive = Math.max(w.__mostLive, budget.liveCount);
    };
  });
  const ids = await page.locator('iframe[data-story-map], story-map').evaluateAll((els) => els.map((e) => e.id));
  expect(ids).toHaveLength(12);
  // Every embed has its article, map or not.
  for (const id of ids) await expect(embed(page, id).root.getByRole('heading', { level: 2 }).first(), id).toHaveText(TITLE, { timeout: 30_000 });
  // Scroll to where more than four embeds are near the screen (within 75% of a viewport).
  await page.evaluate(() => document.getElementById('many-element-6')!.scrollIntoView({ block: 'center' }));
  const near = await page.evaluate((list) => {
    const h = window.innerHeight;
    return list.filter((id) => {
      const r = document.getElementById(id)!.getBoundingClientRect();
      return r.bottom > -0.75 * h && r.top < 1.75 * h;
    });
  }, ids);
  expect(near.length).toBeGreaterThan(4);
  // The embeds on screen get maps (taking them from ones further away if need be)…
  const onScreen = await page.evaluate((list) => list.filter((id) => {
    const r = document.getElementById(id)!.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  }), ids);
  expect(onScreen.length).toBeGreaterThan(0);
  for (const id of onScreen) await expect.poll(() => hasMap(page, id), { timeout: 60_000, message: id }).toBe(true);
  // …and the page holds four maps, no more, though more embeds than that are near.
  await expect.poll(() => liveContexts(page), { timeout: 30_000 }).toBe(4);
  const withMap = [];
  for (const id of ids) if (await hasMap(page, id)) withMap.push(id);
  expect(withMap).toHaveLength(4);
  expect(withMap.some((id) => id.includes('frame')) && withMap.some((id) => id.includes('element'))).toBe(true);
  // Those holding a map are near, or were and are still within two viewports (kept, not churned).
  const kept = await page.evaluate((list) => {
    const h = window.innerHeight;
    return list.filter((id) => {
      const r = document.getElementById(id)!.getBoundingClientRect();
      return r.bottom > -2 * h && r.top < 3 * h;
    });
  }, ids);
  for (const id of withMap) expect(kept, id).toContain(id);
  // Further down, still never more than four: the budget never allowed a fifth, and once the maps up
  // the page are let go the contexts agree.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect.poll(() => hasMap(page, 'many-element-12'), { timeout: 60_000 }).toBe(true);
  await expect.poll(() => hasMap(page, 'many-frame-1'), { timeout: 30_000 }).toBe(false);
  await expect.poll(() => liveContexts(page), { timeout: 30_000 }).toBeLessThanOrEqual(4);
  expect(await page.evaluate(() => (window as unknown as { __mostLive: number }).__mostLive)).toBe(4);
});

test('Escape clears the selection of the embed it is pressed in, not of others or from the page', async ({ page }) => {
  await page.goto(NEWS);
  const a = page.locator('#element-a');
  const b = page.locator('#element-b'); // opens with the offshore pipeline selected (attributes)
  await expect(b.locator('.card h4')).toContainText('TurkStream');
  await a.evaluate((e) => (e as HTMLElement & { select: (t: string) => void }).select('istanbul:istanbul'));
  await expect(a.locator('[data-passage="lede"]')).toHaveClass(/active/);
  // Escape on the host page (focus on its own text): both selections stay.
  await page.locator('#host-p1').click();
  await page.keyboard.press('Escape');
  await expect(a.locator('[data-passage="lede"]')).toHaveClass(/active/);
  await expect(b.locator('.card h4')).toContainText('TurkStream');
  // Escape inside element-a clears element-a only.
  await a.locator('[data-passage="lede"] .pin').focus();
  await page.keyboard.press('Escape');
  await expect(a.locator('[data-passage="lede"]')).not.toHaveClass(/active/);
  await expect(b.locator('.card h4')).toContainText('TurkStream');
});

test('a story that cannot be loaded is a readable notice in the embed and an error event for the page', async ({ page }) => {
  await page.goto(NEWS);
  const fromElement = page.evaluate(
    () =>
      new Promise((resolve) => {
        const el = document.createElement('story-map');
        el.id = 'element-missing';
        el.setAttribute('story', 'no-such-story');
        el.addEventListener('story-map:error', (e) => resolve((e as CustomEvent).detail), { once: true });
        document.getElementById('host-p1')!.after(el);
      }),
  );
  // The preview server answers a missing file with its index page: still "not found" to the reader.
  expect(await fromElement).toEqual({ message: expect.stringMatching(/^This story could not be found/) });
  await expect(page.locator('#element-missing').getByRole('alert')).toContainText('This story could not be found');

  const fromFrame = page.evaluate(async () => {
    const { connect } = await import(new URL('../embed-host.js', location.href).href);
    const iframe = document.createElement('iframe');
    iframe.id = 'frame-missing';
    iframe.src = '../embed.html?story=no-such-story';
    document.getElementById('host-p1')!.after(iframe);
    const f = connect(iframe);
    return new Promise((resolve) => f.on('error', resolve));
  });
  expect(await fromFrame).toEqual({ message: expect.stringMatching(/^This story could not be found/) });
  await expect(page.frameLocator('#frame-missing').getByRole('alert')).toContainText('This story could not be found');
});

test('scrolling past the end of an embed’s text goes on to scroll the page (no trap)', async ({ page }) => {
  await page.goto(NEWS);
  for (const id of ['element-a', 'frame-a']) {
    await page.locator(`#${id}`).evaluate((e) => e.scrollIntoView({ block: 'center' }));
    const pane = embed(page, id).root.locator('.text-pane');
    await expect(pane).toBeVisible();
    // The end of the text pane is the end of the list of places, which comes after the map.
    await expect(pane.locator('.places')).toBeAttached({ timeout: 15_000 });
    // At the very end of the pane, also if its content grows late (the list of places loads after the map).
    await expect
      .poll(() => pane.evaluate((p) => ((p.scrollTop = p.scrollHeight), p.scrollHeight - p.scrollTop - p.clientHeight)), id)
      .toBeLessThan(2);
    // A narrow embed grows to its content (no scroll box of its own): aim at the part on screen.
    const box = (await pane.boundingBox())!;
    const vh = page.viewportSize()!.height;
    const top = Math.max(box.y, 0);
    const bottom = Math.min(box.y + box.height, vh);
    expect(bottom - top, `${id}: some of its text is on screen`).toBeGreaterThan(40);
    await page.mouse.move(box.x + box.width / 2, (top + bottom) / 2);
    const y0 = await scrollY(page);
    // A reader goes on turning the wheel: the first turn may still take the pane's last fraction of
    // a pixel (Chromium latches a wheel gesture to a scroller that can move at all); a trapped
    // pane (overscroll-behavior: contain) would never let the page move however often it turns.
    await expect
      .poll(async () => (await page.mouse.wheel(0, 300), scrollY(page)), id)
      .toBeGreaterThan(y0 + 100);
  }
});

test('an iframe no host script sizes fits the frame it was given: nothing is cut off at its bottom', async ({ page }) => {
  // The iframe page on its own is that case (no parent to greet it). Its box was 736 px tall in a
  // 480 px frame, and the page does not scroll: the card and the credits could not be reached.
  for (const [width, height] of [[640, 480], [360, 600], [900, 500]] as const) {
    await page.setViewportSize({ width, height });
    await page.goto('embed.html?story=cgtn-2020-01-09');
    await expect(page.locator('[data-map-ready]')).toBeAttached({ timeout: 45_000 });
    const box = (await page.locator('.story-map-box').boundingBox())!;
    expect(box.y + box.height, `${width}x${height}: the box within the frame`).toBeLessThanOrEqual(height + 0.5);
    await expect(page.locator('.attribution'), `${width}x${height}: the notes and credits in view`).toBeInViewport({ ratio: 1 });
    await page.locator('.place', { hasText: 'Iran' }).first().click();
    await expect(page.locator('.card h4')).toHaveText('Iran');
    await expect(page.locator('.card'), `${width}x${height}: the card in view`).toBeInViewport({ ratio: 1 });
  }
});
