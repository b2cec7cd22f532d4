// A highlighted area or line is named on the map, on both maps (style.ts's name layers, the SVG
// map's placeLabels): "both sides of the operation" lit two waters on the Suez map and named neither.
// With nothing selected they are named too, in the story labels' ink (namedAtRest): the opening map
// named the towns around the canal and left the canal and both waters unnamed.
import { expect, type Page } from '@playwright/test';
import { test } from './reader';
import { breakWebGL, openStory, waitForMapIdle, watch } from './helpers';
import type { ProbedElement } from '../../src/lib/map/probe';

const SUEZ = './?story=suez-2021-04-02';
const LAKE = 'Great Bitter Lake';
// Its map label (story.json's mapLabel); the card and the list of places keep "(northern end)".
const GULF = 'Gulf of Suez';

/** The names the WebGL map draws for its highlighted areas and lines (or those at rest), with where each stands in the map's box. */
async function drawnNames(page: Page, layer: 'name' | 'rest:name' = 'name') {
  await waitForMapIdle(page);
  return page.locator('.map').evaluate((el, layer) => {
    const probe = (el as ProbedElement).storyMapProbe!;
    const r = el.getBoundingClientRect();
    return ['water', 'canal'].flatMap((id) => probe.query!(null, [`story:${id}:${layer}`])).map((f) => {
      const p = probe.project(f.at!);
      return { name: f.name, inView: p.x >= 0 && p.y >= 0 && p.x <= r.width && p.y <= r.height };
    });
  }, layer);
}
const restNames = async (page: Page) => (await drawnNames(page, 'rest:name')).map((n) => n.name).sort();

test('the WebGL map names the areas a phrase highlights, and only while they are highlighted', async ({ reader }) => {
  const page = await reader(SUEZ);
  const seen = watch(page);
  expect(await drawnNames(page)).toEqual([]);
  // At rest: the canal and both waters, each once, in view.
  expect(await restNames(page)).toEqual([LAKE, GULF, 'Suez Canal']);
  for (const n of await drawnNames(page, 'rest:name')) expect(n.inView, n.name).toBe(true);

  await page.locator('.place', { hasText: 'both sides of the operation' }).click();
  await expect.poll(async () => (await drawnNames(page)).map((n) => n.name).sort()).toEqual([LAKE, GULF]);
  for (const n of await drawnNames(page)) expect(n.inView, n.name).toBe(true);
  // Highlighted, they are not named again at rest (the canal still is, where it is in view).
  expect((await restNames(page)).filter((n) => n !== 'Suez Canal')).toEqual([]);

  // One of them: only its name.
  await page.locator('.place', { hasText: /^Bitter Lake$/ }).click();
  await expect.poll(async () => (await drawnNames(page)).map((n) => n.name)).toEqual([LAKE]);
  // A point: no area is named as highlighted (the point's own label names it); the waters are at rest again.
  await page.locator('.place', { hasText: /^Ever Given$/ }).first().click();
  await expect.poll(async () => (await drawnNames(page)).length).toBe(0);
  await expect.poll(() => restNames(page)).toContain(GULF);
  // The canal, a line, is named too.
  await page.locator('.place', { hasText: /^Suez Canal$/ }).first().click();
  await expect.poll(async () => (await drawnNames(page)).map((n) => n.name)).toEqual(['Suez Canal']);
  expect(seen.errors).toEqual([]);
});

test('the SVG map names them too', async ({ page }) => {
  await breakWebGL(page);
  await page.goto(SUEZ);
  await expect(page.locator('[data-fallback-ready]')).toBeAttached({ timeout: 30_000 });
  // A name on two lines is two <tspan>s, their text run together.
  const labels = page.locator('.fallback text.label');
  const lake = labels.filter({ hasText: /Great\s*Bitter\s*Lake/ });
  // Named at rest, in the labels' ink, and once highlighted in the selected one's; never twice.
  await expect(lake).toHaveCount(1);
  await expect(lake).not.toHaveClass(/selected/);
  await expect(labels.filter({ hasText: /Suez\s*Canal/ })).toHaveCount(1);
  await page.locator('.place', { hasText: 'both sides of the operation' }).click();
  await expect(lake).toHaveCount(1);
  await expect(lake).toHaveClass(/selected/);
  await expect(labels.filter({ hasText: /Gulf\s*of\s*Suez/ })).toHaveCount(1);
  // Set as a region's name: spaced capitals.
  expect(await lake.evaluate((el) => getComputedStyle(el).textTransform)).toBe('uppercase');
  // A point: no area's name is set as highlighted (the view closes in on the ship; the lake may be out of it).
  await page.locator('.place', { hasText: /^Ever Given$/ }).first().click();
  await expect(page.locator('.fallback text.label.area.selected')).toHaveCount(0);
});

// A district among districts is named only inside itself, centred, from the zoom its name fits
// (name-at.ts, keepNamesInside): set beside its point, "ZAWIYA DISTRICT: GNA" stood on contested
// ground and "AL BUTNAN DISTRICT: LNA" in Egypt.
for (const [width, height] of [[1280, 800], [390, 844]] as const) {
  test(`a Libyan district's name stands on its own point, from the zoom it fits inside it (${width}x${height})`, async ({ reader }) => {
    const page = await reader('./', { viewport: { width, height } });
    const seen = watch(page);
    const model = await page.evaluate(async () => (await (await fetch('./stories/cgtn-2020-01-09/model.json')).json()) as { layers: { features: { key: string; nameZoom?: number }[] }[] });
    const nameZoom = new Map(model.layers.flatMap((l) => l.features).map((f) => [f.key, f.nameZoom]));
    let named = 0;
    const look = () =>
      page.locator('.map').evaluate((el) => {
        const probe = (el as ProbedElement).storyMapProbe!;
        const names = probe.query!(null, ['story:libya:name']);
        // Each name found again within a pixel of its own point: set centred on it, not beside it.
        return { zoom: probe.zoom(), names: names.map((n) => ({ key: n.key, name: n.name, onItsPoint: probe.query!(n.at!, ['story:libya:name'], 1).some((m) => m.key === n.key) })) };
      });
    const wrong = (d: Awaited<ReturnType<typeof look>>) => d.names.filter((n) => !n.onItsPoint || (nameZoom.get(n.key) ?? Infinity) > d.zoom).map((n) => `${n.name} (fits from ${nameZoom.get(n.key)}, at ${d.zoom}${n.onItsPoint ? '' : ', not on its point'})`);
    const check = async (what: string) => {
      await waitForMapIdle(page);
      // The names are looked at again once the map is at rest (StoryMap's restZoom): a flight down
      // from a zoom where a name fits shows it until the new filter is laid out. Polled for that.
      await expect.poll(async () => wrong(await look()), { message: what, timeout: 10_000 }).toEqual([]);
      named += (await look()).names.length;
    };
    for (const phrase of ['Government of National Accord', 'Libyan National Army', 'raging civil war', 'the east']) {
      await page.locator('.place', { hasText: phrase }).first().click();
      await check(phrase);
    }
    // The reader zooms in on "the east" (a phone frames it at 3.49, just short of Al Kufrah's 3.5).
    await page.locator('.map canvas').focus();
    await page.keyboard.press('Equal');
    await check('the east, zoomed in');
    // Some district is named (at 1280 x 800 Ghadamis, Ajdabiya, Al Kufrah...; on a phone Al Kufrah).
    expect(named).toBeGreaterThan(0);
    expect(seen.errors).toEqual([]);
  });
}

// The CGTN opening named Damascus, Erbil and Malkoçlar border point, and not Idlib, a subject of two
// passages and of its layer's name: with nothing selected it is named now, beside its area, on the
// live map (a page of its own: where names first stand) and on the picture a page without scripts shows.
test('the CGTN opening names Idlib, on the map and on the picture without scripts (1280x800)', async ({ page, browser }) => {
  const seen = watch(page);
  await openStory(page, './');
  await waitForMapIdle(page);
  const idlib = await page.locator('.map').evaluate((el) => {
    const probe = (el as ProbedElement).storyMapProbe!;
    const r = el.getBoundingClientRect();
    return probe.query!(null, ['story:syria-idlib:rest:name']).map((f) => {
      const p = probe.project(f.at!);
      return { name: f.name, inView: p.x >= 0 && p.y >= 0 && p.x <= r.width && p.y <= r.height };
    });
  });
  expect(idlib).toEqual([{ name: 'Idlib', inView: true }]);
  expect(seen.errors).toEqual([]);

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
  const still = await context.newPage();
  await still.goto('./');
  const name = still.locator('.static-map-names .nm.name', { hasText: /^Idlib$/ });
  await expect(name.first()).toBeVisible();
  expect(await name.first().evaluate((el) => getComputedStyle(el).textTransform)).toBe('uppercase');
  await context.close();
});
