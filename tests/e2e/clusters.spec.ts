// A big point layer is clustered: a cluster is drawn as one circle with a count, clicking it zooms in
// until it splits, and a point the reader picks in the text is drawn (and highlighted) on its own.
import { expect, type Page } from '@playwright/test';
import { test } from './reader';
import { featureState, pointOf, waitForMapIdle, watch } from './helpers';
import type { ProbedElement } from '../../src/lib/map/probe';

const CAIRO: [number, number] = [31.2357, 30.0444];
const zoom = (page: Page) => page.locator('.map').evaluate((el) => (el as ProbedElement).storyMapProbe!.zoom());

test('600 points in one place make one cluster; clicking it zooms in, selecting nothing', async ({ reader }) => {
  const page = await reader('./?story=many-points');
  const seen = watch(page);
  // At rest, with a camera that holds between two looks: in full test runs the camera was seen to
  // settle 0.01 zoom after the map said it was ready (not yet explained), which moved the cluster
  // from under a pointer aimed before it.
  await waitForMapIdle(page);
  let before = NaN;
  await expect.poll(async () => before === (before = await zoom(page)), { intervals: [250] }).toBe(true);
  const z0 = await zoom(page);
  const p = await pointOf(page, CAIRO);
  await page.mouse.move(p.x, p.y);
  await expect.poll(() => page.locator('.map canvas').evaluate((c) => (c as HTMLElement).style.cursor)).toBe('pointer');
  await page.mouse.click(p.x, p.y);
  await expect.poll(() => zoom(page), { timeout: 10_000 }).toBeGreaterThan(z0 + 0.99);
  await expect(page.locator('.card')).toHaveCount(0);
  expect(seen.errors).toEqual([]);
});

test('a point picked in the text is drawn on its own and highlighted, out of its cluster', async ({ reader }) => {
  const page = await reader('./?story=many-points');
  await page.locator('[data-passage="cairo"] .place', { hasText: 'Cairo' }).click();
  await expect.poll(() => featureState(page, 'points:p0')).toMatchObject({ selected: true });
  await waitForMapIdle(page);
  // Framed at zoom 7 or more, where no cluster is left (style.ts CLUSTER_MAX_ZOOM = 6).
  expect(await zoom(page)).toBeGreaterThanOrEqual(7);
  // The selected point is the feature under its own position: clicking there keeps it selected.
  const p = await pointOf(page, CAIRO);
  await page.mouse.click(p.x, p.y);
  await expect(page.locator('.card h3')).toContainText('Cairo site');
});

test('the list of places lists the first 200 of a big layer and says how many more the map shows', async ({ reader }) => {
  const page = await reader('./?story=many-points');
  const list = page.locator('.places');
  await expect(list.locator('li')).toHaveCount(200);
  await expect(list.locator('.more')).toContainText('And 401 more in “Sites”, on the map');
  // The places the article names come first.
  await expect(list.locator('li').first()).toContainText(/Alexandria|Cairo site 0/);
  await expect(list.locator('.summary')).toContainText('601 places');
  // Every place stays reachable: "Show more" lists the next 200, and focus moves to the first of them.
  await list.getByRole('button', { name: 'Show 200 more' }).click();
  await expect(list.locator('li')).toHaveCount(400);
  await expect(list.locator('li').nth(200).locator('button')).toBeFocused();
  await list.getByRole('button', { name: 'Show 200 more' }).click();
  await expect(list.locator('li')).toHaveCount(600);
  await expect(list.locator('.more')).toContainText('And 1 more');
  await list.getByRole('button', { name: 'Show 1 more' }).click();
  await expect(list.locator('li')).toHaveCount(601);
  await expect(list.locator('.more')).toHaveCount(0);
  // The arrow keys go on through the places added.
  await page.keyboard.press('End');
  await expect(list.locator('li').last().locator('button')).toBeFocused();
});
