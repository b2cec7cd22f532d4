// Screenshot helper for looking at the app: node scripts/shot.mjs URL out.png [width] [height]
// (scripts/shots.mjs makes the documentation's whole set.)
import { launch } from './chromium.mjs';
const [url, out, w = '1280', h = '800'] = process.argv.slice(2);
const browser = await launch();
const page = await browser.newPage({ viewport: { width: +w, height: +h } });
page.on('console', (m) => console.log('console', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror', e.message));
page.on('request', (r) => { if (!r.url().startsWith('http://localhost') && !r.url().startsWith('http://127.0.0.1') && !r.url().startsWith('data:')) console.log('EXTERNAL', r.url()); });
await page.goto(url);
await page.waitForSelector('[data-map-ready]', { state: 'attached', timeout: 90000 }).catch(() => console.log('map not ready'));
if (process.env.CLICK) { await page.click(process.env.CLICK); await page.waitForTimeout(1500); }
await page.screenshot({ path: out });
await browser.close();
