// On a phone the feature card is a sheet across the bottom of the map that never hides the selected
// feature or its label: the map frames a selection in the part the card leaves clear (the card's
// measured size feeds the framing rule), and a feature tapped where the card then opens is moved
// clear of it. The sheet folds down to its title.
import { expect, type Locator, type Page } from '@playwright/test';
import { test } from './reader';
import type { ProbedElement } from '../../src/lib/map/probe';
import { pointOf, waitForMapIdle } from './helpers';
import { embed, NEWS, settle, waitForMap } from './embed-helpers';

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
const TRIPOLI: [number, number] = [13.18733, 32.88743];
const EVER_GIVEN: [number, number] = [32.5799, 30.0176];
const TEHRAN: [number, number] = [51.42151, 35.69439];

/**
 * The selected point, with room for its label under it, is on the map and not under the card.
 * `map` is the map's container (in a page or a frame); positions are the page's.
 */
async function expectClearOfCard(map: Locator, card: Locator, lngLat: [number, number]) {
  const box = (await map.boundingBox())!;
  const p = await map.evaluate((el, ll) => (el as ProbedElement).storyMapProbe!.project(ll), lngLat);
  const x = box.x + p.x;
  const y = box.y + p.y;
  const c = (await card.boundingBox())!;
  expect(x, 'on the map').toBeGreaterThan(box.x);
  expect(x, 'on the map').toBeLessThan(box.x + box.width);
  expect(y, 'on the map').toBeGreaterThan(box.y);
  expect(y, 'on the map').toBeLessThan(box.y + box.height);
  const labelBottom = y + 28;
  const overlaps = x > c.x && x < c.x + c.width && labelBottom > c.y && y < c.y + c.height;
  expect(overlaps, `point (${Math.round(x)}, ${Math.round(y)}) and its label against the card ${JSON.stringify(c)}`).toBe(false);
}

async function phonePage(browser: import('@playwright/test').Browser): Promise<Page> {
  return browser.newPage(PHONE);
}

test('phone: Tripoli chosen in the text is framed above the card, not under it', async ({ reader }) => {
  const page = await reader('./', { ...PHONE });
  await page.locator('[data-passage="libya-war"] .place', { hasText: 'Tripoli' }).click();
  await expect(page.locator('.card h3')).toHaveText('Tripoli');
  await waitForMapIdle(page);
  await expectClearOfCard(page.locator('.map'), page.locator('.card'), TRIPOLI);
});

test('phone: a place chosen in the text with the legend open folds the legend, and shows the place', async ({ reader }) => {
  // Open, the legend covers most of a phone's map, and the map frames around the card only: Tripoli
  // was framed under the legend. A tap on the map leaves the legend open.
  const page = await reader('./', { ...PHONE });
  const legend = page.locator('details.legend');
  await page.locator('.legend > summary').click();
  await expect(legend).toHaveJSProperty('open', true);
  const map = page.locator('.map');
  const m = (await map.boundingBox())!;
  await page.touchscreen.tap(m.x + m.width - 60, m.y + m.height - 40);
  await expect(legend, 'a tap on the map leaves it open').toHaveJSProperty('open', true);
  await page.locator('[data-passage="libya-war"] .place', { hasText: 'Tripoli' }).click();
  await expect(page.locator('.card h3')).toHaveText('Tripoli');
  await expect(legend).toHaveJSProperty('open', false);
  await waitForMapIdle(page);
  await expectClearOfCard(map, page.locator('.card'), TRIPOLI);
  const l = (await page.locator('.legend').boundingBox())!;
  const p = await pointOf(page, TRIPOLI);
  expect(p.x > l.x + l.width + 4 || p.y > l.y + l.height + 4, `Tripoli (${Math.round(p.x)}, ${Math.round(p.y)}) clear of the folded legend ${JSON.stringify(l)}`).toBe(true);
});

test('phone: a place chosen in the text with the notes and credits open folds them, and the map gets its room back', async ({ reader }) => {
  // Opened, the notes and the credits stay under the map, and took it from 357 to 122 px: Tripoli's
  // card was then 6 px tall. A place chosen in the text folds them, as it folds the legend.
  const page = await reader('./', { ...PHONE });
  const map = page.locator('.map');
  const before = (await map.boundingBox())!.height;
  const notes = page.locator('details.notes');
  const credits = page.locator('details.all');
  await page.locator('.notes > summary').click();
  await page.locator('.all > summary').click();
  await expect(notes).toHaveJSProperty('open', true);
  await expect(credits).toHaveJSProperty('open', true);
  await expect.poll(async () => (await map.boundingBox())!.height).toBeLessThan(before - 100);
  await page.locator('[data-passage="libya-war"] .place', { hasText: 'Tripoli' }).click();
  await expect(page.locator('.card h3')).toHaveText('Tripoli');
  await expect(notes).toHaveJSProperty('open', false);
  await expect(credits).toHaveJSProperty('open', false);
  await expect.poll(async () => (await map.boundingBox())!.height).toBe(before);
  // Framed again in the room the map has now, as close as without the notes (zoom 7 or so), not
  // left as the strip framed it (zoom 1.5, Tripoli at the map's top edge).
  await expect.poll(() => map.evaluate((el) => (el as ProbedElement).storyMapProbe!.zoom()), { timeout: 20_000 }).toBeGreaterThan(5);
  await waitForMapIdle(page);
  await expectClearOfCard(map, page.locator('.card'), TRIPOLI);
  expect((await page.locator('.card').boundingBox())!.height, 'the card shows more than its title').toBeGreaterThan(100);
  // Opened again with a place selected, they stay open until the next place is chosen.
  await page.locator('.notes > summary').click();
  await expect(notes).toHaveJSProperty('open', true);
  await page.locator('.place', { hasText: 'Istanbul' }).first().click();
  await expect(notes).toHaveJSProperty('open', false);
});

test('phone: Tripoli tapped on the map is moved clear of the card that opens over it', async ({ reader }) => {
  const page = await reader('./', { ...PHONE });
  // Bring Tripoli low on the map, where the card will open.
  const map = (await page.locator('.map').boundingBox())!;
  const p = await pointOf(page, TRIPOLI);
  await page.mouse.move(p.x, p.y);
  await page.mouse.down();
  await page.mouse.move(p.x, map.y + map.height - 50, { steps: 6 });
  await page.mouse.up();
  await waitForMapIdle(page);
  const low = await pointOf(page, TRIPOLI);
  expect(low.y).toBeGreaterThan(map.y + map.height / 2);
  await page.touchscreen.tap(low.x, low.y);
  await expect(page.locator('.card h3')).toHaveText('Tripoli');
  await expect.poll(async () => (await pointOf(page, TRIPOLI)).y, { timeout: 10_000 }).toBeLessThan(low.y - 20);
  await waitForMapIdle(page);
  await expectClearOfCard(page.locator('.map'), page.locator('.card'), TRIPOLI);
});

test('phone: the Ever Given is framed above the card in the Suez story', async ({ reader }) => {
  const page = await reader('./?story=suez-2021-04-02', { ...PHONE });
  await page.locator('[data-passage="refloated"] .place', { hasText: 'Ever Given' }).first().click();
  await expect(page.locator('.card h3')).toContainText('Ever Given');
  await waitForMapIdle(page);
  await expectClearOfCard(page.locator('.map'), page.locator('.card'), EVER_GIVEN);
});

test('phone: the card folds down to its title and opens again', async ({ reader }) => {
  const page = await reader('./', { ...PHONE });
  await page.locator('[data-passage="libya-war"] .place', { hasText: 'Tripoli' }).click();
  const card = page.locator('.card');
  await expect(card.locator('.details')).toBeVisible();
  const open = (await card.boundingBox())!;
  const map = (await page.locator('.map').boundingBox())!;
  // A sheet across the map, at most half its height.
  expect(open.width).toBeGreaterThan(map.width - 30);
  expect(open.height).toBeLessThanOrEqual(map.height / 2);
  await card.getByRole('button', { name: 'Hide details' }).click();
  await expect(card.locator('.details')).toBeHidden();
  await expect(card.locator('h3')).toHaveText('Tripoli');
  expect((await card.boundingBox())!.height).toBeLessThan(open.height - 20);
  await card.getByRole('button', { name: 'Show details' }).click();
  await expect(card.locator('.details')).toBeVisible();
});

test('a small phone (360 x 640): the card opens folded to its title, the governorate shown above it; unfolded, it stays so', async ({ reader }) => {
  // The map was 245 px tall (less since the colours' key took a third line): the open card covered the half Idlib was framed in, with no room above
  // it to move Idlib to, and the ring of "military bases" at the top edge sat under "Reset view".
  const page = await reader('./', { ...PHONE, viewport: { width: 360, height: 640 } });
  await page.locator('[data-passage="idlib-truce"] .place', { hasText: 'Idlib' }).first().click();
  const card = page.locator('.card');
  await expect(card.locator('h3')).toHaveText('Idlib Governorate');
  await expect(card.locator('.details')).toBeHidden();
  await expect(card.getByRole('button', { name: 'Show details' })).toBeVisible();
  await waitForMapIdle(page);
  // Most of the governorate's outline is on the map above the card: its corners, projected.
  const map = page.locator('.map');
  const box = (await map.boundingBox())!;
  const c = (await card.boundingBox())!;
  const corners = await map.evaluate((el) => {
    const probe = (el as ProbedElement).storyMapProbe!;
    return [[36.15, 35.32], [37.22, 36.33]].map((ll) => probe.project(ll as [number, number]));
  });
  const [sw, ne] = corners.map((p) => ({ x: box.x + p.x, y: box.y + p.y }));
  expect(ne!.y, 'the top of the governorate under the controls’ margin').toBeGreaterThan(box.y + 20);
  // (Give or take 16 px: the colours' key under the map took a third line for Syria's two sides, and
  // the map is shorter; the framing's zoom limit then lets the south tip reach under the card.)
  expect(sw!.y, 'its south above the card, give or take').toBeLessThan(c.y + 16);
  // The reader unfolds it: it stays unfolded for the next place.
  await card.getByRole('button', { name: 'Show details' }).click();
  await expect(card.locator('.details')).toBeVisible();
  await page.locator('[data-passage="libya-war"] .place', { hasText: 'Tripoli' }).click();
  await expect(card.locator('h3')).toHaveText('Tripoli');
  await expect(card.locator('.details')).toBeVisible();
  // "military bases": Erbil's ring, at the top of what is framed, is clear of "Reset view".
  await page.locator('[data-passage="iraq-strikes"] .place', { hasText: 'military bases' }).click();
  await waitForMapIdle(page);
  const erbil = await pointOf(page, [43.96306, 36.2375]);
  const reset = (await page.getByRole('button', { name: 'Reset view' }).boundingBox())!;
  expect(erbil.y - 7, 'the ring’s top below the button').toBeGreaterThan(reset.y + reset.height);
});

// A sheet has half the map: most cards' sources are below its edge. While there is more below, the
// last lines in view fade out (FeatureCard's ::after, driven by the card's scrolling); at the end,
// or with nothing to scroll, nothing is faded.
test('phone: a card with more than it shows fades out at its bottom edge until read to the end', async ({ reader }) => {
  const page = await reader('./', { ...PHONE });
  await page.locator('.place', { hasText: 'rebel-stronghold region' }).first().click();
  const card = page.locator('.card');
  await expect(card.locator('h3')).toHaveText('Idlib Governorate');
  await expect(card.locator('.source').last()).toBeAttached();
  // What scrolls is inside the card (FeatureCard's .scroll), the card's white around it.
  const scroller = card.locator('.scroll');
  const fade = () => scroller.evaluate((el) => Number(getComputedStyle(el, '::after').opacity));
  const more = () => scroller.evaluate((el) => el.scrollHeight - el.clientHeight - el.scrollTop);
  expect(await more(), 'the card has more text than room').toBeGreaterThan(20);
  await expect.poll(fade, { message: 'faded while more is below' }).toBe(1);
  await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect.poll(more).toBeLessThan(1);
  await expect.poll(fade, { message: 'nothing faded at the end: the sources read whole' }).toBe(0);
  // Folded to its title, it has nothing to scroll: nothing faded.
  await card.getByRole('button', { name: 'Hide details' }).click();
  await expect(card.locator('.details')).toBeHidden();
  await expect.poll(fade, { message: 'nothing faded when folded' }).toBe(0);
});

test('phone embed: Tehran selected by the host is framed above the card', async ({ browser }) => {
  const page = await phonePage(browser);
  await page.goto(NEWS);
  await waitForMap(page, 'frame-a');
  await page.evaluate(async () => {
    const { connect } = await import(new URL('../embed-host.js', location.href).href);
    connect(document.getElementById('frame-a')).select('iraq-bases:tehran');
  });
  const frame = embed(page, 'frame-a').root;
  await expect(frame.locator('.card h4')).toHaveText('Tehran');
  await settle(page, 'frame-a');
  await expectClearOfCard(frame.locator('.map'), frame.locator('.card'), TEHRAN);
  await page.close();
});

// "Reset view" with a card open framed the whole story in the strip the card left (zoom 1.5 against
// the opening 2.1 on a 390 px phone, southern Libya under the card), and the map stayed there once
// the card was closed (a graphics editor's review). It goes back to the story as it opened: nothing
// selected, no card, the opening view.
test('phone: Reset view with a card open closes it and shows the story as it opened', async ({ reader }) => {
  const page = await reader('./', { ...PHONE });
  await waitForMapIdle(page);
  const zoom = () => page.locator('.map').evaluate((el) => (el as ProbedElement).storyMapProbe!.zoom());
  const opening = await zoom();
  await page.locator('.place', { hasText: 'Istanbul' }).first().tap();
  await expect(page.locator('section.card')).toBeVisible();
  await waitForMapIdle(page);
  expect(await zoom()).toBeGreaterThan(opening + 2);
  await page.getByRole('button', { name: 'Reset view' }).tap();
  await expect(page.locator('section.card')).toHaveCount(0);
  await waitForMapIdle(page);
  expect(Math.abs((await zoom()) - opening), `zoom ${await zoom()} against the opening ${opening}`).toBeLessThan(0.02);
  // Nothing selected: no passage marked, no place pressed in the list.
  await expect(page.locator('[data-passage].active')).toHaveCount(0);
  await expect(page.locator('[aria-pressed="true"]')).toHaveCount(0);
});
