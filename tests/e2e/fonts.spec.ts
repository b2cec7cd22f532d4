// The page's and map's font: the letters of the stories come from the small subset files
// (scripts/fonts/subset.ts), never from @fontsource's full latin (13-14 kB) and latin-ext (56-59 kB)
// files, and are drawn in Noto Sans, not a fallback face.
import { expect, test, type Page } from '@playwright/test';
import { openStory, waitForMapIdle, watch } from './helpers';

function fontRequests(page: Page) {
  const files: string[] = [];
  page.on('request', (r) => {
    const m = /\/(noto-sans-[^/]+\.woff2)$/.exec(new URL(r.url()).pathname);
    if (m) files.push(m[1]!);
  });
  return files;
}

const FULL_LATIN_EXT = /^noto-sans-latin-ext-\d{3}-(normal|italic)-[\w-]{8}\.woff2$/;
const SUBSET = /^noto-sans-latin-ext-\d{3}-(normal|italic)-subset-[\w-]{8}\.woff2$/;
const FULL_LATIN = /^noto-sans-latin-\d{3}-(normal|italic)-[\w-]{8}\.woff2$/;
const LATIN_SUBSET = /^noto-sans-latin-(\d{3}-(normal|italic))-subset-[\w-]{8}\.woff2$/;

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`Kıyıköy and BOTAŞ are set in Noto Sans from the subset files, not the full latin-ext or latin files (${viewport.width} px)`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const w = watch(page);
    const files = fontRequests(page);
    await openStory(page);
    // The legend and the article name them; scroll both into view so their text is laid out and drawn.
    const names = [page.locator('#app').getByText('Kıyıköy', { exact: false }).first(), page.locator('#app').getByText('BOTAŞ', { exact: false }).first()];
    for (const n of names) await n.scrollIntoViewIfNeeded();
    // Every face the text needs has loaded: ş, Ş (U+015E-015F) from a Noto Sans face that has them.
    await page.evaluate(() => document.fonts.ready);
    const faces = await page.evaluate(() =>
      [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Noto Sans' && f.status === 'loaded').map((f) => ({ weight: f.weight, range: f.unicodeRange })),
    );
    const coversS = (range: string) =>
      range.split(',').some((r) => {
        const [a, b] = r.trim().replace(/^U\+/i, '').split('-').map((h) => parseInt(h, 16));
        return a! <= 0x15e && 0x15f <= (b ?? a!);
      });
    expect(faces.filter((f) => coversS(f.range)).length, JSON.stringify(faces)).toBeGreaterThan(0);
    // The subset was fetched; the full file never was (its letters are all in the subset).
    expect(files.filter((f) => SUBSET.test(f)).length, files.join(', ')).toBeGreaterThan(0);
    expect(files.filter((f) => FULL_LATIN_EXT.test(f)), files.join(', ')).toEqual([]);
    // The same for the latin file: the article (regular, bold), its captions and the map's water names
    // (italic) and the basemap's names at the opening view are all in the latin subsets.
    await waitForMapIdle(page);
    expect([...new Set(files.map((f) => LATIN_SUBSET.exec(f)?.[1]).filter(Boolean))].sort(), files.join(', ')).toEqual(['400-italic', '400-normal', '700-normal']);
    expect(files.filter((f) => FULL_LATIN.test(f)), files.join(', ')).toEqual([]);
    expect(w.errors).toEqual([]);
    expect(w.foreign).toEqual([]);
  });
}

test('a latin letter the subset lacks still comes from the full latin file, in Noto Sans', async ({ page }) => {
  const files = fontRequests(page);
  await openStory(page);
  // Þ (U+00DE) is in no story, no interface text and no early place name: the latin subset lacks it.
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.id = 'rare-latin';
    p.textContent = 'Þingvellir';
    document.querySelector('#app')!.prepend(p);
  });
  const loaded = await page.evaluate(async () => (await document.fonts.load('16px "Noto Sans"', 'Þ')).map((f) => f.unicodeRange));
  // The face loaded for it is @fontsource's full latin one (its range runs U+0000-00FF).
  expect(loaded.some((r) => /U\+0?0?0-FF/i.test(r)), JSON.stringify(loaded)).toBe(true);
  await expect.poll(() => files.filter((f) => /^noto-sans-latin-400-normal-[\w-]{8}\.woff2$/.test(f)).length).toBeGreaterThan(0);
  expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans"', 'Þingvellir'))).toBe(true);
});

test('a letter the subset lacks still comes from the full latin-ext file', async ({ page }) => {
  const files = fontRequests(page);
  await openStory(page);
  // Ǆ (U+01C4, Latin Extended-B) is in no story and no basemap name: the subset does not have it.
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.id = 'rare-letter';
    p.textContent = 'Ǆ';
    p.style.fontFamily = '"Noto Sans"';
    document.body.append(p);
  });
  const loaded = await page.evaluate(async () => (await document.fonts.load('16px "Noto Sans"', 'Ǆ')).map((f) => f.unicodeRange));
  // The face loaded for it is @fontsource's full latin-ext one (its range runs U+0100-02BA).
  expect(loaded.some((r) => /U\+100-2BA/i.test(r)), JSON.stringify(loaded)).toBe(true);
  await expect.poll(() => files.filter((f) => FULL_LATIN_EXT.test(f)).length).toBeGreaterThan(0);
});

test('the <story-map> element takes ş and Ş from the subset too, never the full file; so does the iframe embed', async ({ page }) => {
  const files = fontRequests(page);
  const w = watch(page);
  await page.goto('./examples/news.html');
  const element = page.locator('story-map#element-a');
  // Its map starts when it nears the view.
  await element.scrollIntoViewIfNeeded();
  await expect(element.locator('[data-map-ready]')).toBeAttached({ timeout: 45_000 });
  // The element's faces are added with the Font Loading API (embed.ts), where Chrome loads every
  // face whose range has a letter of the text: the full face must not have the subset's letters
  // (nor ı, the latin file's). A line of the story's letters, set in the element's own font:
  await element.evaluate((el) => {
    const p = document.createElement('p');
    p.id = 'letters';
    p.textContent = 'BOTAŞ Kıyıköy Büyükkarıştıran';
    el.shadowRoot!.querySelector('.story-map')!.prepend(p);
  });
  await expect(element.locator('#letters')).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  const loaded = await page.evaluate(() => [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'story-map-noto-sans' && f.status === 'loaded').map((f) => f.unicodeRange));
  expect(loaded.some((r) => /U\+154-17F|U\+100-17F/i.test(r)), JSON.stringify(loaded)).toBe(true);
  // The iframe embed on the same page, drawn too.
  await page.locator('#frame-a').scrollIntoViewIfNeeded();
  await expect(page.frameLocator('#frame-a').locator('.map[data-map-ready]')).toBeAttached({ timeout: 45_000 });
  expect(files.filter((f) => SUBSET.test(f)).length, files.join(', ')).toBeGreaterThan(0);
  expect(files.filter((f) => FULL_LATIN_EXT.test(f)), files.join(', ')).toEqual([]);
  // The element's full latin faces keep only what the latin subsets lack (latinRestRange): never fetched here.
  expect(files.filter((f) => LATIN_SUBSET.test(f)).length, files.join(', ')).toBeGreaterThan(0);
  expect(files.filter((f) => FULL_LATIN.test(f)), files.join(', ')).toEqual([]);
  expect(w.foreign).toEqual([]);
});

test('the water names’ italic face is asked for when the map is made, not after its first tile (a round trip less on a slow link)', async ({ page }) => {
  const order: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    // Its latin subset, the face MapLibre tries first for the sea names' letters, asked for by the
    // map's code (a fetch; the page's italic captions ask for it as a font too).
    if (r.resourceType() === 'fetch' && /\/noto-sans-latin-400-italic-subset-[\w-]{8}\.woff2$/.test(path)) order.push('italic');
    else if (/\/basemap\/tiles\/\d+\/\d+\/\d+\.pbf$/.test(path)) order.push('tile');
  });
  await openStory(page);
  expect(order).toContain('italic');
  expect(order.indexOf('italic'), order.join(' ')).toBeLessThan(order.indexOf('tile'));
});
