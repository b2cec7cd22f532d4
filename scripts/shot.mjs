// Screenshot helper for looking at the app: node scripts/shot.mjs URL out.png [width] [height]
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.mjs';
const [url, out, w = '1280', h = '800'] = process.argv.slice(2);
const browser = await chromium.launch(chromiumLaunchOptions());
const page = await browser.newPage({ viewport: { width: +w, height: +h } });
page.on('console', (m) => console.log('console', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror', e.message));
page.on('request', (r) => { if (!r.url().startsWith('http://localhost') && !r.url().startsWith('http://127.0.0.1') && !r.url().startsWith('data:')) console.log('EXTERNAL', r.url()); });
await page.goto(url);
await page.waitForSelector('[data-map-ready]', { timeout: 30000 }).catch(() => console.log('map not ready'));
if (process.env.CLICK) {
  await page.click(process.env.CLICK);
  // Until the map is at rest (its probe's idle: after any flight, every tile drawn), not a pause.
  await page.locator('.map').evaluate((el) => el.storyMapProbe?.idle()).catch(() => console.log('map not idle'));
}
await page.screenshot({ path: out });
await browser.close();
