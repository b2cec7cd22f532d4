// A story written carelessly or with intent (tests/fixtures/stories/hostile, docs/security.md): an
// invalid language tag, a category value listed twice, a layer entry pasted twice, one {#id} on two
// passages, quotes and emphasis nested 2 000 deep, a 200 000-character name, a layer path that
// leaves the folder once decoded (%2E%2E), feature ids "__proto__" and "constructor", a
// "hasOwnProperty" column. The page shows everything it safely can, never throws, never writes
// into Object.prototype, never fetches outside the story's folder, and reads the prebuilt model
// without ever fetching the validator's code.
import { expect, test, type Page } from '@playwright/test';
import { openStory, watch } from './helpers';

// The validator's chunk: src/lib/story/load.ts and what it imports, only for stories without a model.json.
const VALIDATOR_CHUNK = /\/assets\/load-[^/]+\.js$/;

function requests(page: Page) {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

async function prototypeClean(page: Page) {
  return page.evaluate(() => {
    const probe = {} as Record<string, unknown>;
    return { own: Object.getOwnPropertyNames(Object.prototype).filter((k) => ['selected', 'hover', 'polluted'].includes(k)), selected: probe.selected, hover: probe.hover };
  });
}

async function showsWhatItSafelyCan(page: Page) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('A story written carelessly, or with intent');
  // Both passages with one id are shown; the deep quote and emphasis are there as text.
  await expect(page.locator('[data-passage]').filter({ hasText: 'Ships queued off Port Said' })).toHaveCount(1);
  await expect(page.locator('[data-passage]').filter({ hasText: 'The same id again, at Suez.' })).toHaveCount(1);
  await expect(page.getByText('A quote two thousand levels deep.')).toBeVisible();
  await expect(page.getByText(/emphasis two thousand deep/)).toBeVisible();
  // The layer pasted twice is shown once; its copy is listed as not shown, saying why. The repeated category value appears once.
  await expect(page.getByRole('checkbox', { name: 'Places' })).toHaveCount(2);
  await expect(page.getByRole('checkbox', { name: 'Places' }).first()).toBeEnabled();
  await expect(page.getByRole('checkbox', { name: 'Places' }).nth(1)).toBeDisabled();
  await expect(page.locator('.legend li.failed').filter({ hasText: 'Places' })).toContainText('The layer id "places" of “Places” is already used by layers[0] (“Places”).');
  await expect(page.locator('.legend').getByText('Zone A', { exact: true })).toHaveCount(1);
  await expect(page.locator('.legend')).not.toContainText('Zone A again');
  // The rows with a "hasOwnProperty" column are a layer like any other.
  await expect(page.getByRole('checkbox', { name: 'Rows' })).toBeEnabled();
  // The date is written although the language tag is not one.
  await expect(page.locator('article time')).toHaveText(/2021/);
}

test('a hostile story, from its prebuilt model: shown, no exception, nothing polluted, no validator code', async ({ page }) => {
  const seen = watch(page);
  const urls = requests(page);
  await openStory(page, './?story=hostile');
  await showsWhatItSafelyCan(page);
  expect(urls.some((u) => u.endsWith('/stories/hostile/model.json'))).toBe(true);

  // Links naming what JavaScript reserves select nothing and write nothing into Object.prototype.
  // (Each is applied in turn, on its hashchange; the last one's card shows they all have been.)
  for (const hash of ['#f=protos:__proto__', '#f=protos:constructor', '#p=__proto__', '#p=hasOwnProperty', '#l=__proto__,constructor,places', '#f=places:long']) {
    await page.evaluate((h) => (location.hash = h), hash);
  }
  // The 200 000-character name is shortened on its card (and the map labels it without failing).
  await expect(page.locator('.card h3')).toHaveText(/^Long x+…$/);
  expect((await page.locator('.card h3').textContent())!.length).toBeLessThanOrEqual(200);
  // A click on the map selects by MapLibre's own numeric ids.
  await page.evaluate(() => (location.hash = '#f=places:port-said'));
  await expect(page.locator('[data-passage]').filter({ hasText: 'Ships queued off Port Said' })).toHaveClass(/active/);
  expect(await prototypeClean(page)).toEqual({ own: [], selected: undefined, hover: undefined });

  expect(urls.filter((u) => VALIDATOR_CHUNK.test(u))).toEqual([]);
  expect(urls.filter((u) => /broken-layer|%2e/i.test(u))).toEqual([]);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('the same story from its files: the path that leaves the folder once decoded is never fetched', async ({ page }) => {
  const seen = watch(page);
  const urls = requests(page);
  // As on a host where the story was copied without its model.json.
  await page.route('**/stories/hostile/model.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await openStory(page, './?story=hostile');
  await showsWhatItSafelyCan(page);
  // The validator ran in the page (so the chunk pattern above is the validator's), and said why a layer is missing.
  expect(urls.filter((u) => VALIDATOR_CHUNK.test(u))).toHaveLength(1);
  await expect(page.locator('.notice')).toContainText("The layer “Another story's layer” could not be shown");
  await expect(page.locator('.notice')).toContainText('The layer “Reserved ids” could not be shown');
  expect(urls.filter((u) => /broken-layer|%2e/i.test(u))).toEqual([]);
  // Every story file asked for is this story's (besides the default story's model.json, which index.html preloads).
  for (const u of urls.filter((x) => x.includes('/stories/') && !x.endsWith('/model.json'))) expect(new URL(u).pathname).toMatch(/\/stories\/hostile\/[^%]+$/);
  await page.evaluate(() => (location.hash = '#f=protos:__proto__'));
  await page.evaluate(() => (location.hash = '#f=places:long'));
  await expect(page.locator('.card h3')).toHaveText(/^Long x+…$/);
  expect(await prototypeClean(page)).toEqual({ own: [], selected: undefined, hover: undefined });
  // The one error in the console is the browser's note of the model.json this test refused.
  expect(seen.errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('the default story never fetches the validator chunk', async ({ page }) => {
  const urls = requests(page);
  await openStory(page, './');
  // Every lazy chunk the page wants has been asked for once the map is drawn and the list of places is in.
  await expect(page.locator('section[id$="-places"]')).toBeAttached({ timeout: 15_000 });
  expect(urls.some((u) => /\/assets\/map-[^/]+\.js$/.test(u))).toBe(true);
  expect(urls.filter((u) => VALIDATOR_CHUNK.test(u))).toEqual([]);
});

test('a ?story= that is no story name is refused in words, on the page and in the embed, the page’s title says so, and nothing outside the stories is fetched', async ({ page }) => {
  const seen = watch(page);
  const urls = requests(page);
  for (const path of ['./?story=..%2F..%2Fsecrets', './embed.html?story=..%2F..%2Fsecrets']) {
    await page.goto(path);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('This story could not be shown');
    // Where, what is wrong and how to fix it, with a space between the file and the message.
    await expect(alert.getByRole('listitem')).toHaveText('story: “../../secrets” is not a story name. Story names are letters, digits, - and _.');
  }
  // The page's tab says so, not the headline and description of the story it was built with (an embed's host owns its own head).
  await page.goto('./?story=..%2F..%2Fsecrets');
  await expect(page).toHaveTitle('This story could not be shown');
  await expect(page.locator('meta[name="description"]')).toHaveCount(0);
  await page.goto('./?story=no-such-story');
  await expect(page.getByRole('alert')).toContainText('This story could not be found');
  await expect(page).toHaveTitle('This story could not be found');
  expect(urls.filter((u) => /secrets/.test(u) && !/[?&]story=/.test(u))).toEqual([]);
  expect(seen.foreign).toEqual([]);
});
