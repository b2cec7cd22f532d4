// The page's and map's font: the latin-ext letters of the stories come from the small subset files
// (scripts/fonts/subset.ts), never from @fontsource's full 56-59 kB latin-ext files, and are drawn in
// Noto Sans, not a fallback face.
import { expect, test, type Page } from '@playwright/test';
import { openStory, watch } from './helpers';

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

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`Kıyıköy and BOTAŞ are set in Noto Sans from the subset files, not the full latin-ext file (${viewport.width} px)`, async ({ page }) => {
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
    expect(w.errors).toEqual([]);
    expect(w.foreign).toEqual([]);
  });
}

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
