// The story editor (edit.html) in the static build: open a folder, live validation beside the
// field, undo, the zip download, drafting from an article through to a story that validates, and
// the accessibility bar of the reader view.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { watch } from './helpers';
import { buildModel } from '../../src/lib/story/model';
import type { EditMapElement } from '../../src/lib/editor/EditMap.svelte';

const CGTN = 'geodata/cgtn-2020-01-09';

async function openFolder(page: Page, dir = CGTN) {
  await page.goto('./edit.html');
  await page.locator('[data-open-folder]').setInputFiles(dir);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Story editor:');
  await expect(page.locator('[data-edit-map-ready]')).toBeAttached({ timeout: 45_000 });
}

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  expect(result.passes.map((r) => r.id)).toEqual(expect.arrayContaining(['color-contrast', 'button-name', 'label']));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
}

async function downloadZip(page: Page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download zip' }).click()]);
  const entries = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
  return { name: download.suggestedFilename(), files: new Map(Object.entries(entries).map(([k, v]) => [k, strFromU8(v)])) };
}

/** The texts buildModel takes, from a zip's files under <id>/. */
function textsOf(files: Map<string, string>, id: string) {
  const get = (p: string) => files.get(`${id}/${p}`);
  const story = JSON.parse(get('story.json')!) as { article?: string; layers: { file: string }[] };
  return { story: get('story.json')!, article: get(story.article ?? 'article.md') ?? new Error('missing'), layers: Object.fromEntries(story.layers.map((l) => [l.file, get(l.file) ?? new Error('missing')])) };
}

test('live validation beside the field; undo and redo; the zip holds the edited folder', async ({ page }) => {
  const seen = watch(page);
  await openFolder(page);
  const title = page.getByLabel('Title', { exact: true });
  const original = await title.inputValue();
  await title.fill('');
  const message = page.locator('[data-problems-for="title"]');
  await expect(message).toContainText('"title" is empty');
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('[data-problem-count]')).toContainText('1 error');
  await title.fill('A new headline');
  await expect(message).toHaveCount(0);
  await expect(page.locator('[data-problem-count]')).toContainText('No errors');
  // Ctrl+Z undoes the whole typing run in the field (one step), then the emptying; redo brings it back.
  await page.keyboard.press('Control+z');
  await expect(title).toHaveValue(original);
  await page.keyboard.press('Control+Shift+z');
  await expect(title).toHaveValue('A new headline');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(title).toHaveValue(original);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(title).toHaveValue('A new headline');

  // A feature's field: remove its source; the message is beside that field.
  await page.locator('details.layer summary', { hasText: 'Iran and Iraq' }).click();
  await page.locator('[data-feature-ref="layers/iraq-bases.geojson#0"]').click();
  const source = page.locator('[data-feature-form]').getByLabel(/^Source/);
  await source.fill('');
  await expect(page.locator('[data-problems-for="source"]')).toContainText('no "source"');
  await source.fill('GeoNames (CC BY 4.0)');
  await expect(page.locator('[data-problems-for="source"]')).toHaveCount(0);

  const zip = await downloadZip(page);
  expect(zip.name).toBe('cgtn-2020-01-09.zip');
  expect([...zip.files.keys()].sort()).toEqual(expect.arrayContaining(['cgtn-2020-01-09/story.json', 'cgtn-2020-01-09/article.md', 'cgtn-2020-01-09/layers/libya.geojson']));
  expect(JSON.parse(zip.files.get('cgtn-2020-01-09/story.json')!).title).toBe('A new headline');
  // Files nothing changed are byte for byte as they were.
  expect(zip.files.get('cgtn-2020-01-09/article.md')).toBe(readFileSync(`${CGTN}/article.md`, 'utf8'));
  const model = buildModel(textsOf(zip.files, 'cgtn-2020-01-09'));
  expect(model.problems.filter((p) => p.severity === 'error')).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('axe: no serious or critical violation in the editor, with a feature open and in the preview', async ({ page }) => {
  await openFolder(page);
  await page.locator('details.layer summary', { hasText: 'Iran and Iraq' }).click();
  await page.locator('[data-feature-ref="layers/iraq-bases.geojson#0"]').click();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('tab', { name: 'Reader preview' }).click();
  await expect(page.locator('.reader [data-map-ready]')).toBeAttached({ timeout: 45_000 });
  expect(await seriousViolations(page)).toEqual([]);
});
