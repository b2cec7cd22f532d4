// The card over the map: what a link frames is clear of the card even when the card's file comes
// after the map has started at the link's view (StoryMap's `reframe`).
import { expect, type Page } from '@playwright/test';
import { test } from './reader';
import type { ProbedElement } from '../../src/lib/map/probe';
import { project, type Camera } from '../../src/lib/map/framing';
import { readFileSync } from 'node:fs';
import { bbox as turfBbox, pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection } from 'geojson';
import { openStory, waitForMapIdle } from './helpers';

const IDLIB = 'syria-idlib:idlib-governorate';

/** Holds the feature card's file until the returned function is called. */
async function holdCard(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((done) => (release = done));
  await page.route('**/FeatureCard-*.js', async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** The map's camera now. */
const cameraOf = (page: Page) =>
  page.locator('.map').evaluate((el) => {
    const p = (el as ProbedElement).storyMapProbe!;
    return { center: p.center(), zoom: p.zoom() };
  });

/** How far apart two views are: zoom levels, and the centre's shift in screen pixels at the first's zoom. */
function apart(a: Camera, b: Camera) {
  const [dx, dy] = project(a, { width: 0, height: 0 }, b.center);
  return { zoom: Math.abs(a.zoom - b.zoom), px: Math.hypot(dx, dy) };
}

test('a link to an area is framed clear of its card when the card’s file comes after the map started there, as a click frames it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  // The card's file is held until the map has started at the link's view and come to rest there:
  // the order a slow link can give (the card's file is asked for at the first selection).
  const release = await holdCard(page);
  await openStory(page, `./#f=${IDLIB}`);
  await waitForMapIdle(page);
  await expect(page.locator('.card')).toHaveCount(0);
  const before = await cameraOf(page);
  release();
  await expect(page.locator('.card h3')).toHaveText('Idlib Governorate');
  // The map frames the area again beside the card: it moves once, then rests.
  await expect.poll(async () => apart(await cameraOf(page), before).zoom, { timeout: 10_000 }).toBeGreaterThan(0.05);
  await waitForMapIdle(page);
  const late = await cameraOf(page);
  // The same area chosen in the text with the card's file there: the framing a click gives.
  await page.getByRole('button', { name: 'Reset view' }).click();
  await waitForMapIdle(page);
  await page.locator('.place', { hasText: 'rebel-stronghold region' }).first().click();
  await expect(page.locator('.card h3')).toHaveText('Idlib Governorate');
  await expect.poll(async () => apart(await cameraOf(page), late).zoom, { timeout: 10_000 }).toBeLessThan(0.01);
  await waitForMapIdle(page);
  const clicked = await cameraOf(page);
  const d = apart(late, clicked);
  expect(d.zoom, `zoom ${late.zoom} after the card came, ${clicked.zoom} from a click`).toBeLessThan(0.01);
  expect(d.px, 'the centres, in pixels').toBeLessThan(2);
});

test('a link’s framing is left alone once the reader has moved the map, when the card comes', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const release = await holdCard(page);
  await openStory(page, `./#f=${IDLIB}`);
  await waitForMapIdle(page);
  // The reader zooms out with the keyboard before the card has come.
  await page.locator('.map canvas').focus();
  await page.keyboard.press('Minus');
  await waitForMapIdle(page);
  const moved = await cameraOf(page);
  release();
  await expect(page.locator('.card h3')).toHaveText('Idlib Governorate');
  await waitForMapIdle(page);
  const d = apart(await cameraOf(page), moved);
  expect(d.zoom, 'the reader’s zoom kept').toBeLessThan(0.001);
  expect(d.px, 'the reader’s view kept').toBeLessThan(1);
});

test('phone: opening the legend over a link’s framed area leaves the map where it is', async ({ reader }) => {
  // The reader asked for the legend; with it and the card open a phone has no room to frame in.
  // 390 x 780: the governorate framed beside where the legend opens, not under it. At 390 x 844,
  // with the taller map since the credits fold to a line, the open legend covers it whole and the
  // map moves it clear (StoryMap's keepClear), which is another rule.
  const page = await reader(`./#f=${IDLIB}`, { viewport: { width: 390, height: 780 }, hasTouch: true, isMobile: true });
  await expect(page.locator('.card h3')).toHaveText('Idlib Governorate');
  await waitForMapIdle(page);
  const before = await cameraOf(page);
  await page.locator('.legend > summary').click();
  await expect(page.getByRole('checkbox', { name: 'Libya' })).toBeVisible();
  await waitForMapIdle(page);
  const d = apart(await cameraOf(page), before);
  expect(d.zoom).toBeLessThan(0.001);
  expect(d.px).toBeLessThan(1);
});

test('a point clicked just under the card’s edge moves clear of it by the least move: a few pixels up, not across the map', async ({ reader }) => {
  // The Suez map at 1280x800, the Ever Given's ring brought just under where its card opens (its
  // top edge). Moved into the biggest clear part (left of the card), it went about 200 px left,
  // across the canal's width of map; above the card it goes a few pixels up.
  const page = await reader('./?story=suez-2021-04-02', { viewport: { width: 1280, height: 800 } });
  await waitForMapIdle(page);
  const EVER_GIVEN: [number, number] = [32.5799, 30.0176];
  const map = page.locator('.map');
  const at = (ll: [number, number]) => map.evaluate((el, p) => (el as ProbedElement).storyMapProbe!.project(p), ll);
  const m = (await map.boundingBox())!;
  // Where the card opens: click the ring once, read the card, close it.
  let ring = await at(EVER_GIVEN);
  await page.mouse.click(m.x + ring.x, m.y + ring.y);
  const card = (await page.locator('.card').boundingBox())!;
  await page.keyboard.press('Escape');
  await expect(page.locator('.card')).toHaveCount(0);
  await waitForMapIdle(page);
  // The reader drags the ring to 12 px below the card's top edge, left of its middle.
  ring = await at(EVER_GIVEN);
  const target = { x: card.x + 80, y: card.y + 12 };
  await page.mouse.move(m.x + ring.x, m.y + ring.y);
  await page.mouse.down();
  await page.mouse.move(target.x, target.y, { steps: 8 });
  await page.mouse.up();
  await waitForMapIdle(page);
  const before = await at(EVER_GIVEN);
  // Where the reader let go, give or take the drag's inertia (6.5 px once on a busy machine): under
  // the card's top edge, within its top 30 px.
  const under = m.y + before.y - card.y;
  expect(under, 'the ring just under the card’s top edge').toBeGreaterThan(0);
  expect(under, 'the ring just under the card’s top edge').toBeLessThan(30);
  await page.mouse.click(m.x + before.x, m.y + before.y);
  await expect(page.locator('.card h3')).toHaveText('Ever Given (grounding site)');
  // The move starts once the card has been measured: until the ring and the room for its name
  // under it (34 px at least) are above the card, then at rest.
  await expect.poll(async () => m.y + (await at(EVER_GIVEN)).y + 34, { message: 'the ring and its name’s room above the card', timeout: 15_000 }).toBeLessThan(card.y);
  await waitForMapIdle(page);
  const after = await at(EVER_GIVEN);
  expect(before.y - after.y, 'a short move up').toBeLessThan(80);
  expect(Math.abs(after.x - before.x), 'not moved sideways').toBeLessThan(2);
});

test('a point clicked on the map has its whole name clear of its card, all its lines when set under the point', async ({ reader }) => {
  // At 1280x800 the CGTN opening sets "Baghdad International Airport" in three lines under its point
  // (Tehran's ring on its right). The move that keeps it clear of its card counted two lines: the
  // card's top edge cut "International" and hid "Airport".
  const page = await reader('./', { viewport: { width: 1280, height: 800 } });
  await waitForMapIdle(page);
  const KEY = 'iraq-bases:baghdad-intl-airport';
  const map = page.locator('.map');
  const m = (await map.boundingBox())!;
  const p = await map.evaluate((el) => (el as ProbedElement).storyMapProbe!.project([44.23444, 33.2625]));
  await page.mouse.click(m.x + p.x, m.y + p.y);
  await expect(page.locator('.card h3')).toHaveText('Baghdad International Airport');
  // The move starts once the card has been measured: until the name is clear of it, then at rest.
  const card = (await page.locator('.card').boundingBox())!;
  const under = () => map.evaluate((el, box) => (el as ProbedElement).storyMapProbe!.storyLabelsIn!(box).map((l) => l.key), [[card.x - m.x, card.y - m.y], [card.x + card.width - m.x, card.y + card.height - m.y]] as [[number, number], [number, number]]);
  await expect.poll(under, { message: 'the selected name under the card', timeout: 15_000 }).not.toContain(KEY);
  await waitForMapIdle(page);
  expect(await under(), 'the selected name under the card, at rest').not.toContain(KEY);
  expect(await map.evaluate((el) => (el as ProbedElement).storyMapProbe!.labels!()), 'and drawn').toContain(KEY);
});

test('an area clicked on the map is brought clear of the card it opens, where it fits beside it', async ({ reader }) => {
  // The Suez map at 1280x800: the Gulf of Suez's northern end, clicked where the story opens it,
  // lay under its own card, a sliver of its outline beside it (a graphics-desk review); the map
  // moved only for an area wholly under a panel.
  const page = await reader('./?story=suez-2021-04-02', { viewport: { width: 1280, height: 800 } });
  await waitForMapIdle(page);
  const water = JSON.parse(readFileSync('geodata/suez-2021-04-02/layers/water.geojson', 'utf8')) as FeatureCollection;
  const gulf = water.features.find((f) => f.properties?.id === 'gulf-of-suez-north') as Feature;
  const [w, s, e, n] = turfBbox(gulf);
  const inside = pointOnFeature(gulf).geometry.coordinates as [number, number];
  const map = page.locator('.map');
  const at = (ll: [number, number]) => map.evaluate((el, p) => (el as ProbedElement).storyMapProbe!.project(p), ll);
  const m = (await map.boundingBox())!;
  const p = await at(inside);
  await page.mouse.click(m.x + p.x, m.y + p.y);
  await expect(page.locator('.card h3')).toHaveText('Gulf of Suez (northern end)');
  /** The share of the area's box on screen not under the card. */
  const clearShare = async () => {
    const card = (await page.locator('.card').boundingBox())!;
    const [a, b] = [await at([w, n]), await at([e, s])];
    const box = { left: m.x + a.x, top: m.y + a.y, right: m.x + b.x, bottom: m.y + b.y };
    const under = Math.max(0, Math.min(box.right, card.x + card.width) - Math.max(box.left, card.x)) * Math.max(0, Math.min(box.bottom, card.y + card.height) - Math.max(box.top, card.y));
    return 1 - under / ((box.right - box.left) * (box.bottom - box.top));
  };
  await expect.poll(clearShare, { message: 'the area’s box clear of its card', timeout: 15_000 }).toBeGreaterThan(0.95);
  await waitForMapIdle(page);
  expect(await clearShare()).toBeGreaterThan(0.95);
  // Still on the map, whole: not pushed off an edge to clear the card.
  const [a, b] = [await at([w, n]), await at([e, s])];
  expect(Math.min(a.x, b.x)).toBeGreaterThanOrEqual(0);
  expect(Math.max(a.y, b.y)).toBeLessThanOrEqual(m.height);
});
