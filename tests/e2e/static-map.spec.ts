// The first-paint picture of the map (scripts/static-map.ts): on screen before any script has run,
// replaced by the interactive map without anything moving, and only where it is right.
import { expect, test, type Page } from '@playwright/test';
import { modelAfterMapCode, watch } from './helpers';
import type { ProbedElement } from '../../src/lib/map/probe';
import { PICTURE_SPAN } from '../../src/lib/map/static-map';

const BOUNDS: [number, number, number, number] = [9, 24, 54, 46.5]; // CGTN story.json view.bounds
const CORNERS: [number, number][] = [
  [BOUNDS[0], BOUNDS[1]],
  [BOUNDS[2], BOUNDS[1]],
  [BOUNDS[2], BOUNDS[3]],
  [BOUNDS[0], BOUNDS[3]],
];

/**
 * Records, at the moment the interactive map first draws (the early map's frame, or the app's), where
 * the picture shows the corners of the story's bounds on screen (from the image's layout box and pixel size).
 */
async function recordPictureCorners(page: Page, corners: [number, number][] = CORNERS) {
  await page.addInitScript(({ corners, span }) => {
    const mx = (lon: number) => (lon + 180) / 360;
    const my = (lat: number) => {
      const s = Math.sin((lat * Math.PI) / 180);
      return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
    };
    const w = window as unknown as { __picture?: { x: number; y: number }[] };
    const seen = () => {
      const el = document.querySelector<HTMLElement>('.static-map');
      const img = el?.querySelector('img');
      if (!el || !img || !document.querySelector('.map[data-map-loaded], .early-map[data-map-loaded]') || w.__picture) return;
      // The image's layout box; the story's bounds are in its picture's middle, span.x times across and
      // span.y times down, fitted ("contain") and centred (scripts/static-map.ts, static-map.css).
      const box = el.getBoundingClientRect();
      const cs = getComputedStyle(img);
      const r = { left: box.left + parseFloat(cs.left), top: box.top + parseFloat(cs.top), width: parseFloat(cs.width), height: parseFloat(cs.height) };
      const [west, south, east, north] = (el.dataset.bounds ?? '').split(',').map(Number) as [number, number, number, number];
      const k = Math.min(r.width / img.naturalWidth, r.height / img.naturalHeight);
      const bw = (img.naturalWidth * k) / span.x;
      const bh = (img.naturalHeight * k) / span.y;
      const left = r.left + r.width / 2 - bw / 2;
      const top = r.top + r.height / 2 - bh / 2;
      w.__picture = corners.map(([lon, lat]) => ({
        x: left + ((mx(lon) - mx(west)) / (mx(east) - mx(west))) * bw,
        y: top + ((my(lat) - my(north)) / (my(south) - my(north))) * bh,
      }));
    };
    new MutationObserver(seen).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-map-loaded'] });
  }, { corners: corners, span: PICTURE_SPAN });
}

async function liveCorners(page: Page, corners: [number, number][] = CORNERS) {
  return page.locator('.map').evaluate((el, corners) => {
    const probe = (el as ProbedElement).storyMapProbe!;
    const r = el.getBoundingClientRect();
    return corners.map((c) => {
      const p = probe.project(c);
      return { x: r.left + p.x, y: r.top + p.y };
    });
  }, corners);
}

/** The map's corners of the bounds where the picture showed them, to under a pixel. */
function expectUnderPicture(live: { x: number; y: number }[], picture: { x: number; y: number }[]) {
  expect(live.length).toBe(picture.length);
  for (let i = 0; i < live.length; i++) {
    expect(Math.abs(live[i]!.x - picture[i]!.x), `corner ${i} x`).toBeLessThan(1);
    expect(Math.abs(live[i]!.y - picture[i]!.y), `corner ${i} y`).toBeLessThan(1);
  }
}

test('the page shows a map on its first paint, before any script has run', async ({ page }) => {
  await page.route('**/*.js', (route) => route.abort());
  await page.goto('./');
  const picture = page.locator('[data-static-map] img');
  await expect(picture).toBeVisible();
  // Decoded and drawn with the first paint, not a broken or pending image.
  expect(await picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 1000)).toBe(true);
  // Where the map box will be: right of the text column on a wide page.
  const box = (await page.locator('[data-static-map]').boundingBox())!;
  expect(box.x).toBeGreaterThan(1280 * 0.39);
  expect(box.width).toBeGreaterThan(600);
  expect(box.height).toBeGreaterThan(600);
  const shot = await page.locator('[data-static-map]').screenshot();
  expect(shot.length).toBeGreaterThan(20_000);
});

// A tall box beside the text (a narrow desktop, a tall screen, a tablet upright) shows more above and
// below the story's bounds than a wide one: the picture is drawn over all of such a box, not with a
// band of the box's sea colour over land at its top (as it was when it spanned the bounds 3 times down).
for (const viewport of [{ width: 1024, height: 768 }, { width: 1280, height: 1024 }, { width: 768, height: 1024 }, { width: 390, height: 844 }])
  test(`the picture covers all of the map's box (${viewport.width}×${viewport.height}, no scripts)`, async ({ browser }) => {
    const context = await browser.newContext({ viewport, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('./');
    const { box, drawn } = await page.locator('[data-static-map]').evaluate((el) => {
      const img = el.querySelector('img')!;
      const r = img.getBoundingClientRect();
      // Where object-fit: contain draws the bitmap inside the image's box.
      const k = Math.min(r.width / img.naturalWidth, r.height / img.naturalHeight);
      const w = img.naturalWidth * k;
      const h = img.naturalHeight * k;
      const drawn = { left: r.left + (r.width - w) / 2, top: r.top + (r.height - h) / 2, right: r.left + (r.width + w) / 2, bottom: r.top + (r.height + h) / 2 };
      // The map's box: the picture's own box runs on under the notes below it.
      const b = document.querySelector('.map-box')!.getBoundingClientRect();
      return { box: { left: b.left, top: b.top, right: b.right, bottom: b.bottom }, drawn };
    });
    expect(drawn.left).toBeLessThanOrEqual(box.left + 1);
    expect(drawn.top).toBeLessThanOrEqual(box.top + 1);
    expect(drawn.right).toBeGreaterThanOrEqual(box.right - 1);
    expect(drawn.bottom).toBeGreaterThanOrEqual(box.bottom - 1);
    await context.close();
  });

// The credits and notes under the map take a height the page's CSS cannot know (more on a phone,
// more for a story with longer credits): the picture stands over the map's box, not over the whole map
// pane. Framed for the pane, it drew a tall story (Suez, north to south) with its south under the credits.
const SUEZ = './stories/suez-2021-04-02/';
const SUEZ_CORNERS: [number, number][] = [[31.9, 29.75], [33, 29.75], [33, 31.35], [31.9, 31.35]]; // its story.json view.bounds
for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }])
  test(`the picture stands exactly over the map's box, not over the credits under it (${viewport.width}×${viewport.height}, no scripts)`, async ({ browser }) => {
    const context = await browser.newContext({ viewport, javaScriptEnabled: false });
    const page = await context.newPage();
    for (const url of ['./', SUEZ]) {
      await page.goto(url);
      const picture = (await page.locator('[data-static-map]').boundingBox())!;
      const box = (await page.locator('.map-box').boundingBox())!;
      const credits = (await page.locator('.attribution').boundingBox())!;
      expect(credits.height, `${url}: credits under the map`).toBeGreaterThan(40);
      for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(picture[k] - box[k]), `${url}: the picture's ${k}`).toBeLessThan(1);
    }
    await context.close();
  });

test('a tall story opens whole on a phone: its bounds inside the map box, the map exactly under the picture', async ({ page }) => {
  const seen = watch(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await recordPictureCorners(page, SUEZ_CORNERS);
  await page.goto(SUEZ);
  await expect(page.locator('.map[data-map-ready]')).toBeAttached({ timeout: 45_000 });
  const picture = (await page.evaluate(() => (window as unknown as { __picture?: { x: number; y: number }[] }).__picture))!;
  expect(picture, 'the picture was still up when the map first drew').toBeTruthy();
  const live = await liveCorners(page, SUEZ_CORNERS);
  const box = (await page.locator('.map').boundingBox())!;
  expectUnderPicture(live, picture);
  for (let i = 0; i < SUEZ_CORNERS.length; i++) {
    // Inside the box, clear of its edges (the map's framing keeps a margin all round).
    expect(live[i]!.x, `corner ${i} x`).toBeGreaterThan(box.x + 8);
    expect(live[i]!.x, `corner ${i} x`).toBeLessThan(box.x + box.width - 8);
    expect(live[i]!.y, `corner ${i} y`).toBeGreaterThan(box.y + 8);
    expect(live[i]!.y, `corner ${i} y`).toBeLessThan(box.y + box.height - 8);
  }
  expect(seen.errors).toEqual([]);
});

test('the picture is an inlined image: no inline style or script, nothing fetched', async ({ request }) => {
  const html = await (await request.get('./')).text();
  const picture = /<div class="static-map"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
  expect(picture.length).toBeGreaterThan(10_000);
  expect(picture).toMatch(/<img alt="" src="data:image\/webp;base64,/);
  expect(picture).not.toMatch(/\sstyle=|<style|<script|javascript:/i);
});

// 1200 x 1600: a tall map box, where the map frames the story below the open legend, bigger than the
// picture's CSS could (it cannot know the legend's height): the picture is moved there first. (A
// tablet's 1024 x 1366 upright was that box until the legend opened only from 1200 px.)
for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 800 }, { width: 1200, height: 1600 }])
  for (const early of [false, true]) {
  test(`the interactive map replaces the picture without moving it (${viewport.width}×${viewport.height}${early ? ', the map made before the page is hydrated' : ''})`, async ({ page }) => {
    const seen = watch(page);
    await page.setViewportSize(viewport);
    await recordPictureCorners(page);
    if (early) await modelAfterMapCode(page);
    await page.goto('./');
    await expect(page.locator('.map[data-map-ready]')).toBeAttached({ timeout: 45_000 });
    const picture = (await page.evaluate(() => (window as unknown as { __picture?: { x: number; y: number }[] }).__picture))!;
    expect(picture, 'the picture was still up when the map first drew').toBeTruthy();
    const live = await liveCorners(page);
    expectUnderPicture(live, picture);
    if (viewport.height > viewport.width) {
      // Framed below the legend, not in the strip beside it: the bounds' north-west corner under it.
      const legend = (await page.locator('.legend').boundingBox())!;
      expect(live[3]!.x).toBeLessThan(legend.x + legend.width);
      expect(live[3]!.y).toBeGreaterThan(legend.y + legend.height);
    }
    // Gone once the map has drawn everything.
    await expect(page.locator('[data-static-map]')).toHaveCount(0);
    if (early) expect(await page.evaluate(() => performance.getEntriesByName('story-map:early-map').length)).toBe(1);
    expect(seen.errors).toEqual([]);
  });
}

test('the early map, once shown, is never covered by the picture’s empty box when the app takes it over', async ({ page }) => {
  const seen = watch(page);
  // A picture standing in for the early map (its image hidden, `live`) must hold that map: moved out
  // into the app's box with the picture left over it, the map read as a blank sea-coloured box until
  // the app's map was ready again (seen at 925 x 1000, about half a second).
  await page.addInitScript(() => {
    const w = window as unknown as { __emptyCover?: boolean };
    new MutationObserver(() => {
      const live = document.querySelector('.static-map.live');
      if (live && !live.querySelector('.early-map')) w.__emptyCover = true;
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
  });
  await page.setViewportSize({ width: 925, height: 1000 });
  await page.goto('./');
  await expect(page.locator('.map[data-map-ready]')).toBeAttached({ timeout: 45_000 });
  // The early map was shown to the reader before the app took it (the case this is about).
  expect(await page.evaluate(() => performance.getEntriesByName('story-map:early-map-shown').length)).toBe(1);
  expect(await page.evaluate(() => (window as unknown as { __emptyCover?: boolean }).__emptyCover ?? false)).toBe(false);
  await expect(page.locator('[data-static-map]')).toHaveCount(0);
  expect(seen.errors).toEqual([]);
});

test('the early map’s buttons show only once it stands in the picture’s place (before, empty boxes that could not be pressed)', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __buttons?: { live: boolean; opacity: string }[] };
    w.__buttons = [];
    const look = () => {
      const group = document.querySelector<HTMLElement>('.static-map > .early-map .maplibregl-ctrl-group');
      if (!group) return;
      const live = !!document.querySelector('.static-map.live');
      const opacity = getComputedStyle(group).opacity;
      const last = w.__buttons!.at(-1);
      if (!last || last.live !== live || last.opacity !== opacity) w.__buttons!.push({ live, opacity });
    };
    new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
  });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./');
  await expect(page.locator('.map[data-map-ready]')).toBeAttached({ timeout: 45_000 });
  const seen = (await page.evaluate(() => (window as unknown as { __buttons: { live: boolean; opacity: string }[] }).__buttons))!;
  // The early map's buttons were there before it was shown, and drawn unseen; seen once it was shown.
  expect(seen.filter((s) => !s.live).length).toBeGreaterThan(0);
  expect(seen.filter((s) => !s.live).every((s) => s.opacity === '0')).toBe(true);
  expect(seen.filter((s) => s.live).map((s) => s.opacity)).toContain('1');
  await expect(page.locator('.maplibregl-ctrl-zoom-in')).toBeVisible();
});

test('a story across 180° has its picture too, and its map starts exactly under it (the bounds with east beyond 180)', async ({ page }) => {
  const seen = watch(page);
  // pacific-import's view, [170, -25, -150, 28], as the picture draws it: east at 210.
  const corners: [number, number][] = [[170, -25], [210, -25], [210, 28], [170, 28]];
  await recordPictureCorners(page, corners);
  await page.goto('./stories/pacific-import/');
  await expect(page.locator('[data-static-map]')).toHaveAttribute('data-bounds', '170,-25,210,28');
  await expect(page.locator('.map[data-map-ready]')).toBeAttached({ timeout: 45_000 });
  const picture = (await page.evaluate(() => (window as unknown as { __picture?: { x: number; y: number }[] }).__picture))!;
  expect(picture, 'the picture was still up when the map first drew').toBeTruthy();
  const live = await liveCorners(page, corners);
  expectUnderPicture(live, picture);
  expect(seen.errors).toEqual([]);
});

test('another story, or a link to another view, gets no picture of the default story', async ({ page }) => {
  await page.goto('./?story=suez-2021-04-02');
  await expect(page.locator('.map-box')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('[data-static-map]')).toHaveCount(0);
  await page.goto('./#v=30,40,5');
  await expect(page.locator('.map-box')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('[data-static-map]')).toHaveCount(0);
});
