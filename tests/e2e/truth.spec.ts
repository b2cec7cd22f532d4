// What a reader sees is true (issue 12): place names in the text point at what they name, the
// legend explains every colour and says "hatched" only where something is hatched, uncategorised
// places never wear a category's colour, approximate places look approximate, cards say who
// reported what, and the article is credited.
import { expect, type Page } from '@playwright/test';
import { test } from './reader';
import { featureState, mapPixels, openStory, pointOf, waitForMapIdle, watch } from './helpers';

/** The colours of the map's pixels at places, as [r, g, b] each, from one screenshot. */
async function pixelsAt(page: Page, places: [number, number][]) {
  const box = (await page.locator('.map canvas').boundingBox())!;
  const at = await Promise.all(places.map(async (ll) => {
    const p = await pointOf(page, ll);
    return { x: p.x - box.x, y: p.y - box.y };
  }));
  return (await mapPixels(page, at)).pixels;
}
const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const near = (a: number[], b: number[], tol: number) => a.every((v, i) => Math.abs(v - b[i]!) <= tol);

test('CGTN: the legend explains what is drawn, places wear the right colours, text links are true', async ({ reader }) => {
  // A screenshot of the WebGL canvas takes a while with software rendering on a busy machine.
  test.setTimeout(120_000);
  const page = await reader();
  const seen = watch(page);
  await waitForMapIdle(page);

  // Legend content: the TurkStream layer (points and lines, the sea as context) has no hatched
  // swatch, and names the Black Sea as context; the legend's key says once what an open ring (its
  // approximate landfall) and hatching mean.
  const ts = page.locator('.legend li[data-layer="turkstream"]');
  await expect(ts.locator('.hatched')).toHaveCount(0);
  await expect(ts).toContainText('Black Sea (context)');
  await expect(ts).not.toContainText('Hatched');
  await expect(page.locator('.legend .key')).toContainText('Open ring: approximate location');
  await expect(page.locator('.legend .key')).toContainText('Hatched: approximate area');
  // Libya: the three sides, hatched (its districts are approximate areas), and the country as context.
  const libya = page.locator('.legend li[data-layer="libya"]');
  await expect(libya.locator('.cats li')).toHaveText(['GNA (Tripoli government)', 'LNA (Haftar) and allies', 'Contested or unclear', 'Libya (context)']);
  await expect(libya.locator('.cats li[data-style="hatched"]')).toHaveCount(3);
  // No colour is keyed that the map does not draw: every feature of Libya and of Syria / Idlib wears
  // its side's colour, so neither has a swatch of its own beside its name, in the legend or in the
  // list of places (it was one purple area and dot for both, drawn nowhere); Iran and Iraq's dark
  // red dots have theirs.
  for (const id of ['libya', 'syria-idlib']) {
    await expect(page.locator(`.legend li[data-layer="${id}"] > label .swatch`)).toHaveCount(0);
    await expect(page.locator(`.legend li[data-layer="${id}"] > label .swatch-gap`)).toHaveCount(1);
  }
  await expect(page.locator('.legend li[data-layer="iraq-bases"] > label .swatch .point')).toHaveCount(1);
  // Drawn as the map draws them: Iran and Iraq's four places are all approximate, open rings, so its
  // swatch is a ring (a dot said "exactly here"); so is Syria's "Government-held" (Damascus, a ring).
  // The TurkStream's points are not all approximate: a dot, on a solid line.
  await expect(page.locator('.legend li[data-layer="iraq-bases"] > label .swatch .point.ring')).toHaveCount(1);
  await expect(page.locator('.legend li[data-layer="syria-idlib"] .cats li', { hasText: 'Government-held' })).toHaveAttribute('data-style', 'ring');
  await expect(page.locator('.legend li[data-layer="turkstream"] > label .swatch .point')).not.toHaveClass(/ring/);
  await expect(page.locator('.legend li[data-layer="turkstream"] > label .swatch .line')).not.toHaveClass(/dashed/);
  await expect(page.locator('.places .layer-head', { hasText: 'Syria / Idlib' }).locator('.swatch')).toHaveCount(0);
  await expect(page.locator('.places .layer-head', { hasText: 'Iran and Iraq' }).locator('.swatch .point.ring')).toHaveCount(1);
  // In the list too, an approximate place is an open ring (white inside), an exact one a dot.
  const sym = (key: string) => page.locator(`.places button[data-key="${key}"] .sym`).evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await sym('iraq-bases:al-asad-airbase')).toBe('rgb(255, 255, 255)');
  expect(await sym('libya:tripoli')).toBe('rgb(48, 60, 190)');

  // Colours on the map: Tripoli, the GNA's seat, is a GNA-blue dot, not the LNA orange; Erbil, an
  // approximate location, is an open ring (white inside, not a dot).
  const [tripoli, erbil] = await pixelsAt(page, [[13.18733, 32.88743], [43.96306, 36.2375]]);
  expect(near(tripoli!, rgb('#303cbe'), 40), `Tripoli is drawn in the GNA colour, not ${tripoli}`).toBe(true);
  expect(near(erbil!, [255, 255, 255], 30), `Erbil is an open ring, not ${erbil}`).toBe(true);

  // Text -> map: the marked phrase "Government of National Accord" names the GNA's districts,
  // nothing contested (Mizdah, Murzuq, and An Nuqat al Khams, where Haftar-aligned forces held
  // Sabratha and al-Watiya) and nothing of the LNA's; "Libyan National Army" names no city;
  // "raging civil war" the contested districts, where the fronts were, and the towns the front line
  // south of Tripoli ran through (SOURCES.md), which the districts' colours do not show.
  const districts = async (phrase: string) => ((await page.locator('[data-passage="libya-war"] .place', { hasText: phrase }).getAttribute('data-features')) ?? '').split(' ').sort();
  const gnaKeys = await districts('Government of National Accord');
  expect(gnaKeys).toContain('libya:ly-district-LY-TN');
  expect(gnaKeys).not.toContain('libya:ly-district-LY-MZ');
  expect(gnaKeys).not.toContain('libya:ly-district-LY-BA');
  expect(gnaKeys).not.toContain('libya:ly-district-LY-NQ');
  expect(gnaKeys).toHaveLength(4);
  expect(await districts('raging civil war')).toEqual(['libya:ly-aziziya', 'libya:ly-district-LY-JI', 'libya:ly-district-LY-MB', 'libya:ly-district-LY-MQ', 'libya:ly-district-LY-MZ', 'libya:ly-district-LY-NQ', 'libya:ly-tarhuna']);
  const lnaKeys = await districts('Libyan National Army');
  expect(lnaKeys.every((k) => k.startsWith('libya:ly-district-'))).toBe(true);
  expect(lnaKeys).not.toContain('libya:ly-district-LY-TN');
  // Clicking the phrase selects what it names, not the rest of its passage: the GNA's districts
  // light up, the LNA's east and the cities the passage also names do not.
  await page.locator('[data-passage="libya-war"] .place', { hasText: 'Government of National Accord' }).click();
  await expect.poll(() => featureState(page, 'libya:ly-district-LY-TN')).toMatchObject({ selected: true });
  expect(await featureState(page, 'libya:ly-district-LY-BA')).not.toMatchObject({ selected: true });
  expect(await featureState(page, 'libya:tripoli')).not.toMatchObject({ selected: true });
  await expect(page.locator('[data-passage="libya-war"]')).toHaveClass(/active/);
  await page.keyboard.press('Escape');
  // "Iran" is Iran, not Tehran.
  await page.locator('[data-passage="iraq-strikes"] .place', { hasText: /^Iran$/ }).click();
  await expect.poll(() => featureState(page, 'iraq-bases:iran')).toMatchObject({ selected: true });
  await expect(page.locator('.card .layer')).toHaveText('Iran and Iraq');

  // Syria's places wear the side that held them on 9 January 2020, keyed in the legend, and say it
  // in words: on the card, under the layer's name, and in the list of places.
  await expect(page.locator('.legend li[data-layer="syria-idlib"] .cats li')).toHaveText(['Rebel-held, 9 Jan 2020', 'Government-held, 9 Jan 2020']);
  await page.keyboard.press('Escape');
  const khan = page.locator('.places button[data-key="syria-idlib:sy-khan-shaykhun"]');
  await khan.click();
  await expect(page.locator('.card h3')).toHaveText('Khan Shaykhun');
  await expect(page.locator('.card .layer')).toHaveText(/^Syria \/ Idlib,\s*Government-held, 9 Jan 2020$/);
  await expect(page.locator('.card .layer .dot')).toHaveCSS('background-color', 'rgb(160, 48, 32)');
  // Damascus, where Putin met Assad (the venue not located), is a ring on the map and on its card.
  await page.keyboard.press('Escape');
  await page.locator('.places button[data-key="syria-idlib:damascus"]').click();
  await expect(page.locator('.card h3')).toHaveText('Damascus');
  await expect(page.locator('.card .layer .dot')).toHaveClass(/ring/);
  await expect(page.locator('.card .layer .dot')).toHaveCSS('border-top-color', 'rgb(160, 48, 32)');
  await page.keyboard.press('Escape');
  await khan.click();
  await expect(page.locator('.card h3')).toHaveText('Khan Shaykhun');
  await expect(khan.locator('xpath=..').locator('.facts')).toContainText('Government-held, 9 Jan 2020');
  await expect(page.locator('.places button[data-key="syria-idlib:sy-saraqib"]').locator('xpath=..').locator('.facts')).toContainText('Rebel-held, 9 Jan 2020');

  // A card says who reported what happened, apart from where the place comes from.
  await page.keyboard.press('Escape');
  await page.locator('[data-passage="iraq-strikes"] .place', { hasText: 'January 3 U.S. strike' }).click();
  const card = page.locator('.card');
  await expect(card.locator('h3')).toHaveText('Baghdad International Airport');
  await expect(card).toContainText('Approximate location');
  await expect(card).toContainText('Reported by: hozint.com and Rudaw');
  await expect(card).toContainText('Location: Wikipedia');

  // The article is credited and linked.
  const original = page.locator('.article header a.original');
  await expect(original).toHaveAttribute('href', /^https:\/\/news\.cgtn\.com\//);
  await expect(page.locator('.article header')).toContainText('Text © CGTN');
  await expect(original).toHaveText('Original article');

  // A hidden layer's approximate note goes with it.
  const credits = page.locator('.attribution');
  await expect(credits).toContainText('the Anapa landfall (±1–2 km)');
  await page.getByRole('checkbox', { name: 'TurkStream pipeline' }).uncheck();
  await expect(credits).not.toContainText('the Anapa landfall (±1–2 km)');
  await expect(credits).toContainText('Approximate areas of control');
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('Suez: “both sides of the operation” is the Red Sea and the Bitter Lake; the ports are context', async ({ reader }) => {
  const page = await reader('./?story=suez-2021-04-02');
  await page.locator('[data-passage="backlog"] .place', { hasText: 'both sides of the operation' }).click();
  for (const key of ['water:great-bitter-lake', 'water:gulf-of-suez-north']) await expect.poll(() => featureState(page, key), { message: key }).toMatchObject({ selected: true });
  for (const key of ['places:port-said', 'places:suez', 'canal:suez-canal']) expect(await featureState(page, key), key).not.toMatchObject({ selected: true });
  await expect(page.locator('.article header a.original')).toHaveAttribute('href', 'https://www.nesdis.noaa.gov/news/earth-orbit-cargo-ship-backup-seen-space');
});

// A phone folds the legend over its map: the colours of who held what had no key in sight (a
// fact-checker's review). The footer under the map keys them, as the legend does; where the legend
// is open (a wide page) it does not repeat it.
test('CGTN on a phone: the colours of control are keyed under the map, as in the legend; not on a wide page', async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  await openStory(page);
  await expect(page.locator('.legend')).not.toHaveAttribute('open');
  const key = page.getByRole('list', { name: 'Colours on the map' });
  await expect(key).toBeVisible();
  // Each layer's colours headed by its name: Syria's "Government-held" beside Libya's "GNA (Tripoli
  // government)" read as Libya's government.
  await expect(key.locator('li')).toHaveText(['Libya: GNA (Tripoli government)', 'LNA (Haftar) and allies', 'Contested or unclear', 'Syria / Idlib: Rebel-held, 9 Jan 2020', 'Government-held, 9 Jan 2020']);
  // The same swatches as the legend's rows: hatched (approximate areas), in the categories' colours.
  const legendRows = page.locator('.legend li[data-layer="libya"] .cats li[data-style="hatched"]');
  await expect(legendRows).toHaveCount(3);
  for (let i = 0; i < 3; i++) {
    const swatch = key.locator('li').nth(i).locator('.cat');
    await expect(swatch).toHaveClass(/hatched/);
    expect(await swatch.evaluate((el) => getComputedStyle(el).getPropertyValue('--c').trim())).toBe(await legendRows.nth(i).getAttribute('data-color'));
  }
  // A hidden layer's colours go from the key with it, and one layer's need no heading.
  await page.locator('.legend summary').click();
  await page.getByRole('checkbox', { name: 'Libya' }).uncheck();
  await expect(key.locator('li')).toHaveText(['Rebel-held, 9 Jan 2020', 'Government-held, 9 Jan 2020']);
  await page.getByRole('checkbox', { name: 'Syria / Idlib' }).uncheck();
  await expect(key).toHaveCount(0);
  await phone.close();
  const desk = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const wide = await desk.newPage();
  await openStory(wide);
  await expect(wide.locator('.legend')).toHaveAttribute('open');
  await expect(wide.getByRole('list', { name: 'Colours on the map' })).toHaveCount(0);
  await desk.close();
});
