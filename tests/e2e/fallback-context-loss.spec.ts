// WebGL context lost and restored (WEBGL_lose_context): the map redraws with its selection, layers
// and hatching; a loss before the style has loaded is handled too; a context that never comes back
// gives way to the SVG map. No uncaught error in any case.
import { expect, test, type Page } from '@playwright/test';
import { fastForwardUntil, featureState, mapPixels, openStory, pointOf, renderedCount, waitForMapIdle, watch } from './helpers';

const TEHRAN: [number, number] = [51.42151, 35.69439];

type Lose = { loseContext(): void; restoreContext(): void };

function loseContext(page: Page) {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('.map canvas')!;
    const ext = canvas.getContext('webgl2')!.getExtension('WEBGL_lose_context')!;
    (window as unknown as { __lose: Lose }).__lose = ext;
    ext.loseContext();
  });
}
const restoreContext = (page: Page) => page.evaluate(() => (window as unknown as { __lose: Lose }).__lose.restoreContext());

test('context lost and restored: the map redraws with the selection made before and during the loss', async ({ page }) => {
  const seen = watch(page);
  await openStory(page);
  // One base, framed close: Tehran (also among the strikes passage's places) is off screen.
  await page.locator('.places button[data-key="iraq-bases:al-asad-airbase"]').click();
  await expect.poll(() => featureState(page, 'iraq-bases:al-asad-airbase')).toMatchObject({ selected: true });

  await waitForMapIdle(page);
  const atLoss = await pointOf(page, TEHRAN);
  const frame = (await page.locator('.map').boundingBox())!;
  expect(atLoss.x > frame.x + frame.width || atLoss.y < frame.y || atLoss.y > frame.y + frame.height).toBe(true);
  await loseContext(page);
  await expect(page.locator('[data-map-ready]')).toHaveCount(0);
  // The reader keeps reading and picking things while the map is gone: nothing breaks.
  await page.locator('.places button[data-key="iraq-bases:tehran"]').click();
  await expect(page.locator('.card h3')).toHaveText('Tehran');
  await page.getByRole('checkbox', { name: 'Libya' }).uncheck();

  await restoreContext(page);
  await expect(page.locator('[data-map-ready]')).toBeAttached({ timeout: 30_000 });
  await expect.poll(() => featureState(page, 'iraq-bases:tehran')).toMatchObject({ selected: true });
  expect(await featureState(page, 'iraq-bases:al-asad-airbase')).not.toMatchObject({ selected: true });
  // The map frames what was picked while it was gone: Tehran, off screen when the context went, now in view.
  await waitForMapIdle(page);
  const box = (await page.locator('.map').boundingBox())!;
  const tehran = await pointOf(page, TEHRAN);
  expect(tehran.x).toBeGreaterThan(box.x);
  expect(tehran.x).toBeLessThan(box.x + box.width);
  expect(tehran.y).toBeGreaterThan(box.y);
  expect(tehran.y).toBeLessThan(box.y + box.height);
  await expect.poll(() => renderedCount(page, 'iraq-bases')).toBeGreaterThan(0);
  expect(await renderedCount(page, 'libya')).toBe(0);
  expect((await mapPixels(page)).colours).toBeGreaterThan(15);
  // Still interactive: showing Libya again draws it.
  await page.getByRole('checkbox', { name: 'Libya' }).check();
  await page.getByRole('button', { name: 'Reset view' }).click();
  await expect.poll(() => renderedCount(page, 'libya')).toBeGreaterThan(0);
  expect(seen.errors).toEqual([]);
});

test('context lost before the style has loaded: the map still comes up complete', async ({ page }) => {
  const seen = watch(page);
  await page.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    let done = false;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (HTMLCanvasElement.prototype as any).getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      const ctx = (original as (...a: unknown[]) => unknown).call(this, type, ...rest) as WebGL2RenderingContext | null;
      if (type === 'webgl2' && ctx && !done) {
        done = true;
        const ext = ctx.getExtension('WEBGL_lose_context')!;
        // Right after MapLibre gets its context, before its style can have loaded.
        queueMicrotask(() => {
          ext.loseContext();
          (window as unknown as { __lostEarly: boolean }).__lostEarly = true;
          setTimeout(() => ext.restoreContext(), 400);
        });
      }
      return ctx;
    };
  });
  await openStory(page);
  expect(await page.evaluate(() => (window as unknown as { __lostEarly?: boolean }).__lostEarly)).toBe(true);
  for (const id of ['libya', 'syria-idlib', 'iraq-bases', 'istanbul', 'turkstream']) await expect.poll(() => renderedCount(page, id), { message: id }).toBeGreaterThan(0);
  expect((await mapPixels(page)).colours).toBeGreaterThan(40);
  await page.locator('[data-passage="khamenei"] .pin').click();
  await expect.poll(() => featureState(page, 'iraq-bases:tehran')).toMatchObject({ selected: true });
  expect(seen.errors).toEqual([]);
});

test('a context that never comes back gives way to the SVG map, with the selection kept', async ({ page }) => {
  const seen = watch(page);
  // The page's clock is the test's: the 10 s the map waits for its context (src/lib/map/context-loss.ts)
  // pass in a few fast-forwards instead of in real time.
  await page.clock.install();
  await openStory(page);
  await page.locator('[data-passage="khamenei"] .pin').click();
  await loseContext(page);
  await expect(page.locator('[data-map-ready]')).toHaveCount(0);
  await fastForwardUntil(page, () => page.locator('[data-fallback-ready]').count(), 1, 3_000);
  await expect(page.locator('.fallback .notice')).toContainText('stopped working');
  // The passage picked before the loss is still highlighted, on the new map and in the text.
  await expect(page.locator('.fallback [data-key="iraq-bases:tehran"]')).toHaveClass(/selected/);
  await expect(page.locator('[data-passage="khamenei"]')).toHaveClass(/active/);
  expect(seen.errors).toEqual([]);
});
