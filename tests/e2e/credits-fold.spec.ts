// Under a phone's map the credits took four to six lines (107-122 px) of a map pane that stays on
// screen while the text scrolls (Attribution.svelte). In a narrow footer they are one line, the
// basemap's data holders, each linked, and "All 8 credits" beside the notes' line, which opens the
// whole list. A wide footer shows them whole, as before; with scripts or without.
import { expect, type Page } from '@playwright/test';
import { test } from './reader';
import { openStory } from './helpers';

const footer = (page: Page) => page.locator('.attribution');
const HOLDERS = ['© OpenStreetMap contributors', 'GeoNames (CC BY 4.0)', 'Natural Earth'];

async function expectWhole(page: Page) {
  const links = footer(page).locator('.all a');
  await expect(links).toHaveCount(7);
  for (const a of await links.all()) await expect(a).toBeVisible();
  await expect(footer(page).locator('.all summary')).toBeHidden();
  await expect(footer(page).locator('.short')).toBeHidden();
}

for (const scripts of [true, false])
  test(`a phone, ${scripts ? 'live' : 'without scripts'}: the holders in one line, “All 8 credits” beside the notes, opening the whole list`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: scripts });
    const page = await context.newPage();
    if (scripts) await openStory(page, './');
    else await page.goto('./');
    const short = footer(page).locator('.short a');
    await expect(short).toHaveText(HOLDERS);
    for (const a of await short.all()) await expect(a).toBeVisible();
    await expect(short.first()).toHaveAttribute('href', 'https://www.openstreetmap.org/copyright');
    const summary = footer(page).locator('.all summary');
    await expect(summary).toHaveText('All 8 credits');
    await expect(footer(page).locator('.all a').first()).toBeHidden();
    // One line for the two summaries, one for the holders: the footer was 107 px, the map 297.
    // Not "Approximate places": the notes are of areas and routes too.
    await expect(footer(page).locator('.notes summary')).toHaveText('What is approximate: 5 notes');
    const notes = (await footer(page).locator('.notes summary').boundingBox())!;
    const all = (await summary.boundingBox())!;
    expect(Math.abs(notes.y - all.y), 'the two summaries on one line').toBeLessThan(2);
    // The colours' key (the legend folded over a phone's map) takes its own lines above them: three
    // since Syria's two sides joined Libya's three (2026-12-06; the map 16 px shorter).
    const key = (await footer(page).locator('.keyline').boundingBox())!;
    expect(key.height).toBeLessThan(50);
    expect((await footer(page).boundingBox())!.height - key.height).toBeLessThan(60);
    expect((await page.locator('.map-box').boundingBox())!.height).toBeGreaterThan(300);
    // Each folded line shows it opens: a triangle before it (a flex summary has none of its own),
    // pointing right, then down once open.
    const marker = (sel: string) => footer(page).locator(sel).evaluate((el) => { const b = getComputedStyle(el, '::before'); return { width: parseFloat(b.borderLeftWidth), turned: b.transform !== 'none' }; });
    for (const sel of ['.notes summary', '.all summary']) expect(await marker(sel), sel).toEqual({ width: expect.any(Number), turned: false });
    expect((await marker('.notes summary')).width).toBeGreaterThan(4);

    await summary.click();
    expect((await marker('.all summary')).turned, 'down once open').toBe(true);
    const links = footer(page).locator('.all a');
    await expect(links).toHaveCount(7);
    for (const a of await links.all()) await expect(a).toBeVisible();
    await expect(footer(page).locator('.all')).toContainText('Coordinates: Wikipedia');
    await expect(footer(page).locator('.short')).toBeHidden();
    await context.close();
  });

for (const scripts of [true, false])
  test(`a desktop, ${scripts ? 'live' : 'without scripts'}: the credits whole, as before`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: scripts });
    const page = await context.newPage();
    if (scripts) await openStory(page, './');
    else await page.goto('./');
    await expectWhole(page);
    await context.close();
  });

// Stacked over its text in a 640 px column (an article's, or a window that narrow) the map pane is
// 48 % of the height: at 640 x 600, 288 px, of which the credits' three lines, the key's two and the
// notes' one left the map 178. Under a map pane shorter than 450 px (CREDITS_OPEN_MIN_HEIGHT) the
// credits fold as on a phone, however wide the footer; from 450 px they are whole. Before scripts
// the page's CSS decides the same by the window's height (938 px: 450 over 48 %).
for (const scripts of [true, false]) {
  test(`a 640 px column, ${scripts ? 'live' : 'without scripts'}: under a short map the credits fold to a line, and the map keeps the room`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 640, height: 600 }, javaScriptEnabled: scripts });
    const page = await context.newPage();
    if (scripts) await openStory(page, './');
    else await page.goto('./');
    const summary = footer(page).locator('.all summary');
    await expect(summary).toHaveText('All 8 credits');
    await expect(footer(page).locator('.short a')).toHaveText(HOLDERS);
    await expect(footer(page).locator('.all a').first()).toBeHidden();
    const folded = (await page.locator('.map-box').boundingBox())!.height;
    await summary.click();
    await expect(footer(page).locator('.all a').first()).toBeVisible();
    const opened = (await page.locator('.map-box').boundingBox())!.height;
    expect(folded - opened, `the map ${folded} px folded, ${opened} px with the credits whole`).toBeGreaterThan(15);
    await context.close();
  });

  for (const [height, whole] of [[900, false], [1000, true]] as const)
    test(`a 640 px column ${height} px tall, ${scripts ? 'live' : 'without scripts'}: the credits ${whole ? 'whole' : 'folded'}, the same with scripts or without`, async ({ browser }) => {
      const context = await browser.newContext({ viewport: { width: 640, height }, javaScriptEnabled: scripts });
      const page = await context.newPage();
      if (scripts) await openStory(page, './');
      else await page.goto('./');
      if (whole) await expectWhole(page);
      else {
        await expect(footer(page).locator('.all summary')).toBeVisible();
        await expect(footer(page).locator('.all a').first()).toBeHidden();
      }
      await context.close();
    });
}

test('a phone, printed: the credits whole', async ({ reader }) => {
  const page = await reader('./', { viewport: { width: 390, height: 844 } });
  await page.emulateMedia({ media: 'print' });
  await expectWhole(page);
});
