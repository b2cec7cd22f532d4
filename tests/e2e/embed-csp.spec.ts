// static/examples/strict-csp.html: a host page whose policy allows its own origin only (no inline
// script or style, no eval, no blob:, no data:), with an iframe embed and a <story-map> element.
// And the snippets of docs/embedding.md, run as written under the policies that page gives.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import { waitForMapIdle, watch } from './helpers';
import { embed, instrument, STRICT, violations, waitForMap } from './embed-helpers';

// A host page on another origin is served by the test (page.route), so Chromium cannot tell it is on
// this machine and would block its iframe from localhost (Local Network Access). That check off.
const launch = chromiumLaunchOptions();
test.use({ launchOptions: { ...launch, args: [...launch.args, '--disable-features=LocalNetworkAccessChecks'] } });

const PORT = Number(process.env.E2E_PORT ?? 4173);
const MAP_ORIGIN = `http://localhost:${PORT}`;
/** Where the docs say the map is published, and where the test server has it. */
const DOCS_BASE = 'https://maps.example.org/story-map/';

/** A code block of docs/embedding.md, found by the `<!-- snippet: name -->` line before it, exactly as written. */
function snippet(name: string): string {
  const md = readFileSync(join(import.meta.dirname, '../../docs/embedding.md'), 'utf8');
  const m = new RegExp(`<!-- snippet: ${name}\\b[^>]*-->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\\n\`\`\`\\n`).exec(md);
  if (!m) throw new Error(`docs/embedding.md has no snippet "${name}"`);
  return m[1]!;
}

/** A policy as the docs write it (over several lines) as one header value. */
const policy = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

/**
 * Serves a host page at `url` with a Content-Security-Policy header, its stylesheet (page.css), and
 * nothing else from its origin; `body` goes into the page as it is.
 */
async function servePage(page: Page, url: string, csp: string, css: string, body: string) {
  const origin = new URL(url).origin;
  await page.route(`${origin}/__test__/**`, (r) => {
    const path = new URL(r.request().url()).pathname;
    if (path === '/__test__/page.css') return r.fulfill({ contentType: 'text/css', body: css });
    if (path !== new URL(url).pathname) return r.abort();
    return r.fulfill({
      contentType: 'text/html',
      headers: { 'Content-Security-Policy': csp },
      body: `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Snippet test</title><link rel="stylesheet" href="/__test__/page.css"></head>\n<body><main><h1>A news article</h1>\n${body}\n<p>After the embed.</p></main></body></html>`,
    });
  });
}

test('under a strict Content-Security-Policy both embeds run and are used with zero violations', async ({ page }) => {
  await instrument(page);
  const seen = watch(page);
  const cspConsole: string[] = [];
  page.on('console', (m) => {
    if (/content security policy/i.test(m.text())) cspConsole.push(m.text());
  });
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));

  const response = await page.goto(STRICT);
  expect(response!.ok()).toBe(true);
  await waitForMap(page, 'csp-frame');
  await page.locator('#csp-element').scrollIntoViewIfNeeded();
  await waitForMap(page, 'csp-element');

  // Use both: the host's links drive them, a passage click, a zoom, labels in the bundled font.
  await page.locator('a[data-map="csp-frame"]').click();
  await expect(embed(page, 'csp-frame').root.locator('.card h4')).toHaveText('Tripoli');
  await page.locator('a[data-map="csp-element"]').click();
  await expect(embed(page, 'csp-element').root.locator('.card h4')).toHaveText('Istanbul');
  await embed(page, 'csp-element').root.locator('[data-passage="iraq-strikes"]').click({ position: { x: 150, y: 10 } });
  await expect(embed(page, 'csp-element').root.locator('[data-passage="iraq-strikes"]')).toHaveClass(/active/);
  await embed(page, 'csp-element').root.getByRole('button', { name: 'Zoom in' }).click();
  // Both maps at rest: whatever the zoom and the selection fetched (tiles, label fonts) has arrived
  // or been refused.
  await waitForMapIdle(page, embed(page, 'csp-element').root.locator('.map'));
  await waitForMapIdle(page, embed(page, 'csp-frame').root.locator('.map'));

  expect(await violations(page)).toEqual([]);
  expect(cspConsole).toEqual([]);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
  // MapLibre's worker is a same-origin file, not a blob: URL.
  expect(workers.length).toBeGreaterThan(0);
  for (const url of workers) expect(url).toMatch(new RegExp(`^http://localhost:\\d+/assets/maplibre-gl-worker-[\\w-]+\\.mjs`));

  // The policy is really in force, and the counter counts: an inline script is refused, and reported.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.inlineRan = true';
    document.body.append(s);
  });
  await expect.poll(() => violations(page)).toHaveLength(1);
  expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
});

test('the docs’ iframe snippet works as written on a page of another origin under the policy the docs give it', async ({ page }) => {
  await instrument(page);
  const seen = watch(page);
  const host = `http://127.0.0.1:${PORT}/__test__/article.html`;
  const html = snippet('iframe-html');
  expect(html).toContain(DOCS_BASE);
  const csp = policy(snippet('csp-other-origin')).replaceAll('https://maps.example.org', MAP_ORIGIN);
  await servePage(page, host, csp, snippet('iframe-css'), html.replaceAll(DOCS_BASE, `${MAP_ORIGIN}/`));
  await page.goto(host);
  const iframe = page.locator('iframe[data-story-map]');
  await expect(page.frameLocator('iframe[data-story-map]').locator('[data-map-ready]')).toBeAttached({ timeout: 45_000 });
  // Styled by the page's stylesheet: the column's full width, no border (not the 300px default).
  const look = await iframe.evaluate((el) => {
    const cs = getComputedStyle(el);
    return { display: cs.display, border: cs.borderTopWidth, width: el.getBoundingClientRect().width, column: el.parentElement!.getBoundingClientRect().width };
  });
  expect(look).toEqual({ display: 'block', border: '0px', width: look.column, column: expect.any(Number) });
  expect(look.width).toBeGreaterThan(1000);
  // embed-host.js ran (from the map's origin): it sizes the iframe and drives it.
  await expect.poll(() => iframe.evaluate((el) => el.getBoundingClientRect().height)).toBe(608);
  const detail = await page.evaluate(async (src) => {
    const { connect } = await import(src);
    const f = connect(document.querySelector('iframe[data-story-map]'));
    return new Promise((resolve) => {
      f.on('select', resolve);
      f.select('libya:tripoli');
    });
  }, `${MAP_ORIGIN}/embed-host.js`);
  expect(detail).toMatchObject({ feature: { key: 'libya:tripoli' } });
  await waitForMapIdle(page, page.frameLocator('iframe[data-story-map]').locator('.map'));
  expect(await violations(page)).toEqual([]);
  expect(seen.errors).toEqual([]);
  // The policy is in force on the host page.
  await page.evaluate(() => {
    const s = document.createElement('style');
    s.textContent = 'body { background: red }';
    document.head.append(s);
  });
  await expect.poll(() => violations(page)).toHaveLength(1);
});

test('the docs’ <story-map> snippet works as written under the strict policy, and its stylesheet reserves the height', async ({ page }) => {
  await instrument(page);
  const url = `${MAP_ORIGIN}/__test__/article.html`;
  const html = snippet('element-html');
  expect(html).toContain('/story-map/story-map.js');
  // Only where the files are: the docs' /story-map/ folder is the test server's root.
  const body = html.replaceAll('/story-map/story-map.js', '/story-map.js');
  const csp = policy(snippet('csp-same-origin'));
  await servePage(page, url, csp, snippet('element-css'), body);

  // Before its script runs (here: never), the element already takes its height.
  await page.route(`${MAP_ORIGIN}/story-map.js`, (r) => r.abort());
  await page.goto(url);
  expect(await page.locator('story-map').evaluate((el) => el.getBoundingClientRect().height)).toBe(608);
  await page.unroute(`${MAP_ORIGIN}/story-map.js`);

  const seen = watch(page);
  await page.goto(url);
  await expect(page.locator('story-map [data-map-ready]')).toBeAttached({ timeout: 45_000 });
  expect(await page.locator('story-map').evaluate((el) => el.getBoundingClientRect().height)).toBe(608);
  await page.locator('story-map [data-passage="iraq-strikes"]').click({ position: { x: 150, y: 10 } });
  await expect(page.locator('story-map [data-passage="iraq-strikes"]')).toHaveClass(/active/);
  await waitForMapIdle(page, page.locator('story-map .map'));
  expect(await violations(page)).toEqual([]);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});
