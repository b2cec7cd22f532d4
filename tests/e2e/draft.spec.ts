// A story drafted from the CGTN article's plain text (npm run draft's code, src/lib/draft) opens in
// the reader: its title, its passages, its places on the map, a marked name selecting its place.
// The drafted files are served as a story the build does not have (model.json refused, so the page
// reads story.json through the validator, as it does for any story without a build's model).
// Also: the build publishes the gazetteer at ./gazetteer.json for the editor.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { draftStory } from '../../src/lib/draft/index.ts';
import { loadGazetteer } from '../../scripts/draft/gazetteer-cache.ts';
import { openStory, watch } from './helpers';

const SEED = join(import.meta.dirname, '../fixtures/cgtn-sources/seed-article.txt');

test('a drafted story opens in the reader, its places linked to its passages', async ({ page }) => {
  const draft = draftStory(readFileSync(SEED, 'utf8'), await loadGazetteer(), { id: 'drafted' });
  // A story folder the server does not have: every file of it comes from the draft.
  const base = '**/stories/drafted/';
  await page.route(`${base}model.json`, (r) => r.fulfill({ status: 404, body: 'not found' }));
  for (const [name, body] of draft.files) await page.route(`${base}${name}`, (r) => r.fulfill({ body, contentType: name.endsWith('.md') ? 'text/markdown' : 'application/json' }));
  const seen = watch(page);
  const missing: string[] = [];
  page.on('response', (r) => void (r.status() === 404 && !/\/basemap\/tiles\//.test(r.url()) && missing.push(new URL(r.url()).pathname)));
  await openStory(page, './?story=drafted');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Putin, Erdogan urge restraint in Iran-U.S. tension and immediate ceasefire in Libya');
  await expect(page.locator('.notice')).toHaveCount(0);
  const tripoli = draft.places.find((p) => p.name === 'Tripoli')!;
  const passage = page.locator(`[data-passage="${tripoli.passages[0]}"]`);
  await expect(passage).toContainText('Tripoli');
  await passage.locator('.place', { hasText: 'Tripoli' }).first().click();
  await expect(page.locator('.card h3')).toHaveText('Tripoli');
  await expect(page.locator('.card')).toContainText('GeoNames (CC BY 4.0)');
  // The one file refused on purpose is the only one missing (the browser logs its 404).
  expect(missing).toEqual(['/stories/drafted/model.json']);
  expect(seen.errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('the build publishes the gazetteer at ./gazetteer.json', async ({ request }) => {
  const res = await request.get('./gazetteer.json');
  expect(res.status()).toBe(200);
  const json = await res.json();
  expect(json).toMatchObject({ format: 'story-map-gazetteer', version: 2 });
  expect(json.cities.length).toBeGreaterThan(30000);
  expect(json.regions.length).toBeGreaterThan(4000);
});
