// The map without WebGL: a static SVG map from the same GeoJSON, with the same layers, toggles,
// clickable and keyboard-reachable features and passage links, and a short plain notice; its
// basemap drawn from the same vector tiles as the WebGL map, wherever the story is.
import { chromium, expect, test, type Page } from '@playwright/test';
import { watch } from './helpers';
import type { ProbedElement } from '../../src/lib/map/probe';
import { CHROMIUM_PATH } from '../../scripts/chromium.mjs';

/** Makes every WebGL context request fail the way the given browser would. */
function breakWebGL(page: Page, how: 'null' | 'creation-error' | 'throw') {
  return page.addInitScript((mode) => {
    const original = HTMLCanvasElement.prototype.getContext;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (HTMLCanvasElement.prototype as any).getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      if (!/webgl/i.test(type)) return (original as (...a: unknown[]) => unknown).call(this, type, ...rest);
      if (mode === 'throw') throw new Error('GPU process crashed');
      if (mode === 'creation-error') {
        const ev = new Event('webglcontextcreationerror') as Event & { statusMessage?: string };
        Object.defineProperty(ev, 'statusMessage', { value: 'Could not create a WebGL context, VENDOR = 0xffff' });
        this.dispatchEvent(ev);
      }
      return null;
    };
  }, how);
}

async function openFallback(page: Page) {
  await page.goto('./');
  await expect(page.locator('[data-fallback-ready]')).toBeAttached({ timeout: 30_000 });
}

const visibleFeatureCount = (page: Page) => page.locator('.fallback svg [data-key]').count();

for (const how of ['null', 'creation-error', 'throw'] as const) {
  test(`WebGL context creation fails (${how}): the SVG map and a plain notice, never a blank box or a raw error`, async ({ page }) => {
    const seen = watch(page);
    await breakWebGL(page, how);
    await openFallback(page);
    const notice = page.locator('.fallback .notice');
    await expect(notice).toContainText('Simplified map');
    await expect(notice).not.toContainText(/GPUInitializationError|wiki\.openstreetmap|statusMessage|crashed|\{/);
    await expect(page.locator('.map canvas')).toHaveCount(0);
    // The basemap and every feature of every layer are drawn.
    expect((await page.locator('.fallback path.water').getAttribute('d'))!.length).toBeGreaterThan(1000);
    expect(await visibleFeatureCount(page)).toBe(52);
    // A hatch per colour: Libya's three sides and Idlib's governorate.
    await expect(page.locator('.fallback pattern')).toHaveCount(4);
    // The article, the legend and the credits are all there.
    await expect(page.locator('[data-passage]')).toHaveCount(23);
    await expect(page.getByRole('checkbox', { name: 'Iran and Iraq' })).toBeChecked();
    await expect(page.locator('.attribution')).toContainText('Natural Earth');
    expect(seen.errors).toEqual([]);
    expect(seen.foreign).toEqual([]);
  });
}

test('clicking a fallback feature highlights its passage and shows its card; a passage frames its features', async ({ page }) => {
  const seen = watch(page);
  await breakWebGL(page, 'null');
  await openFallback(page);
  await page.locator('.fallback [data-key="iraq-bases:tehran"]').click();
  const passage = page.locator('[data-passage="khamenei"]');
  await expect(passage).toHaveClass(/active/);
  await expect(passage).toBeInViewport();
  await expect(page.locator('.card h3')).toHaveText('Tehran');
  await expect(page.locator('.fallback [data-key="iraq-bases:tehran"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.fallback .ring')).toHaveCount(1);
  // Clicking empty map clears (bottom left: the card sits bottom right, the legend top left).
  const box = (await page.locator('.fallback svg').boundingBox())!;
  await page.mouse.click(box.x + 30, box.y + box.height - 30);
  await expect(page.locator('.card')).toHaveCount(0);
  await expect(passage).not.toHaveClass(/active/);
  // A passage from the text: its features are highlighted and the view jumps to them (Libya fills the frame).
  const before = await page.locator('.fallback [data-key="libya:tripoli"] path').getAttribute('d');
  await page.locator('[data-passage="libya-war"] .pin').click();
  await expect(page.locator('.fallback .ring').first()).toBeAttached();
  const after = await page.locator('.fallback [data-key="libya:tripoli"] path').getAttribute('d');
  expect(after).not.toBe(before);
  await expect(page.locator('.fallback [data-key="iraq-bases:tehran"]')).toHaveCount(0);
  // Reset view brings everything back.
  await page.getByRole('button', { name: 'Reset view' }).click();
  await expect(page.locator('.fallback [data-key="iraq-bases:tehran"]')).toHaveCount(1);
  expect(seen.errors).toEqual([]);
});

test('the SVG map has the scale bar too, from a country-sized view, in the story\'s units', async ({ page }) => {
  await breakWebGL(page, 'null');
  await openFallback(page);
  // The whole story: no bar (its scale would be wrong across the view).
  await expect(page.locator('.fallback [data-scale]')).toHaveCount(0);
  // Libya's context outline, drawn at the whole story's view, faded out at Tripoli's (zoom 8), where
  // Natural Earth's coast would run off the basemap's (context-outline.ts), as in the WebGL map.
  const libyaOutline = () => page.locator('.fallback svg [data-key="libya:libya-boundary"] .shape').evaluate((el) => Number(getComputedStyle(el).strokeOpacity));
  expect(await libyaOutline()).toBeCloseTo(0.55);
  // Framed on Tripoli (a link to it): a bar in km, within its 96 px.
  await page.goto('./#f=libya:tripoli');
  await expect(page.locator('[data-fallback-ready]')).toBeAttached({ timeout: 30_000 });
  expect(await libyaOutline()).toBe(0);
  const bar = page.locator('.fallback [data-scale]');
  await expect(bar).toHaveText(/^\d+\s+km$/);
  const box = (await bar.boundingBox())!;
  expect(box.width).toBeGreaterThan(40);
  expect(box.width).toBeLessThanOrEqual(96);
  // A story that asks for nautical miles.
  await page.goto('./?story=broken-layer');
  await expect(page.locator('[data-fallback-ready]')).toBeAttached({ timeout: 30_000 });
  await expect(page.locator('.fallback [data-scale]')).toHaveText(/^\d+(\.\d+)?\s+nm$/);
});

// Reset view stands in the map's top margin (App.svelte); the notice, at the same corner, stands below
// it, not under it ("Simplified m" was all that showed of its first line).
for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }])
  test(`the notice and Reset view share the top-right corner without covering each other (${viewport.width}×${viewport.height})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await breakWebGL(page, 'null');
    await openFallback(page);
    const [notice, reset] = await Promise.all([page.locator('.fallback .notice').boundingBox(), page.getByRole('button', { name: 'Reset view' }).boundingBox()]);
    const apart = notice!.y >= reset!.y + reset!.height || reset!.y >= notice!.y + notice!.height || notice!.x >= reset!.x + reset!.width || reset!.x >= notice!.x + notice!.width;
    expect(apart, `notice ${JSON.stringify(notice)}, Reset view ${JSON.stringify(reset)}`).toBe(true);
  });

test('fallback layers toggle like the map, and its features are keyboard reachable', async ({ page }) => {
  await breakWebGL(page, 'null');
  await openFallback(page);
  const iraq = page.locator('.fallback [data-key^="iraq-bases:"]');
  await expect(iraq).toHaveCount(5);
  await page.getByRole('checkbox', { name: 'Iran and Iraq' }).uncheck();
  await expect(iraq).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Iran and Iraq' }).check();
  await expect(iraq).toHaveCount(5);
  // One tab stop for the map's features; arrows move in reading order, Enter selects.
  await expect(page.locator('.fallback [data-key][tabindex="0"]')).toHaveCount(1);
  await page.locator('.fallback [data-key][tabindex="0"]').focus();
  await expect(page.locator('.fallback [data-key="libya:libya-boundary"]')).toBeFocused();
  await expect(page.locator('.fallback .focus-ring')).toHaveCount(2);
  await page.keyboard.press('ArrowDown');
  // The passage's own points by name (Benghazi, Tobruk), before the towns shown for context.
  await expect(page.locator('.fallback [data-key="libya:benghazi"]')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.fallback [data-key="libya:tobruk"]')).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.locator('.fallback [data-key="turkstream:black-sea"]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('.card h3')).toHaveText('Black Sea');
  await expect(page.locator('[data-passage="turkstream"]')).toHaveClass(/active/);
  await page.keyboard.press('Escape');
  await expect(page.locator('.card')).toHaveCount(0);
});

test('the SVG map places its basemap names around the layers shown: hidden Istanbul and TurkStream give the names back', async ({ page }) => {
  await breakWebGL(page, 'null');
  await openFallback(page);
  const names = page.locator('.fallback .basemap-names text');
  // The story's Istanbul point and the pipeline across the Black Sea keep the basemap's own names off.
  await expect(names.first()).toBeAttached();
  expect(await names.allTextContents()).not.toContain('Istanbul');
  expect(await names.allTextContents()).not.toContain('Black Sea');
  await page.getByRole('checkbox', { name: 'Istanbul' }).uncheck();
  await page.getByRole('checkbox', { name: 'TurkStream pipeline' }).uncheck();
  // With those layers off, nothing of theirs is drawn there: the city and the sea are named, as on the WebGL map.
  await expect.poll(() => names.allTextContents()).toEqual(expect.arrayContaining(['Istanbul', 'Black Sea']));
  await page.getByRole('checkbox', { name: 'Istanbul' }).check();
  await expect.poll(() => names.allTextContents()).not.toContain('Istanbul');
});

test('the SVG map leaves off a basemap name that repeats a place the article names elsewhere: no “Tripoli” in Lebanon by Idlib', async ({ page }) => {
  await breakWebGL(page, 'null');
  await page.goto('./#f=syria-idlib:idlib-governorate');
  await expect(page.locator('[data-fallback-ready]')).toBeAttached({ timeout: 30_000 });
  const names = page.locator('.fallback .basemap-names text');
  await expect.poll(() => names.allTextContents()).toContain('Latakia');
  expect(await names.allTextContents()).not.toContain('Tripoli');
});

test('a hostile story (a two-word name 200 000 characters long) gets its SVG map: drawn, named, no exception', async ({ page }) => {
  const seen = watch(page);
  await breakWebGL(page, 'null');
  await page.goto('./?story=hostile');
  await expect(page.locator('[data-fallback-ready]')).toBeAttached({ timeout: 30_000 });
  await expect(page.locator('.fallback [data-key="places:port-said"]')).toHaveCount(1);
  await expect(page.locator('.fallback [data-key="places:long"]')).toHaveCount(1);
  await expect(page.locator('.fallback .overlay text.label', { hasText: 'Port Said' })).toHaveCount(1);
  expect(seen.errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
});

test('Chromium started without WebGL at all shows the fallback, and a fallback click highlights the passage', async () => {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-software-rasterizer', '--disable-webgl', '--disable-webgl2', '--disable-3d-apis'],
  });
  try {
    const page = await browser.newPage({ baseURL: test.info().project.use.baseURL, viewport: { width: 1280, height: 800 } });
    const seen = watch(page);
    // Really no WebGL in this browser.
    await page.goto('./');
    expect(await page.evaluate(() => !!document.createElement('canvas').getContext('webgl2') || !!document.createElement('canvas').getContext('webgl'))).toBe(false);
    await expect(page.locator('[data-fallback-ready]')).toBeAttached({ timeout: 30_000 });
    // The basemap's names drawn as the WebGL map draws them: over the story's areas, under its lines and points.
    const order = await page.locator('.fallback svg').evaluate((svg) => {
      const all = [...svg.querySelectorAll('.feature, text.name')];
      const at = (sel: string) => all.findIndex((el) => el.matches(sel));
      const last = (sel: string) => all.length - 1 - [...all].reverse().findIndex((el) => el.matches(sel));
      return { lastArea: last('.feature.area'), firstName: at('text.name'), lastName: last('text.name'), firstLine: at('.feature.line'), firstPoint: at('.feature.point') };
    });
    expect(order.firstName).toBeGreaterThan(order.lastArea);
    expect(order.lastName).toBeLessThan(Math.min(order.firstLine, order.firstPoint));
    await page.locator('.fallback [data-key="syria-idlib:damascus"]').click();
    await expect(page.locator('[data-passage="damascus-visit"]')).toHaveClass(/active/);
    await expect(page.locator('.card h3')).toHaveText('Damascus');
    expect(seen.errors).toEqual([]);
  } finally {
    await browser.close();
  }
});

/** Whether the SVG map draws water at a [lon, lat] (its water path's own fill, where the map puts that point). */
const inWater = (page: Page, lngLat: [number, number]) =>
  page.locator('.fallback').evaluate((el, ll) => {
    const { x, y } = (el as ProbedElement).storyMapProbe!.project(ll);
    return el.querySelector<SVGPathElement>('path.water')!.isPointInFill(new DOMPoint(x, y));
  }, lngLat);

/** Paths of the basemap tiles the page asks for, and any request for the old TopoJSON basemap. */
function watchTiles(page: Page) {
  const tiles: { path: string; status: number }[] = [];
  const old: string[] = [];
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.includes('/basemap/tiles/')) tiles.push({ path: path.replace(/^.*\/basemap\/tiles\//, ''), status: r.status() });
    if (/countries\.topo|labels\.geojson/.test(path)) old.push(path);
  });
  return { tiles, old };
}

async function openBasemap(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('[data-fallback-ready]')).toBeAttached({ timeout: 30_000 });
  await expect(page.locator('.fallback')).toHaveAttribute('data-basemap', 'drawn');
}

test('a story in the South China Sea: the SVG map draws coast, water, borders and names there from the basemap’s tiles', async ({ page }) => {
  const seen = watch(page);
  const asked = watchTiles(page);
  await breakWebGL(page, 'null');
  await openBasemap(page, './?story=south-china-sea');
  expect((await page.locator('.fallback path.water').getAttribute('d'))!.length).toBeGreaterThan(1000);
  expect((await page.locator('.fallback path.borders').getAttribute('d'))!.length).toBeGreaterThan(50);
  // Open sea is water, Hanoi is on land.
  expect(await inWater(page, [114.5, 13])).toBe(true);
  expect(await inWater(page, [105.85, 21.02])).toBe(false);
  // The sea's name and the countries' names, as the WebGL map names them.
  const names = page.locator('.fallback text.name');
  await expect(names.filter({ hasText: 'South China Sea' })).toHaveCount(1);
  await expect(page.locator('.fallback text.name.water')).toContainText(['South China Sea']);
  for (const country of ['VIETNAM', 'PHILIPPINES']) await expect(page.locator('.fallback text.name.country', { hasText: country })).toHaveCount(1);
  // Few names, none under another or under the story's own points.
  expect(await names.count()).toBeLessThanOrEqual(16);
  const boxes = await names.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [r.left, r.top, r.right, r.bottom]));
  for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) expect(a[0]! < b[2]! && a[2]! > b[0]! && a[1]! < b[3]! && a[3]! > b[1]!, `${a} / ${b}`).toBe(false);
  // One zoom of the site's own tiles, the view's; never the old basemap files.
  expect(asked.tiles.length).toBeGreaterThan(0);
  expect(new Set(asked.tiles.map((t) => t.path.split('/')[0])).size).toBe(1);
  expect(asked.old).toEqual([]);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('the SVG map reads the tiles again when the view goes deeper: Manila Bay’s coast at zoom 8', async ({ page }) => {
  const seen = watch(page);
  const asked = watchTiles(page);
  await breakWebGL(page, 'null');
  await openBasemap(page, './?story=south-china-sea');
  const first = asked.tiles.length;
  // Manila from the text: the view jumps in on it.
  await page.locator('[data-passage="capitals"] .place', { hasText: 'Manila' }).click();
  await expect(page.locator('.fallback [data-key="places:manila"]')).toHaveClass(/selected/);
  await expect.poll(() => page.locator('.fallback').evaluate((el) => (el as ProbedElement).storyMapProbe!.zoom())).toBeGreaterThan(7);
  await expect(page.locator('.fallback')).toHaveAttribute('data-basemap', 'drawn');
  const deeper = asked.tiles.slice(first);
  expect(deeper.length).toBeGreaterThan(0);
  expect(deeper.every((t) => Number(t.path.split('/')[0]) >= 7)).toBe(true);
  // Manila Bay is water, the city beside it land.
  expect(await inWater(page, [120.75, 14.55])).toBe(true);
  expect(await inWater(page, [121.05, 14.65])).toBe(false);
  expect(seen.errors).toEqual([]);
});

test('where the site has no deep tiles, the SVG map draws their parents: Chile’s coast at zoom 9, far from any story', async ({ page }) => {
  const seen = watch(page);
  const asked = watchTiles(page);
  await breakWebGL(page, 'null');
  await openBasemap(page, './#v=-71.3,-30,9');
  // Zoom 9 tiles are not made here (404); zoom 5, the world's deepest, is drawn instead.
  expect(asked.tiles.filter((t) => t.path.startsWith('9/')).map((t) => t.status)).toContain(404);
  expect(asked.tiles.some((t) => t.path.startsWith('5/') && t.status === 200)).toBe(true);
  expect(await inWater(page, [-71.9, -30])).toBe(true);
  expect(await inWater(page, [-70.8, -30])).toBe(false);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

// The SVG map marks a selection as the WebGL map does (style.ts): a selected line drew a near-black
// ring over its whole width (the pipeline read black, not its layer's green), a selected
// approximate district a solid outline, and a selected country a heavy fill.
test('the SVG map marks a selection as the WebGL map does: a line keeps its colour, an approximate area\u2019s outline stays dashed', async ({ page }) => {
  const seen = watch(page);
  await breakWebGL(page, 'null');
  await openFallback(page);
  const styleOf = (sel: string) => page.locator(sel).first().evaluate((el) => { const c = getComputedStyle(el); return { stroke: c.stroke, width: parseFloat(c.strokeWidth), dash: c.strokeDasharray, fillOpacity: parseFloat(c.fillOpacity) }; });
  await page.locator('.place', { hasText: 'TurkStream pipelines' }).first().click();
  const line = '.fallback [data-key="turkstream:turkstream-offshore"]';
  await expect(page.locator(line)).toHaveClass(/selected/);
  const green = (await styleOf(`${line} .shape`)).stroke;
  // Drawn last over the line: its own colour, wider, over a near-black casing wider still.
  await expect(page.locator('.fallback .overlay .ring-line').first()).toBeAttached();
  const top = await styleOf('.fallback .overlay .ring-line');
  const casing = await styleOf('.fallback .overlay .ring.line');
  expect(top.stroke).toBe(green);
  expect(casing.width).toBeGreaterThan(top.width + 2);
  expect(casing.stroke).toBe('rgb(17, 17, 17)');
  // Under the points (drawn over them, it hid the pipeline's points): Kıyıköy's dot comes after it.
  expect(await page.locator('.fallback .overlay .ring-line').first().evaluate((ring) => {
    const dot = ring.closest('svg')!.querySelector('[data-key="turkstream:ts-kiyikoy-terminal"]')!;
    return !!(ring.compareDocumentPosition(dot) & Node.DOCUMENT_POSITION_FOLLOWING);
  })).toBe(true);

  await page.locator('.place', { hasText: 'Government of National Accord' }).first().click();
  await expect(page.locator('.fallback [data-key="libya:ly-district-LY-MI"]')).toHaveClass(/selected/);
  expect((await styleOf('.fallback .overlay .ring.area')).dash).not.toBe('none');
  // Inside its own district only (clipped to it): on an edge two share, the dashes do not fall on one another.
  const ring = page.locator('.fallback .overlay .ring.area').first();
  const clip = (await ring.getAttribute('clip-path'))!;
  expect(clip).toMatch(/^url\(#.+\)$/);
  expect(await page.locator('.fallback .overlay clipPath').count()).toBe(await page.locator('.fallback .overlay .ring.area').count());

  await page.locator('.place', { hasText: /^Iran$/ }).first().click();
  await expect(page.locator('.fallback [data-key="iraq-bases:iran"]')).toHaveClass(/selected/);
  expect((await styleOf('.fallback [data-key="iraq-bases:iran"] .shape')).fillOpacity).toBeCloseTo(0.22, 2);
  expect(seen.errors).toEqual([]);
});

// The notice that this is the simplified map covered a quarter of a phone's map, and the selected
// Erbil under it; at the opening, the pipeline's Anapa end and the Suez story's Port Said. On a
// phone it says only "Simplified map." from the start (its reason kept for screen readers), and
// nothing is framed under it; a wide map says why in full until something is chosen.
test('on a phone, the SVG map\u2019s notice is short from the start and nothing of the story is under it; a wide map\u2019s shrinks once a place is chosen', async ({ page }) => {
  const seen = watch(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await breakWebGL(page, 'null');
  await openFallback(page);
  const notice = page.locator('.fallback .notice');
  // Still there for a screen reader, still what the map describes itself by, but not shown.
  await expect(notice).toContainText('WebGL is unavailable');
  await expect(notice.locator('.sr-only')).toContainText('WebGL is unavailable');
  await expect(page.locator('.fallback [aria-describedby]').first()).toHaveAttribute('aria-describedby', (await notice.getAttribute('id'))!);
  const shapesUnder = async () => {
    const n = (await notice.boundingBox())!;
    const under: string[] = [];
    for (const el of await page.locator('.fallback [data-key] .shape').all()) {
      const b = await el.boundingBox();
      if (b && b.width && b.x < n.x + n.width && b.x + b.width > n.x && b.y < n.y + n.height && b.y + b.height > n.y) under.push((await el.locator('xpath=..').getAttribute('data-key'))!);
    }
    return under;
  };
  expect(await shapesUnder(), 'the story under the notice at the opening').toEqual([]);
  await page.locator('.place', { hasText: 'military bases housing U.S. troops in Iraq' }).first().click();
  const erbil = page.locator('.fallback [data-key="iraq-bases:erbil-airport"]');
  await expect(erbil).toHaveClass(/selected/);
  const n = (await notice.boundingBox())!;
  for (const key of ['iraq-bases:erbil-airport', 'iraq-bases:al-asad-airbase']) {
    const b = (await page.locator(`.fallback [data-key="${key}"] .shape`).boundingBox())!;
    const under = b.x < n.x + n.width && b.x + b.width > n.x && b.y < n.y + n.height && b.y + b.height > n.y;
    expect(under, `${key} under the notice`).toBe(false);
  }
  // A wide map says why in full at the opening, and shrinks once a place is chosen.
  await page.setViewportSize({ width: 1280, height: 800 });
  await openFallback(page);
  await expect(notice.locator('.sr-only')).toHaveCount(0);
  const before = (await notice.boundingBox())!;
  await page.locator('.place', { hasText: 'military bases housing U.S. troops in Iraq' }).first().click();
  await expect.poll(async () => (await notice.boundingBox())!.width).toBeLessThan(before.width / 2);
  expect(seen.errors).toEqual([]);
});

// "Faiyum" stood half under the scale bar on the Suez phone map ("aiyum" beside "50 km"), as the
// WebGL map never leaves a name there.
test('on a phone, the SVG map leaves no name under its scale bar', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await breakWebGL(page, 'null');
  await page.goto('./?story=suez-2021-04-02');
  await expect(page.locator('[data-fallback-ready]')).toBeAttached({ timeout: 30_000 });
  const bar = (await page.locator('.fallback [data-scale]').boundingBox())!;
  expect(bar.width).toBeGreaterThan(10);
  const names = page.locator('.fallback text.name, .fallback text.label');
  expect(await names.count()).toBeGreaterThan(3);
  for (const el of await names.all()) {
    const b = await el.boundingBox();
    if (!b || !b.width) continue;
    const under = b.x < bar.x + bar.width && b.x + b.width > bar.x && b.y < bar.y + bar.height && b.y + b.height > bar.y;
    expect(under, `${await el.textContent()} under the scale bar`).toBe(false);
  }
});

// As the WebGL map (style.ts landAreas): an area on land goes under the water, so its outline stops
// at the drawn coast; one over water (the Black Sea) over it.
test('the SVG map draws areas on land under its water, and the Black Sea over it', async ({ page }) => {
  await breakWebGL(page, 'null');
  await openFallback(page);
  const svg = page.locator('.fallback svg').first();
  const order = await svg.evaluate((el) => {
    const water = el.querySelector('path.water')!;
    const before = (key: string) => Boolean(el.querySelector(`[data-key="${key}"]`)!.compareDocumentPosition(water) & Node.DOCUMENT_POSITION_FOLLOWING);
    return { benghazi: before('libya:ly-district-LY-BA'), libya: before('libya:libya-boundary'), iran: before('iraq-bases:iran'), blackSea: before('turkstream:black-sea') };
  });
  expect(order).toEqual({ benghazi: true, libya: true, iran: true, blackSea: false });
  // Selected, a district's outline is drawn under the water too (the WebGL map's selected outline is in its band).
  await page.goto('./#f=libya:ly-district-LY-BA');
  await expect(page.locator('[data-fallback-ready]')).toBeAttached({ timeout: 30_000 });
  const ring = await svg.evaluate((el) => {
    const water = el.querySelector('path.water')!;
    const r = el.querySelector('.overlay.areas .ring.area')!;
    return Boolean(r.compareDocumentPosition(water) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  expect(ring).toBe(true);
});
