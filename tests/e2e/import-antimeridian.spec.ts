// A story whose layers are files as exported, with no ids, dates or sources (a bare LineString, a
// geojson.io collection: story.json gives each layer's date and source), across the 180° meridian:
// a cable from Fiji to Hawaii. It opens, draws every feature, and draws and frames the cable the
// short way round (tests/fixtures/stories/pacific-import; docs/story-format.md, "Importing").
import { expect, type Page } from '@playwright/test';
import { test } from './reader';
import type { StoryMapProbe } from '../../src/lib/map/probe';
import { waitForMapIdle, watch } from './helpers';

type Probe = Required<StoryMapProbe>;
const probe = <T>(page: Page, fn: (p: Probe, arg: never) => T, arg?: unknown) =>
  page.locator('.map').evaluate((el, [body, a]) => new Function('p', 'a', `return (${body})(p, a)`)((el as unknown as { storyMapProbe: Probe }).storyMapProbe, a), [fn.toString(), arg] as const) as Promise<T>;

const CABLE = 'cable:f-0wh30ue';
/** The cable's ends and a point on it just east of 180° (continuous longitudes: 180.5 is 179.5°W). */
const SUVA: [number, number] = [178.4419, -18.1416];
const HONOLULU: [number, number] = [-158.1 + 360, 21.36];
const ON_CABLE: [number, number] = [-179.5 + 360, -12.0];
const wrap = (lon: number) => ((((lon + 180) % 360) + 360) % 360) - 180;

/** Whether a place is on the map (in any of the world's copies the map draws: MapLibre may keep the centre as 190° or as -170°). */
async function onScreen(page: Page, ll: [number, number]) {
  const size = await page.locator('.map').evaluate((el) => ({ w: el.clientWidth, h: el.clientHeight }));
  for (const k of [-360, 0, 360]) {
    const p = await probe(page, (pr, a: [number, number]) => pr.project(a), [ll[0] + k, ll[1]]);
    if (p.x >= 0 && p.y >= 0 && p.x <= size.w && p.y <= size.h) return true;
  }
  return false;
}

test('a story of exported files with no ids, dates or sources opens, and its cable across 180° is drawn and framed the short way', async ({ reader }) => {
  const page = await reader('./?story=pacific-import');
  const seen = watch(page);
  await waitForMapIdle(page);
  expect(await probe(page, (p) => p.kind)).toBe('webgl');
  // Every layer is shown: no "Not shown" in the legend, nothing in "What is wrong".
  await expect(page.getByText('Not shown')).toHaveCount(0);
  // (Counted per style layer and per copy of the world drawn, so at least one each.)
  expect(await probe(page, (p) => p.rendered('islands'))).toBeGreaterThanOrEqual(4);
  expect(await probe(page, (p) => p.rendered('cable'))).toBeGreaterThan(0);

  // The opening view ([170, -25, -150, 28], west > east) is centred on the Pacific, not on Greenwich
  // (a little west of the bounds' middle: this tall story is framed beside the legend, framing.ts).
  const center = await probe(page, (p) => p.center());
  expect(Math.abs(wrap(center[0] - 190))).toBeLessThan(20);
  expect(await probe(page, (p) => p.zoom())).toBeGreaterThan(2);
  for (const ll of [SUVA, HONOLULU, ON_CABLE]) expect(await onScreen(page, ll), String(ll)).toBe(true);
  // The line is drawn across 180°, where the short way goes: hit at a point on it just east of the meridian.
  const hits = await probe(page, (p, ll: [number, number]) => p.query(ll, ['story:cable:line', 'story:cable:line-approx', 'story:cable:casing'], 4), ON_CABLE);
  expect(hits.length).toBeGreaterThan(0);

  // Selecting the cable (a link naming it) frames it the short way: both ends in view, zoomed in.
  await page.goto(`./?story=pacific-import#f=${CABLE}`);
  await expect(page.locator('[data-map-ready]')).toBeAttached({ timeout: 45_000 });
  await waitForMapIdle(page);
  const framed = await probe(page, (p) => p.center());
  expect(Math.abs(wrap(framed[0]) - wrap((SUVA[0] + HONOLULU[0]) / 2))).toBeLessThan(8);
  expect(await probe(page, (p) => p.zoom())).toBeGreaterThan(2);
  for (const ll of [SUVA, HONOLULU]) expect(await onScreen(page, ll), String(ll)).toBe(true);
  // Its card says where it comes from: the layer's source, given once in story.json.
  await expect(page.getByText('Test drawing').first()).toBeVisible();
  // An approximate line is a route, as the legend calls it ("Dashed: approximate route"), not a location.
  await expect(page.locator('.card .approx')).toHaveText('Approximate route');

  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});
