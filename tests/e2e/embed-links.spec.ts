// Deep links: the standalone page's URL fragment, an iframe's src, <story-map> attributes; and the
// state an embed keeps when its map is let go and made again.
import { expect, test, type Page } from '@playwright/test';
import { openStory, waitForMapIdle, watch } from './helpers';
import { camera, embed, hasMap, NEWS, settle, waitForMap } from './embed-helpers';
import type { ProbedElement } from '../../src/lib/map/probe';

const standaloneCamera = (page: Page) =>
  page.locator('.map').evaluate((el) => {
    const p = (el as ProbedElement).storyMapProbe!;
    return { center: p.center(), zoom: p.zoom() };
  });

test('a shared link opens the same selection, layers and view', async ({ page }) => {
  const seen = watch(page);
  await openStory(page, './#f=iraq-bases:tehran&l=iraq-bases,istanbul&v=44.5,33.2,6');
  await expect(page.locator('.card h3')).toHaveText('Tehran');
  await expect(page.locator('[data-passage="khamenei"]')).toHaveClass(/active/);
  await expect(page.getByRole('checkbox', { name: 'Iran and Iraq' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Istanbul' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Libya' })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'TurkStream pipeline' })).not.toBeChecked();
  // The link's view, not a flight to the feature.
  await waitForMapIdle(page);
  const cam = await standaloneCamera(page);
  expect(cam.center[0]).toBeCloseTo(44.5, 2);
  expect(cam.center[1]).toBeCloseTo(33.2, 2);
  expect(cam.zoom).toBeCloseTo(6, 2);
  expect(seen.errors).toEqual([]);
});

test('each selection is a step Back returns to; panning and toggling replace the entry instead of adding one', async ({ page }) => {
  test.setTimeout(120_000); // two page loads and a dozen camera moves on a software renderer
  await openStory(page);
  const length = () => page.evaluate(() => history.length);
  const start = await length();
  await page.locator('[data-passage="iraq-strikes"]').click({ position: { x: 200, y: 10 } });
  await expect(page).toHaveURL(/#p=iraq-strikes(&|$)/);
  await waitForMapIdle(page);
  // Where the map framed it: no camera in the link, so a link opened on another screen frames it
  // for that screen (url-sync.svelte.ts). A view the reader moved to is kept (below).
  await expect(page).toHaveURL(/#p=iraq-strikes(&g=[^&]+)?$/);
  await page.locator('[data-passage="libya-war"]').click({ position: { x: 200, y: 10 } });
  await expect(page).toHaveURL(/#p=libya-war/);
  await waitForMapIdle(page);
  expect(await length()).toBe(start + 2);

  // Pan the map five times and toggle a layer: the URL follows, the history does not grow.
  const box = (await page.locator('.map').boundingBox())!;
  const before = page.url();
  for (let i = 0; i < 5; i++) {
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.6);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7 - 60, box.y + box.height * 0.6 - 20, { steps: 5 });
    await page.mouse.up();
    await waitForMapIdle(page);
  }
  await page.getByRole('checkbox', { name: 'Iran and Iraq' }).uncheck();
  await expect.poll(() => page.url()).not.toBe(before);
  await expect(page).toHaveURL(/#p=libya-war&l=libya,syria-idlib,istanbul,turkstream&v=/);
  expect(await length()).toBe(start + 2);

  // A reload opens exactly this.
  const url = page.url();
  const cam = await standaloneCamera(page);
  await page.reload();
  await expect(page.locator('[data-map-ready]')).toBeAttached({ timeout: 45_000 });
  await waitForMapIdle(page);
  expect(page.url()).toBe(url);
  await expect(page.locator('[data-passage="libya-war"]')).toHaveClass(/active/);
  await expect(page.getByRole('checkbox', { name: 'Iran and Iraq' })).not.toBeChecked();
  const again = await standaloneCamera(page);
  expect(again.center[0]).toBeCloseTo(cam.center[0], 2);
  expect(again.zoom).toBeCloseTo(cam.zoom, 2);

  // Back: the previous selection; Back again: nothing selected; Forward: the passage again.
  await page.goBack();
  await expect(page.locator('[data-passage="iraq-strikes"]')).toHaveClass(/active/);
  await expect(page.locator('[data-passage="libya-war"]')).not.toHaveClass(/active/);
  await page.goBack();
  await expect(page.locator('.passage.active')).toHaveCount(0);
  await page.goForward();
  await expect(page.locator('[data-passage="iraq-strikes"]')).toHaveClass(/active/);
});

test('embeds open on the state in their src or attributes, follow attribute changes, and never touch the page URL', async ({ page }) => {
  await page.goto(NEWS);
  const url = page.url();
  const length = await page.evaluate(() => history.length);
  // frame-b's src ends in #p=iraq-strikes; element-b has select="turkstream:turkstream-offshore" layers="turkstream,istanbul".
  await expect(embed(page, 'frame-b').root.locator('[data-passage="iraq-strikes"]')).toHaveClass(/active/);
  const el = embed(page, 'element-b').root;
  await expect(el.locator('.card h4')).toContainText('TurkStream');
  await expect(el.locator('input[name="layer"][value="turkstream"]')).toBeChecked();
  await expect(el.locator('input[name="layer"][value="istanbul"]')).toBeChecked();
  await expect(el.locator('input[name="layer"][value="libya"]')).not.toBeChecked();

  await page.locator('#element-b').evaluate((e) => e.setAttribute('select', 'libya:tripoli'));
  await expect(el.locator('.card h4')).toHaveText('Tripoli');
  await page.locator('#element-b').evaluate((e) => e.setAttribute('view', '13.19,32.89,7'));
  await page.locator('#element-b').evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await waitForMap(page, 'element-b');
  await settle(page, 'element-b');
  const cam = await camera(page, 'element-b');
  expect(cam.center[0]).toBeCloseTo(13.19, 1);
  expect(cam.zoom).toBeCloseTo(7, 1);

  // Selections inside embeds are theirs: the host page's URL and history stay as they were.
  await el.locator('[data-passage="lede"]').click({ position: { x: 150, y: 10 } });
  await expect(el.locator('[data-passage="lede"]')).toHaveClass(/active/);
  expect(page.url()).toBe(url);
  expect(await page.evaluate(() => history.length)).toBe(length);
});

test('an embed whose map is let go and made again keeps its selection and its view', async ({ page }) => {
  await page.goto(NEWS);
  const el = page.locator('#element-a');
  await el.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await waitForMap(page, 'element-a');
  await el.evaluate((e) => (e as HTMLElement & { select: (t: string) => void }).select('iraq-bases:tehran'));
  await settle(page, 'element-a');
  await el.evaluate((e) => (e as HTMLElement & { setView: (v: unknown) => void }).setView({ center: [47.1, 34.2], zoom: 5.5 }));
  await settle(page, 'element-a');
  const before = await camera(page, 'element-a');

  // Far away (more than two viewports): the map and its WebGL context are released; the article and the selection stay.
  await page.evaluate(() => {
    document.body.style.paddingBottom = '4000px';
    window.scrollTo(0, document.documentElement.scrollHeight);
  });
  await expect.poll(() => hasMap(page, 'element-a'), { timeout: 20_000 }).toBe(false);
  await expect(el.locator('[data-passage="khamenei"]')).toHaveClass(/active/);

  // Back: a new map, where the old one was, the feature still selected.
  await el.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await waitForMap(page, 'element-a');
  await settle(page, 'element-a');
  const after = await camera(page, 'element-a');
  expect(after.center[0]).toBeCloseTo(before.center[0], 3);
  expect(after.center[1]).toBeCloseTo(before.center[1], 3);
  expect(after.zoom).toBeCloseTo(before.zoom, 3);
  await expect(el.locator('.card h4')).toHaveText('Tehran');
});

test('an embed opened on a selection starts framed on it, without a flight from the story’s view', async ({ page }) => {
  await page.goto(NEWS);
  const el = page.locator('#element-b'); // select="turkstream:turkstream-offshore"
  await el.evaluate((e) => {
    (window as unknown as { moves: number }).moves = 0;
    e.addEventListener('story-map:viewchange', () => (window as unknown as { moves: number }).moves++);
  });
  await el.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await waitForMap(page, 'element-b');
  // At rest: a flight would have ended, and its viewchange been heard.
  await settle(page, 'element-b');
  // No camera move at all (a flight would end in one viewchange), and the pipeline across the Black Sea in view.
  expect(await page.evaluate(() => (window as unknown as { moves: number }).moves)).toBe(0);
  const cam = await camera(page, 'element-b');
  expect(cam.center[0]).toBeGreaterThan(28);
  expect(cam.center[0]).toBeLessThan(38);
  // The frame leaves room below for the card (framing.ts), so the centre sits south of the line.
  expect(cam.center[1]).toBeGreaterThan(38);
  expect(cam.center[1]).toBeLessThan(46);
  expect(cam.zoom).toBeGreaterThan(4); // the whole story is about zoom 3 here
});
