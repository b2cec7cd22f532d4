// Regenerates the screenshots in docs/screenshots/: both shipped stories at 1440x900 and 390x844,
// each as a reader sees it (the opening view, a selection, the stack chooser, the legend open with
// a layer hidden, an embed in each text mode, the print layout), and the README's picture
// (docs/screenshot.png, the CGTN desktop opening).
//
//   node scripts/shots.mjs                 builds the site into .shots/build and serves it itself
//   node scripts/shots.mjs --base URL      uses a server already running (npm run preview, dev)
//   SHOTS_PORT=<port> (default 4399)       the port of its own server
//   --only <word>                          only the shots whose file name contains it
//
// Software WebGL on a busy machine is slow: every wait is for a condition (the map drawn and at
// rest), with generous time limits, never a fixed pause.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'docs/screenshots');
const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const only = opt('--only');
let base = opt('--base');

const STORIES = [
  // A selection to show, and a place where features stack (the chooser opens there).
  { id: 'cgtn-2020-01-09', short: 'cgtn', select: 'libya:tripoli', stack: [36.63393, 35.93062], hide: 'Syria / Idlib' },
  { id: 'suez-2021-04-02', short: 'suez', select: 'places:ever-given', stack: [32.5799, 30.0176], hide: 'Where ships waited' },
];
const SIZES = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

let server = null;
async function serve() {
  const port = Number(process.env.SHOTS_PORT ?? 4399);
  console.log('building the site into .shots/build …');
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', '.shots/build', '--emptyOutDir'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed');
  server = spawn('npx', ['vite', 'preview', '--outDir', '.shots/build', '--port', String(port), '--strictPort'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  await new Promise((resolve, reject) => {
    server.stdout.on('data', (d) => String(d).includes(String(port)) && resolve());
    server.on('exit', (code) => reject(new Error(`the preview server stopped (${code})`)));
  });
  return `http://localhost:${port}/`;
}
const stop = () => {
  if (server?.pid) {
    try {
      process.kill(-server.pid);
    } catch {
      // already gone
    }
  }
};
process.on('exit', stop);
process.on('SIGINT', () => process.exit(130));

/** Waits until the map in `scope` (a page or a frame) has drawn and is at rest, and its tiles are in. */
async function mapAtRest(scope) {
  await scope.waitForSelector('.map[data-map-ready]', { state: 'attached', timeout: 180_000 });
  await scope.waitForFunction(
    () =>
      new Promise((resolve) => {
        const probe = document.querySelector('.map')?.storyMapProbe;
        if (!probe || probe.moving()) return resolve(false);
        // Two frames without movement: the last frame of an animation has been drawn.
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(!probe.moving())));
      }),
    null,
    { timeout: 60_000, polling: 250 },
  );
}

const files = [];
async function shot(target, name, options = {}) {
  if (only && !name.includes(only)) return;
  const path = join(OUT, `${name}.png`);
  await target.screenshot({ path, animations: 'disabled', ...options });
  files.push(path);
  console.log('  ', `docs/screenshots/${name}.png`);
}
const wanted = (name) => !only || name.includes(only);

async function main() {
  mkdirSync(OUT, { recursive: true });
  base ??= await serve();
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    for (const story of STORIES) {
      for (const size of SIZES) {
        const prefix = `${story.short}-${size.name}`;
        const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, deviceScaleFactor: 1, reducedMotion: 'reduce' });
        const page = await context.newPage();
        page.on('pageerror', (e) => console.warn('page error:', e.message));
        const url = (hash = '') => `${base}?story=${story.id}${hash}`;

        if (wanted(`${prefix}-1-opening`) || wanted(`${prefix}-3-chooser`) || wanted(`${prefix}-4-legend`) || wanted(`${prefix}-6-print`)) {
          await page.goto(url());
          await mapAtRest(page);
          await shot(page, `${prefix}-1-opening`);
          if (wanted(`${prefix}-3-chooser`)) {
            // Features that stack at the opening view: the chooser at the pointer.
            const at = await page.locator('.map').evaluate((el, ll) => {
              const p = el.storyMapProbe.project(ll);
              const r = el.getBoundingClientRect();
              return { x: r.left + p.x, y: r.top + p.y };
            }, story.stack);
            await page.mouse.click(at.x, at.y);
            const chooser = page.locator('.chooser');
            if (await chooser.count()) {
              await page.keyboard.press('ArrowDown');
              await shot(page, `${prefix}-3-chooser`);
              await page.keyboard.press('Escape');
            } else console.warn(`   (${story.short}: nothing stacks at that place at ${size.name} size; no chooser shot)`);
            await page.keyboard.press('Escape');
          }
          if (wanted(`${prefix}-4-legend`)) {
            const legend = page.locator('details.legend');
            if (!(await legend.evaluate((d) => d.open))) await legend.locator('summary').click();
            await page.getByRole('checkbox', { name: story.hide }).uncheck();
            await mapAtRest(page);
            await shot(page, `${prefix}-4-legend`);
            await page.getByRole('checkbox', { name: story.hide }).check();
            await mapAtRest(page);
          }
          if (wanted(`${prefix}-6-print`)) {
            await page.emulateMedia({ media: 'print' });
            await page.locator('.print-picture').waitFor({ state: 'visible', timeout: 30_000 });
            await shot(page, `${prefix}-6-print`, { fullPage: true });
            await page.emulateMedia({ media: 'screen' });
          }
        }
        if (wanted(`${prefix}-2-selection`)) {
          // A reader's selection, opened as a link (the map frames it, the card and passage show).
          // (From a blank page: the same address with a new fragment would not load the page afresh.)
          await page.goto('about:blank');
          await page.goto(url(`#f=${story.select}`));
          await mapAtRest(page);
          await page.locator('.card').waitFor({ state: 'visible' });
          await shot(page, `${prefix}-2-selection`);
        }
        for (const mode of ['full', 'summary', 'none']) {
          const name = `${prefix}-5-embed-${mode}`;
          if (!wanted(name)) continue;
          await page.goto(`${base}examples/text-modes.html?story=${story.id}&kind=iframe`);
          const figure = page.locator(`#iframe-${mode}`);
          await figure.scrollIntoViewIfNeeded();
          const frame = page.frameLocator(`#embed-iframe-${mode}`);
          await frame.locator('.map[data-map-ready]').waitFor({ state: 'attached', timeout: 180_000 });
          const handle = await page.locator(`#embed-iframe-${mode}`).elementHandle();
          await mapAtRest(await handle.contentFrame());
          // The iframe has taken its content's height (the host script sizes it).
          await page.waitForFunction((id) => {
            const f = document.getElementById(id);
            return f && Math.abs(f.getBoundingClientRect().height - f.contentDocument.documentElement.getBoundingClientRect().height) < 2;
          }, `embed-iframe-${mode}`, { timeout: 30_000 });
          await figure.scrollIntoViewIfNeeded();
          await shot(figure, name);
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    stop();
  }
  console.log(`${files.length} screenshots in docs/screenshots/`);
  // The README's picture is the CGTN story's opening view on a desktop, as taken here.
  const hero = join(OUT, 'cgtn-desktop-1-opening.png');
  if (existsSync(hero) && wanted('cgtn-desktop-1-opening')) {
    copyFileSync(hero, join(ROOT, 'docs/screenshot.png'));
    console.log('   docs/screenshot.png (the README\'s, a copy of cgtn-desktop-1-opening.png)');
  }
}

main().catch((e) => {
  console.error(e);
  stop();
  process.exit(1);
});
