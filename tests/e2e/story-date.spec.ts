// A story whose publication date is a range, or unknown (docs/story-format.md): the article's header
// says so, whether the page reads the build's model.json or, without one, the story's own files
// through the validator. The CGTN story, with its date (and no dateline) changed on the way.
import { expect, test, type Page } from '@playwright/test';
import { watch } from './helpers';

async function openWithDate(page: Page, date: string, from: 'model.json' | 'story.json') {
  await page.route('**/stories/cgtn-2020-01-09/model.json', async (r) => {
    if (from === 'story.json') return r.fulfill({ status: 404, body: 'not found' });
    const json = await (await r.fetch()).json();
    json.story.date = date;
    delete json.story.dateline;
    return r.fulfill({ json });
  });
  await page.route('**/stories/cgtn-2020-01-09/story.json', async (r) => {
    const json = await (await r.fetch()).json();
    json.date = date;
    delete json.dateline;
    return r.fulfill({ json });
  });
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Putin');
}

for (const from of ['model.json', 'story.json'] as const) {
  test(`a date range and an unknown date in the article's header (from ${from})`, async ({ page }) => {
    const seen = watch(page);
    await openWithDate(page, '2020-01-08/2020-01-10', from);
    const meta = page.locator('.article .meta');
    await expect(meta).toHaveText(/January 8\s*–\s*10, 2020/);
    // No single machine-readable date for a range.
    await expect(meta.locator('time')).toHaveCount(0);

    await openWithDate(page, 'unknown', from);
    await expect(meta).toHaveText(/Date unknown/);
    await expect(meta.locator('time')).toHaveCount(0);

    // A single date stays a <time>.
    await openWithDate(page, '2020-01', from);
    await expect(meta.locator('time')).toHaveAttribute('datetime', '2020-01');
    await expect(meta.locator('time')).toHaveText('January 2020');
    // (Without model.json, the browser reports its 404, as it would on a host.)
    expect(seen.errors.filter((e) => !(from === 'story.json' && /404/.test(e)))).toEqual([]);
  });
}

test("the prerendered page shows its date without formatting one in the browser before the map starts", async ({ page }) => {
  // Counts every Intl.DateTimeFormat made in the page (the first loads the browser's date data:
  // 60-80 ms of main thread on a slow machine, in the middle of bringing the page to life).
  await page.addInitScript(() => {
    const w = window as unknown as { __dateFormats: number };
    w.__dateFormats = 0;
    const Real = Intl.DateTimeFormat;
    const Counted = function (this: unknown, ...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
      w.__dateFormats++;
      return new Real(...args);
    } as unknown as typeof Intl.DateTimeFormat;
    Object.assign(Counted, Real);
    Intl.DateTimeFormat = Counted;
  });
  const seen = watch(page);
  await page.goto('./');
  await expect(page.locator('.map[data-map-ready]')).toBeAttached({ timeout: 45_000 });
  const meta = page.locator('.article .meta');
  // CGTN's header shows its dateline, in a <time> of the story's date.
  await expect(meta.locator('time')).toHaveAttribute('datetime', '2020-01-09');
  expect(await page.evaluate(() => (window as unknown as { __dateFormats: number }).__dateFormats)).toBe(0);
  expect(seen.errors).toEqual([]);
});
