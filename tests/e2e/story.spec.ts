import { expect, test } from './reader';
import { featureState, mapPixels, openStory, pointOf, renderedCount, waitForMapIdle, watch } from './helpers';
import type { ProbedElement } from '../../src/lib/map/probe';

const TEHRAN: [number, number] = [51.42151, 35.69439];
const TRIPOLI: [number, number] = [13.18733, 32.88743];

test('loads the story with no console error, draws the map, asks nothing of other hosts', async ({ page }) => {
  const seen = watch(page);
  await openStory(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Putin, Erdogan urge restraint in Iran-U.S. tension and immediate ceasefire in Libya');
  await expect(page.locator('.meta')).toContainText('Updated 12:10, 09-Jan-2020');
  await expect(page.locator('[data-passage]')).toHaveCount(23);
  // A drawn map has land, sea, borders, hatching and symbols: many colours, not a blank canvas.
  const pixels = await mapPixels(page);
  expect(pixels.width).toBeGreaterThan(500);
  expect(pixels.colours).toBeGreaterThan(40);
  for (const id of ['libya', 'syria-idlib', 'iraq-bases', 'istanbul', 'turkstream']) expect(await renderedCount(page, id), id).toBeGreaterThan(0);
  // Credits are on the page, complete.
  const credits = page.locator('.attribution');
  for (const text of ['Natural Earth', 'OpenStreetMap contributors (ODbL)', 'Global Energy Monitor', 'GeoNames (CC BY 4.0)', 'Wikipedia', 'Approximate areas of control']) await expect(credits).toContainText(text);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('clicking a feature on the map highlights its passage and shows its card', async ({ reader }) => {
  const page = await reader();
  const seen = watch(page);
  const p = await pointOf(page, TEHRAN);
  await page.mouse.move(p.x, p.y);
  await expect.poll(() => page.locator('.map canvas').evaluate((c) => (c as HTMLElement).style.cursor)).toBe('pointer');
  await page.mouse.click(p.x, p.y);
  const passage = page.locator('[data-passage="khamenei"]');
  await expect(passage).toHaveClass(/active/);
  await expect(passage).toBeInViewport();
  await expect(page.locator('.card')).toContainText('Tehran');
  await expect(page.locator('.card')).toContainText('8 Jan 2020');
  await expect(page.locator('.card')).toContainText('Location: GeoNames');
  expect(await featureState(page, 'iraq-bases:tehran')).toMatchObject({ selected: true });
  // Clicking a feature in the text-less part of the map scrolls only the text panel, not the page.
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  // Escape clears.
  await page.keyboard.press('Escape');
  await expect(page.locator('.card')).toHaveCount(0);
  await expect(passage).not.toHaveClass(/active/);
  expect(seen.errors).toEqual([]);
});

test('clicking a passage highlights its features and eases the map to them', async ({ reader }) => {
  const page = await reader();
  const before = await page.locator('.map').evaluate((el) => (el as ProbedElement).storyMapProbe!.zoom());
  await page.locator('[data-passage="iraq-strikes"]').click({ position: { x: 200, y: 60 } });
  await expect(page.locator('[data-passage="iraq-strikes"]')).toHaveClass(/active/);
  for (const key of ['iraq-bases:al-asad-airbase', 'iraq-bases:erbil-airport', 'iraq-bases:baghdad-intl-airport']) {
    await expect.poll(() => featureState(page, key)).toMatchObject({ selected: true });
  }
  expect(await featureState(page, 'iraq-bases:tehran')).not.toMatchObject({ selected: true });
  await waitForMapIdle(page);
  const after = await page.locator('.map').evaluate((el) => (el as ProbedElement).storyMapProbe!.zoom());
  // In by most of a zoom level (2.66 to 3.51 at 1280x800): framing keeps room for each base's name,
  // Al Asad's set left of its ring (docs/cartography.md, "Room for each framed point's name").
  expect(after).toBeGreaterThan(before + 0.75);
  // The bases are on screen.
  const box = (await page.locator('.map').boundingBox())!;
  const pt = await pointOf(page, [42.44117, 33.78567]);
  expect(pt.x).toBeGreaterThan(box.x);
  expect(pt.x).toBeLessThan(box.x + box.width);
  // A marked place name selects just that feature.
  await page.locator('[data-passage="libya-war"] .place', { hasText: 'Tripoli' }).click();
  await expect.poll(() => featureState(page, 'libya:tripoli')).toMatchObject({ selected: true });
  await expect(page.locator('.card h3')).toHaveText('Tripoli');
});

test('unchecking a layer hides it and checking it shows it again, in the same order', async ({ reader }) => {
  const page = await reader();
  const box = page.getByRole('checkbox', { name: 'Iran and Iraq' });
  const p = await pointOf(page, TEHRAN);
  expect(await renderedCount(page, 'iraq-bases')).toBeGreaterThan(0);
  await box.uncheck();
  await expect.poll(() => renderedCount(page, 'iraq-bases')).toBe(0);
  // Nothing to click where Tehran was.
  await page.mouse.click(p.x, p.y);
  await expect(page.locator('.card')).toHaveCount(0);
  await box.check();
  await expect.poll(() => renderedCount(page, 'iraq-bases')).toBeGreaterThan(0);
  await page.mouse.click(p.x, p.y);
  await expect(page.locator('.card h3')).toHaveText('Tehran');
});

test('zoom buttons and reset view work', async ({ reader }) => {
  const page = await reader();
  const zoom = () => page.locator('.map').evaluate((el) => (el as ProbedElement).storyMapProbe!.zoom());
  const z0 = await zoom();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect.poll(zoom).toBeGreaterThan(z0 + 0.5);
  await page.getByRole('button', { name: 'Reset view' }).click();
  await expect.poll(zoom).toBeLessThan(z0 + 0.1);
});

test('phone layout: map on top, text below, both usable', async ({ reader }) => {
  const page = await reader('./', { viewport: { width: 390, height: 800 }, hasTouch: true, isMobile: true });
  const seen = watch(page);
  const map = (await page.locator('.map').boundingBox())!;
  const text = (await page.locator('.text-pane').boundingBox())!;
  expect(map.width).toBeGreaterThan(370);
  expect(map.height).toBeGreaterThan(250);
  expect(text.y).toBeGreaterThanOrEqual(map.y + map.height);
  expect(text.height).toBeGreaterThan(250);
  await expect(page.getByRole('heading', { level: 1 })).toBeInViewport();
  // Tapping a feature brings its passage into view in the text panel.
  const p = await pointOf(page, TRIPOLI);
  await page.touchscreen.tap(p.x, p.y);
  await expect(page.locator('[data-passage="libya-war"]')).toHaveClass(/active/);
  await expect(page.locator('[data-passage="libya-war"]')).toBeInViewport();
  expect(seen.errors).toEqual([]);
});
