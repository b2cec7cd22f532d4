// static/examples/strict-csp.html: a host page whose policy allows its own origin only (no inline
// script or style, no eval, no blob:, no data:), with an iframe embed and a <story-map> element.
import { expect, test } from '@playwright/test';
import { watch } from './helpers';
import { embed, instrument, STRICT, violations, waitForMap } from './embed-helpers';

test('under a strict Content-Security-Policy both embeds run and are used with zero violations', async ({ page }) => {
  await instrument(page);
  const seen = watch(page);
  const cspConsole: string[] = [];
  page.on('console', (m) => {
    if (/content security policy/i.test(m.text())) cspConsole.push(m.text());
  });
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));

  const response = await page.goto(STRICT);
  expect(response!.ok()).toBe(true);
  await waitForMap(page, 'csp-frame');
  await page.locator('#csp-element').scrollIntoViewIfNeeded();
  await waitForMap(page, 'csp-element');

  // Use both: the host's links drive them, a passage click, a zoom, labels in the bundled font.
  await page.locator('a[data-map="csp-frame"]').click();
  await expect(embed(page, 'csp-frame').root.locator('.card h3')).toHaveText('Tripoli');
  await page.locator('a[data-map="csp-element"]').click();
  await expect(embed(page, 'csp-element').root.locator('.card h3')).toHaveText('Istanbul');
  await embed(page, 'csp-element').root.locator('[data-passage="iraq-strikes"]').click({ position: { x: 150, y: 10 } });
  await expect(embed(page, 'csp-element').root.locator('[data-passage="iraq-strikes"]')).toHaveClass(/active/);
  await embed(page, 'csp-element').root.getByRole('button', { name: 'Zoom in' }).click();
  await page.waitForTimeout(1500);

  expect(await violations(page)).toEqual([]);
  expect(cspConsole).toEqual([]);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
  // MapLibre's worker is a same-origin file, not a blob: URL.
  expect(workers.length).toBeGreaterThan(0);
  for (const url of workers) expect(url).toMatch(new RegExp(`^http://localhost:\\d+/assets/maplibre-gl-worker-[\\w-]+\\.mjs`));

  // The policy is really in force, and the counter counts: an inline script is refused, and reported.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.inlineRan = true';
    document.body.append(s);
  });
  await expect.poll(() => violations(page)).toHaveLength(1);
  expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
});
