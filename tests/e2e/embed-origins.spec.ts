// An iframe embed on a host page of another origin (the host at 127.0.0.1, the embed at localhost:
// the same server, two origins), next to a third-party frame that tries to talk to both.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import { hasMap } from './embed-helpers';

// The host page is served by the test (page.route), so Chromium cannot tell it is on this machine
// and would block its iframe from localhost (Local Network Access). Same browser, that check off.
const launch = chromiumLaunchOptions();
test.use({ launchOptions: { ...launch, args: [...launch.args, '--disable-features=LocalNetworkAccessChecks'] } });

const PORT = Number(process.env.E2E_PORT ?? 4173);
const EMBED_ORIGIN = `http://localhost:${PORT}`;
const HOST_URL = `http://127.0.0.1:${PORT}/__test__/cross-origin.html`;
const FIXTURES = join(import.meta.dirname, '../fixtures/hosts');

async function openCrossOrigin(page: Page) {
  await page.route(HOST_URL, (r) => r.fulfill({ contentType: 'text/html', body: readFileSync(join(FIXTURES, 'cross-origin.html'), 'utf8').replaceAll('{{EMBED_ORIGIN}}', EMBED_ORIGIN) }));
  await page.route('http://intruder.test/**', (r) => r.fulfill({ contentType: 'text/html', path: join(FIXTURES, 'intruder.html') }));
  await page.goto(HOST_URL);
  await expect(page.frameLocator('#x-frame').locator('[data-map-ready]')).toBeAttached({ timeout: 45_000 });
}

const height = (page: Page, id: string) => page.locator(`#${id}`).evaluate((el) => el.getBoundingClientRect().height);

test('across origins the embed is sized and driven by its host, and deaf to other windows and malformed messages', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await openCrossOrigin(page);
  const frame = page.frameLocator('#x-frame');
  await expect.poll(() => height(page, 'x-frame')).toBe(608);
  await page.evaluate(() => {
    const w = window as unknown as { heard: string[] };
    w.heard = [];
    for (const name of ['ready', 'select', 'layerchange', 'viewchange', 'error']) document.getElementById('x-frame')!.addEventListener(`story-map:${name}`, () => w.heard.push(name));
  });

  // A third-party frame posts well-formed commands to the embed, and fake heights and events to the host.
  const intruder = page.frame({ url: /intruder\.test/ })!;
  await intruder.evaluate(() => {
    const embed = window.parent.frames[0]!;
    embed.postMessage({ type: 'story-map:v1:select', detail: { target: 'libya:tripoli' } }, '*');
    embed.postMessage({ type: 'story-map:v1:setLayers', detail: { layers: [] } }, '*');
    embed.postMessage({ type: 'story-map:v1:live', detail: { live: false } }, '*');
    embed.postMessage({ type: 'story-map:v1:hello' }, '*');
    window.parent.postMessage({ type: 'story-map:v1:resize', detail: { height: 5 } }, '*');
    window.parent.postMessage({ type: 'story-map:v1:select', detail: { feature: null, passage: 'lede', passages: ['lede'], origin: 'api' } }, '*');
  });
  // The host page, the right window and origin, sends messages of the wrong shape…
  await page.evaluate(() => {
    const iframe = document.getElementById('x-frame') as HTMLIFrameElement;
    const origin = new URL(iframe.src).origin;
    const bad: unknown[] = [
      { type: 'story-map:v1:select', detail: { target: 42 } },
      { type: 'story-map:v1:setView', detail: { center: ['13', '32'], zoom: 3 } },
      { type: 'story-map:v1:setLayers', detail: { layers: 'libya' } },
      { type: 'story-map:v2:clearSelection' },
      'story-map:v1:setLayers',
      null,
    ];
    for (const m of bad) iframe.contentWindow!.postMessage(m, origin);
  });
  // …and the embed sends its host a height that is CSS, not a number.
  await page.frame({ url: /embed\.html/ })!.evaluate(() => window.parent.postMessage({ type: 'story-map:v1:resize', detail: { height: '5px; display: none' } }, '*'));
  await page.waitForTimeout(1500);

  await expect(frame.locator('.card')).toHaveCount(0);
  await expect(frame.locator('input[name="layer"][value="libya"]')).toBeChecked();
  expect(await hasMap(page, 'x-frame')).toBe(true);
  expect(await height(page, 'x-frame')).toBe(608);
  expect(await page.locator('#x-frame').evaluate((el) => getComputedStyle(el).display)).toBe('inline');
  expect(await page.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual([]);

  // The host, through embed-host.js, gets through: the channel works, so the silence above was refusal.
  const detail = await page.evaluate(async () => {
    const { connect } = await import(new URL('/embed-host.js', location.href).href);
    const f = connect(document.getElementById('x-frame'));
    return new Promise((resolve) => {
      f.on('select', resolve);
      f.select('libya:tripoli');
    });
  });
  expect(detail).toMatchObject({ feature: { key: 'libya:tripoli', name: 'Tripoli' }, origin: 'api' });
  await expect(frame.locator('.card h3')).toHaveText('Tripoli');
  expect(await page.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual(['select']);
  expect(errors).toEqual([]);
});

test('an embed told to talk only to another origin (origin= in its src) stays silent on this one', async ({ page }) => {
  const info: string[] = [];
  page.on('console', (m) => info.push(m.text()));
  await openCrossOrigin(page);
  await page.evaluate((src) => {
    const iframe = document.createElement('iframe');
    iframe.id = 'x-frame-locked';
    iframe.dataset.storyMap = '';
    iframe.height = '400';
    iframe.style.width = '900px';
    iframe.style.border = '0';
    iframe.src = src;
    document.body.append(iframe);
  }, `${EMBED_ORIGIN}/embed.html?story=cgtn-2020-01-09&origin=https://news.example`);
  const locked = page.frameLocator('#x-frame-locked');
  await expect(locked.getByRole('heading', { level: 1 })).toContainText('Putin');
  await page.evaluate(async () => {
    const { connect } = await import(new URL('/embed-host.js', location.href).href);
    connect(document.getElementById('x-frame-locked')).select('libya:tripoli');
  });
  await page.waitForTimeout(1500);
  // Never resized by its content (still the height the page gave it), and deaf to the host.
  expect(await height(page, 'x-frame-locked')).toBe(400);
  await expect(locked.locator('[data-passage="libya-war"]')).not.toHaveClass(/active/);
  expect(info.some((t) => t.includes('origin=<its origin>'))).toBe(true);
});
