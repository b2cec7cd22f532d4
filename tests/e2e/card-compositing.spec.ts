// The map above the feature card is drawn. A scroller with an opaque background over the map's
// WebGL canvas: Chromium 156 compositing in software (its default on a machine without a GPU, as
// this one: no `--use-angle=swiftshader`) left the canvas undrawn above the card, showing the map
// box's water colour where the map had drawn Syria. FeatureCard's white is now around what scrolls
// (its `.scroll`). The project's other runs use ANGLE's SwiftShader, where it does not show: this
// file starts Chromium without it.
import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { drawnPixels, mapPixels, openStory, waitForMapIdle } from './helpers';

test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS.filter((a) => a !== '--use-angle=swiftshader') } });

test('phone: the map above a card that scrolls is drawn; the screen shows what the map drew', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  await openStory(page);
  await page.locator('.place', { hasText: 'rebel-stronghold region' }).first().click();
  const card = page.locator('.card');
  await expect(card.locator('h3')).toHaveText('Idlib Governorate');
  await waitForMapIdle(page);
  const scroll = card.locator('.scroll');
  expect(await scroll.evaluate((el) => el.scrollHeight - el.clientHeight), 'the card has more than it shows').toBeGreaterThan(20);
  // A row of points across the map above the card, clear of the buttons and the locator inset (right).
  const [m, c] = await Promise.all([page.locator('.map').boundingBox(), card.boundingBox()]);
  const y = c!.y - m!.y - 20;
  const at = [40, 90, 140, 190, 240].map((x) => ({ x, y }));
  const shown = (await mapPixels(page, at)).pixels;
  // What MapLibre drew there, the map at rest.
  const drawn = await drawnPixels(page, at);
  for (const [i, p] of at.entries()) {
    const diff = Math.max(...shown[i]!.map((v, k) => Math.abs(v - drawn[i]![k]!)));
    expect(diff, `at (${p.x}, ${Math.round(p.y)}): shown ${shown[i]}, drawn ${drawn[i]}`).toBeLessThanOrEqual(6);
  }
  await page.close();
});
