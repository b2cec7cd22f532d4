// A keyboard-only walkthrough, no pointer at all: skip link, toggle a layer, select a place from
// the list, read its passage, clear, reach the map and move it, close the card without losing focus.
import { expect, type Page } from '@playwright/test';
import { test } from './reader';
import { featureState, renderedCount, watch } from './helpers';
import type { ProbedElement } from '../../src/lib/map/probe';

/** What has focus: a short description, and whether its focus indicator is drawn. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { what: 'body', visible: false, text: '' };
    const style = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
    return {
      what: el.tagName.toLowerCase() + (el.dataset.key ? `[${el.dataset.key}]` : '') + (el.id ? `#${el.id}` : ''),
      text: (el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '').trim().slice(0, 60),
      // Drawn: an outline, or (the map canvas, clipped by its box) an inset one.
      visible: onScreen && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    };
  });
}

/** Presses Tab (or Shift+Tab) until `test` holds for the focused element; fails after `max` presses. */
async function tabTo(page: Page, test: (f: Awaited<ReturnType<typeof focused>>) => boolean, { back = false, max = 120 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    expect(f.what, 'focus is never lost to the page').not.toBe('body');
    if (test(f)) return f;
  }
  throw new Error('never reached');
}

test('keyboard only: toggle a layer, select from the list, read the passage, clear, reach and move the map', async ({ reader }) => {
  const page = await reader();
  const seen = watch(page);
  const live = page.locator('[data-announcer]');

  // The first Tab shows the skip link.
  await page.keyboard.press('Tab');
  let f = await focused(page);
  expect(f.text).toBe('Skip the map');
  expect(f.visible).toBe(true);

  // Layer toggle: reach it, Space hides the layer, Space shows it again.
  f = await tabTo(page, (x) => x.what === 'input' && x.text === 'Iran and Iraq');
  expect(f.visible).toBe(true);
  await page.keyboard.press('Space');
  await expect(page.getByRole('checkbox', { name: 'Iran and Iraq' })).not.toBeChecked();
  await expect.poll(() => renderedCount(page, 'iraq-bases')).toBe(0);
  await expect(live).toContainText('Layer Iran and Iraq hidden on the map.');
  await page.keyboard.press('Space');
  await expect.poll(() => renderedCount(page, 'iraq-bases')).toBeGreaterThan(0);
  await expect(live).toContainText('Layer Iran and Iraq shown on the map.');

  // Back to the skip links; the second jumps to the list of places.
  await tabTo(page, (x) => x.text === 'List of places on the map', { back: true });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Places on this map' })).toBeFocused();
  f = await tabTo(page, (x) => x.what.startsWith('button['));
  expect(f.what).toBe('button[libya:libya-boundary]');
  expect(f.visible).toBe(true);
  // The list is one tab stop; arrow keys walk it (Home/End too).
  await page.keyboard.press('End');
  expect((await focused(page)).what).toBe('button[turkstream:black-sea]');
  await page.keyboard.press('Home');
  for (let i = 0; i < 60 && (await focused(page)).what !== 'button[iraq-bases:tehran]'; i++) await page.keyboard.press('ArrowDown');
  f = await focused(page);
  expect(f.what).toBe('button[iraq-bases:tehran]');
  expect(f.visible).toBe(true);

  // Enter selects, exactly as a click on the map would.
  await page.keyboard.press('Enter');
  await expect(page.locator('.card h3')).toHaveText('Tehran');
  await expect(page.locator('[data-passage="khamenei"]')).toHaveClass(/active/);
  await expect.poll(() => featureState(page, 'iraq-bases:tehran')).toMatchObject({ selected: true });
  await expect(live).toContainText('Selected Tehran');
  // Focus stays on the chosen place, in view.
  await expect(page.locator('.places button[data-key="iraq-bases:tehran"]')).toBeFocused();
  await expect(page.locator('.places button[data-key="iraq-bases:tehran"]')).toBeInViewport();

  // Its passage: the link after it moves the reader there.
  f = await tabTo(page, (x) => x.what === 'a');
  expect(f.text).toMatch(/^“After the attack/);
  expect(f.visible).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.locator('#passage-khamenei')).toBeFocused();
  await expect(page.locator('#passage-khamenei')).toBeInViewport();
  expect((await focused(page)).visible).toBe(true);

  // Escape clears; focus stays where it was.
  await page.keyboard.press('Escape');
  await expect(page.locator('.card')).toHaveCount(0);
  await expect(page.locator('[data-passage="khamenei"]')).not.toHaveClass(/active/);
  await expect(live).toContainText('Selection cleared.');
  await expect(page.locator('#passage-khamenei')).toBeFocused();

  // Reach the map; MapLibre's keyboard pans and zooms it.
  f = await tabTo(page, (x) => x.what === 'canvas', { back: true });
  expect(f.visible).toBe(true);
  const probe = () => page.locator('.map').evaluate((el) => {
    const p = (el as ProbedElement).storyMapProbe!;
    return { lon: p.center()[0], zoom: p.zoom() };
  });
  const before = await probe();
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await probe()).lon).toBeGreaterThan(before.lon + 0.1);
  await page.keyboard.press('Equal');
  await expect.poll(async () => (await probe()).zoom).toBeGreaterThan(before.zoom + 0.5);
  expect(seen.errors).toEqual([]);
});

test('keyboard only: focus goes into the card and comes back out when it closes, never trapped or lost', async ({ reader }) => {
  const page = await reader();
  // Select from the list with the keyboard.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect((await focused(page)).text).toBe('List of places on the map');
  await page.keyboard.press('Enter');
  await tabTo(page, (x) => x.what.startsWith('button['));
  await page.keyboard.press('Enter');
  await expect(page.locator('.card h3')).toHaveText('Libya');
  // Backwards from the list, through the article, into the card on the map.
  const close = await tabTo(page, (x) => x.what === 'button' && x.text === 'Close', { back: true });
  expect(close.visible).toBe(true);
  // Not trapped: Tab leaves the card.
  await page.keyboard.press('Tab');
  expect(await page.locator('.card').evaluate((card) => card.contains(document.activeElement))).toBe(false);
  await page.keyboard.press('Shift+Tab');
  expect((await focused(page)).text).toBe('Close');
  // Closing puts focus back where it came from, not on the page body.
  await page.keyboard.press('Enter');
  await expect(page.locator('.card')).toHaveCount(0);
  const after = await focused(page);
  expect(after.what).not.toBe('body');
  expect(after.visible).toBe(true);
});
