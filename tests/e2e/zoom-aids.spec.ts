// The frame once the reader zooms in (docs/cartography.md, "The frame"): a scale bar from a
// country-sized view on, in the story's units, and a locator inset with the view marked in it when
// the view is too local to recognise; neither on a view of the whole story, neither under a card.
import { expect, test, type Page } from '@playwright/test';
import { openStory, pointOf, waitForMapIdle, watch } from './helpers';

const scale = (page: Page) => page.locator('.maplibregl-ctrl-scale');
const locator = (page: Page) => page.locator('svg[data-locator]');

/** The centre of the view's mark in the inset, and the inset's own centre (page pixels). */
async function markAndInset(page: Page) {
  return locator(page).evaluate((svg) => {
    const r = svg.getBoundingClientRect();
    const mark = svg.querySelector('.mark')!.getBoundingClientRect();
    return { mark: [mark.left + mark.width / 2, mark.top + mark.height / 2], inset: [r.left + r.width / 2, r.top + r.height / 2], water: svg.querySelector('path.water')!.getAttribute('d')!.length, kind: svg.getAttribute('data-mark') };
  });
}

test('a view of the whole story has neither a scale bar nor a locator', async ({ page }) => {
  const seen = watch(page);
  await openStory(page);
  await waitForMapIdle(page);
  expect(await page.locator('.map').evaluate((el) => (el as any).storyMapProbe.zoom())).toBeLessThan(5);
  await expect(scale(page)).toBeAttached();
  await expect(scale(page)).toBeHidden();
  await expect(locator(page)).toHaveCount(0);
  expect(seen.errors).toEqual([]);
});

test('zoomed in on a place: a scale bar in km and a locator with the view in its middle, gone again with Reset view', async ({ page }) => {
  const seen = watch(page);
  await openStory(page, './#f=istanbul:istanbul');
  await waitForMapIdle(page);
  await expect(scale(page)).toBeVisible();
  await expect(scale(page)).toHaveText(/^\d+\s+km$/);
  await expect(locator(page)).toBeVisible();
  const m = await markAndInset(page);
  expect(m.kind).toMatch(/^(dot|box)$/);
  // The inset is centred on the view: the mark is in its middle. And it drew the region's coasts.
  expect(Math.abs(m.mark[0]! - m.inset[0]!)).toBeLessThan(2);
  expect(Math.abs(m.mark[1]! - m.inset[1]!)).toBeLessThan(2);
  expect(m.water).toBeGreaterThan(1000);
  // It is not over the selected place, nor over the map's buttons.
  const box = (await locator(page).boundingBox())!;
  const istanbul = await pointOf(page, [28.9784, 41.0082]);
  expect(istanbul.x >= box.x && istanbul.x <= box.x + box.width && istanbul.y >= box.y && istanbul.y <= box.y + box.height).toBe(false);
  const reset = (await page.getByRole('button', { name: 'Reset view' }).boundingBox())!;
  expect(reset.y + reset.height).toBeLessThanOrEqual(box.y);

  await page.getByRole('button', { name: 'Reset view' }).click();
  await waitForMapIdle(page);
  await expect(scale(page)).toBeHidden();
  await expect(locator(page)).toHaveCount(0);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('while the locator loads, its place is kept: the names under it are hidden from the start, none shows cut at its edge', async ({ page }) => {
  // The inset's code held back, as on a slow link.
  let release!: () => void;
  const held = new Promise<void>((go) => (release = go));
  await page.route(/\/Locator-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await openStory(page, './#f=istanbul:istanbul');
  await waitForMapIdle(page);
  await expect(locator(page)).toHaveCount(0);
  const box = page.locator('[data-locator-box]');
  const [b, m] = await Promise.all([box.boundingBox(), page.locator('.map').boundingBox()]);
  expect([b!.width, b!.height]).toEqual([120, 90]);
  const area: [[number, number], [number, number]] = [[b!.x - m!.x, b!.y - m!.y], [b!.x + b!.width - m!.x, b!.y + b!.height - m!.y]];
  const under = () => page.locator('.map').evaluate((el, a) => (el as import('../../src/lib/map/probe').ProbedElement).storyMapProbe!.basemapLabelsIn!(a), area);
  // Names are placed there (MapLibre does not know of the box), and every one is hidden. (On failure
  // it says what it saw last: no name there, or which one shows; it failed once under load.)
  let seenUnder: Awaited<ReturnType<typeof under>> = [];
  try {
    await expect.poll(async () => { seenUnder = await under(); return seenUnder.length > 0 && seenUnder.every((x) => x.covered); }, { message: 'names under the loading locator, all hidden', timeout: 15_000 }).toBe(true);
  } catch (e) {
    throw new Error(`names under the loading locator, all hidden; last seen: ${JSON.stringify(seenUnder)}`, { cause: e });
  }
  release();
  await expect(locator(page)).toBeVisible();
  // The inset fills the box it had kept.
  expect(await locator(page).boundingBox()).toEqual(await box.boundingBox());
});

test("the scale bar is in the story's units", async ({ page }) => {
  await openStory(page, './?story=broken-layer');
  await waitForMapIdle(page);
  await expect(scale(page)).toHaveText(/^\d+(\.\d+)?\s+nm$/);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the locator steps aside while the card covers its corner, and comes back when it closes', async ({ page }) => {
    await openStory(page, './#f=istanbul:istanbul');
    await waitForMapIdle(page);
    await expect(page.locator('section.card')).toBeVisible();
    await expect(locator(page)).toBeAttached();
    await expect(locator(page)).toBeHidden();
    await page.locator('section.card').getByRole('button', { name: 'Close' }).click();
    await expect(locator(page)).toBeVisible();
    const box = (await locator(page).boundingBox())!;
    const map = (await page.locator('.map').boundingBox())!;
    expect(box.width).toBeLessThan(100);
    expect(box.x + box.width).toBeLessThanOrEqual(map.x + map.width);
    expect(box.y + box.height).toBeLessThanOrEqual(map.y + map.height);
  });
});
