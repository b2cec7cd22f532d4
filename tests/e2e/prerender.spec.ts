// Pages rendered at build time (scripts/prerender-plugin.ts): the story reads with no script at all
// (the article, the legend, the credits, the list of places, the picture of the map), each story
// has a page of its own, and with scripts the browser brings that same markup to life (hydration)
// instead of building it again.
import { expect, test } from '@playwright/test';
import { fastForwardUntil, modelAfterMapCode, openStory, watch } from './helpers';
import type { ProbedElement } from '../../src/lib/map/probe';
import { mercX, mercY } from '../../src/lib/map/mercator';
import { PICTURE_SPAN } from '../../src/lib/map/static-map';

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the default story reads from the HTML alone: article, legend, credits, list of places, picture', async ({ page }) => {
    await page.goto('./');
    await expect(page).toHaveTitle('Putin, Erdogan urge restraint in Iran-U.S. tension and immediate ceasefire in Libya');
    await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /A map of the places in this story/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Putin, Erdogan urge restraint in Iran-U.S. tension and immediate ceasefire in Libya');
    // The article's passages with their place names marked.
    await expect(page.locator('.passage').filter({ hasText: 'TurkStream' }).first()).toBeVisible();
    expect(await page.locator('.passage').count()).toBeGreaterThan(10);
    await expect(page.locator('.place').first()).toBeVisible();
    // A name does nothing when pressed: the hint says where the places are described, not that the
    // names "show places on the map".
    await expect(page.locator('.hint .static-only')).toBeVisible();
    await expect(page.locator('.hint .static-only')).toHaveText('are places on the map; “Places on this map”, after the article, describes each.');
    await expect(page.locator('.hint .live-only')).toBeHidden();
    // The map as text: the list of places, and the legend's layers.
    const list = page.locator('[id$="-places"]').filter({ has: page.getByRole('heading', { name: 'Places on this map' }) });
    await expect(list.getByText('Istanbul', { exact: true }).first()).toBeAttached();
    await expect(page.locator('.legend')).toContainText('TurkStream');
    // The credits, and the picture of the map standing in for it.
    await expect(page.locator('.attribution')).toContainText('CGTN');
    await expect(page.locator('.static-map img')).toBeVisible();
  });

  // The root page is its default story's: ?story= is read by the script only. Without scripts it
  // showed the CGTN story for a link to the Suez one, and nothing said so.
  test('the root page asked for another story says it shows its own, and links the other story’s page, which reads', async ({ page }) => {
    await page.goto('./?story=suez-2021-04-02');
    const note = page.locator('.site-stories');
    await expect(note).toBeVisible();
    await expect(note).toContainText('this page shows the story below, even if its link asked for another');
    // Clear of the page's (hidden) skip links: nothing covers it.
    const box = (await note.boundingBox())!;
    const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.closest('.site-stories') !== null, [box.x + 30, box.y + box.height / 2]);
    expect(hit, 'the note is on top where it is drawn').toBe(true);
    await note.getByRole('link', { name: 'Earth from Orbit: Cargo Ship Backup Seen from Space' }).click();
    await expect(page).toHaveURL(/\/stories\/suez-2021-04-02\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Earth from Orbit: Cargo Ship Backup Seen from Space');
    // A story's own page is the story it names: no such note.
    await expect(page.locator('.site-stories')).toHaveCount(0);
  });

  test('what only works with scripts is not offered: no Reset view, no layer toggles, no pins', async ({ page }) => {
    await page.goto('./');
    await expect(page.locator('.passage').filter({ hasText: 'TurkStream' }).first()).toBeVisible();
    // In the markup (the same components hydrate it), but not shown: a picture has no view to reset
    // and no layer to hide.
    await expect(page.locator('button.reset')).toBeAttached();
    await expect(page.locator('button.reset')).toBeHidden();
    await expect(page.locator('.legend input[type="checkbox"]').first()).toBeAttached();
    for (const box of await page.locator('.legend input[type="checkbox"]').all()) await expect(box).toBeHidden();
    await expect(page.locator('.pin').first()).toBeAttached();
    await expect(page.locator('.pin').first()).toBeHidden();
    // The legend still keys the picture: each layer's name and swatch. On a wide page it is open, as
    // the live app opens it there, and so are the notes under the map; on a phone both are folded
    // (a <details>: it opens without scripts, its triangle pointing right until then).
    await expect(page.locator('.legend .swatch').first()).toBeVisible();
    await expect(page.locator('.legend')).toContainText('TurkStream');
    await expect(page.locator('.attribution .note').first()).toBeVisible();
    await expect(page.locator('.attribution .notes summary')).toBeHidden();
    // Open for good there: no toggle that, pressed, would change nothing (the <details> opening
    // under a list already shown) while a screen reader heard "collapsed". The toggle's label heads
    // the list instead.
    const summary = page.locator('.legend summary');
    await expect(summary).toBeHidden();
    const heading = await page.locator('.legend > ul').evaluate((el) => getComputedStyle(el, '::before').content);
    expect(heading).toBe(`"${await summary.textContent()}"`);
    expect(heading).toBe('"Layers"');
    const marker = () => summary.evaluate((el) => getComputedStyle(el).listStyleType);
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(summary).toBeVisible();
    await expect(page.locator('.legend .swatch').first()).toBeHidden();
    expect(await marker()).toBe('disclosure-closed');
    expect(await page.locator('.legend > ul').evaluate((el) => getComputedStyle(el, '::before').content)).toBe('none');
    await expect(page.locator('.attribution .note').first()).toBeHidden();
    await page.locator('.legend summary').click();
    await expect(page.locator('.legend .swatch').first()).toBeVisible();
    expect(await marker()).toBe('disclosure-open');
    await page.setViewportSize({ width: 1280, height: 800 });
    // A place's name reads as marked text, not as something to press.
    expect(await page.locator('.place').first().evaluate((el) => getComputedStyle(el).cursor)).not.toBe('pointer');
  });

  test('the picture of the map has its names: the story’s places beside their dots, countries, seas and cities; never one over another', async ({ page, request }) => {
    // Where the picture draws a place: its bounds fitted ("contain") in the middle of the image's
    // box, as static-map.css sizes it (the image spans them PICTURE_SPAN times over).
    const model = await (await request.get('./stories/cgtn-2020-01-09/model.json')).json();
    const lngLat = (key: string): [number, number] => model.layers.flatMap((l: { features: { key: string; bbox: number[] }[] }) => l.features).find((f: { key: string }) => f.key === key).bbox.slice(0, 2);
    const onScreen = async ([lon, lat]: [number, number]) => {
      const img = (await page.locator('.static-map img').boundingBox())!;
      const [w, s, e, n] = (await page.locator('.static-map').getAttribute('data-bounds'))!.split(',').map(Number) as [number, number, number, number];
      const bw = mercX(e) - mercX(w);
      const bh = mercY(s) - mercY(n);
      const k = Math.min(img.width / (PICTURE_SPAN.x * bw), img.height / (PICTURE_SPAN.y * bh));
      const left = img.x + img.width / 2 - (bw * k) / 2;
      const top = img.y + img.height / 2 - (bh * k) / 2;
      return { x: left + (mercX(lon) - mercX(w)) * k, y: top + (mercY(lat) - mercY(n)) * k };
    };
    const names = page.locator('.static-map-names .nm');
    const shown = async () => {
      const boxes: { text: string; kind: string; bands: string[]; x: number; y: number; width: number; height: number }[] = [];
      for (const el of await names.all()) {
        if (!(await el.isVisible())) continue;
        const box = (await el.boundingBox())!;
        const cls = (await el.getAttribute('class'))!.split(' ');
        boxes.push({ text: (await el.innerText()).replace(/\n/g, ' '), kind: cls[1]!, bands: cls.filter((c) => /^b\d$/.test(c)), ...box });
      }
      return boxes;
    };
    // Every band of scales: 1280 and 1920 (the first), 390 and 1200 beside the open legend (the
    // second), 360 px phones (the third, and in a shorter map the last).
    for (const { band, ...viewport } of [{ width: 1280, height: 800, band: 'b1' }, { width: 390, height: 844, band: 'b2' }, { width: 1200, height: 800, band: 'b2' }, { width: 360, height: 780, band: 'b3' }, { width: 360, height: 740, band: 'b4' }, { width: 1920, height: 1080, band: 'b1' }]) {
      await page.setViewportSize(viewport);
      await page.goto('./');
      await expect(page.locator('.static-map img')).toBeVisible();
      const boxes = await shown();
      const at = `${viewport.width}x${viewport.height}`;
      // The set placed for the scale the picture is drawn at here (NAME_BANDS), and only that set.
      expect(boxes.every((b) => b.bands.includes(band)), `${at}: ${band}`).toBe(true);
      // A map's names: the story's own and the basemap's.
      expect(boxes.filter((b) => b.kind === 'story').length, at).toBeGreaterThan(0);
      expect(boxes.filter((b) => b.kind === 'country').length, at).toBeGreaterThan(1);
      // Placed for the scale the picture is drawn at here: none over another.
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          const apart = a.x + a.width <= b.x + 1 || b.x + b.width <= a.x + 1 || a.y + a.height <= b.y + 1 || b.y + b.height <= a.y + 1;
          expect(apart, `${at}: "${a.text}" over "${b.text}"`).toBe(true);
        }
      }
      // Each story name beside its place, as the map sets it (12.5 px from the point to the text's
      // box, right, left, above, below or at a corner), wherever the picture is drawn, and over no place's dot.
      // A label says the feature's mapLabel where it has one ("Baghdad airport"), else its name.
      const story = model.layers.flatMap((l: { features: { key: string; name: string; label?: string; kind: string }[] }) => l.features).filter((f: { kind: string }) => f.kind === 'point');
      const dots = await Promise.all(story.map((f: { key: string }) => onScreen(lngLat(f.key))));
      for (const b of boxes.filter((x) => x.kind === 'story')) {
        const p = dots[story.findIndex((f: { name: string; label?: string }) => (f.label ?? f.name) === b.text)]!;
        const gap = Math.hypot(Math.max(b.x - p.x, 0, p.x - (b.x + b.width)), Math.max(b.y - p.y, 0, p.y - (b.y + b.height)));
        expect(gap, `${at}: ${b.text} from its place`).toBeGreaterThan(8);
        expect(gap, `${at}: ${b.text} from its place`).toBeLessThan(14);
        for (const d of dots) expect(d.x > b.x && d.x < b.x + b.width && d.y > b.y && d.y < b.y + b.height, `${at}: ${b.text} over a dot`).toBe(false);
      }
    }
    // Istanbul, the meeting's city, is named on a desktop's picture and on a phone's.
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(viewport);
      expect((await shown()).some((b) => b.kind === 'story' && b.text === 'Istanbul'), `${viewport.width}`).toBe(true);
    }
    // And in a story's embed page, whose picture is itself in a <noscript>.
    await page.setViewportSize({ width: 700, height: 600 });
    await page.goto('./stories/cgtn-2020-01-09/embed.html');
    await expect(page.locator('.static-map img')).toBeVisible();
    expect((await shown()).filter((b) => b.kind === 'story').length).toBeGreaterThan(0);
  });

  test('each story has a page of its own, readable as it is', async ({ page }) => {
    const res = await page.goto('./stories/suez-2021-04-02/');
    expect(res?.status()).toBe(200);
    await expect(page).toHaveTitle('Earth from Orbit: Cargo Ship Backup Seen from Space');
    await expect(page.locator('.passage').filter({ hasText: 'refloated' }).first()).toBeVisible();
    await expect(page.locator('.place', { hasText: 'Ever Given' }).first()).toBeVisible();
    await expect(page.locator('.attribution')).toContainText('NOAA');
    await expect(page.locator('[id$="-places"]').filter({ has: page.getByRole('heading', { name: 'Places on this map' }) })).toContainText('Great Bitter Lake');
    // Its own picture, and its files found two folders up.
    await expect(page.locator('.static-map')).toHaveAttribute('data-story', 'suez-2021-04-02');
    const css = await page.locator('link[rel="stylesheet"]').first().getAttribute('href');
    expect(css).toMatch(/^\.\.\/\.\.\/assets\//);
  });

  test('an article link to another passage takes the reader there', async ({ page }) => {
    // A phone: the picture of the map above the article, its last passage below the fold.
    await page.setViewportSize({ width: 390, height: 640 });
    await page.goto('./stories/careless/');
    const wall = page.locator('#passage-wall');
    await expect(wall).not.toBeInViewport();
    await page.locator('[data-passage="gate"] a', { hasText: 'the Wall itself' }).click();
    await expect(page).toHaveURL(/\/stories\/careless\/#passage-wall$/);
    await expect(wall).toBeInViewport();
  });

  test('each story has an embed page of its own, readable inside its strict policy: text, colours, list, credits, picture', async ({ page }) => {
    const blocked: string[] = [];
    page.on('console', (m) => void (/Content Security Policy/i.test(m.text()) && blocked.push(m.text())));
    const res = await page.goto('./stories/suez-2021-04-02/embed.html');
    expect(res?.status()).toBe(200);
    await expect(page).toHaveTitle('Earth from Orbit: Cargo Ship Backup Seen from Space');
    await expect(page.locator('main .passage').filter({ hasText: 'refloated' }).first()).toBeVisible();
    // Its headline an h2, under its host page's own h1 (heading-level.ts).
    await expect(page.getByRole('heading', { level: 2 }).first()).toHaveText('Earth from Orbit: Cargo Ship Backup Seen from Space');
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(0);
    await expect(page.locator('.place', { hasText: 'Ever Given' }).first()).toBeVisible();
    await expect(page.locator('.attribution')).toContainText('NOAA');
    await expect(page.locator('details', { hasText: 'List of places on the map' })).toContainText('Great Bitter Lake');
    // The colours are inline style attributes the policy allows by their hashes, and only those.
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toMatch(/style-src 'self' 'unsafe-hashes' 'sha256-/);
    expect(csp).not.toMatch(/'unsafe-inline'/);
    const styled = page.locator('[style*="--c"]').first();
    const declared = (await styled.getAttribute('style'))!.match(/--c:\s*([^;]+)/)![1]!.trim();
    expect(await styled.evaluate((el) => getComputedStyle(el).getPropertyValue('--c').trim())).toBe(declared);
    // The picture of the map, a file of the story's folder (the policy allows no data: image).
    await expect(page.locator('.static-map img')).toBeVisible();
    await expect(page.locator('.static-map img')).toHaveAttribute('src', 'map.webp');
    expect(await page.locator('.static-map img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(100);
    expect(blocked).toEqual([]);
  });

  test('<story-map> shows its fallback children: headline, summary, picture, places, credits, a link to the readable page', async ({ page }) => {
    // The snippet a host page pastes (stories/<name>/story-map.html), opened as it is.
    await page.goto('./stories/suez-2021-04-02/story-map.html');
    const fallback = page.locator('story-map > .story-map-fallback');
    await expect(fallback).toBeVisible();
    await expect(fallback).toContainText('Earth from Orbit: Cargo Ship Backup Seen from Space');
    await expect(fallback).toContainText('the container ship Ever Given ran aground');
    await expect(fallback.locator('li', { hasText: 'Where ships waited' })).toContainText('Great Bitter Lake (approximate)');
    await expect(fallback).toContainText('OpenStreetMap contributors');
    const img = fallback.locator('img');
    await expect(img).toHaveAttribute('alt', 'Map: Earth from Orbit: Cargo Ship Backup Seen from Space');
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(100);
    // The link leads to the story's own page, readable without scripts.
    await fallback.getByRole('link', { name: 'Read the article with its map' }).click();
    await expect(page).toHaveURL(/\/stories\/suez-2021-04-02\/$/);
    await expect(page.locator('.passage').filter({ hasText: 'refloated' }).first()).toBeVisible();
  });
});

test('with scripts, <story-map> covers its fallback children with the story', async ({ page }) => {
  await page.goto('./stories/suez-2021-04-02/story-map.html');
  await expect(page.locator('story-map .passage').filter({ hasText: 'refloated' }).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('story-map > .story-map-fallback')).toBeHidden();
});

test('with scripts, a story’s embed page is brought to life inside its policy, and its map starts', async ({ page }) => {
  const seen = watch(page);
  const blocked: string[] = [];
  page.on('console', (m) => void (/Content Security Policy/i.test(m.text()) && blocked.push(m.text())));
  await page.addInitScript(() => {
    document.addEventListener('readystatechange', () => {
      const w = window as unknown as { __passage?: Element | null };
      if (document.readyState !== 'interactive' || w.__passage !== undefined) return;
      w.__passage = document.querySelector('.passage.linked');
    });
  });
  await page.goto('./stories/suez-2021-04-02/embed.html');
  await expect(page.locator('[data-map-ready]')).toBeAttached({ timeout: 45_000 });
  expect(await page.evaluate(() => { const p = (window as unknown as { __passage: Element | null }).__passage; return p !== null && p.isConnected; })).toBe(true);
  // The picture was for scripts off only; the map stands in its place.
  await expect(page.locator('.static-map')).toHaveCount(0);
  await page.locator('.place', { hasText: 'Ever Given' }).first().click();
  await expect(page.locator('.card')).toContainText('Ever Given');
  expect(seen.foreign).toEqual([]);
  expect(seen.errors).toEqual([]);
  expect(blocked).toEqual([]);
});

test('with scripts, the picture’s names are not there: the map brings its own', async ({ page }) => {
  for (const url of ['./', './stories/cgtn-2020-01-09/embed.html']) {
    await page.goto(url);
    await expect(page.locator('.passage').first()).toBeVisible();
    // In a <noscript>: text the page never lays out, and that does not end the embed's own
    // <noscript> early (which would spill the rest of its markup onto the page as text).
    await expect(page.locator('.static-map-names')).toHaveCount(0);
    expect(await page.locator('body').innerText(), url).not.toMatch(/KAZAKHSTAN|static-map-names|<\/div>/);
  }
});

test('with scripts, the prerendered page is brought to life, not built again', async ({ page }) => {
  const seen = watch(page);
  // Remember the headline and a passage the HTML brought, before any script has run.
  await page.addInitScript(() => {
    document.addEventListener('readystatechange', () => {
      const w = window as unknown as { __h1?: Element | null; __passage?: Element | null };
      if (document.readyState !== 'interactive' || w.__h1 !== undefined) return;
      w.__h1 = document.querySelector('h1');
      w.__passage = document.querySelector('.passage.linked');
    });
  });
  const warnings: string[] = [];
  page.on('console', (m) => void (m.type() === 'warning' && warnings.push(m.text())));
  await page.goto('./stories/suez-2021-04-02/');
  await expect(page.locator('[data-map-ready]')).toBeAttached({ timeout: 45_000 });
  // The same nodes: hydrated, not replaced.
  expect(await page.evaluate(() => (window as unknown as { __h1: Element }).__h1 === document.querySelector('h1') && (window as unknown as { __h1: Element }).__h1 !== null)).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { __passage: Element }).__passage?.isConnected)).toBe(true);
  // Nothing for a newsroom's developer to wonder about in the console: no hydration mismatch, no
  // markup the browser refuses (a `<link rel="modulepreload" as="worker">` was reported as an
  // invalid `as` value on every load). The software GL driver's own messages are the test machine's.
  expect(warnings.filter((w) => !/^\[\.WebGL-[^\]]*\]GL Driver Message/.test(w))).toEqual([]);
  // What the page without scripts leaves out is offered once scripts run.
  await expect(page.locator('button.reset')).toBeVisible();
  await expect(page.locator('.pin').first()).toBeVisible();
  expect(await page.locator('.place').first().evaluate((el) => getComputedStyle(el).cursor)).toBe('pointer');
  // And alive: a place name in the text selects what it names, the card opens, the URL says so.
  await page.locator('.place', { hasText: 'Ever Given' }).first().click();
  await expect(page.locator('.card')).toContainText('Ever Given');
  await expect(page).toHaveURL(/stories\/suez-2021-04-02\/#f=/);
  // The map reads the site's files from two folders up, and nothing from elsewhere.
  expect(seen.foreign).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('a story’s embed page, its host asking for another heading level, is brought to life with its headings moved, not built again', async ({ page }) => {
  // Remember a passage and the headline the HTML brought (an h2, for a host page with its own h1).
  await page.addInitScript(() => {
    document.addEventListener('readystatechange', () => {
      const w = window as unknown as { __head?: string; __passage?: Element | null };
      if (document.readyState !== 'interactive' || w.__head !== undefined) return;
      w.__head = document.querySelector('.headline')?.tagName ?? '';
      w.__passage = document.querySelector('.passage.linked');
    });
  });
  const warnings: string[] = [];
  page.on('console', (m) => void (m.type() === 'warning' && warnings.push(m.text())));
  await page.goto('./stories/suez-2021-04-02/embed.html?heading=3');
  await expect(page.locator('[data-map-ready]')).toBeAttached({ timeout: 45_000 });
  expect(await page.evaluate(() => (window as unknown as { __head: string }).__head)).toBe('H2');
  // Every heading one level down: the headline, the list's heading, its layers.
  await expect(page.getByRole('heading', { level: 3 }).first()).toHaveText('Earth from Orbit: Cargo Ship Backup Seen from Space');
  await expect(page.getByRole('heading', { level: 4, name: 'Places on this map', includeHidden: true })).toHaveCount(1);
  await expect(page.locator('.places').getByRole('heading', { level: 5, includeHidden: true }).first()).toBeAttached();
  await expect(page.getByRole('heading', { level: 2 })).toHaveCount(0);
  // The same passage node: hydrated, not replaced; and no hydration mismatch said in the console.
  expect(await page.evaluate(() => (window as unknown as { __passage: Element }).__passage?.isConnected)).toBe(true);
  expect(warnings.filter((w) => !/^\[\.WebGL-[^\]]*\]GL Driver Message/.test(w))).toEqual([]);
  // A place chosen: its card's name two levels under the headline.
  await page.locator('.place', { hasText: 'Ever Given' }).first().click();
  await expect(page.locator('.card').getByRole('heading', { level: 5 })).toContainText('Ever Given');
});

test('the page asks for its styles in one file and the code of its first render in a few, each of them once; the app’s code after the map is shown; MapLibre’s worker from the HTML', async ({ page }) => {
  // On a slow link each request pays a round trip, and over HTTP/1.1 the browser opens six
  // connections per host: seven stylesheets and eleven scripts held the map library back.
  const asked: string[] = [];
  page.on('request', (r) => void (/\/assets\/[^/]+\.(css|js)$/.test(r.url()) && asked.push(new URL(r.url()).pathname.replace(/.*\//, ''))));
  await openStory(page, './');
  const css = asked.filter((f) => f.endsWith('.css'));
  // By the page's own clock: the scripts asked for before the map was shown (its first render), and after.
  const { shown, scripts } = await page.evaluate(() => ({
    shown: performance.getEntriesByName('story-map:early-map-shown')[0]?.startTime,
    scripts: performance
      .getEntriesByType('resource')
      .filter((e) => /\/assets\/[^/]+\.js$/.test(e.name))
      .map((e) => ({ file: e.name.replace(/.*\//, ''), at: e.startTime })),
  }));
  expect(shown, 'the map was shown before the app came to life').toBeDefined();
  const first = scripts.filter((s) => s.at < shown!).map((s) => s.file);
  // (The card's file comes once the page is idle after the map: not the live page's first need.)
  const later = scripts.filter((s) => s.at >= shown! && !s.file.startsWith('FeatureCard-')).map((s) => s.file);
  expect(css).toEqual([expect.stringMatching(/^page-[0-9a-f]{10}\.css$/)]);
  // The page's entry, its code, what it shares with the embeds, the map's code, and the map library (plus, at most, a bundler helper).
  expect(first.length, first.join(' ')).toBeLessThanOrEqual(6);
  expect(first.some((f) => f.startsWith('main-')) && first.some((f) => f.startsWith('start-page-')) && first.some((f) => f.startsWith('engine-'))).toBe(true);
  // Svelte and the components that hydrate the page: one file, fetched once the map is shown.
  expect(later, later.join(' ')).toEqual([expect.stringMatching(/^live-[\w-]+\.js$/)]);
  expect(new Set(asked).size).toBe(asked.length);
  // MapLibre's worker is asked for from the HTML, before the map library is even evaluated (without
  // the page's preload, the map asks for it once it is made, after that).
  const worker = await page.evaluate(() => ({
    ready: performance.getEntriesByName('story-map:maplibre-ready')[0]?.startTime,
    asked: performance.getEntriesByType('resource').filter((e) => /\/assets\/maplibre-gl-worker-[^/]+\.mjs$/.test(e.name)).map((e) => e.startTime),
  }));
  expect(worker.ready).toBeDefined();
  expect(Math.min(...worker.asked), JSON.stringify(worker)).toBeLessThan(worker.ready!);
  // Styled by that one file: the map library's rules, the legend's, and those of the card, whose
  // code comes later.
  await expect(page.locator('canvas.maplibregl-canvas')).toHaveCSS('position', 'absolute');
  await expect(page.locator('.legend .swatch').first()).toHaveCSS('position', 'relative');
  expect(await page.evaluate(() => [...document.styleSheets].some((sheet) => [...sheet.cssRules].some((r) => r instanceof CSSStyleRule && /^\.card\.svelte-/.test(r.selectorText))))).toBe(true);
});

test('the first frame is the HTML’s alone: the page’s code, preloaded from the first byte, runs after it is rendered', async ({ page, request }) => {
  // The entry imports nothing at its start: the page's code is a file the HTML preloads.
  const html = await (await request.get('./')).text();
  const entry = /<script type="module" crossorigin src="\.\/(assets\/main-[\w-]+\.js)">/.exec(html)?.[1];
  expect(entry, 'the page’s entry').toBeDefined();
  expect(html).toMatch(/<link rel="modulepreload" href="\.\/assets\/start-page-[\w-]+\.js" crossorigin="" data-start-page="">/);
  const code = await (await request.get(`./${entry}`)).text();
  expect(code).not.toMatch(/^\s*import\b|\bimport\s*["'{*]|\bimport\s+\w+\s+from\b/m);
  for (const url of ['./', './stories/suez-2021-04-02/']) {
    await openStory(page, url);
    const t = await page.evaluate(() => ({
      painted: (performance.getEntriesByName('first-contentful-paint')[0] as PerformanceEntry & { paintTime?: number })?.paintTime,
      script: performance.getEntriesByName('story-map:script')[0]?.startTime,
    }));
    expect(t.painted, url).toBeDefined();
    expect(t.script!, `${url}: ${JSON.stringify(t)}`).toBeGreaterThan(t.painted!);
  }
});

test('a story page opened on a deep link shows that selection', async ({ page }) => {
  await page.goto('./stories/suez-2021-04-02/');
  await expect(page.locator('[data-map-ready]')).toBeAttached({ timeout: 45_000 });
  await page.locator('.place', { hasText: 'Ever Given' }).first().click();
  // The link is written once the selection's frame is painted.
  await expect(page).toHaveURL(/#f=/);
  const url = page.url();
  await page.goto('about:blank');
  await page.goto(url);
  await expect(page.locator('[data-map-ready]')).toBeAttached({ timeout: 45_000 });
  await expect(page.locator('.card')).toContainText('Ever Given');
});

test('another story asked for on the default page replaces the prerendered one', async ({ page }) => {
  await openStory(page, './?story=suez-2021-04-02');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Earth from Orbit: Cargo Ship Backup Seen from Space');
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.locator('.static-map')).toHaveCount(0);
  // The tab, bookmarks and history say the story shown, not the page's prerendered one.
  await expect(page).toHaveTitle('Earth from Orbit: Cargo Ship Backup Seen from Space');
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /^A map of the Suez Canal in March 2021/);
  await expect(page.locator('meta[name="description"]')).toHaveCount(1);
  // With scripts, the note for readers without them is not shown.
  await expect(page.locator('.site-stories')).toHaveCount(0);
});

test('the card’s code is not in the first render, and a place chosen before the map has started opens its card', async ({ page }) => {
  const seen = watch(page);
  const cards: string[] = [];
  page.on('request', (r) => void (/\/FeatureCard-[^/]*\.js$/.test(r.url()) && cards.push(r.url())));
  // The map library is held back: the page is hydrated and its map is on its way, not ready.
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let asked!: () => void;
  const engineAsked = new Promise<void>((r) => (asked = r));
  await page.route(/\/assets\/engine-[^/]*\.js$/, async (route) => {
    asked();
    await released;
    await route.continue();
  });
  await page.goto('./');
  await engineAsked;
  expect(cards).toEqual([]);
  await expect(page.locator('.card')).toHaveCount(0);
  // A place chosen in the list of places: its card opens over the map's picture.
  const list = page.getByRole('region', { name: 'Places on this map' });
  await list.getByRole('button', { name: 'Tehran', exact: true }).click();
  await expect(page.locator('.card h3')).toHaveText('Tehran');
  expect(cards).toHaveLength(1);
  await expect(page.locator('[data-map-ready]')).toHaveCount(0);
  release();
  await expect(page.locator('[data-map-ready]')).toBeAttached({ timeout: 45_000 });
  await expect(page.locator('.card h3')).toHaveText('Tehran');
  // The page did not wait for the map's code to come to life: the map was made by the app, later.
  expect(await page.evaluate(() => performance.getEntriesByName('story-map:early-map').length)).toBe(0);
  expect(seen.errors).toEqual([]);
});

test('the list of places is laid out only once it nears the view; its skip link, find and focus still reach it', async ({ page }) => {
  await openStory(page, './');
  const list = page.getByRole('region', { name: 'Places on this map' });
  const last = list.locator('button[data-key="turkstream:black-sea"]');
  // Off-screen at first: its rendering is skipped (content-visibility), its text still in the page.
  expect(await last.evaluate((el) => el.checkVisibility({ contentVisibilityAuto: true }))).toBe(false);
  await expect(last).toBeAttached();
  await expect(list).toContainText('Black Sea');
  // The skip link lands the list's heading at the top of the text panel, where it stays.
  const skip = page.getByRole('link', { name: 'List of places on the map' });
  await skip.focus();
  await page.keyboard.press('Enter');
  await expect(list).toBeFocused();
  const headingOffset = () =>
    list.evaluate((el) => {
      const pane = el.closest('.text-pane')!;
      return Math.round(el.querySelector('h2')!.getBoundingClientRect().top - pane.getBoundingClientRect().top);
    });
  await expect.poll(headingOffset).toBe(8);
  // Once there it is drawn; scrolled to its end, every place has been laid out and kept its height.
  await expect(list.getByRole('button').first()).toBeInViewport();
  expect(await list.getByRole('button').first().evaluate((el) => el.checkVisibility({ contentVisibilityAuto: true }))).toBe(true);
  await last.focus();
  await expect(last).toBeInViewport();
  expect(await last.evaluate((el) => el.checkVisibility({ contentVisibilityAuto: true }))).toBe(true);
});

test('with the map’s code already downloaded, the map is made before the page is hydrated, and the app takes it over', async ({ page }) => {
  const seen = watch(page);
  const warnings: string[] = [];
  page.on('console', (m) => void (m.type() === 'warning' && warnings.push(m.text())));
  // The story's model is held until the map's code has arrived: the case of a reader whose network
  // brought the page's preloads with the text (start-page.ts).
  await modelAfterMapCode(page);
  // And the page's stylesheet until then too, so that the text is painted late: the map library must
  // still wait for it (the headline painted, as Element Timing reports it) before it is evaluated.
  const engineArrived = page.waitForEvent('requestfinished', { predicate: (r) => /\/assets\/engine-[^/]*\.js$/.test(new URL(r.url()).pathname), timeout: 45_000 });
  await page.route(/\/assets\/page-[^/]*\.css$/, async (route) => {
    await engineArrived;
    await route.continue();
  });
  const created: string[] = [];
  await page.exposeFunction('__canvasMade', (where: string) => void created.push(where));
  await page.addInitScript(() => {
    // Where the map's canvas first appears: inside the picture (made before the app) or in the map's own box.
    new MutationObserver((records, observer) => {
      for (const r of records)
        for (const n of r.addedNodes)
          if (n instanceof HTMLCanvasElement && n.classList.contains('maplibregl-canvas')) {
            observer.disconnect();
            (window as unknown as { __canvasMade: (w: string) => void }).__canvasMade(n.closest('[data-static-map]') ? 'picture' : 'box');
          }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto('./');
  await expect(page.locator('.map[data-map-ready]')).toBeAttached({ timeout: 45_000 });
  const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
  expect(marks['story-map:early-map'], 'the map was made before hydration').toBeLessThan(marks['story-map:hydrated']!);
  const textPainted = await page.evaluate(
    () =>
      new Promise<number>((done) =>
        new PerformanceObserver((list, observer) => {
          const e = list.getEntries().find((x) => (x as PerformanceEntry & { identifier?: string }).identifier === 'story-text') as (PerformanceEntry & { renderTime: number; loadTime: number }) | undefined;
          if (!e) return;
          observer.disconnect();
          done(e.renderTime || e.loadTime);
        }).observe({ type: 'element', buffered: true }),
      ),
  );
  expect(textPainted, 'the headline was painted before the map library was evaluated').toBeLessThan(marks['story-map:maplibre-ready']!);
  expect(created).toEqual(['picture']);
  // Taken over: one map, in the map's box, the picture gone, no hydration trouble.
  await expect(page.locator('canvas.maplibregl-canvas')).toHaveCount(1);
  await expect(page.locator('.map .early-map canvas.maplibregl-canvas')).toHaveCount(1);
  await expect(page.locator('[data-static-map]')).toHaveCount(0);
  expect(warnings.filter((w) => /hydrat/i.test(w))).toEqual([]);
  // It fills the box and is alive: its canvas is labelled for keyboard users, and a place in the text
  // flies the map there and opens the card.
  const [box, canvas] = await Promise.all([page.locator('.map').boundingBox(), page.locator('.map canvas').boundingBox()]);
  expect(Math.abs(canvas!.width - box!.width)).toBeLessThan(2);
  expect(Math.abs(canvas!.height - box!.height)).toBeLessThan(2);
  await expect(page.locator('.map canvas')).toHaveAttribute('aria-label', /Arrow keys pan/);
  const zoom = () => page.locator('.map').evaluate((el) => (el as ProbedElement).storyMapProbe!.zoom());
  const before = await zoom();
  await page.locator('.place', { hasText: 'Istanbul' }).first().click();
  await expect(page.locator('.card h3')).toContainText('Istanbul');
  await expect.poll(zoom, { timeout: 15_000 }).toBeGreaterThan(before + 1);
  await expect(page).toHaveURL(/#f=/);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

/** Holds the live page's code (Svelte and the components: the `live` chunk) until `release` is called. */
async function holdLiveCode(page: import('@playwright/test').Page) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  await page.route(/\/assets\/live-[^/]*\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

const hydratedMarks = (page: import('@playwright/test').Page) => page.evaluate(() => performance.getEntriesByName('story-map:hydrated').length);

test('the map is shown before the app is live, and what the reader clicks meanwhile is carried out once it is', async ({ page }) => {
  const seen = watch(page);
  const release = await holdLiveCode(page);
  await page.goto('./');
  // The map has drawn everything and stands in the picture's place: the picture's image hidden,
  // the map in view and reachable; the app is not live yet.
  const early = page.locator('.early-map[data-map-shown]');
  await expect(early).toBeAttached({ timeout: 45_000 });
  await expect(page.locator('.static-map img')).toBeHidden();
  await expect(early.locator('canvas.maplibregl-canvas')).toBeVisible();
  await expect(early.locator('canvas')).toHaveAttribute('aria-label', /Arrow keys pan/);
  await expect(page.locator('.static-map')).not.toHaveAttribute('aria-hidden', /.*/);
  expect(await hydratedMarks(page)).toBe(0);
  await expect(page.locator('[data-map-ready]')).toHaveCount(0);
  // Shown where the map's box is (the pane less its notes and credits), at its final size.
  const shownAt = (await early.locator('canvas').boundingBox())!;
  const mapBox = (await page.locator('.map-box').boundingBox())!;
  for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(shownAt[k] - mapBox[k]), k).toBeLessThan(1);
  await page.setViewportSize({ width: 1000, height: 800 });
  await expect.poll(async () => Math.round((await early.locator('canvas').boundingBox())!.width)).toBe(Math.round((await page.locator('.map-box').boundingBox())!.width));
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect.poll(async () => Math.round((await early.locator('canvas').boundingBox())!.width)).toBe(Math.round(mapBox.width));
  const legend = page.locator('details.legend');
  const isOpen = () => legend.evaluate((d) => (d as HTMLDetailsElement).open);
  expect(await isOpen()).toBe(false);
  await legend.locator('summary').click();
  expect(await isOpen()).toBe(true);
  // A layer's toggle and a place in the text, clicked now: nothing happens yet.
  const pipeline = legend.getByRole('checkbox', { name: /TurkStream/ });
  await expect(pipeline).toBeChecked();
  await pipeline.click();
  await page.locator('.place', { hasText: 'Istanbul' }).first().click();
  await expect(pipeline).toBeChecked();
  await expect(page.locator('.card')).toHaveCount(0);
  expect(await hydratedMarks(page)).toBe(0);
  // Once the app's code has come: both carried out, once each, in order.
  release();
  await expect(page.locator('.card h3')).toHaveText('Istanbul', { timeout: 20_000 });
  await expect(page).toHaveURL(/#f=istanbul:istanbul/);
  await expect(page.locator('[data-map-ready]')).toBeAttached({ timeout: 45_000 });
  await expect(pipeline).not.toBeChecked();
  await expect(page).toHaveURL(/l=/);
  expect(await isOpen()).toBe(true);
  // One map, taken over by the app, the picture gone.
  await expect(page.locator('canvas.maplibregl-canvas')).toHaveCount(1);
  await expect(page.locator('.map .early-map canvas.maplibregl-canvas')).toHaveCount(1);
  await expect(page.locator('[data-static-map]')).toHaveCount(0);
  expect(seen.errors).toEqual([]);
});

test('a click on the map before the app is live selects what it hit, once the app is', async ({ page }) => {
  // Where Tehran is drawn at the opening view (the same viewport, the same camera: the picture's).
  await openStory(page, './');
  const at = await page.locator('.map').evaluate((el) => {
    const probe = (el as ProbedElement).storyMapProbe!;
    const p = probe.project([51.42151, 35.69439]);
    const r = el.getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  });
  const release = await holdLiveCode(page);
  await page.goto('about:blank');
  await page.goto('./');
  await expect(page.locator('.early-map[data-map-shown]')).toBeAttached({ timeout: 45_000 });
  const shownAt = (await page.locator('.early-map canvas').boundingBox())!;
  await page.mouse.click(at.x, at.y);
  await expect(page.locator('.card')).toHaveCount(0);
  release();
  await expect(page.locator('.card h3')).toHaveText('Tehran', { timeout: 20_000 });
  // Taken over where it was shown, at the same size: nothing moved when the page came to life.
  const liveAt = (await page.locator('.map canvas').boundingBox())!;
  for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(liveAt[k] - shownAt[k]), k).toBeLessThan(1);
});

test('a page whose map never comes is still brought to life in the end, without a click', async ({ page }) => {
  const seen = watch(page);
  // The map library never arrives. The page's clock is the test's, so its 15 s (APP_AT_LATEST_MS,
  // src/start-page.ts) pass in a few fast-forwards instead of in real time.
  // (The clock's performance object keeps no marks: the page's are written down as it makes them.)
  await page.clock.install();
  await page.addInitScript(() => {
    const marks: string[] = [];
    (window as unknown as { storyMapMarks: string[] }).storyMapMarks = marks;
    performance.mark = ((name: string) => void marks.push(name)) as unknown as typeof performance.mark;
  });
  const hydrated = () => page.evaluate(() => (window as unknown as { storyMapMarks: string[] }).storyMapMarks.filter((m) => m === 'story-map:hydrated').length);
  await page.route(/\/assets\/engine-[^/]*\.js$/, () => {});
  await page.goto('./');
  await expect(page.locator('.places button').first()).toBeAttached();
  expect(await hydrated()).toBe(0);
  await fastForwardUntil(page, hydrated, 1, 4_000);
  // Alive: a place in the text opens its card (the map still on its way).
  await page.locator('.place', { hasText: 'Istanbul' }).first().click();
  await expect(page.locator('.card h3')).toHaveText('Istanbul');
  expect(seen.errors).toEqual([]);
});
