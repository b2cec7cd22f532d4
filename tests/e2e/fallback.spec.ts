// The map without WebGL: a static SVG map from the same GeoJSON, with the same layers, toggles,
// clickable and keyboard-reachable features and passage links, and a short plain notice.
import { chromium, expect, test, type Page } from '@playwright/test';
import { watch } from './helpers';
import { CHROMIUM_PATH } from '../../scripts/chromium.mjs';

/** Makes every WebGL context request fail the way the given browser would. */
function breakWebGL(page: Page, how: 'null' | 'creation-error' | 'throw') {
  return page.addInitScript((mode) => {
    const original = HTMLCanvasElement.prototype.getContext;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (HTMLCanvasElement.prototype as any).getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      if (!/webgl/i.test(type)) return (original as (...a: unknown[]) => unknown).call(this, type, ...rest);
      if (mode === 'throw') throw new Error('GPU process crashed');
      if (mode === 'creation-error') {
        const ev = new Event('webglcontextcreationerror') as Event & { statusMessage?: string };
        Object.defineProperty(ev, 'statusMessage', { value: 'Could not create a WebGL context, VENDOR = 0xffff' });
        this.dispatchEvent(ev);
      }
      return null;
    };
  }, how);
}

async function openFallback(page: Page) {
  await page.goto('./');
  await expect(page.locator('[data-fallback-ready]')).toBeAttached({ timeout: 30_000 });
}

const visibleFeatureCount = (page: Page) => page.locator('.fallback svg [data-key]').count();

for (const how of ['null', 'creation-error', 'throw'] as const) {
  test(`WebGL context creation fails (${how}): the SVG map and a plain notice, never a blank box or a raw error`, async ({ page }) => {
    const seen = watch(page);
    await breakWebGL(page, how);
    await openFallback(page);
    const notice = page.locator('.fallback .notice');
    await expect(notice).toContainText('Simplified map');
    await expect(notice).not.toContainText(/GPUInitializationError|wiki\.openstreetmap|statusMessage|crashed|\{/);
    await expect(page.locator('.map canvas')).toHaveCount(0);
    // The basemap and every feature of every layer are drawn.
    expect((await page.locator('.fallback path.land').getAttribute('d'))!.length).toBeGreaterThan(1000);
    expect(await visibleFeatureCount(page)).toBe(50);
    await expect(page.locator('.fallback pattern')).toHaveCount(3);
    // The article, the legend and the credits are all there.
    await expect(page.locator('[data-passage]')).toHaveCount(23);
    await expect(page.getByRole('checkbox', { name: 'Iran and Iraq' })).toBeChecked();
    await expect(page.locator('.attribution')).toContainText('Natural Earth');
    expect(seen.errors).toEqual([]);
    expect(seen.foreign).toEqual([]);
  });
}

test('clicking a fallback feature highlights its passage and shows its card; a passage frames its features', async ({ page }) => {
  const seen = watch(page);
  await breakWebGL(page, 'null');
  await openFallback(page);
  await page.locator('.fallback [data-key="iraq-bases:tehran"]').click();
  const passage = page.locator('[data-passage="khamenei"]');
  await expect(passage).toHaveClass(/active/);
  await expect(passage).toBeInViewport();
  await expect(page.locator('.card h3')).toHaveText('Tehran');
  await expect(page.locator('.fallback [data-key="iraq-bases:tehran"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.fallback .ring')).toHaveCount(1);
  // Clicking empty map clears (bottom left: the card sits bottom right, the legend top left).
  const box = (await page.locator('.fallback svg').boundingBox())!;
  await page.mouse.click(box.x + 30, box.y + box.height - 30);
  await expect(page.locator('.card')).toHaveCount(0);
  await expect(passage).not.toHaveClass(/active/);
  // A passage from the text: its features are highlighted and the view jumps to them (Libya fills the frame).
  const before = await page.locator('.fallback [data-key="libya:tripoli"] path').getAttribute('d');
  await page.locator('[data-passage="libya-war"] .pin').click();
  await expect(page.locator('.fallback .ring').first()).toBeAttached();
  const after = await page.locator('.fallback [data-key="libya:tripoli"] path').getAttribute('d');
  expect(after).not.toBe(before);
  await expect(page.locator('.fallback [data-key="iraq-bases:tehran"]')).toHaveCount(0);
  // Reset view brings everything back.
  await page.getByRole('button', { name: 'Reset view' }).click();
  await expect(page.locator('.fallback [data-key="iraq-bases:tehran"]')).toHaveCount(1);
  expect(seen.errors).toEqual([]);
});

test('fallback layers toggle like the map, and its features are keyboard reachable', async ({ page }) => {
  await breakWebGL(page, 'null');
  await openFallback(page);
  const iraq = page.locator('.fallback [data-key^="iraq-bases:"]');
  await expect(iraq).toHaveCount(5);
  await page.getByRole('checkbox', { name: 'Iran and Iraq' }).uncheck();
  await expect(iraq).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Iran and Iraq' }).check();
  await expect(iraq).toHaveCount(5);
  // One tab stop for the map's features; arrows move in reading order, Enter selects.
  await expect(page.locator('.fallback [data-key][tabindex="0"]')).toHaveCount(1);
  await page.locator('.fallback [data-key][tabindex="0"]').focus();
  await expect(page.locator('.fallback [data-key="libya:libya-boundary"]')).toBeFocused();
  await expect(page.locator('.fallback .focus-ring')).toHaveCount(2);
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.fallback [data-key="libya:benghazi"]')).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.locator('.fallback [data-key="turkstream:black-sea"]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('.card h3')).toHaveText('Black Sea');
  await expect(page.locator('[data-passage="turkstream"]')).toHaveClass(/active/);
  await page.keyboard.press('Escape');
  await expect(page.locator('.card')).toHaveCount(0);
});

test('Chromium started without WebGL at all shows the fallback, and a fallback click highlights the passage', async () => {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-software-rasterizer', '--disable-webgl', '--disable-webgl2', '--disable-3d-apis'],
  });
  try {
    const page = await browser.newPage({ baseURL: test.info().project.use.baseURL, viewport: { width: 1280, height: 800 } });
    const seen = watch(page);
    // Really no WebGL in this browser.
    await page.goto('./');
    expect(await page.evaluate(() => !!document.createElement('canvas').getContext('webgl2') || !!document.createElement('canvas').getContext('webgl'))).toBe(false);
    await expect(page.locator('[data-fallback-ready]')).toBeAttached({ timeout: 30_000 });
    await page.locator('.fallback [data-key="syria-idlib:damascus"]').click();
    await expect(page.locator('[data-passage="damascus-visit"]')).toHaveClass(/active/);
    await expect(page.locator('.card h3')).toHaveText('Damascus');
    expect(seen.errors).toEqual([]);
  } finally {
    await browser.close();
  }
});
