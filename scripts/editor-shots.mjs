// The screenshots in docs/editing.md: node scripts/editor-shots.mjs [base URL]  → docs/screenshots/editing-*.png
// Take them from a built site (`npx vite build && npx vite preview`): a worktree's dev server cannot
// serve the fonts. The dev server (`npm run edit`) has Save and the stories list, which the built site
// has not: shots 6 and 8 need it. SHOTS=4-draw-line,5-preview takes only those.
// Desktop 1280×800 (and 1440×900 for the side-by-side preview) and phone 390×844, Debian's Chromium (scripts/chromium.mjs). It drafts the CGTN
// article (tests/fixtures/cgtn-sources/seed-article.txt) and walks the steps the page describes;
// it never saves (the dialog is shown, then cancelled).
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { chromiumLaunchOptions } from './chromium.mjs';

const base = process.argv[2] ?? 'http://localhost:5173/';
const out = (name) => `docs/screenshots/editing-${name}.png`;
const only = process.env.SHOTS ? new Set(process.env.SHOTS.split(',')) : null;
const shot = (page, name) => (!only || only.has(name) ? page.screenshot({ path: out(name) }) : null);
const browser = await chromium.launch(chromiumLaunchOptions());

const desktop = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const p = desktop;
await p.goto(new URL('edit.html', base).href);
await p.locator('[data-article-input]').fill(readFileSync('tests/fixtures/cgtn-sources/seed-article.txt', 'utf8'));
await p.getByLabel('Title (optional)').fill('Putin, Erdogan urge restraint in Iran-U.S. tension and immediate ceasefire in Libya');
await p.getByLabel('Date (optional)').fill('2020-01-09');
await shot(p, '1-start');

await p.getByRole('button', { name: 'Draft a story' }).click();
await p.waitForSelector('[data-edit-map-ready]', { timeout: 60_000 });
const place = (id) => p.locator(`[data-place="places:${id}"]`);
await place('istanbul').getByRole('button', { name: 'Accept' }).click();
await place('libya').getByRole('button', { name: 'Accept' }).click();
await place('united-states').getByRole('button', { name: 'Reject' }).click();
await place('tripoli').getByRole('button', { name: 'Edit' }).click();
await place('tripoli').scrollIntoViewIfNeeded();
await p.waitForTimeout(1500);
await shot(p, '2-places');

// A broken field: the message beside it.
await p.locator('[data-feature-form]').getByLabel(/^Source/).fill('');
await p.locator('[data-feature-form]').scrollIntoViewIfNeeded();
await p.waitForTimeout(800);
await shot(p, '3-validation');
await p.keyboard.press('Control+z');

// Draw the pipeline across the Black Sea.
await place('black-sea').getByRole('button', { name: 'Edit' }).click();
await p.getByRole('button', { name: 'Draw a line' }).click();
const map = p.locator('.edit-map');
const at = async (ll) => {
  const box = await map.boundingBox();
  const q = await map.evaluate((el, x) => el.editProbe.project(x), ll);
  return { x: box.x + q.x, y: box.y + q.y };
};
await p.waitForTimeout(800);
for (const ll of [[28.9, 41.6], [31.5, 42.6], [34.5, 43.9], [37.3, 44.9]]) {
  const q = await at(ll);
  await p.mouse.click(q.x, q.y);
  await p.waitForTimeout(200);
}
await p.keyboard.press('Enter');
const line = p.locator('[data-feature-form^="places:new-line"]');
await line.getByLabel('Name', { exact: true }).fill('TurkStream pipeline');
await line.getByLabel('Date').fill('8 Jan 2020');
const passage = await p.locator('[data-passage]', { hasText: 'inaugurated the TurkStream' }).getAttribute('data-passage');
await line.getByLabel(/^Passages/).fill(passage);
await line.getByLabel(/^Names in those passages/).fill('TurkStream pipelines');
await p.waitForTimeout(1500);
await shot(p, '4-draw-line');

await p.getByRole('tab', { name: 'Reader preview' }).click();
await p.waitForSelector('.reader [data-map-ready]', { timeout: 60_000 });
await p.waitForTimeout(1000);
await shot(p, '5-preview');

// Wide screens: the preview beside the editing map and the forms, no tab.
await p.setViewportSize({ width: 1440, height: 900 });
await p.waitForSelector('[data-layout="side-by-side"] .reader [data-map-ready]', { timeout: 60_000 });
await p.waitForTimeout(1500);
await shot(p, '5-side-by-side');
await p.setViewportSize({ width: 1280, height: 800 });

if (await p.getByRole('button', { name: 'Save…' }).count()) {
  await p.getByRole('button', { name: 'Save…' }).click();
  await p.locator('dialog details').first().locator('summary').click();
  await p.waitForTimeout(300);
  await shot(p, '6-save');
  await p.getByRole('button', { name: 'Cancel' }).click();
}

const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
await phone.goto(new URL('edit.html', base).href);
await shot(phone, '7-phone-start');
const list = phone.getByRole('button', { name: /Putin, Erdogan/ });
if (await list.count()) {
  await list.click();
  await phone.waitForSelector('[data-edit-map-ready]', { timeout: 60_000 });
  await phone.locator('[data-feature-ref="layers/istanbul.geojson#0"]').click().catch(() => {});
  await phone.waitForTimeout(1500);
  await shot(phone, '8-phone-story');
}
await browser.close();
