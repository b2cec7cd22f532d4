// The legend (opaque, hidden layers greyed, notes hidden with their layer, scrolling inside the map
// on a phone) and the article column (pins inside the panel, names that wrap like text, a line
// saying what underlining means, captions and teasers not linked).
import { expect } from '@playwright/test';
import { test } from './reader';
import { openStory } from './helpers';

test('the legend is opaque; a hidden layer is greyed; how approximation is drawn is said once, for the layers shown', async ({ reader }) => {
  test.setTimeout(120_000);
  const page = await reader();
  const legend = page.locator('details.legend');
  expect(await legend.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');
  // Libya's areas of control are approximate (hatched); so is Idlib's governorate, whose
  // administrative boundary stands for the rebel-held region, beside Damascus's ring (the meeting's
  // site); four layers have rings. Each mark is said once, under the layers, not under each layer.
  const key = legend.locator('.key .note.approx');
  await expect(key).toHaveText(['Hatched: approximate area', 'Open ring: approximate location']);
  await expect(legend.locator('li .note.approx')).toHaveCount(0);
  const item = legend.locator('li', { has: page.getByRole('checkbox', { name: 'Libya' }) });
  const note = page.locator('.attribution .note', { hasText: 'Libya:' });
  await expect(note).toBeVisible();
  const nameColour = () => item.locator('.name').evaluate((el) => getComputedStyle(el).color);
  const shown = await nameColour();
  await page.getByRole('checkbox', { name: 'Libya' }).uncheck();
  await expect(item).toHaveClass(/off/);
  expect(await nameColour()).not.toBe(shown);
  // Its swatches fade: Libya's are its sides' rows (it has none of its own: legend.ts).
  expect(Number(await item.locator('.cats').evaluate((el) => getComputedStyle(el).opacity))).toBeLessThan(0.6);
  await expect(note).toHaveCount(0);
  // Idlib is still hatched: the key keeps it. With Syria / Idlib hidden too, no layer shown has
  // hatched areas, and the key says so no more; the rings stay with the layers that have them.
  await expect(key).toHaveText(['Hatched: approximate area', 'Open ring: approximate location']);
  await page.getByRole('checkbox', { name: 'Syria / Idlib' }).uncheck();
  await expect(key).toHaveText(['Open ring: approximate location']);
  for (const name of ['Iran and Iraq', 'Istanbul', 'TurkStream pipeline']) await page.getByRole('checkbox', { name }).uncheck();
  // A layer's own swatch fades with it (Iran and Iraq's dark red dot).
  const iraq = legend.locator('li[data-layer="iraq-bases"] > label .swatch');
  expect(Number(await iraq.evaluate((el) => getComputedStyle(el).opacity))).toBeLessThan(0.6);
  await expect(legend.locator('.key')).toHaveCount(0);
  // The other layers' notes stay.
  await page.getByRole('checkbox', { name: 'Iran and Iraq' }).check();
  await expect(page.locator('.attribution .note', { hasText: 'Iran and Iraq:' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Libya' }).check();
  await expect(item).not.toHaveClass(/off/);
  await expect(note).toBeVisible();
  await expect(key).toHaveText(['Hatched: approximate area', 'Open ring: approximate location']);
});

test('desktop: the card and the open legend never cover each other, so every layer toggle stays usable', async ({ reader }) => {
  const page = await reader();
  const legend = page.locator('details.legend');
  await expect(legend).toHaveAttribute('open', '');
  // The longest card of the story (a date with a time, two sources).
  await page.locator('.places button[data-key="iraq-bases:baghdad-intl-airport"]').click();
  const card = page.locator('.card');
  await expect(card.locator('h3')).toHaveText('Baghdad International Airport');
  const a = (await legend.boundingBox())!;
  const b = (await card.boundingBox())!;
  const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
  expect(apart, `legend ${JSON.stringify(a)} and card ${JSON.stringify(b)} overlap`).toBe(true);
  // The last toggle is clicked for real (nothing intercepts it).
  await page.getByRole('checkbox', { name: 'TurkStream pipeline' }).uncheck();
  await expect(page.getByRole('checkbox', { name: 'TurkStream pipeline' })).not.toBeChecked();
});

test('phone: the open legend stays inside the map and scrolls there, never cut off', async ({ browser }) => {
  test.setTimeout(180_000);
  for (const height of [844, 600]) {
    const page = await browser.newPage({ viewport: { width: 390, height } });
    await openStory(page);
    const legend = page.locator('details.legend');
    await legend.locator('summary').click();
    await expect(legend).toHaveAttribute('open', '');
    const mapBox = (await page.locator('.map-box').boundingBox())!;
    const box = (await legend.boundingBox())!;
    expect(box.y + box.height, `${height}: legend bottom`).toBeLessThanOrEqual(mapBox.y + mapBox.height + 0.5);
    // Every layer can be reached: the last checkbox scrolls into view inside the legend and is then wholly visible in it.
    const last = legend.getByRole('checkbox').last();
    await last.scrollIntoViewIfNeeded();
    const cb = (await last.boundingBox())!;
    const after = (await legend.boundingBox())!;
    expect(cb.y).toBeGreaterThanOrEqual(after.y);
    expect(cb.y + cb.height, `${height}: last toggle visible`).toBeLessThanOrEqual(after.y + after.height + 0.5);
    // And the key under the layers (what hatching and an open ring mean), its last line too.
    const key = legend.locator('.key p').last();
    await key.scrollIntoViewIfNeeded();
    const k = (await key.boundingBox())!;
    expect(k.y).toBeGreaterThanOrEqual(after.y);
    expect(k.y + k.height, `${height}: the key's last line visible`).toBeLessThanOrEqual(after.y + after.height + 0.5);
    // The page itself did not scroll to show it.
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await page.close();
  }
});

test('article: pins inside the panel, multi-word names wrap like text, one line says what underlining means, captions and teasers are not linked', async ({ reader }) => {
  test.setTimeout(120_000);
  const page = await reader('./', { viewport: { width: 390, height: 844 } });
  const pane = (await page.locator('.text-pane').boundingBox())!;
  const pins = page.locator('.pin');
  expect(await pins.count()).toBeGreaterThan(10);
  for (const box of await pins.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
    expect(box.left).toBeGreaterThanOrEqual(pane.x);
  }
  // A long linked phrase breaks across lines like the words around it (a button would be one block).
  const phrase = page.locator('[data-passage="iraq-strikes"] .place', { hasText: 'military bases housing U.S. troops in Iraq' });
  expect(await phrase.evaluate((el) => el.getClientRects().length)).toBeGreaterThan(1);
  await expect(phrase).toHaveAttribute('role', 'button');
  // Still a control: keyboard focus and Enter select its features.
  await phrase.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-passage="iraq-strikes"]')).toHaveClass(/active/);
  // The quiet line near the top.
  await expect(page.locator('.article .hint .live-only')).toHaveText('show places on the map.');
  await expect(page.locator('.article .hint .static-only')).toBeHidden();
  // Captions of photos not shown, and the "Read more" teaser: no pin, no linked name, not a linked passage.
  for (const id of ['photo-damascus', 'read-more', 'cover']) {
    const p = page.locator(`[data-passage="${id}"]`);
    await expect(p, id).not.toHaveClass(/linked/);
    await expect(p.locator('.pin, .place'), id).toHaveCount(0);
  }
  // The label and the caption with a space between (Svelte drops a plain space at a block's end).
  await expect(page.locator('[data-passage="photo-damascus"]')).toContainText('Caption of a photo not shown here: Russian President');
});
