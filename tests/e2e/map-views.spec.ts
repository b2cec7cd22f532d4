// Both map views keep one contract (src/lib/map/map-view.ts): the SVG map drawn when WebGL is
// missing works inside both embeds as the WebGL map does (its files from the embed's own folder,
// text -> map linking, the host's viewchange); and Back past the first selection returns the map
// to the story's opening view.
import { expect, type Page } from '@playwright/test';
import { test } from './reader';
import type { ProbedElement } from '../../src/lib/map/probe';
import { breakWebGL, openStory, pointOf, waitForMapIdle, watch } from './helpers';
import { embed, NEWS } from './embed-helpers';

const IRAQ_STRIKES = ['iraq-bases:al-asad-airbase', 'iraq-bases:erbil-airport', 'iraq-bases:baghdad-intl-airport'];

test('<story-map> without WebGL: the SVG map is drawn from the embed’s own files, text selects on it and moves it, and the host hears viewchange', async ({ page }) => {
  const seen = watch(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await breakWebGL(page);
  await page.goto(NEWS);
  const el = page.locator('#element-a');
  await el.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  const root = embed(page, 'element-a').root;
  await expect(root.locator('[data-fallback-ready]')).toBeAttached({ timeout: 30_000 });
  // The basemap's tiles came from the embed's folder (its script's root), not relative to the host page.
  expect((await root.locator('.fallback path.water').getAttribute('d'))!.length).toBeGreaterThan(1000);
  expect(requests.filter((p) => p.startsWith('/basemap/tiles/')).length).toBeGreaterThan(0);
  expect(requests.filter((p) => p.includes('/examples/basemap'))).toEqual([]);
  expect(await root.locator('.fallback svg [data-key]').count()).toBeGreaterThan(40);
  const zoom = () => root.locator('.fallback').evaluate((e) => (e as ProbedElement).storyMapProbe!.zoom());
  const before = await zoom();
  const viewchange = el.evaluate((e) => new Promise<{ center: [number, number]; zoom: number }>((r) => e.addEventListener('story-map:viewchange', (ev) => r((ev as CustomEvent).detail), { once: true })));
  await root.locator('[data-passage="iraq-strikes"]').click({ position: { x: 150, y: 10 } });
  for (const key of IRAQ_STRIKES) await expect(root.locator(`.fallback [data-key="${key}"]`)).toHaveClass(/selected/);
  const view = await viewchange;
  // Framed on the strikes (the bases in Iraq and Iran's outline), closer than the whole story.
  expect(view.zoom).toBeGreaterThan(before + 0.5);
  expect(view.center[0]).toBeGreaterThan(40);
  expect(view.center[0]).toBeLessThan(58);
  expect(await zoom()).toBeCloseTo(view.zoom, 6);
  expect(seen.errors).toEqual([]);
});

test('the iframe embed without WebGL: the SVG map, text -> map linking, and viewchange to the host', async ({ page }) => {
  const seen = watch(page);
  await breakWebGL(page);
  await page.goto(NEWS);
  const frame = embed(page, 'frame-a').root;
  await expect(frame.locator('[data-fallback-ready]')).toBeAttached({ timeout: 30_000 });
  expect((await frame.locator('.fallback path.water').getAttribute('d'))!.length).toBeGreaterThan(1000);
  const heard = page.evaluate(async () => {
    const { connect } = await import(new URL('../embed-host.js', location.href).href);
    const f = connect(document.getElementById('frame-a'));
    return new Promise<{ center: [number, number]; zoom: number }>((resolve) => {
      const off = f.on('viewchange', (d: { center: [number, number]; zoom: number }) => {
        off();
        resolve(d);
      });
    });
  });
  await frame.locator('[data-passage="libya-war"] .place', { hasText: 'Tripoli' }).click();
  await expect(frame.locator('.fallback [data-key="libya:tripoli"]')).toHaveClass(/selected/);
  await expect(frame.locator('.card h4')).toHaveText('Tripoli');
  const view = await heard;
  expect(view.center[0]).toBeCloseTo(13.19, 0);
  expect(view.zoom).toBeGreaterThan(6);
  expect(seen.errors).toEqual([]);
});

test('the standalone page without WebGL keeps its URL in step with the SVG map: a framed selection without a camera, a link\u2019s camera kept', async ({ page }) => {
  await breakWebGL(page);
  await page.goto('./');
  await expect(page.locator('[data-fallback-ready]')).toBeAttached({ timeout: 30_000 });
  await page.locator('[data-passage="iraq-strikes"]').click({ position: { x: 200, y: 10 } });
  // Framed by the map: the link leaves the camera out (a phone opening it frames it for itself).
  await expect(page).toHaveURL(/#p=iraq-strikes(&g=[^&]+)?$/);
  // A link's own camera is where the map looks, and stays in the URL.
  await page.evaluate(() => (location.hash = 'p=iraq-strikes&v=44.5,33.2,6'));
  await expect(page).toHaveURL(/#p=iraq-strikes&v=44\.5,33\.2,6$/);
  await expect.poll(() => page.locator('.fallback').evaluate((el) => { const p = (el as ProbedElement).storyMapProbe!; return [...p.center(), p.zoom()].map((v) => Math.round(v * 10) / 10); })).toEqual([44.5, 33.2, 6]);
});

async function camera(page: Page) {
  return page.locator('.map').evaluate((el) => {
    const p = (el as ProbedElement).storyMapProbe!;
    return { center: p.center(), zoom: p.zoom() };
  });
}

test('Back past the first selection returns the map to the opening view', async ({ page }) => {
  await openStory(page);
  await waitForMapIdle(page);
  const opening = await camera(page);
  await page.locator('[data-passage="libya-war"] .place', { hasText: 'Tripoli' }).click();
  await expect(page).toHaveURL(/#f=libya:tripoli$/);
  await waitForMapIdle(page);
  expect((await camera(page)).zoom).toBeGreaterThan(7);
  await page.goBack();
  await expect(page.locator('.card')).toHaveCount(0);
  await expect.poll(async () => (await camera(page)).zoom, { timeout: 15_000 }).toBeLessThan(opening.zoom + 0.5);
  await waitForMapIdle(page);
  const back = await camera(page);
  expect(back.zoom).toBeCloseTo(opening.zoom, 0);
  // The whole story is in view again (its bounds, from story.json), as at the opening.
  const box = (await page.locator('.map').boundingBox())!;
  for (const corner of [[9, 24], [54, 24], [9, 46.5], [54, 46.5]] as [number, number][]) {
    const p = await pointOf(page, corner);
    expect(p.x, `${corner}`).toBeGreaterThanOrEqual(box.x - 1);
    expect(p.x, `${corner}`).toBeLessThanOrEqual(box.x + box.width + 1);
    expect(p.y, `${corner}`).toBeGreaterThanOrEqual(box.y - 1);
    expect(p.y, `${corner}`).toBeLessThanOrEqual(box.y + box.height + 1);
  }
  // The entry says the opening view, not the old place.
  expect(page.url()).not.toContain(',8');
});

// A link copied after choosing a place name opens what the place name chose, framed for the screen
// it is opened on: it reopened the whole paragraph ("Government of National Accord": every
// district, Tripoli, Benghazi and Tobruk), and with the desktop's camera a phone showed a slice of
// it under the card.
test('a link copied after a place name opens just what it names, framed for the phone it is opened on', async ({ page, browser }) => {
  const seen = watch(page);
  await openStory(page);
  const phrase = page.locator('.place', { hasText: 'Government of National Accord' }).first();
  const named = (await phrase.getAttribute('data-features'))!.split(' ').sort();
  expect(named.length).toBeGreaterThan(1);
  await phrase.click();
  await waitForMapIdle(page);
  await expect(page).toHaveURL(/#p=libya-war&g=[^&]+$/);
  const link = page.url();

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const phoneSeen = watch(phone);
  await openStory(phone, link);
  await waitForMapIdle(phone);
  const state = await phone.locator('.map').evaluate((el, keys) => {
    const probe = (el as ProbedElement).storyMapProbe!;
    return keys.map((k) => probe.state(k)?.selected === true);
  }, [...named, 'libya:tripoli', 'libya:benghazi', 'libya:ly-district-LY-BU']);
  expect(state, 'the named districts selected, nothing else of the paragraph').toEqual([...named.map(() => true), false, false, false]);
  // Framed for this screen: every named district's middle on the phone's map, clear of its panels.
  const model = await phone.evaluate(async () => (await (await fetch('./stories/cgtn-2020-01-09/model.json')).json()) as { layers: { features: { key: string; bbox: number[] }[] }[] });
  const box = (await phone.locator('.map').boundingBox())!;
  for (const f of model.layers.flatMap((l) => l.features).filter((f) => named.includes(f.key))) {
    const p = await pointOf(phone, [(f.bbox[0]! + f.bbox[2]!) / 2, (f.bbox[1]! + f.bbox[3]!) / 2]);
    expect(p.x >= box.x && p.x <= box.x + box.width && p.y >= box.y && p.y <= box.y + box.height, `${f.key} on the phone's map`).toBe(true);
  }
  // A view the reader moved to is kept in the link.
  const m = (await page.locator('.map').boundingBox())!;
  await page.mouse.move(m.x + m.width * 0.7, m.y + m.height * 0.6);
  await page.mouse.down();
  await page.mouse.move(m.x + m.width * 0.7 - 80, m.y + m.height * 0.6 - 30, { steps: 5 });
  await page.mouse.up();
  await waitForMapIdle(page);
  await expect(page).toHaveURL(/#p=libya-war&g=[^&]+&v=[-0-9.,]+$/);
  expect(seen.errors).toEqual([]);
  expect(phoneSeen.errors).toEqual([]);
  await phone.close();
});

// A story told close in (here Berlin's centre, opening at zoom 8.4 at 1280 x 800) framed a clicked
// place at the fixed limit for one feature, zoom 8, padded 0.2° each way: every click zoomed out,
// in both map views (a newsroom editor's review: a river flood's story went to half of England).
// The limit is now never below the story's opening zoom, and a point's room is a tenth of the story.
test('in a story told close in, a place named in the text is framed as close as the story opens, never further out', async ({ reader }) => {
  const page = await reader('./?story=careless');
  const seen = watch(page);
  await waitForMapIdle(page);
  const zoom = () => page.locator('.map').evaluate((el) => (el as ProbedElement).storyMapProbe!.zoom());
  const opening = await zoom();
  expect(opening).toBeGreaterThan(8);
  for (const phrase of ['Checkpoint Charlie', 'Brandenburg Gate']) {
    await page.locator('.article .place', { hasText: phrase }).first().click();
    await expect(page.locator('.card h3')).toHaveText(phrase);
    await waitForMapIdle(page);
    expect(await zoom(), phrase).toBeGreaterThanOrEqual(opening - 0.01);
  }
  expect(seen.errors).toEqual([]);
});
