// The text a reader sees is set in the type scale (tests/unit/type-scale.test.ts holds the
// stylesheets to it; this, the page as drawn, where the browser's own and the map library's styles
// also count): six sizes, two weights. Each size, weight and style is a font strike the first
// layout must make before the first paint (docs/performance.md, "Six type sizes").
import { expect, type Page } from '@playwright/test';
import { test } from './reader';
import { waitForMapIdle } from './helpers';
import { TYPE_SCALE_REM, TYPE_WEIGHTS } from '../type-scale';

const SCALE_PX = TYPE_SCALE_REM.map((r) => r * 16);
const WEIGHTS = TYPE_WEIGHTS.map(String);

/** Every size, weight and style of the text drawn on the page, with an example of each. */
async function strikes(page: Page) {
  return page.evaluate(() => {
    const found = new Map<string, string>();
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const text = n.textContent?.trim();
      const el = n.parentElement;
      if (!text || !el || !el.getClientRects().length) continue;
      const c = getComputedStyle(el);
      if (c.visibility !== 'visible') continue;
      const key = `${c.fontSize} ${c.fontWeight} ${c.fontStyle}`;
      if (!found.has(key)) found.set(key, `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''}: ${text.slice(0, 30)}`);
    }
    return [...found].map(([key, example]) => ({ size: parseFloat(key), weight: key.split(' ')[1]!, style: key.split(' ')[2]!, example }));
  });
}

function offScale(found: Awaited<ReturnType<typeof strikes>>) {
  return found.filter((s) => !SCALE_PX.some((px) => Math.abs(px - s.size) < 0.01) || !WEIGHTS.includes(s.weight)).map((s) => `${s.size}px ${s.weight} ${s.style}: ${s.example}`);
}

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    test(`the prerendered page draws its text in the type scale, in at most 12 strikes (${viewport.width} px)`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto('./');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const found = await strikes(page);
      expect(offScale(found)).toEqual([]);
      // Headline, subheads, body, secondary, small and notes; bold, and the captions' italic.
      expect(found.length, found.map((s) => `${s.size} ${s.weight} ${s.style}`).join(', ')).toBeLessThanOrEqual(12);
      expect(found.some((s) => s.size === 25.6 && s.weight === '700')).toBe(true);
    });
  }
});

test('with the app live and a place selected, the text is still in the type scale', async ({ reader }) => {
  const page = await reader('./#f=libya:tripoli', { viewport: { width: 1280, height: 800 } });
  await waitForMapIdle(page);
  await expect(page.locator('.card h3')).toHaveText('Tripoli');
  const found = await strikes(page);
  expect(offScale(found)).toEqual([]);
  // The card's own text is among what was checked.
  expect(found.some((s) => s.example.includes('Tripoli'))).toBe(true);
});
