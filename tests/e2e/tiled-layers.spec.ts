// A story whose point layer is big enough to be tiled at build time (tests/fixtures/stories/
// tiled-points: 5 200 points, src/lib/story/tiled.ts): the page never fetches the layer whole, yet a
// click on any point opens its card, a passage highlights its points, and a link to a feature the
// article never names opens it (from the layer's feature index, fetched only then).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { test } from './reader';
import type { ProbedElement } from '../../src/lib/map/probe';
import { featureState, openStory, pointOf, waitForMapIdle, watch } from './helpers';

const STORY = '?story=tiled-points';
const dir = join(import.meta.dirname, '../fixtures/stories/tiled-points');
const rows = readFileSync(join(dir, 'layers/points.csv'), 'utf8').trim().split('\n').slice(1).map((line) => {
  const [id, name, lat, lon] = line.split(',');
  return { id: id!, name: name!, lon: Number(lon), lat: Number(lat) };
});
const linked = new Set(Object.keys((JSON.parse(readFileSync(join(dir, 'story.json'), 'utf8')) as { features: object }).features));
/** An unlinked point with no other within 0.1° (about 70 px at zoom 9): a click finds it alone. */
const lonely = rows.find((r) => !linked.has(`points:${r.id}`) && rows.every((o) => o === r || Math.hypot(o.lon - r.lon, o.lat - r.lat) > 0.1))!;

function requests(page: Page) {
  const paths: string[] = [];
  page.on('request', (r) => paths.push(new URL(r.url()).pathname));
  return paths;
}

test('the layer comes as tiles: model.json holds only the linked points, and the layer file is never fetched', async ({ page }) => {
  const { errors } = watch(page);
  const paths = requests(page);
  const model = page.waitForResponse((r) => r.url().includes('/stories/tiled-points/model.json'));
  await openStory(page, STORY);
  const text = await (await model).text();
  expect(text.length).toBeLessThan(60_000);
  expect(text).toContain('"tiled"');
  expect(text).not.toContain(`"name":"${lonely.name}"`);
  expect(paths.some((p) => p.includes('/stories/tiled-points/tiles/points/'))).toBe(true);
  expect(paths.filter((p) => /layers\/points|index\.json/.test(p))).toEqual([]);
  // The list of places names the linked points and says how many more the map shows.
  await expect(page.locator('.places .more')).toContainText('5,188 more');
  expect(errors).toEqual([]);
});

test('a click on a point the article never names opens its card from its tile, and highlights it', async ({ page }) => {
  const { errors } = watch(page);
  const paths = requests(page);
  await openStory(page, `${STORY}#v=${lonely.lon},${lonely.lat},9`);
  await waitForMapIdle(page);
  const at = await pointOf(page, [lonely.lon, lonely.lat]);
  await page.mouse.click(at.x, at.y);
  const card = page.locator(`.card[data-feature="points:${lonely.id}"]`);
  await expect(card).toBeVisible();
  await expect(card.locator('h3')).toHaveText(lonely.name);
  await expect(card).toContainText('Source: Synthetic');
  await expect.poll(() => featureState(page, `points:${lonely.id}`)).toMatchObject({ selected: true });
  // The history entry is written once the click's frame is painted (after-paint.ts).
  await expect(page).toHaveURL(new RegExp(`f=points:${lonely.id}(&|$)`));
  expect(paths.filter((p) => /layers\/points|index\.json/.test(p))).toEqual([]);
  expect(errors).toEqual([]);
});

test('a passage highlights its points on the map', async ({ reader }) => {
  const page = await reader(STORY);
  await page.locator('[data-passage="s1"]').click({ position: { x: 10, y: 10 } });
  await expect(page.locator('[data-passage="s1"]')).toHaveClass(/active/);
  for (const key of ['points:p0', 'points:p1732', 'points:p3464']) await expect.poll(() => featureState(page, key)).toMatchObject({ selected: true });
});

test('a link to a linked point opens it at once; to an unlinked one, from the feature index', async ({ page }) => {
  const { errors } = watch(page);
  const paths = requests(page);
  await openStory(page, `${STORY}#f=points:p1732`);
  await expect(page.locator('.card h3')).toHaveText('Site 1732');
  expect(paths.some((p) => p.endsWith('index.json'))).toBe(false);

  await page.goto('about:blank');
  await openStory(page, `${STORY}#f=points:${lonely.id}`);
  await expect(page.locator(`.card[data-feature="points:${lonely.id}"] h3`)).toHaveText(lonely.name);
  expect(paths.filter((p) => p.endsWith('index.json'))).toEqual(['/stories/tiled-points/tiles/points/index.json']);
  // The link stays as it was (it named the feature all along), and the map shows it highlighted.
  expect(new URL(page.url()).hash).toContain(`f=points:${lonely.id}`);
  await waitForMapIdle(page);
  await expect.poll(() => featureState(page, `points:${lonely.id}`)).toMatchObject({ selected: true });
  expect(paths.filter((p) => /layers\/points/.test(p))).toEqual([]);
  expect(errors).toEqual([]);
});

test('the list of places pages through the rest of a tiled layer from its feature index, and each place selects', async ({ page }) => {
  const { errors } = watch(page);
  const paths = requests(page);
  await openStory(page, STORY);
  const list = page.locator('.places');
  await expect(list.locator('li')).toHaveCount(12);
  expect(paths.some((p) => p.endsWith('index.json'))).toBe(false);
  await list.getByRole('button', { name: 'Show 200 more' }).click();
  await expect(list.locator('li')).toHaveCount(212);
  expect(paths.filter((p) => p.endsWith('index.json'))).toEqual(['/stories/tiled-points/tiles/points/index.json']);
  await expect(list.locator('.more')).toContainText('4,988 more');
  // The first place added: the first in the file the article does not name (p1), focused.
  const first = list.locator('li').nth(12).locator('button');
  await expect(first).toBeFocused();
  await expect(first).toHaveText('Site 1');
  await page.keyboard.press('Enter');
  await expect(page.locator('.card[data-feature="points:p1"] h3')).toHaveText('Site 1');
  await expect(page).toHaveURL(/f=points:p1(&|$)/);
  // A second page reads the same index again from memory.
  await list.getByRole('button', { name: 'Show 200 more' }).click();
  await expect(list.locator('li')).toHaveCount(412);
  expect(paths.filter((p) => p.endsWith('index.json'))).toHaveLength(1);
  expect(errors).toEqual([]);
});

test('a cluster from the tiles zooms in where it splits when clicked', async ({ page }) => {
  const { errors } = watch(page);
  await openStory(page, STORY);
  await waitForMapIdle(page);
  const map = page.locator('.map');
  const before = await map.evaluate((el) => (el as ProbedElement).storyMapProbe!.zoom());
  // The cluster nearest the middle of the map (clear of the legend and the controls).
  const cluster = await map.evaluate((el) => {
    const probe = (el as ProbedElement).storyMapProbe!;
    const mid = { x: el.clientWidth / 2, y: el.clientHeight / 2 };
    const d = (at: [number, number]) => Math.hypot(probe.project(at).x - mid.x, probe.project(at).y - mid.y);
    return probe.query!(null, ['story:points:cluster']).filter((h) => h.at).sort((a, b) => d(a.at!) - d(b.at!))[0];
  });
  expect(cluster?.at).toBeTruthy();
  const at = await pointOf(page, cluster!.at!);
  await page.mouse.click(at.x, at.y);
  await expect.poll(() => map.evaluate((el) => (el as ProbedElement).storyMapProbe!.zoom())).toBeGreaterThan(before + 0.9);
  expect(errors).toEqual([]);
});

// tests/fixtures/stories/tiled-shapes: a line layer and an area layer that story.json asks to be
// tiled (`"tiled": true`) though they are small: the same tiles, index and links as for points.
test.describe('tiled lines and areas', () => {
  const SHAPES = '?story=tiled-shapes';

  test('are drawn from their tiles, with only the linked ones in model.json and the layer files never fetched', async ({ page }) => {
    const { errors } = watch(page);
    const paths = requests(page);
    const model = page.waitForResponse((r) => r.url().includes('/stories/tiled-shapes/model.json'));
    await openStory(page, SHAPES);
    const text = await (await model).text();
    expect(text).toContain('"Polder 7"');
    expect(text).toContain('"Canal 9"');
    expect(text).not.toContain('"Polder 5"');
    expect(text).not.toContain('"Canal 4"');
    await waitForMapIdle(page);
    for (const layer of ['areas', 'lines']) expect(paths.some((p) => p.includes(`/stories/tiled-shapes/tiles/${layer}/`))).toBe(true);
    expect(paths.filter((p) => /layers\/(areas|lines)|index\.json/.test(p))).toEqual([]);
    // Every polder and canal is on the map, the unlinked ones too.
    const drawn = await page.locator('.map').evaluate((el) => {
      const probe = (el as ProbedElement).storyMapProbe!;
      return probe.query!(null, ['story:areas:fill', 'story:lines:line']).map((h) => h.key);
    });
    expect(new Set(drawn.filter((k) => k.startsWith('areas:'))).size).toBe(36);
    expect(new Set(drawn.filter((k) => k.startsWith('lines:'))).size).toBe(12);
    expect(errors).toEqual([]);
  });

  test('a click on an area the article never names opens its card from its tile; a passage highlights its canals', async ({ page }) => {
    const { errors } = watch(page);
    const paths = requests(page);
    // Polder 16: the square from 6.0,51.7 to 6.4,51.98 (the nearest canal passes some 50 px away).
    await openStory(page, `${SHAPES}#v=6.2,51.84,9`);
    await waitForMapIdle(page);
    const at = await pointOf(page, [6.2, 51.79]);
    await page.mouse.click(at.x, at.y);
    const card = page.locator('.card[data-feature="areas:a16"]');
    await expect(card).toBeVisible();
    await expect(card.locator('h3')).toHaveText('Polder 16');
    await expect.poll(() => featureState(page, 'areas:a16')).toMatchObject({ selected: true });
    await page.locator('[data-passage="s2"]').click({ position: { x: 10, y: 10 } });
    for (const key of ['lines:l3', 'lines:l9']) await expect.poll(() => featureState(page, key)).toMatchObject({ selected: true });
    expect(paths.filter((p) => /layers\/(areas|lines)|index\.json/.test(p))).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('a link to a canal the article never names opens it from the feature index', async ({ page }) => {
    const paths = requests(page);
    await openStory(page, `${SHAPES}#f=lines:l5`);
    await expect(page.locator('.card[data-feature="lines:l5"] h3')).toHaveText('Canal 5');
    expect(paths.filter((p) => p.endsWith('index.json'))).toEqual(['/stories/tiled-shapes/tiles/lines/index.json']);
    await waitForMapIdle(page);
    await expect.poll(() => featureState(page, 'lines:l5')).toMatchObject({ selected: true });
  });
});
