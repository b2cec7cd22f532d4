// An iframe embed on a host page of another origin (the host at 127.0.0.1, the embed at localhost:
// the same server, two origins), next to a third-party frame that tries to talk to both.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Frame, type Page } from '@playwright/test';
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

/** Matches an import or export-from of another file in (minified) JavaScript. */
const IMPORT = /(?:^|[^\w$.])(?:import\s*(?:["'`(]|[\w$*{][^;]*?\bfrom\s*["'`])|export\s*[*{][^;]*?\bfrom\s*["'`])/;

/**
 * The host page, on its own origin, serves exactly two files: itself and its copy of the built
 * embed-host.js (as a newsroom would self-host it). Anything else asked of that origin (a chunk the
 * script imports, say) is refused and listed in the returned array.
 */
async function openCrossOrigin(page: Page): Promise<string[]> {
  const refused: string[] = [];
  const hostScript = await (await page.request.get(`${EMBED_ORIGIN}/embed-host.js`)).text();
  await page.route(`http://127.0.0.1:${PORT}/**`, (r) => {
    const path = new URL(r.request().url()).pathname;
    if (path === new URL(HOST_URL).pathname) return r.fulfill({ contentType: 'text/html', body: readFileSync(join(FIXTURES, 'cross-origin.html'), 'utf8').replaceAll('{{EMBED_ORIGIN}}', EMBED_ORIGIN) });
    if (path === '/embed-host.js') return r.fulfill({ contentType: 'text/javascript', body: hostScript });
    refused.push(path);
    return r.abort();
  });
  await page.route('http://intruder.test/**', (r) => r.fulfill({ contentType: 'text/html', path: join(FIXTURES, 'intruder.html') }));
  await page.goto(HOST_URL);
  await expect(page.frameLocator('#x-frame').locator('[data-map-ready]')).toBeAttached({ timeout: 45_000 });
  return refused;
}

/** Resolves when a message posted by `from` after everything it posted before has reached the host page. */
async function roundTrip(page: Page, from: Frame) {
  const token = `done-${Math.random()}`;
  const arrived = page.evaluate((t) => new Promise<void>((done) => window.addEventListener('message', (e) => e.data === t && done())), token);
  // The listener is in place before the marker is sent.
  await page.evaluate(() => 0);
  await from.evaluate((t) => window.parent.postMessage(t, '*'), token);
  await arrived;
}

test('embed-host.js is one file that imports nothing, and works as a copy on the host page’s own origin', async ({ page }) => {
  const source = await (await page.request.get(`${EMBED_ORIGIN}/embed-host.js`)).text();
  expect(source.length).toBeGreaterThan(1000);
  expect(source).toContain('connect');
  expect(source).not.toMatch(IMPORT);
  // The check can fail: a module that imports something is caught.
  expect('import{a as b}from"./assets/protocol-1a2b.js";').toMatch(IMPORT);
  expect('const m=await import("./x.js")').toMatch(IMPORT);
  expect('export*from"./y.js"').toMatch(IMPORT);
  expect('var importance=1,important={};').not.toMatch(IMPORT);

  const refused = await openCrossOrigin(page);
  // The copy sized the iframe and connected it (its ready event is kept).
  await expect.poll(() => height(page, 'x-frame')).toBe(608);
  const ready = await page.evaluate(async () => (await import(new URL('/embed-host.js', location.href).href)).connect(document.getElementById('x-frame')).ready);
  expect(ready).toMatchObject({ story: { id: 'cgtn-2020-01-09' } });
  expect(refused).toEqual([]);
});

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
  const embedFrame = page.frame({ url: /embed\.html/ })!;
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
  await embedFrame.evaluate(() => window.parent.postMessage({ type: 'story-map:v1:resize', detail: { height: '5px; display: none' } }, '*'));

  // Round trips instead of a pause: what each window posted above has been handled once a later
  // message from the same window has arrived. To the host: a marker from each frame. To the embed:
  // a greeting, which it answers (with its hello, its height and `ready` again, which the host
  // script passes on only once).
  await roundTrip(page, intruder);
  await roundTrip(page, embedFrame);
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        const iframe = document.getElementById('x-frame') as HTMLIFrameElement;
        window.addEventListener('message', (e) => e.source === iframe.contentWindow && (e.data as { type?: string })?.type === 'story-map:v1:ready' && done());
        iframe.contentWindow!.postMessage({ type: 'story-map:v1:hello' }, new URL(iframe.src).origin);
      }),
  );

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
  await expect(frame.locator('.card h4')).toHaveText('Tripoli');
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
  await expect(locked.getByRole('heading', { level: 2 }).first()).toContainText('Putin');
  // It decided not to talk when it started (and said so in the console).
  await expect.poll(() => info.some((t) => t.includes('origin=<its origin>'))).toBe(true);
  const lockedFrame = page.frames().find((f) => f.url().includes('origin=https://news.example'))!;
  // What reaches the embed's window from now on.
  await lockedFrame.evaluate(() => {
    const w = window as unknown as { got: string[] };
    w.got = [];
    window.addEventListener('message', (e) => w.got.push(String((e.data as { type?: unknown })?.type ?? e.data)));
  });
  await page.evaluate(async () => {
    const { connect } = await import(new URL('/embed-host.js', location.href).href);
    connect(document.getElementById('x-frame-locked')).select('libya:tripoli');
  });
  // Round trips: a marker to the embed after the host script's messages, and one from the embed
  // after anything it could have sent.
  await page.evaluate(() => (document.getElementById('x-frame-locked') as HTMLIFrameElement).contentWindow!.postMessage('marker', '*'));
  await expect.poll(() => lockedFrame.evaluate(() => (window as unknown as { got: string[] }).got.includes('marker'))).toBe(true);
  await roundTrip(page, lockedFrame);
  // The host script keeps the command for when the embed answers its greeting, which it never does:
  // nothing but the marker reached it, and the host's greetings. The host greets the frame when it
  // is added and after every load of it (host.ts), and the frame's load can come after the listener
  // above (a fresh clone's run on a busy machine saw one): a greeting is no command, and unanswered.
  const got = await lockedFrame.evaluate(() => (window as unknown as { got: string[] }).got);
  expect(got.filter((t) => t !== 'story-map:v1:hello')).toEqual(['marker']);
  // …so it was never resized by its content (still the height the page gave it), and never selected.
  expect(await height(page, 'x-frame-locked')).toBe(400);
  await expect(locked.locator('[data-passage="libya-war"]')).not.toHaveClass(/active/);
});
