// Accessibility checks a machine can make: axe-core (WCAG 2.2 A/AA and best practice) on the page as
// it opens, with a feature selected, at phone width and without WebGL; reduced motion; reflow at
// 320 px and at 200 % zoom; the text alternative and the announcements.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { test } from './reader';
import { featureState, openStory, renderedCount, waitForMapIdle } from './helpers';
import type { ProbedElement } from '../../src/lib/map/probe';

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  // Every rule ran on real content: a page that failed to render would pass axe trivially.
  expect(result.passes.map((r) => r.id)).toEqual(expect.arrayContaining(['color-contrast', 'button-name', 'landmark-unique', 'aria-allowed-attr']));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
}

const zoom = (page: Page) => page.locator('.map').evaluate((el) => (el as ProbedElement).storyMapProbe!.zoom());
const moving = (page: Page) => page.locator('.map').evaluate((el) => (el as ProbedElement).storyMapProbe!.moving());

test('axe: no serious or critical violation on the standalone page, as opened and with a feature selected', async ({ reader }) => {
  const page = await reader();
  expect(await seriousViolations(page)).toEqual([]);
  await page.locator('.places button[data-key="libya:tripoli"]').click();
  await expect(page.locator('.card h3')).toHaveText('Tripoli');
  await expect(page.locator('.places .passages a').first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('axe: no serious or critical violation while the map is shown and the app is not live yet', async ({ page }) => {
  // The live page's code (Svelte and the components) held back: the prerendered page with its early map shown.
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  await page.route(/\/assets\/live-[^/]*\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  await page.goto('./');
  await expect(page.locator('.early-map[data-map-shown]')).toBeAttached({ timeout: 45_000 });
  expect(await page.evaluate(() => performance.getEntriesByName('story-map:hydrated').length)).toBe(0);
  expect(await seriousViolations(page)).toEqual([]);
  release();
  await expect(page.locator('[data-map-ready]')).toBeAttached({ timeout: 45_000 });
});

test('a paragraph’s pin is a target of at least 24 x 24 px on a phone, clear of the words beside it', async ({ reader }) => {
  // It looks 22 px round; the margin beside it answers a tap too (WCAG 2.5.8, a reader's review).
  const page = await reader('./', { viewport: { width: 390, height: 800 }, hasTouch: true, isMobile: true });
  const passage = page.locator('[data-passage="iraq-strikes"]');
  const pin = passage.locator('.pin');
  await pin.scrollIntoViewIfNeeded();
  const b = (await pin.boundingBox())!;
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  const hits = await page.evaluate(({ cx, cy }) => {
    const at = (x: number, y: number) => !!document.elementFromPoint(x, y)?.closest('.pin');
    const out: string[] = [];
    for (const dx of [-12, 0, 12]) for (const dy of [-20, -12, 0, 12, 20]) if (!at(cx + dx, cy + dy)) out.push(`${dx},${dy}`);
    return { missed: out, text: at(cx + 26, cy) };
  }, { cx, cy });
  expect(hits.missed, 'points around the pin that do not reach it').toEqual([]);
  expect(hits.text, 'the first word, right of the margin, is not the pin').toBe(false);
  await page.touchscreen.tap(cx, cy - 18);
  await expect(passage).toHaveClass(/active/);
});

test('axe: no serious or critical violation at phone width, and none on the SVG fallback', async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 800 }, hasTouch: true, isMobile: true });
  const page = await phone.newPage();
  await openStory(page);
  await page.locator('[data-passage="iraq-strikes"] .pin').click();
  expect(await seriousViolations(page)).toEqual([]);
  await phone.close();

  const noGl = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const fallback = await noGl.newPage();
  await fallback.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (HTMLCanvasElement.prototype as any).getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      return /webgl/.test(type) ? null : (original as (...a: unknown[]) => unknown).call(this, type, ...rest);
    };
  });
  await fallback.goto('./');
  await expect(fallback.locator('[data-fallback-ready]')).toBeAttached({ timeout: 30_000 });
  await fallback.locator('.fallback [data-key="iraq-bases:tehran"]').click();
  expect(await seriousViolations(fallback)).toEqual([]);
  await noGl.close();
});

test('the map region is labelled and described; the list of places is its text alternative', async ({ reader }) => {
  const page = await reader();
  const region = page.getByRole('region', { name: /^Map: Putin, Erdogan/ });
  await expect(region).toBeVisible();
  const describedBy = await region.getAttribute('aria-describedby');
  await expect(page.locator(`[id="${describedBy}"]`)).toContainText('A map of the places in this story');
  await expect(page.locator('.map canvas')).toHaveAttribute('aria-label', /Arrow keys pan/);
  const places = page.getByRole('region', { name: 'Places on this map' });
  await expect(places.getByRole('heading', { level: 3 })).toHaveText(['Libya', 'Syria / Idlib', 'Iran and Iraq', 'Istanbul', 'TurkStream pipeline']);
  // Every feature, with its date, description and source, in reading order within its layer.
  await expect(places.locator('li')).toHaveCount(52);
  const tehran = places.locator('li', { has: page.locator('[data-key="iraq-bases:tehran"]') });
  await expect(tehran).toContainText('8 Jan 2020');
  await expect(tehran).toContainText('Supreme Leader Ali Khamenei’s televised address, to a gathering in Tehran.');
  await expect(tehran).toContainText('Reported by: CGTN (this article); in Tehran: The Times of Israel, 8 Jan 2020');
  await expect(tehran).toContainText('Location: GeoNames (CC BY 4.0)');
  const libya = places.getByRole('list', { name: 'Libya' }).getByRole('button');
  await expect(libya.first()).toHaveText('Libya');
  // At the same passage the story's own places before the towns shown for context (Aziziya, Tarhuna).
  await expect(libya.nth(1)).toHaveText('Benghazi');
  await expect(libya.nth(2)).toHaveText('Tobruk');
  await expect(libya.nth(3)).toHaveText('Tripoli');
  // Approximate areas say so in words, not by colour alone.
  await expect(places.locator('li', { has: page.locator('[data-key="libya:ly-district-LY-SR"]') })).toContainText('approximate area');
  // Headings make sense in a rotor: one h1, the article's and the list's h2s, layers as h3.
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 2, name: 'Places on this map' })).toHaveCount(1);
  await expect(page.getByRole('main')).toHaveCount(1);
});

test('selections, clearing and layer toggles are announced politely', async ({ page }) => {
  await openStory(page);
  // With scripts the names show their places (the hint without scripts: prerender.spec).
  await expect(page.locator('.hint .live-only')).toHaveText('show places on the map.');
  await expect(page.locator('.hint .live-only')).toBeVisible();
  await expect(page.locator('.hint .static-only')).toBeHidden();
  const live = page.locator('[data-announcer]');
  await expect(live).toHaveAttribute('aria-live', 'polite');
  await expect(live).toHaveText('');
  await page.locator('.places button[data-key="iraq-bases:tehran"]').click();
  await expect(live).toContainText('Selected Tehran (Iran and Iraq), 8 Jan 2020, approximate. Its passage is marked in the text.');
  // A place named as its layer is not named twice ("Selected Istanbul, Istanbul").
  await page.locator('.places button[data-key="istanbul:istanbul"]').click();
  await expect(live).toContainText('Selected Istanbul, 8 Jan 2020, approximate.');
  await page.locator('[data-passage="iraq-strikes"] .pin').click();
  await expect(live).toContainText('Passage selected. Shown on the map: Iran, Al Asad Airbase, Erbil and Baghdad International Airport.');
  await page.keyboard.press('Escape');
  await expect(live).toContainText('Selection cleared.');
  await page.getByRole('checkbox', { name: 'Istanbul' }).uncheck();
  await expect(live).toContainText('Layer Istanbul hidden on the map.');
  // Selecting a feature of a hidden layer shows the layer: one message says both.
  await page.locator('.places button[data-key="istanbul:istanbul"]').click();
  await expect(live).toContainText('Selected Istanbul');
  await expect(live).toContainText('Layer Istanbul shown on the map.');
});

test.describe('with prefers-reduced-motion', () => {
  test.use({ reducedMotion: 'reduce' });
  test('the map jumps instead of flying, and highlights are not animated', async ({ reader }) => {
    const page = await reader();
    const z0 = await zoom(page);
    await page.locator('[data-passage="iraq-strikes"] .pin').click();
    // Already there when the click returns: no flight in between.
    await expect.poll(() => featureState(page, 'iraq-bases:erbil-airport')).toMatchObject({ selected: true });
    const z1 = await zoom(page);
    expect(await moving(page)).toBe(false);
    // In by most of a zoom level (2.66 to 3.51 at 1280x800, framed with room for the bases' names).
    expect(z1).toBeGreaterThan(z0 + 0.75);
    // At rest (a flight still going would end first, elsewhere): where the click put it.
    await waitForMapIdle(page);
    expect(await zoom(page)).toBeCloseTo(z1, 6);
    expect(await page.locator('[data-passage="iraq-strikes"]').evaluate((el) => getComputedStyle(el).transitionDuration)).toBe('0s');
  });
});

test('without reduced motion the map flies (the check above can fail)', async ({ reader }) => {
  const page = await reader();
  await page.locator('[data-passage="iraq-strikes"] .pin').click();
  await expect.poll(() => moving(page), { timeout: 5_000, intervals: [20] }).toBe(true);
});

for (const { width, height, label } of [
  { width: 320, height: 640, label: 'a 320 px wide screen' },
  { width: 640, height: 400, label: '200 % zoom of a 1280×800 window' },
]) {
  test(`usable on ${label}: no sideways scrolling, map and text both there, list selects`, async ({ reader }) => {
    const page = await reader('./', { viewport: { width, height } });
    const overflow = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      text: (() => {
        const t = document.querySelector('.text-pane')!;
        return t.scrollWidth - t.clientWidth;
      })(),
    }));
    expect(overflow).toEqual({ page: 0, text: 0 });
    const map = (await page.locator('.map').boundingBox())!;
    const text = (await page.locator('.text-pane').boundingBox())!;
    expect(map.height).toBeGreaterThan(120);
    expect(text.height).toBeGreaterThan(200);
    expect(await renderedCount(page, 'iraq-bases')).toBeGreaterThan(0);
    await page.locator('.places button[data-key="iraq-bases:tehran"]').click();
    await expect(page.locator('.card h3')).toHaveText('Tehran');
    await expect(page.locator('.card')).toBeInViewport();
    // The card stays below the map's controls, so Reset view and zoom stay usable.
    const card = (await page.locator('.card').boundingBox())!;
    const reset = (await page.getByRole('button', { name: 'Reset view' }).boundingBox())!;
    expect(card.y).toBeGreaterThanOrEqual(reset.y + reset.height);
    expect(await seriousViolations(page)).toEqual([]);
  });
}

// 400 % zoom of a 1280 x 1024 and a 1440 x 900 window: the map took its 16rem minimum, the whole
// height, and the article had 0 px, a focused place name under the map (an accessibility review).
for (const [width, height] of [[320, 256], [360, 225]] as const) {
  test(`at 400 % zoom (${width}×${height}) the article keeps room, and a place name tabbed to is on screen`, async ({ reader }) => {
    const page = await reader('./', { viewport: { width, height } });
    const map = (await page.locator('.map-pane').boundingBox())!;
    const text = (await page.locator('.text-pane').boundingBox())!;
    expect(text.height).toBeGreaterThan(height * 0.4);
    expect(map.height).toBeGreaterThan(height * 0.3);
    const place = page.locator('.article .place').first();
    await place.focus();
    await expect(place).toBeFocused();
    await expect(place).toBeInViewport();
  });
}

// A phone with a place selected: the card is a sheet across the map's lower half, and the legend's
// last toggles, opened, were under it; tabbed to, their focus ring could not be seen.
test('on a phone, an open legend’s toggles are above the card, each one seen when tabbed to', async ({ reader }) => {
  const page = await reader('./', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await page.locator('.places button[data-key="iraq-bases:tehran"]').click();
  await expect(page.locator('.card h3')).toHaveText('Tehran');
  await page.locator('.legend summary').click();
  const boxes = page.locator('.legend input[type="checkbox"]');
  await expect(boxes).toHaveCount(5);
  for (let i = 0; i < 5; i++) {
    const box = boxes.nth(i);
    await box.focus();
    await expect(box).toBeFocused();
    // What is drawn at the toggle's centre is the toggle or its label, not the card.
    const top = await box.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      return !!hit && (hit === el || !!hit.closest('.legend'));
    });
    expect(top, `toggle ${i + 1}`).toBe(true);
  }
  await expect(page.locator('.card')).toBeVisible();
});

// A pin said it was pressed (aria-pressed) but pressing it again did nothing, and its name listed
// every place of its passage, 27 in the Libya one, read out at each Tab (an accessibility review).
test('a passage’s pin is a toggle with a short name: pressed, it shows the passage; pressed again, it clears', async ({ reader }) => {
  const page = await reader();
  const pin = page.locator('[data-passage="libya-war"] .pin');
  const label = (await pin.getAttribute('aria-label'))!;
  expect(label).toMatch(/^Show on the map: [^,]+, [^,]+, [^,]+ and \d+ more$/);
  expect(label.length).toBeLessThan(90);
  await expect(pin).toHaveAttribute('aria-pressed', 'false');
  await pin.click();
  await expect(pin).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('[data-passage="libya-war"]')).toHaveClass(/active/);
  await pin.click();
  await expect(pin).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('[data-passage="libya-war"]')).not.toHaveClass(/active/);
  // A place of the passage selected: the passage is active, its pin not pressed (it shows the whole passage).
  await page.locator('[data-passage="libya-war"] .place', { hasText: 'Tripoli' }).click();
  await expect(page.locator('[data-passage="libya-war"]')).toHaveClass(/active/);
  await expect(pin).toHaveAttribute('aria-pressed', 'false');
  // A passage with few places names them all.
  await expect(page.locator('[data-passage="khamenei"] .pin')).toHaveAttribute('aria-label', /^Show on the map: [^,]+(, [^,]+)?$/);
});

// Windows High Contrast (forced colours) drops backgrounds and shadows: the active passage and its
// pressed pin looked like the others, and the legend's swatches were empty boxes.
test('in forced colours the active passage, its pin and the legend’s colours still show', async ({ page }) => {
  await page.emulateMedia({ forcedColors: 'active' });
  await openStory(page);
  const passage = page.locator('[data-passage="iraq-strikes"]');
  await passage.locator('.pin').click();
  await expect(passage).toHaveClass(/active/);
  const style = (sel: string, prop: string) => page.locator(sel).first().evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), prop);
  expect(await style('[data-passage="iraq-strikes"]', 'outline-style')).toBe('solid');
  expect(await style('[data-passage="lede"]', 'outline-style')).toBe('none');
  const pressed = await style('[data-passage="iraq-strikes"] .pin', 'background-color');
  expect(pressed).not.toBe(await style('[data-passage="lede"] .pin', 'background-color'));
  // A point swatch keeps its layer's colour (Istanbul, #1e4b46), as the map does; so does a ring's
  // (Iran and Iraq's places are all approximate, #55120b).
  expect(await style('.legend li[data-layer="istanbul"] .swatch .point', 'background-color')).toBe('rgb(30, 75, 70)');
  expect(await style('.legend li[data-layer="iraq-bases"] .swatch .point.ring', 'border-top-color')).toBe('rgb(85, 18, 11)');
});

test('the iframe embed’s page has one main landmark holding the story, and axe finds no serious violation', async ({ page }) => {
  await page.goto('./embed.html?story=cgtn-2020-01-09');
  await expect(page.locator('[data-passage]').first()).toBeVisible({ timeout: 30_000 });
  const main = page.getByRole('main');
  await expect(main).toHaveCount(1);
  // Its headline an h2, under the host page's own h1, and the heads below it one level down (heading-level.ts).
  await expect(main.getByRole('heading', { level: 2 })).toContainText('Putin, Erdogan');
  await expect(main.getByRole('heading', { level: 3, name: 'Places on this map', includeHidden: true })).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(0);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  expect(result.passes.map((r) => r.id)).toContain('landmark-one-main');
  expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});

// A place name chosen with Enter opens its card in the map's panel, before the article in the
// page: its buttons and sources were 18 to 27 Shift+Tabs back, or 44 to 52 Tabs on. Tab from the
// name now goes into the card, Shift+Tab at its start back to the name, Tab at its end on to what
// follows the name in the text (card-focus.ts).
test('the keyboard goes from a chosen place name into its card and back into the text after it', async ({ reader }) => {
  const page = await reader();
  const tripoli = page.locator('[data-passage="libya-war"] .place', { hasText: 'Tripoli' });
  await tripoli.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.card h3')).toHaveText('Tripoli');
  const card = page.locator('.card-slot .card');
  await page.keyboard.press('Tab');
  await expect(card).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(tripoli).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(card).toBeFocused();
  // Through the card's buttons and links, then on into the text after "Tripoli".
  const inCard = await card.evaluate((el) => [...el.querySelectorAll('a[href], button')].filter((b) => (b as HTMLElement).getClientRects().length > 0).length);
  expect(inCard).toBeGreaterThan(1);
  for (let i = 0; i < inCard; i++) {
    await page.keyboard.press('Tab');
    expect(await card.evaluate((el) => el.contains(document.activeElement)), `step ${i + 1} in the card`).toBe(true);
  }
  await page.keyboard.press('Tab');
  const after = await tripoli.evaluate((el) => {
    const a = document.activeElement!;
    return { inArticle: !!a.closest('.article'), follows: !!(el.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING), text: a.textContent };
  });
  expect(after, 'the next stop after "Tripoli" in the text').toMatchObject({ inArticle: true, follows: true });
  // Shift+Tab at the card's first button goes back to the name too.
  await tripoli.focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await card.evaluate((el) => el !== document.activeElement && el.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Shift+Tab');
  await expect(tripoli).toBeFocused();
});
