// Any story on the map: the second real story (NOAA, Suez Canal, points from a CSV table) renders
// and links both ways with no code change, and a story with one broken layer shows a readable
// notice naming it while every other layer and the article still work.
import { expect } from '@playwright/test';
import { test } from './reader';
import { featureState, openStory, pointOf, renderedCount, waitForMapIdle, watch } from './helpers';

const EVER_GIVEN: [number, number] = [32.5799, 30.0176];

test('the Suez story renders from data alone: CSV points, a route, areas, links both ways', async ({ reader }) => {
  const page = await reader('./?story=suez-2021-04-02');
  const seen = watch(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Earth from Orbit: Cargo Ship Backup Seen from Space');
  await expect(page.locator('[data-passage]')).toHaveCount(3);
  for (const id of ['places', 'canal', 'water']) expect(await renderedCount(page, id), id).toBeGreaterThan(0);
  await expect(page.locator('.notice')).toHaveCount(0);
  await expect(page.locator('.attribution')).toContainText('OpenStreetMap contributors (ODbL)');
  await expect(page.locator('.attribution')).toContainText('GeoNames (CC BY 4.0)');

  // Text -> map: the passage about the backlog selects the canal, both waters and both ports.
  await page.locator('[data-passage="backlog"]').click({ position: { x: 30, y: 10 } });
  await expect(page.locator('[data-passage="backlog"]')).toHaveClass(/active/);
  for (const key of ['water:great-bitter-lake', 'water:gulf-of-suez-north']) {
    await expect.poll(() => featureState(page, key), { message: key }).toMatchObject({ selected: true });
  }
  expect(await featureState(page, 'places:ever-given')).not.toMatchObject({ selected: true });

  // Map -> text: the grounding site (a row of the CSV table) lights up its passage and shows its card.
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Reset view' }).click();
  await waitForMapIdle(page);
  const p = await pointOf(page, EVER_GIVEN);
  await page.mouse.click(p.x, p.y);
  await expect(page.locator('[data-passage="refloated"]')).toHaveClass(/active/);
  await expect(page.locator('.card h3')).toHaveText('Ever Given (grounding site)');
  await expect(page.locator('.card')).toContainText('23–29 Mar 2021');
  await expect(page.locator('.card')).toContainText('Approximate location');
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('a story with one broken layer: a notice naming it, the rest of the map and the article work', async ({ reader }) => {
  const page = await reader('./?story=broken-layer');
  const seen = watch(page);
  const notice = page.locator('.notice');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('The layer “Suez Canal” could not be shown');
  await expect(notice).toContainText('error');
  // The editor can see why, in words: the file, the feature, what and how to fix it.
  await notice.getByText('What is wrong').click();
  await expect(notice.locator('.why li').first()).toContainText('layers/canal.geojson');
  await expect(notice.locator('.why li').first()).toContainText('looks like projected metres');
  // The legend says so too, and the layer cannot be switched on.
  const canal = page.getByRole('checkbox', { name: 'Suez Canal' });
  await expect(canal).toBeDisabled();
  await expect(page.locator('.legend')).toContainText('Not shown');
  // Every other layer is drawn (the water was wound the wrong way and is fixed on load).
  expect(await renderedCount(page, 'canal')).toBe(0);
  expect(await renderedCount(page, 'places')).toBeGreaterThan(0);
  expect(await renderedCount(page, 'water')).toBeGreaterThan(0);
  // And the article still links to what is left.
  await page.locator('[data-passage="backlog"]').click({ position: { x: 30, y: 10 } });
  await expect.poll(() => featureState(page, 'water:great-bitter-lake')).toMatchObject({ selected: true });
  // The article's inline markup is rendered as elements, never as HTML: emphasis, a safe link that
  // opens apart from the story, and a place name inside bold text that still selects its feature.
  const backlog = page.locator('[data-passage="backlog"]');
  await expect(backlog.locator('em')).toHaveText('Day Night Band');
  const link = backlog.locator('a');
  await expect(link).toHaveText('NOAA-20 satellite');
  await expect(link).toHaveAttribute('href', 'https://www.nesdis.noaa.gov/');
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await page.keyboard.press('Escape');
  await backlog.locator('strong .place', { hasText: 'Bitter Lake' }).click();
  await expect.poll(() => featureState(page, 'water:great-bitter-lake')).toMatchObject({ selected: true });
  await expect(backlog).toHaveClass(/active/);
  // HTML in a data file (here a CSV cell) is shown as text, never run.
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Reset view' }).click();
  await waitForMapIdle(page);
  const p = await pointOf(page, EVER_GIVEN);
  await page.mouse.click(p.x, p.y);
  await expect(page.locator('.card')).toContainText('Ran aground here <img src=x onerror=window.__pwned=1> on 23 March 2021.');
  await expect(page.locator('.card img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  // Nothing about the broken layer reaches the page as an error.
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('small mistakes in story.json leave out only what they touch: a layer without a colour, a colour not in hex, a repeated id, a javascript: credit', async ({ reader }) => {
  const page = await reader('./?story=careless');
  const seen = watch(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Test story: small mistakes in story.json');
  await expect(page.locator('[data-passage]')).toHaveCount(3);
  const legend = page.locator('.legend');
  // Each layer whose own entry is wrong is listed as not shown, with what is wrong.
  for (const [name, why] of [
    ['No colour', /Not shown: .*The layer “No colour” \(id "nocolor", layers\[3\]\): "color" is missing/],
    ['Green zone', /Not shown: .*"color" is "green": write a colour as #rgb or #rrggbb/],
    ['Border again', /Not shown: .*The layer id "border" of “Border again” is already used by layers\[1\] \(“The Wall”\)/],
  ] as const) {
    const row = legend.locator('li.failed').filter({ hasText: name });
    await expect(row, name).toHaveCount(1);
    await expect(row.getByRole('checkbox')).toBeDisabled();
    await expect(row.locator('.note.error')).toHaveText(why);
  }
  // The first layer with the id "border" is the one shown, and the rest of the story is drawn.
  await expect(legend.getByRole('checkbox', { name: 'The Wall' })).toBeEnabled();
  expect(await renderedCount(page, 'places')).toBeGreaterThan(0);
  expect(await renderedCount(page, 'border')).toBeGreaterThan(0);
  // The credit with a javascript: link is shown, as plain text: no link anywhere goes to javascript:.
  const credits = page.locator('.attribution');
  await expect(credits).toContainText('Click me');
  await expect(credits.locator('a', { hasText: 'Click me' })).toHaveCount(0);
  await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0);
  await expect(credits.locator('a', { hasText: 'GeoNames' }).first()).toHaveAttribute('href', 'https://www.geonames.org/');
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('a source written as a javascript: link is shown as plain text on its card; its layer is drawn', async ({ reader }) => {
  const page = await reader('./?story=careless');
  const seen = watch(page);
  await expect(page.getByRole('checkbox', { name: 'Sourced' })).toBeEnabled();
  expect(await renderedCount(page, 'sourced')).toBeGreaterThan(0);
  await page.evaluate(() => (location.hash = '#f=sourced:reichstag'));
  const card = page.locator('.card');
  await expect(card.locator('h3')).toHaveText('Reichstag');
  await expect(card).toContainText('javascript:alert(8)');
  await expect(card.locator('a')).toHaveCount(0);
  await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0);
  expect(seen.errors).toEqual([]);
});

test('article links to a passage or a place stay in the page and select it, as the page’s own deep links do; one that names nothing is text', async ({ page }) => {
  const seen = watch(page);
  await openStory(page, './?story=careless');
  const gate = page.locator('[data-passage="gate"]');
  const toWall = gate.locator('a', { hasText: 'the Wall itself' });
  const toCrossing = gate.locator('a', { hasText: 'the crossing' });
  for (const a of [toWall, toCrossing]) await expect(a).not.toHaveAttribute('target', /./);
  // A passage's own anchor: followed without scripts too (prerender.spec).
  await expect(toWall).toHaveAttribute('href', '#passage-wall');
  await expect(toCrossing).toHaveAttribute('href', '#f=places:checkpoint');
  // The link to a passage the article does not have is plain text.
  await expect(gate).toContainText('somewhere that is not there');
  await expect(gate.locator('a', { hasText: 'somewhere that is not there' })).toHaveCount(0);
  // In the page's links' blue with a thin line, told apart from a place name's thick accent line
  // (the browser's own bright blue before).
  const look = await toWall.evaluate((el) => { const c = getComputedStyle(el); return [c.color, c.textDecorationThickness]; });
  expect(look).toEqual(['rgb(11, 61, 145)', '1px']);

  const pages = page.context().pages().length;
  await toWall.click();
  await expect(page.locator('[data-passage="wall"]')).toHaveClass(/active/);
  await expect(page).toHaveURL(/\?story=careless#p=wall$/);
  await toCrossing.click();
  await expect(page.locator('.card h3')).toHaveText('Checkpoint Charlie');
  await expect.poll(() => featureState(page, 'places:checkpoint')).toMatchObject({ selected: true });
  await expect(page).toHaveURL(/#f=places:checkpoint$/);
  // Back returns to the passage, as for any selection.
  await page.goBack();
  await expect(page.locator('[data-passage="wall"]')).toHaveClass(/active/);
  expect(page.context().pages().length).toBe(pages);
  expect(seen.errors).toEqual([]);
});

test('inside a <story-map> embed, an article link to a place selects it there and never navigates the host page', async ({ page }) => {
  const seen = watch(page);
  await page.goto('examples/text-modes.html?story=careless&kind=element');
  const app = page.locator('#embed-element-full .story-map');
  await expect(app.locator('[data-map-ready]')).toBeAttached({ timeout: 45_000 });
  const host = page.url();
  await app.locator('[data-passage="gate"] a', { hasText: 'the crossing' }).click();
  await expect(app.locator('.card h4')).toHaveText('Checkpoint Charlie');
  await app.locator('[data-passage="gate"] a', { hasText: 'the Wall itself' }).click();
  await expect(app.locator('[data-passage="wall"]')).toHaveClass(/active/);
  expect(page.url()).toBe(host);
  expect(await page.evaluate(() => location.hash)).toBe('');
  expect(seen.errors).toEqual([]);
});

test('an area written [lat, lon] is not drawn in the Arabian Sea: its layer is listed as not shown, saying its coordinates are swapped', async ({ reader }) => {
  const page = await reader('./?story=careless');
  const seen = watch(page);
  const row = page.locator('.legend li.failed').filter({ hasText: 'West Berlin' });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('checkbox')).toBeDisabled();
  expect(await renderedCount(page, 'west')).toBe(0);
  const notice = page.locator('.notice');
  await expect(notice).toContainText('The layer “West Berlin” could not be shown');
  const why = notice.locator('details.why').filter({ hasText: 'layers/west.geojson' });
  await why.getByText('What is wrong').click();
  await expect(why.locator('li')).toContainText('with latitude and longitude swapped it lies inside the view');
  await expect(why.locator('li')).toBeVisible();
  // The rest of the story is there.
  expect(await renderedCount(page, 'places')).toBeGreaterThan(0);
  expect(seen.errors).toEqual([]);
});

// On the root page asked for another story (?story=), the text under the map settled after the map
// was made, and MapLibre kept the old box's centre and zoom: the story opened off-centre and smaller
// (many-points at zoom 4.48 against its framing's 5.00), its link carried a v= nobody chose, and
// Reset view went elsewhere. The opening is framed again for the box the map has (StoryMap.svelte,
// `reframeOpening`).
for (const { story, viewport } of [
  { story: 'many-points', viewport: { width: 1280, height: 800 } },
  { story: 'wye-flood-2024', viewport: { width: 1280, height: 800 } },
]) {
  test(`${story} asked for with ?story= at ${viewport.width}×${viewport.height} opens framed for its map: no view in its link, Reset view leaves it where it is`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await openStory(page, `./?story=${story}`);
    await waitForMapIdle(page);
    const camera = () => page.locator('.map').evaluate((el) => {
      const p = (el as import('../../src/lib/map/probe').ProbedElement).storyMapProbe!;
      return { zoom: p.zoom(), center: p.center() };
    });
    const opened = await camera();
    expect(new URL(page.url()).hash, 'the link of a story nobody has moved').toBe('');
    await page.getByRole('button', { name: 'Reset view' }).click();
    await waitForMapIdle(page);
    const reset = await camera();
    expect(Math.abs(reset.zoom - opened.zoom), `zoom ${reset.zoom} after Reset view, ${opened.zoom} as opened`).toBeLessThan(0.01);
    const shift = await page.locator('.map').evaluate((el, c) => {
      const p = (el as import('../../src/lib/map/probe').ProbedElement).storyMapProbe!.project(c);
      return Math.hypot(p.x - el.clientWidth / 2, p.y - el.clientHeight / 2);
    }, opened.center);
    expect(shift, 'pixels between the opening centre and Reset view’s').toBeLessThan(2);
    expect(new URL(page.url()).hash).toBe('');
  });
}
