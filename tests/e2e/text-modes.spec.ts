// The embeds' text modes (full, summary, none) for the iframe and <story-map>, at desktop and phone
// widths (no scroll box inside the host page when stacked); printing; a missing story in a reader's
// words. The host page is static/examples/text-modes.html, which builds one embed per mode.
import { expect, test, type Page } from '@playwright/test';
import { openStory } from './helpers';

const TITLE = 'Putin, Erdogan urge restraint in Iran-U.S. tension and immediate ceasefire in Libya';
const MODES = ['full', 'summary', 'none'] as const;

/** The embed's inside: the iframe's document or the element's shadow root (Playwright pierces it). */
const inside = (page: Page, kind: 'iframe' | 'element', mode: string) =>
  kind === 'iframe' ? page.frameLocator(`#embed-iframe-${mode}`).locator('.story-map') : page.locator(`#embed-element-${mode} .story-map`);

for (const kind of ['iframe', 'element'] as const) {
  test(`${kind}: each text mode shows what it says, and stacked on a phone the embed has no scroll box`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(`examples/text-modes.html?kind=${kind}`);
    for (const mode of MODES) {
      const app = inside(page, kind, mode);
      await expect(app).toBeAttached({ timeout: 30_000 });
      await expect(app.locator('.map-pane')).toBeVisible();
      await expect(app.locator('.legend')).toBeAttached();
      // No second h1 in the host's page: the headline is an h2 (heading-level.ts).
      await expect(app.getByRole('heading', { level: 1 })).toHaveCount(0);
      if (mode === 'full') {
        await expect(app.getByRole('heading', { level: 2 })).toHaveText(TITLE);
        await expect(app.locator('[data-passage]')).toHaveCount(23);
      } else if (mode === 'summary') {
        await expect(app.getByRole('heading', { level: 2 })).toHaveText(TITLE);
        await expect(app.locator('[data-passage]')).toHaveCount(0);
        await expect(app.locator('.article .summary')).toContainText('A map of the places in this story');
      } else {
        // The host page has the headline and the article: the embed has neither, only a caption.
        await expect(app.getByRole('heading', { level: 2 })).toHaveCount(0);
        await expect(app.locator('[data-passage]')).toHaveCount(0);
        await expect(app.locator('.map-caption')).toContainText('A map of the places in this story');
        // Both measured at one moment (the embeds above it may still be growing the page).
        const { mapBottom, captionTop } = await app.evaluate((el) => ({ mapBottom: el.querySelector('.map-pane')!.getBoundingClientRect().bottom, captionTop: el.querySelector('.map-caption')!.getBoundingClientRect().top }));
        expect(captionTop).toBeGreaterThanOrEqual(mapBottom - 1);
      }
      // The list of places (the map's text alternative) is there, folded, in every mode.
      await expect(app.locator('.places-fold')).toBeAttached({ timeout: 15_000 });
    }

    // Phone width: map over text, and the embed as tall as its content (the text does not scroll inside).
    await page.setViewportSize({ width: 390, height: 844 });
    for (const mode of MODES) {
      const app = inside(page, kind, mode);
      await expect
        .poll(async () => {
          const pane = app.locator('.text-pane');
          const { scroll, client } = await pane.evaluate((p) => ({ scroll: p.scrollHeight, client: p.clientHeight }));
          return scroll - client;
        }, { message: `${mode}: the text pane scrolls inside` })
        .toBeLessThanOrEqual(1);
      const map = (await app.locator('.map-pane').boundingBox())!;
      const text = (await app.locator('.text-pane').boundingBox())!;
      expect(text.y, mode).toBeGreaterThanOrEqual(map.y + map.height - 1);
      expect(map.height, mode).toBeGreaterThan(300);
      // The host page gives the embed all of that height.
      const outer = kind === 'iframe' ? page.locator(`#embed-iframe-${mode}`) : page.locator(`#embed-element-${mode}`);
      await expect
        .poll(async () => {
          const box = (await outer.boundingBox())!;
          const content = await app.evaluate((el) => el.getBoundingClientRect().height);
          return Math.abs(box.height - content);
        }, { message: `${mode}: the embed is as tall as its content` })
        .toBeLessThanOrEqual(2);
    }
    // The full article is long: a phone reader scrolls the page, not a box.
    const full = (await (kind === 'iframe' ? page.locator('#embed-iframe-full') : page.locator('#embed-element-full')).boundingBox())!;
    expect(full.height).toBeGreaterThan(2000);
  });
}

test('printing: the map as a picture with its legend open and credits, then the article at full length, no controls', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openStory(page);
  await page.emulateMedia({ media: 'print' });
  const picture = page.locator('.print-picture');
  await expect(picture).toBeVisible();
  // The picture is the map: many colours, not a blank canvas.
  const colours = await picture.evaluate((c) => {
    const canvas = c as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const seen = new Set<string>();
    for (let i = 0; i < data.length; i += 4 * 97) seen.add(`${data[i]! >> 3},${data[i + 1]! >> 3},${data[i + 2]! >> 3}`);
    return seen.size;
  });
  expect(colours).toBeGreaterThan(20);
  // Legend content and credits show; controls do not.
  // (In the legend: the list of places and the card say a place's side in words too.)
  await expect(page.locator('.legend').getByText('GNA (Tripoli government)')).toBeVisible();
  await expect(page.locator('.attribution')).toContainText('Natural Earth');
  await expect(page.getByRole('button', { name: 'Reset view' })).toBeHidden();
  await expect(page.locator('.maplibregl-ctrl-zoom-in')).toBeHidden();
  // Nor the legend's: no checkboxes and no triangle on paper; its title and layers' names stay.
  await expect(page.locator('.legend input[type="checkbox"]')).toHaveCount(5);
  for (const box of await page.locator('.legend input[type="checkbox"]').all()) await expect(box).toBeHidden();
  await expect(page.locator('.legend summary')).toHaveCSS('list-style-type', 'none');
  await expect(page.locator('.legend summary')).toBeVisible();
  await expect(page.locator('.legend li[data-layer="libya"] .name')).toBeVisible();
  // The whole article is laid out on the page: the text pane does not scroll, its last passage is there.
  const { scroll, client } = await page.locator('.text-pane').evaluate((p) => ({ scroll: p.scrollHeight, client: p.clientHeight }));
  expect(scroll - client).toBeLessThanOrEqual(1);
  await expect(page.locator('[data-passage="idlib-offensive"]')).toBeVisible();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.length).toBeGreaterThan(50_000);
  // Back on screen, the live map again.
  await page.emulateMedia({ media: 'screen' });
  await expect(picture).toBeHidden();
  await expect(page.locator('.map canvas')).toBeVisible();
});

test('a missing story says so in a reader’s words, on the page and in embeds', async ({ page }) => {
  await page.goto('./?story=no-such-story');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('This story could not be found');
  await expect(alert).not.toContainText('web page');
  await expect(alert).not.toContainText('story.json');
  await page.goto('embed.html?story=no-such-story');
  await expect(page.getByRole('alert')).toContainText('This story could not be found');
});

test('a short app folds the notes under its map to one line, with scripts or without; a tall one shows them', async ({ page, browser }) => {
  // An embed of 608 px with only a caption: the four notes open took 172 px of its map pane.
  await page.setViewportSize({ width: 680, height: 608 });
  await page.goto('embed.html?story=cgtn-2020-01-09&text=none');
  await expect(page.locator('[data-map-ready]')).toBeAttached({ timeout: 45_000 });
  const notes = page.locator('.attribution .notes');
  await expect(notes.locator('summary')).toBeVisible();
  await expect(notes.locator('.note').first()).toBeHidden();
  await expect(page.locator('.attribution .basemap'), 'the credits stay in view').toBeInViewport({ ratio: 1 });
  // (Over 335 px: the colours' key takes a line more since Syria's two sides joined Libya's three.)
  expect((await page.locator('.map-box').boundingBox())!.height, 'most of the pane is map').toBeGreaterThan(335);
  await notes.locator('summary').click();
  await expect(notes.locator('.note').first()).toBeVisible();
  // A page of its own in a short window: folded before its script runs and after, so the map box
  // keeps its size as the page comes to life; in a window 800 px tall or more they are open.
  const mapBoxes: number[] = [];
  for (const javaScriptEnabled of [false, true]) {
    const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 680 }, baseURL: test.info().project.use.baseURL });
    const own = await context.newPage();
    await own.goto('./');
    if (javaScriptEnabled) await expect(own.locator('[data-map-ready]')).toBeAttached({ timeout: 45_000 });
    await expect(own.locator('.attribution .notes summary')).toBeVisible();
    await expect(own.locator('.attribution .note').first()).toBeHidden();
    mapBoxes.push((await own.locator('.map-box').boundingBox())!.height);
    // A 1366x768 laptop too: open, the five notes took 217 px of its map pane at 1024 px wide.
    await own.setViewportSize({ width: 1366, height: 768 });
    await expect(own.locator('.attribution .note').first()).toBeHidden();
    await own.setViewportSize({ width: 1280, height: 800 });
    await expect(own.locator('.attribution .note').first()).toBeVisible();
    await context.close();
  }
  expect(mapBoxes[1], 'the map box as the page comes to life').toBeCloseTo(mapBoxes[0]!, 0);
});
