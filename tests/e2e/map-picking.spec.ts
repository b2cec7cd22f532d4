// Every feature can be picked from the map, and story labels never cover another story point.
// Driven from each shipped story's own model (model.json): for every feature, the test looks for a
// place on the map to click (a point's position, a line's vertices, points inside an area, away
// from other features first), at the story's opening view and, failing that, zoomed in on it (a
// link with a view, as a reader zooming would), and picks it from the chooser when several
// features are under the pointer.
import { expect, type Page } from '@playwright/test';
import { test } from './reader';
import { booleanPointInPolygon, point as turfPoint } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { breakWebGL, featureState, openStory, pointOf, waitForMapIdle } from './helpers';
import { fromSnapshot } from '../../src/lib/story/snapshot';

// What these tests check is where things are, not how the map moves there: with reduced motion the
// map jumps instead of flying and labels appear without a fade, so each view is at rest sooner.
test.use({ reducedMotion: 'reduce' });

/** The story names the map shows (not hidden under a panel or a button), by feature key. */
const storyNamesShown = (page: Page) =>
  page.locator('.map').evaluate((el) => (el as import('../../src/lib/map/probe').ProbedElement).storyMapProbe!.storyLabelsIn!([[0, 0], [el.clientWidth, el.clientHeight]]).filter((l) => !l.covered).map((l) => l.key));

const STORIES = [
  { id: 'cgtn-2020-01-09', path: './' },
  { id: 'suez-2021-04-02', path: './?story=suez-2021-04-02' },
];

interface ModelLayer {
  spec: { id: string };
  data: FeatureCollection<Geometry, { key: string; name: string; kind: 'point' | 'line' | 'area' }>;
}

async function modelLayers(page: Page, story: string): Promise<ModelLayer[]> {
  const res = await page.request.get(`stories/${story}/model.json`);
  expect(res.ok()).toBe(true);
  // As the page reads it: each layer's TopoJSON back to GeoJSON.
  const model = fromSnapshot(await res.json());
  expect(model).not.toBeNull();
  return model!.layers as unknown as ModelLayer[];
}

const positionsOf = (g: Geometry): Position[] =>
  g.type === 'Point' ? [g.coordinates]
    : g.type === 'MultiPoint' || g.type === 'LineString' ? g.coordinates
      : g.type === 'MultiLineString' || g.type === 'Polygon' ? g.coordinates.flat()
        : g.type === 'MultiPolygon' ? g.coordinates.flat(2)
          : g.geometries.flatMap(positionsOf);

/** Places on a feature to click, best first: far from the other features' points and vertices. */
function clickPlaces(f: Feature<Geometry, { key: string }>, others: Position[]): Position[] {
  const g = f.geometry;
  let places: Position[];
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
    const all = positionsOf(g);
    const xs = all.map((p) => p[0]!);
    const ys = all.map((p) => p[1]!);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    places = [];
    const n = 14;
    for (let i = 1; i < n; i++) for (let j = 1; j < n; j++) {
      const p = [x0 + ((x1 - x0) * i) / n, y0 + ((y1 - y0) * j) / n];
      if (booleanPointInPolygon(turfPoint(p), g as Polygon | MultiPolygon)) places.push(p);
    }
  } else if (g.type === 'LineString' || g.type === 'MultiLineString') {
    const lines = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
    // Vertices and the middle of each segment.
    places = lines.flatMap((l) => l.flatMap((p, i) => (i ? [[(p[0]! + l[i - 1]![0]!) / 2, (p[1]! + l[i - 1]![1]!) / 2], p] : [p])));
  } else places = positionsOf(g);
  const clearance = (p: Position) => Math.min(Infinity, ...others.map((o) => Math.hypot(o[0]! - p[0]!, o[1]! - p[1]!)));
  return places.map((p) => ({ p, c: clearance(p) })).sort((a, b) => b.c - a.c).map((x) => x.p).slice(0, 12);
}

/** Screen position of a lng/lat when it is on the map and nothing (legend, card, controls) covers it. */
async function clickable(page: Page, ll: Position): Promise<{ x: number; y: number } | null> {
  return page.locator('.map').evaluate((el, lngLat) => {
    const probe = (el as unknown as { storyMapProbe: { project: (l: [number, number]) => { x: number; y: number } } }).storyMapProbe;
    const p = probe.project(lngLat as [number, number]);
    const r = el.getBoundingClientRect();
    const x = r.left + p.x;
    const y = r.top + p.y;
    if (p.x < 6 || p.y < 6 || p.x > r.width - 6 || p.y > r.height - 6) return null;
    return document.elementFromPoint(x, y)?.classList.contains('maplibregl-canvas') ? { x, y } : null;
  }, ll);
}

/** Clicks there; picks `key` from the chooser if one opens. Whether `key` ends up selected, and how. */
async function pickAt(page: Page, at: { x: number; y: number }, key: string): Promise<'direct' | 'chooser' | null> {
  await page.mouse.click(at.x, at.y);
  const chooser = page.locator('.chooser');
  const opened = (await chooser.count()) > 0;
  if (opened) {
    const option = chooser.locator(`[data-key="${key}"]`);
    if (!(await option.count())) {
      await page.keyboard.press('Escape');
      await expect(chooser).toHaveCount(0);
      return null;
    }
    await option.click();
    await expect(chooser).toHaveCount(0);
  }
  // Waits for `key` to be selected, or for the card of another feature: that click has picked
  // something else, and waiting on would only cost time.
  const outcome = () =>
    page.locator('.map').evaluate((el, k) => {
      if ((el as unknown as { storyMapProbe: { state: (k: string) => { selected?: boolean } | null } }).storyMapProbe.state(k)?.selected) return 'selected';
      const card = document.querySelector('.card')?.getAttribute('data-feature');
      return card && card !== k ? 'other' : 'none';
    }, key);
  await expect.poll(outcome, { timeout: 1000, intervals: [50, 100, 200] }).not.toBe('none').catch(() => {});
  return (await outcome()) === 'selected' ? (opened ? 'chooser' : 'direct') : null;
}

for (const story of STORIES) {
  test(`every feature of ${story.id} can be selected by clicking the map`, async ({ reader }) => {
    test.setTimeout(240_000);
    const page = await reader(story.path);
    const layers = await modelLayers(page, story.id);
    const features = layers.flatMap((l) => l.data.features);
    expect(features.length).toBeGreaterThan(2);
    // The opening view, as a link: "v" only (no selection).
    const opening = await page.locator('.map').evaluate((el) => {
      const p = (el as unknown as { storyMapProbe: { center: () => [number, number]; zoom: () => number } }).storyMapProbe;
      return { center: p.center(), zoom: p.zoom() };
    });
    const goTo = async (center: Position, zoom: number) => {
      await page.evaluate((h) => (location.hash = h), `v=${center[0]!.toFixed(4)},${center[1]!.toFixed(4)},${zoom.toFixed(2)}`);
      await waitForMapIdle(page);
    };
    const unreached: string[] = [];
    let viaChooser = 0;
    for (const f of features) {
      const key = f.properties.key;
      const others = features.filter((o) => o !== f && o.properties.kind !== 'area').flatMap((o) => positionsOf(o.geometry));
      const places = clickPlaces(f, others);
      let done = false;
      for (const view of ['opening', 'zoomed'] as const) {
        if (view === 'zoomed') {
          const all = positionsOf(f.geometry);
          const centre = f.properties.kind === 'area' ? places[0]! : all[Math.floor(all.length / 2)]!;
          await goTo(centre, f.properties.kind === 'area' ? 7 : 9);
        }
        const tried: { x: number; y: number }[] = [];
        for (const ll of places) {
          const at = await clickable(page, ll);
          // A place within a few pixels of one tried already (a small area at a small zoom) would hit the same thing.
          if (!at || tried.some((t) => Math.hypot(t.x - at.x, t.y - at.y) < 4)) continue;
          tried.push(at);
          const how = await pickAt(page, at, key);
          if (how === 'chooser') viaChooser++;
          done = how !== null;
          // Start the next try from no selection.
          await page.keyboard.press('Escape');
          await expect(page.locator('.card')).toHaveCount(0);
          if (done) break;
        }
        if (done) break;
      }
      if (!done) unreached.push(key);
      // Back to the opening view for the next feature.
      if (Math.abs((await page.locator('.map').evaluate((el) => (el as unknown as { storyMapProbe: { zoom: () => number } }).storyMapProbe.zoom())) - opening.zoom) > 0.01) await goTo(opening.center, opening.zoom);
    }
    expect(unreached, 'features with no click path on the map').toEqual([]);
    // The stacks of this story were reached through the chooser (cgtn: the Idlib towns, Istanbul, the Libya districts over the country).
    if (story.id === 'cgtn-2020-01-09') expect(viaChooser).toBeGreaterThan(0);
  });
}

test('the chooser lists what is stacked under the pointer, works from the keyboard, and highlights as it goes', async ({ reader }) => {
  const page = await reader();
  // At the opening view the Idlib towns lie within a few pixels of one another.
  const idlib: [number, number] = [36.63393, 35.93062];
  const at = await clickable(page, idlib);
  expect(at).not.toBeNull();
  await page.mouse.click(at!.x, at!.y);
  const chooser = page.getByRole('menu');
  await expect(chooser).toBeVisible();
  const items = chooser.getByRole('menuitem');
  expect(await items.count()).toBeGreaterThan(1);
  await expect(items.first()).toBeFocused();
  // Each item's name and its layer are read apart ("Idlib (city), Syria / Idlib · Rebel-held, 9 Jan
  // 2020": with the side that held it), not run together.
  await expect(items.first()).toHaveAccessibleName(/^[^,]+(, [^,]+)*, Syria \/ Idlib · (Rebel|Government)-held, 9 Jan 2020$/);
  // It opens at the pointer, inside the map.
  const box = (await chooser.boundingBox())!;
  const map = (await page.locator('.map').boundingBox())!;
  expect(Math.abs(box.x - at!.x)).toBeLessThan(box.width + 40);
  expect(box.x).toBeGreaterThanOrEqual(map.x);
  expect(box.x + box.width).toBeLessThanOrEqual(map.x + map.width);
  // Arrow keys move; the focused item's feature is highlighted (hover) on the map.
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(1)).toBeFocused();
  const second = (await items.nth(1).getAttribute('data-key'))!;
  await expect.poll(() => featureState(page, second)).toMatchObject({ hover: true });
  // Escape closes the list without selecting anything.
  await page.keyboard.press('Escape');
  await expect(chooser).toHaveCount(0);
  await expect(page.locator('.card')).toHaveCount(0);
  // Enter picks.
  await page.mouse.click(at!.x, at!.y);
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(chooser).toHaveCount(0);
  await expect.poll(() => featureState(page, second)).toMatchObject({ selected: true });
  // Focus goes back to the map, as Escape takes it, not to the page's body (where the next Tab
  // started over at the page's top).
  await expect(page.locator('.map canvas')).toBeFocused();
  await expect(page.locator('.card')).toBeVisible();
});

// Labels: at phone size, no story label covers another story point; the selected feature's label
// is drawn; key names the issue found dropped are drawn when selected.
const CIRCLE_RADIUS = (zoom: number) => 5 + (Math.min(8, Math.max(3, zoom)) - 3) * 0.4;

async function labelsOverPoints(page: Page, points: { key: string; lngLat: Position }[]) {
  return page.locator('.map').evaluate(
    (el, { points, radiusAt3, radiusPerZoom }) => {
      const probe = (el as unknown as {
        storyMapProbe: {
          project: (l: [number, number]) => { x: number; y: number };
          labels: (box?: [[number, number], [number, number]]) => string[];
          zoom: () => number;
        };
      }).storyMapProbe;
      const z = Math.min(8, Math.max(3, probe.zoom()));
      const r = radiusAt3 + (z - 3) * radiusPerZoom;
      const w = el.clientWidth;
      const h = el.clientHeight;
      const out: string[] = [];
      for (const p of points) {
        const at = probe.project(p.lngLat as [number, number]);
        if (at.x < 0 || at.y < 0 || at.x > w || at.y > h) continue;
        for (const k of probe.labels([[at.x - r, at.y - r], [at.x + r, at.y + r]])) if (k !== p.key) out.push(`label of ${k} over ${p.key}`);
      }
      return out;
    },
    { points, radiusAt3: CIRCLE_RADIUS(3), radiusPerZoom: 0.4 },
  );
}

const labelsDrawn = (page: Page) => page.locator('.map').evaluate((el) => (el as unknown as { storyMapProbe: { labels: () => string[] } }).storyMapProbe.labels());

test('the towns the text does not name are not named at the story’s overview; at Idlib’s view they are', async ({ reader }) => {
  // At the CGTN opening "Idlib (city)" was set under Istanbul's ring on a 360 px phone, and
  // "Khan Shaykhun" by Damascus on the desktop: small towns' names among the story's places.
  const page = await reader('./', { viewport: { width: 1280, height: 800 } });
  await waitForMapIdle(page);
  const CONTEXT = ['syria-idlib:sy-idlib', 'syria-idlib:sy-khan-shaykhun', 'syria-idlib:sy-saraqib', 'syria-idlib:sy-maarat-al-numan', 'libya:ly-sirte'];
  const opening = await labelsDrawn(page);
  expect(opening).toEqual(expect.arrayContaining(['libya:tripoli', 'syria-idlib:damascus']));
  expect(opening.filter((k) => CONTEXT.includes(k))).toEqual([]);
  await page.locator('[data-passage="idlib-truce"] .place', { hasText: 'Idlib' }).first().click();
  await waitForMapIdle(page);
  await expect.poll(async () => (await labelsDrawn(page)).filter((k) => k.startsWith('syria-idlib:sy-')).length).toBeGreaterThanOrEqual(2);
  // Selected, a context town is named at any zoom.
  await page.locator('.article').evaluate(() => history.pushState(null, '', './#f=libya:ly-sirte&v=20,30,3'));
  await page.evaluate(() => dispatchEvent(new PopStateEvent('popstate')));
  await expect.poll(() => featureState(page, 'libya:ly-sirte')).toMatchObject({ selected: true });
  await waitForMapIdle(page);
  await expect.poll(() => labelsDrawn(page)).toContain('libya:ly-sirte');
});

for (const story of STORIES) {
  test(`phone: no story label of ${story.id} covers another story point, and the selected one is always drawn`, async ({ reader }) => {
    test.setTimeout(180_000);
    const page = await reader(story.path, { viewport: { width: 390, height: 844 }, reducedMotion: 'reduce' });
    const layers = await modelLayers(page, story.id);
    const points = layers.flatMap((l) => l.data.features).filter((f) => f.geometry.type === 'Point').map((f) => ({ key: f.properties.key, lngLat: (f.geometry as { coordinates: Position }).coordinates }));
    expect(points.length).toBeGreaterThan(2);
    // Opening view: labels are drawn, none over another point.
    expect((await labelsDrawn(page)).length).toBeGreaterThan(2);
    expect(await labelsOverPoints(page, points)).toEqual([]);
    // Each point selected (as from the text: the map frames it): its label is drawn, and still none covers another point.
    for (const p of points) {
      // A link followed (popstate alone: setting location.hash also fires hashchange, after the page
      // has rewritten its fragment with the old view, which would then win over flying there).
      await page.evaluate((h) => {
        history.pushState(null, '', h);
        dispatchEvent(new PopStateEvent('popstate'));
      }, `#f=${p.key}`);
      await expect.poll(() => featureState(page, p.key)).toMatchObject({ selected: true });
      await waitForMapIdle(page);
      await expect.poll(() => labelsDrawn(page), { message: `label of ${p.key}` }).toContain(p.key);
      // Polled as the label itself is: the check read once, right after the label was first drawn,
      // saw Haliç Congress Center's label over Istanbul's point in one full run on a loaded machine,
      // and in none of four runs on a quieter one. A placement still to come is waited for; one that
      // stays over a point still fails.
      await expect.poll(() => labelsOverPoints(page, points), { message: `selected ${p.key}` }).toEqual([]);
    }
  });
}

// The legend is HTML over the map: MapLibre places labels clear of each other, not of it. The
// opening view leaves room beside it for a label (framing.ts LABEL_ROOM, static-map.css --left).
for (const viewport of [{ width: 1280, height: 800 }, { width: 1200, height: 768 }, { width: 1200, height: 1000 }])
  for (const { id, path } of STORIES)
    test(`${id} at ${viewport.width}×${viewport.height}: no story label under the open legend at the opening view`, async ({ reader }) => {
      const page = await reader(path, { viewport });
      await waitForMapIdle(page);
      await expect(page.locator('details.legend')).toHaveAttribute('open', '');
      const covered = await page.locator('.map').evaluate((el) => {
        const probe = (el as import('../../src/lib/map/probe').ProbedElement).storyMapProbe!;
        const map = el.getBoundingClientRect();
        const legend = document.querySelector('details.legend')!.getBoundingClientRect();
        const box: [[number, number], [number, number]] = [
          [legend.left - map.left, legend.top - map.top],
          [legend.right - map.left, legend.bottom - map.top],
        ];
        return { inBox: probe.labels!(box), all: probe.labels!().length };
      });
      expect(covered.all, 'story labels are drawn').toBeGreaterThan(0);
      expect(covered.inBox).toEqual([]);
    });

// In a tall map box with the legend open, a wide story is framed below the legend, where it is
// drawn biggest, not in the narrow strip beside it where the first-paint picture (whose CSS cannot
// know the legend's height) puts it: the map starts at its own framing (camera.ts, firstCamera).
for (const viewport of [{ width: 1200, height: 1600 }, { width: 1280, height: 1800 }])
  test(`CGTN at ${viewport.width}×${viewport.height}: the story opens below the open legend, across the map's width`, async ({ reader }) => {
    const page = await reader('./', { viewport });
    await waitForMapIdle(page);
    await expect(page.locator('details.legend')).toHaveAttribute('open', '');
    const r = await page.locator('.map').evaluate((el) => {
      const probe = (el as import('../../src/lib/map/probe').ProbedElement).storyMapProbe!;
      const map = el.getBoundingClientRect();
      const legend = document.querySelector('details.legend')!.getBoundingClientRect();
      // CGTN's view bounds: 9°E to 54°E, 24°N to 46.5°N.
      const nw = probe.project([9, 46.5]);
      const se = probe.project([54, 24]);
      return { west: nw.x, north: nw.y, east: se.x, legendRight: legend.right - map.left, legendBottom: legend.bottom - map.top, width: map.width };
    });
    // Below the legend (its west reaching under it), and spanning most of the map's width.
    expect(r.north, JSON.stringify(r)).toBeGreaterThan(r.legendBottom);
    expect(r.west, JSON.stringify(r)).toBeLessThan(r.legendRight);
    expect(r.east - r.west, JSON.stringify(r)).toBeGreaterThan(0.6 * r.width);
  });

// Under 1200 px (WIDE_APP_PX) the open legend covered a third of the map or more (38 % at
// 1024×768), and the story was framed in the strip beside it: CGTN at zoom 1.98, Damascus unnamed.
// There the legend starts folded, its colours keyed under the map, and the story spans the map.
for (const viewport of [{ width: 1024, height: 768 }, { width: 1180, height: 820 }, { width: 925, height: 1000 }])
  test(`CGTN at ${viewport.width}×${viewport.height}: the legend starts folded, its key under the map, and the story spans the map's width`, async ({ reader }) => {
    const page = await reader('./', { viewport });
    await waitForMapIdle(page);
    await expect(page.locator('details.legend')).not.toHaveAttribute('open', '');
    await expect(page.locator('.attribution .keyline')).toBeVisible();
    await expect(page.locator('.attribution .keyline')).toContainText('LNA (Haftar) and allies');
    const r = await page.locator('.map').evaluate((el) => {
      const probe = (el as import('../../src/lib/map/probe').ProbedElement).storyMapProbe!;
      // CGTN's view bounds: 9°E to 54°E, 24°N to 46.5°N.
      return { west: probe.project([9, 46.5]).x, east: probe.project([54, 24]).x, width: el.getBoundingClientRect().width };
    });
    expect(r.east - r.west, JSON.stringify(r)).toBeGreaterThan(0.7 * r.width);
    // The place the open legend's framing left unnamed at 1024×768: named, not hidden as covered.
    await expect.poll(() => storyNamesShown(page), { message: 'Damascus named' }).toContain('syria-idlib:damascus');
  });

// Zoomed in, the story's labels beyond the framed feature can fall under a panel or off the map's
// edge: one the panel or the edge cuts is hidden (covered-labels.ts), never the selected feature's.
test('no story label shows cut under the legend, the card or at the map’s edge; the selected one is drawn', async ({ reader }) => {
  // Kıyıköy's terminal as the text frames it: the border point's long label runs off the left edge
  // and under the legend, the tie-in's under the legend's bottom edge.
  const page = await reader('./#f=turkstream:ts-kiyikoy-terminal');
  await expect(page.locator('.card')).toBeVisible();
  await waitForMapIdle(page);
  const cut = () =>
    page.locator('.map').evaluate((el) => {
      const probe = (el as import('../../src/lib/map/probe').ProbedElement).storyMapProbe!;
      const map = el.getBoundingClientRect();
      const inside = (sel: string): [[number, number], [number, number]] => {
        // 2 px in from the panel's edges: a label whose box's padding only grazes a panel is whole.
        const b = document.querySelector(sel)!.getBoundingClientRect();
        return [[b.left - map.left + 2, b.top - map.top + 2], [b.right - map.left - 2, b.bottom - map.top - 2]];
      };
      const [w, h] = [map.width, map.height];
      const boxes: [[number, number], [number, number]][] = [inside('.legend'), inside('.card'), [[-1, -1], [0.5, h + 1]], [[w - 0.5, -1], [w + 1, h + 1]], [[-1, -1], [w + 1, 0.5]], [[-1, h - 0.5], [w + 1, h + 1]]];
      return { cut: boxes.flatMap((b) => probe.storyLabelsIn!(b)), all: probe.storyLabelsIn!([[0, 0], [w, h]]) };
    });
  await expect.poll(async () => { const c = (await cut()).cut; return c.length > 0 && c.every((l) => l.covered); }, { message: 'story labels cut by a panel or the edge, all hidden', timeout: 15_000 }).toBe(true);
  const { all } = await cut();
  expect(all.filter((l) => l.key === 'turkstream:ts-kiyikoy-terminal' && !l.covered)).toHaveLength(1);
});

// A story label goes right of its point where there is room (the convention; label-sides.ts), as the
// SVG map and the picture put it. MapLibre's anchors name the part of the text at the point: the
// style once asked for "right" first and got every label on the left of its point.
test('story labels and place names sit right of their points where there is room, as the SVG map puts them', async ({ page }) => {
  // A page of its own: MapLibre keeps a name on the side it last stood, and this looks at where names first stand.
  await page.setViewportSize({ width: 1280, height: 800 });
  await openStory(page, './');
  await waitForMapIdle(page);
  const layers = await modelLayers(page, 'cgtn-2020-01-09');
  const at = (key: string) => {
    const f = layers.flatMap((l) => l.data.features).find((x) => x.properties.key === key)!;
    return (f.geometry as import('geojson').Point).coordinates as [number, number];
  };
  // Tehran and Erbil at the opening view: nothing to the right of either but the map.
  for (const key of ['iraq-bases:tehran', 'iraq-bases:erbil-airport']) {
    const side = await page.locator('.map').evaluate((el, ll) => {
      const probe = (el as import('../../src/lib/map/probe').ProbedElement).storyMapProbe!;
      const p = probe.project(ll);
      const keys = (x0: number, x1: number) => probe.storyLabelsIn!([[p.x + x0, p.y - 2], [p.x + x1, p.y + 2]]).map((l) => l.key);
      return { right: keys(16, 30), left: keys(-30, -16) };
    }, at(key));
    expect(side.right, `${key}: its label right of its point`).toContain(key);
    expect(side.left, `${key}: not left of it`).not.toContain(key);
  }
  // The basemap's places the same way: Lagos's name right of its dot, with open land there
  // (GeoNames: 3.39467° E, 6.45407° N). (Moscow's now stands left of its dot: Russia's name, a
  // country's and placed first, is right of it.)
  const lagos = await page.locator('.map').evaluate((el) => {
    const probe = (el as import('../../src/lib/map/probe').ProbedElement).storyMapProbe!;
    const p = probe.project([3.39467, 6.45407]);
    const names = (x0: number, x1: number) => probe.basemapLabelsIn!([[p.x + x0, p.y - 2], [p.x + x1, p.y + 2]]).map((l) => l.name);
    return { right: names(12, 30), left: names(-30, -12) };
  });
  expect(lagos.right, 'Lagos’s name right of its dot').toContain('Lagos');
  expect(lagos.left, 'not left of it').not.toContain('Lagos');
});

/** The map's buttons: the zoom buttons and Reset view. */
const BUTTONS = '.maplibregl-ctrl-top-right > .maplibregl-ctrl, .map-box > .reset';
/** The names drawn within the boxes of what `selector` matches over the map (2 px in from their edges): how many boxes, the story's labels and the basemap's names there. */
const labelsUnder = (page: Page, selector: string) =>
  page.locator('.map').evaluate((el, sel) => {
    const probe = (el as import('../../src/lib/map/probe').ProbedElement).storyMapProbe!;
    const map = el.getBoundingClientRect();
    const boxes = [...document.querySelectorAll(sel)].map((b): [[number, number], [number, number]] => {
      const r = b.getBoundingClientRect();
      return [[r.left - map.left + 2, r.top - map.top + 2], [r.right - map.left - 2, r.bottom - map.top - 2]];
    });
    return { boxes: boxes.length, story: boxes.flatMap((b) => probe.storyLabelsIn!(b)), basemap: boxes.flatMap((b) => probe.basemapLabelsIn!(b)) };
  }, selector);

// The zoom buttons and Reset view cover the map's top-right corner: a name under them is hidden as
// under a panel, not left cut at their edge. On a phone the text's "Libyan National Army" frames
// Libya up to that corner, and Tobruk's name, right of its dot, runs under the zoom buttons ("Tobr").
test('no name shows cut under the zoom buttons or Reset view (phone)', async ({ reader }) => {
  const page = await reader('./', { viewport: { width: 390, height: 844 } });
  await page.locator('.place', { hasText: 'Libyan National Army' }).first().click();
  await waitForMapIdle(page);
  const under = () => labelsUnder(page, BUTTONS);
  expect((await under()).boxes, 'the zoom buttons and Reset view').toBe(2);
  // The reader moves the map until a name runs under them (a taller map since the credits fold
  // left Tobruk's beside them).
  expect(await dragUntil(page, async () => { const u = await under(); return u.story.length + u.basemap.length > 0; }, 30, 0), 'a name under the buttons').toBe(true);
  await expect.poll(async () => { const u = await under(); const all = [...u.story, ...u.basemap]; return all.length > 0 && all.every((l) => l.covered); }, { message: 'every name under the buttons hidden', timeout: 15_000 }).toBe(true);
});

/** Drags the map by (dx, dy) from its middle, as a reader would, until `done`; whether it came to that. */
async function dragUntil(page: Page, done: () => Promise<boolean>, dx: number, dy: number, tries = 12): Promise<boolean> {
  const box = (await page.locator('.map').boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  for (let i = 0; i < tries; i++) {
    await waitForMapIdle(page);
    if (await done()) return true;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + dx, y + dy, { steps: 6 });
    await page.mouse.up();
  }
  await waitForMapIdle(page);
  return done();
}

// A named group framed up to the top-right corner: at 390x844 "to Turkey" sets Kıyıköy's point near
// Reset view, and its name, right of the point, ran under the button ("Kıyıköy receiving" cut). The
// map moves the group's names out from under the buttons as from under a panel (StoryMap,
// keepClear), right of their points when there is no room for either side.
test('a group’s names are not left under the zoom buttons or Reset view (phone)', async ({ reader }) => {
  const page = await reader('./', { viewport: { width: 390, height: 844 }, reducedMotion: 'reduce' });
  const phrase = page.locator('.place', { hasText: 'to Turkey' }).first();
  const group = (await phrase.getAttribute('data-features'))!.split(' ');
  await phrase.click();
  await waitForMapIdle(page);
  await expect.poll(async () => (await labelsUnder(page, BUTTONS)).story.map((l) => l.key).filter((k) => group.includes(k)), { message: 'the group’s names under the buttons', timeout: 15_000 }).toEqual([]);
  const shown = await storyNamesShown(page);
  expect(shown, 'the group’s named points all named').toEqual(expect.arrayContaining(group.filter((k) => k.includes(':ts-'))));
});

// Reset view stands in the map's top margin, left of the zoom buttons, above whatever the map frames.
// Under the zoom buttons it stood in the framed area: at 390x844 "TurkStream pipelines" framed the
// pipeline's Russian end (and Anapa's landfall point) under the button.
test('what a passage frames is never under Reset view or the zoom buttons (phone)', async ({ reader }) => {
  const page = await reader('./', { viewport: { width: 390, height: 844 } });
  const phrase = page.locator('.place', { hasText: 'TurkStream pipelines' }).first();
  const keys = (await phrase.getAttribute('data-features'))!.split(' ');
  await phrase.click();
  await waitForMapIdle(page);
  const layers = await modelLayers(page, 'cgtn-2020-01-09');
  const vertices = layers.flatMap((l) => l.data.features).filter((f) => keys.includes(f.properties.key)).flatMap((f) => positionsOf(f.geometry));
  expect(vertices.length).toBeGreaterThan(10);
  const buttons = await page.locator(BUTTONS).evaluateAll((els) => els.map((b) => b.getBoundingClientRect()).map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom })));
  expect(buttons.length, 'the zoom buttons and Reset view').toBe(2);
  const onScreen = await page.locator('.map').evaluate((el, vs) => {
    const probe = (el as import('../../src/lib/map/probe').ProbedElement).storyMapProbe!;
    const r = el.getBoundingClientRect();
    return vs.map((v) => { const p = probe.project(v as [number, number]); return { x: r.left + p.x, y: r.top + p.y }; });
  }, vertices);
  const under = onScreen.filter((p) => buttons.some((b) => p.x >= b.left - 3 && p.x <= b.right + 3 && p.y >= b.top - 3 && p.y <= b.bottom + 3));
  expect(under, 'the pipeline under the buttons').toEqual([]);
});

// The scale bar covers the map's bottom-left corner once the map is zoomed in: a name under it is
// hidden as under a panel ("TURKEY" read half under it at the phone's "Europe" view).
test('no name shows cut under the scale bar (phone)', async ({ reader }) => {
  const page = await reader('./', { viewport: { width: 390, height: 844 }, reducedMotion: 'reduce' });
  await page.locator('.place', { hasText: 'Europe' }).first().click();
  await waitForMapIdle(page);
  await expect(page.locator('.maplibregl-ctrl-scale')).toBeVisible();
  const under = async () => { const u = await labelsUnder(page, '.map .maplibregl-ctrl-scale'); return [...u.story, ...u.basemap]; };
  expect(await dragUntil(page, async () => (await under()).length > 0, -20, 20), 'a name under the scale bar').toBe(true);
  await expect.poll(async () => { const all = await under(); return all.length > 0 && all.every((l) => l.covered); }, { message: 'every name under the scale bar hidden', timeout: 15_000 }).toBe(true);
});

// Points standing on one another at a small scale are named once, the first in reading order: at the
// CGTN opening the Haliç Congress Center stands on Istanbul's point, and its name was set beside the
// pipeline's dots, as if it named one of them. And the text's places are named before the towns it
// does not name: on a 390 px phone Damascus was left unnamed beside Idlib (city) and Saraqib (here
// at 1440 px it is named either way; the order is unit-tested in cartography.test.ts).
test('CGTN at 1440×900: a point on another’s is not named beside it, and Damascus is named (WebGL and SVG maps)', async ({ reader }) => {
  const page = await reader('./', { viewport: { width: 1440, height: 900 } });
  await waitForMapIdle(page);
  const shown = () => storyNamesShown(page);
  await expect.poll(shown, { message: 'the names shown' }).toEqual(expect.arrayContaining(['istanbul:istanbul', 'syria-idlib:damascus']));
  expect(await shown()).not.toContain('istanbul:halic-congress-center');
  // Selected, the congress centre is named, and Istanbul's name, on the same spot, is the one left off.
  await page.locator('.place', { hasText: 'inaugurated' }).first().click();
  await waitForMapIdle(page);
  await expect.poll(shown, { message: 'the names shown with the centre selected' }).toContain('istanbul:halic-congress-center');
});

// Of the story's subjects and its context at the same passage, the subjects are named first: on a
// 390 px phone the passage on Libya's war (its pin) drew Tripoli's dot on Aziziya's, a context town
// 20 km south, and named the pair "Aziziya" (the two, first linked from the same passage, went by
// name). And Tarhuna's dot, 9 px away under Tripoli's highlighted circle, was named beside it. The
// order is unit-tested in feature-order.test.ts, the circle's reach in covered-labels.test.ts.
test('CGTN on a phone, the passage on Libya’s war: the capital’s dot is named Tripoli, not after the context town under it', async ({ reader }) => {
  const page = await reader('./#p=libya-war', { viewport: { width: 390, height: 844 } });
  await waitForMapIdle(page);
  const shown = () => storyNamesShown(page);
  await expect.poll(shown, { message: 'the names shown' }).toContain('libya:tripoli');
  // Nor is either context town's dot, under the capital's highlighted circle, named beside it.
  expect(await shown()).not.toContain('libya:ly-aziziya');
  expect(await shown()).not.toContain('libya:ly-tarhuna');
});

// At 1440x900 the passage on Iran's strikes framed Al Asad's ring just right of the open legend:
// its name could not go right of it (Baghdad airport's ring stood there), left of it it lay under
// the legend and was hidden. The passage's first target went unnamed. The framing now keeps room for
// each framed point's name on the side the map will set it (framing.ts, nameRoom; unit-tested in
// framing.test.ts).
test('CGTN at 1440×900, the passage on Iran’s strikes: every base it frames is named, Al Asad beside the legend too', async ({ reader }) => {
  const page = await reader('./#p=iraq-strikes', { viewport: { width: 1440, height: 900 } });
  await waitForMapIdle(page);
  const shown = () => storyNamesShown(page);
  for (const key of ['iraq-bases:al-asad-airbase', 'iraq-bases:erbil-airport', 'iraq-bases:baghdad-intl-airport']) await expect.poll(shown, { message: `${key} named` }).toContain(key);
  // And the whole of Iran, the passage's other subject, is still on the map.
  const box = await page.locator('.map').evaluate((el) => {
    const probe = (el as import('../../src/lib/map/probe').ProbedElement).storyMapProbe!;
    const west = probe.project([44.0, 32]);
    const east = probe.project([63.3, 26]);
    return { west: west.x, east: east.x, width: el.clientWidth };
  });
  expect(box.west).toBeGreaterThan(0);
  expect(box.east).toBeLessThan(box.width);
});

// At 1280x800 "TurkStream pipelines" framed the four pipes with their Turkish end just right of the
// open legend: Malkoçlar's and Lüleburgaz's names went left of their dots (Kıyıköy's stood right of
// them), under the legend, and were hidden; the pipe was named only at Anapa. Framing keeps room for
// the names of the places along framed lines (camera.ts, placesAlong; unit-tested in framing.test.ts).
test('CGTN at 1280×800, “TurkStream pipelines”: the pipe’s Turkish end is named, beside the legend', async ({ reader }) => {
  const page = await reader('./', { viewport: { width: 1280, height: 800 } });
  await page.locator('.place', { hasText: 'TurkStream pipelines' }).first().click();
  await expect.poll(() => featureState(page, 'turkstream:turkstream-onshore-string2')).toMatchObject({ selected: true });
  await waitForMapIdle(page);
  const shown = () => storyNamesShown(page);
  for (const key of ['turkstream:ts-malkoclar-border', 'turkstream:ts-luleburgaz-tiein', 'turkstream:ts-anapa-landfall']) await expect.poll(shown, { message: `${key} named` }).toContain(key);
});

// On a phone, room for every name along the pipes would cost most of a zoom level, and the pipes
// were framed with none at either end: Anapa's, right of the eastern end, ran off the map and was
// hidden. The framing keeps room for as many as half a level allows (camera.ts, ALONG_ZOOM_COST).
for (const viewport of [{ width: 390, height: 844 }, { width: 360, height: 800 }])
  test(`CGTN at ${viewport.width}×${viewport.height}, “TurkStream pipelines”: the pipe’s Russian end is named`, async ({ reader }) => {
    const page = await reader('./', { viewport });
    await page.locator('.place', { hasText: 'TurkStream pipelines' }).first().click();
    await expect.poll(() => featureState(page, 'turkstream:turkstream-onshore-string2')).toMatchObject({ selected: true });
    await waitForMapIdle(page);
    await expect.poll(() => storyNamesShown(page), { message: 'Anapa named' }).toContain('turkstream:ts-anapa-landfall');
  });

// On a 390 px phone the passage on Libya's war framed Tobruk's ring just left of the zoom buttons:
// its name went right of the ring (Benghazi's stood left of it), under the buttons, and was hidden.
// The framing keeps the framed points' names clear of the map's buttons as of its panels.
test('CGTN on a phone, the passage on Libya’s war: Tripoli, Benghazi and Tobruk named, none under the map’s buttons', async ({ page }) => {
  // A page of its own: MapLibre keeps a name on the side it last stood, and this looks at where names first stand.
  await page.setViewportSize({ width: 390, height: 844 });
  await openStory(page, './#p=libya-war');
  await waitForMapIdle(page);
  const shown = () => storyNamesShown(page);
  for (const key of ['libya:tripoli', 'libya:benghazi', 'libya:tobruk']) await expect.poll(shown, { message: `${key} named` }).toContain(key);
  // Nothing of Tobruk's name is under the zoom buttons.
  const under = await page.locator('.map').evaluate((el) => {
    const probe = (el as import('../../src/lib/map/probe').ProbedElement).storyMapProbe!;
    const m = el.getBoundingClientRect();
    const b = document.querySelector('.maplibregl-ctrl-group')!.getBoundingClientRect();
    return probe.storyLabelsIn!([[b.left - m.left, b.top - m.top], [b.right - m.left, b.bottom - m.top]]).map((l) => l.key);
  });
  expect(under).not.toContain('libya:tobruk');
});

test('CGTN at 1440×900 without WebGL: the SVG map names the same way', async ({ page }) => {
  await breakWebGL(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('./');
  await expect(page.locator('.fallback svg').first()).toBeVisible({ timeout: 45_000 });
  const labels = page.locator('.fallback text.label');
  await expect(labels.filter({ hasText: 'Istanbul' })).toHaveCount(1);
  await expect(labels.filter({ hasText: 'Damascus' })).toHaveCount(1);
  await expect(labels.filter({ hasText: 'Haliç' })).toHaveCount(0);
});

// "The selected feature's label always shows" (docs/cartography.md). Picked on the map at the opening
// view, Al Asad's ring sits among Baghdad's, Erbil's and Damascus' and every side of it was taken:
// its card opened, its name never did (a graphics editor's review). The map now zooms in about the
// point, a step at a time, until the name is set; the point stays where it was clicked. At 1280x800
// (at 1440x900 its short label, "Al Asad base", now has room at the opening: it is named there).
test('CGTN at 1280×800: a place picked on the map where others crowd it is named: the map zooms in on it until it is', async ({ page }) => {
  // A page of its own: MapLibre keeps a name on the side it last stood, and this looks at where names first stand.
  await page.setViewportSize({ width: 1280, height: 800 });
  await openStory(page, './');
  await waitForMapIdle(page);
  const map = page.locator('.map');
  type Probed = import('../../src/lib/map/probe').ProbedElement;
  const zoom = () => map.evaluate((el) => (el as Probed).storyMapProbe!.zoom());
  const labels = () => map.evaluate((el) => (el as Probed).storyMapProbe!.labels!());
  const key = 'iraq-bases:al-asad-airbase';
  const layers = await modelLayers(page, 'cgtn-2020-01-09');
  const f = layers.flatMap((l) => l.data.features).find((x) => x.properties.key === key)!;
  const ll = (f.geometry as GeoJSON.Point).coordinates as [number, number];
  const zoom0 = await zoom();
  expect(await labels()).not.toContain(key);
  const at = await pointOf(page, ll);
  await page.mouse.click(at.x, at.y);
  await expect(page.locator('.card h3')).toHaveText('Al Asad Airbase');
  await expect.poll(labels, { timeout: 15_000, message: 'the selected place named' }).toContain(key);
  await waitForMapIdle(page);
  const zoom1 = await zoom();
  expect(zoom1).toBeGreaterThan(zoom0);
  expect(zoom1).toBeLessThanOrEqual(8);
  const after = await pointOf(page, ll);
  // Zoomed about the point: it stays where it was clicked, but for the card's own rule (a selected
  // place is moved clear of the card that opens under it, straight up here: the card is below it).
  expect(Math.abs(after.x - at.x), 'the point stays where it was clicked, across').toBeLessThan(3);
  expect(after.y, 'the point stays where it was clicked, or moves up').toBeLessThan(at.y + 3);
  const card = (await page.locator('.card').boundingBox())!;
  expect(after.y, 'the point clear of the card').toBeLessThan(card.y);
});
