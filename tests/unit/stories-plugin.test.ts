// What a build publishes (docs/security.md): for each story, story.json, the files it names and the
// model.json made from them, and nothing else in the folder; no symbolic link is followed, and one
// story that cannot be read stops no other story's build. Built for real, with the app's plugins,
// around a tiny page (tests/fixtures/vite-preload).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';
import { modelPlugin } from '../../scripts/model-plugin';
import { storiesPlugin } from '../../scripts/stories-plugin';
import { DEFAULT_STORY, resolveStoryConfig } from '../../scripts/story-config';

const FIXTURES = join(import.meta.dirname, '../fixtures');

function geodata() {
  const root = mkdtempSync(join(tmpdir(), 'story-build-'));
  const geo = join(root, 'geodata');
  mkdirSync(join(geo, 'basemap'), { recursive: true });
  writeFileSync(join(geo, 'basemap/marine-labels.json'), '{}');
  writeFileSync(join(root, 'secret.txt'), 'TOKEN=secret\n');
  symlinkSync(join(root, 'secret.txt'), join(geo, 'basemap/leak.json'));
  // A story with everything an editor's folder may hold besides the story.
  const story = join(geo, 'harbour');
  cpSync(join(FIXTURES, 'validator/story/in/valid'), story, { recursive: true });
  writeFileSync(join(story, '.env'), 'TOKEN=secret\n');
  mkdirSync(join(story, '.git'));
  writeFileSync(join(story, '.git/config'), '[remote "origin"]\n');
  mkdirSync(join(story, 'drafts'));
  writeFileSync(join(story, 'drafts/unpublished.md'), 'Not yet.\n');
  writeFileSync(join(story, 'model.json'), '{"forged": true}');
  symlinkSync('.', join(story, 'loop'));
  symlinkSync(join(root, 'secret.txt'), join(story, 'layers/outside.geojson'));
  const s = JSON.parse(readFileSync(join(story, 'story.json'), 'utf8'));
  s.layers.push({ id: 'outside', name: 'Outside', file: 'layers/outside.geojson', color: '#555555' });
  writeFileSync(join(story, 'story.json'), JSON.stringify(s));
  // A story folder whose only content is a loop: its build says why, the others go on.
  mkdirSync(join(geo, 'looped'));
  writeFileSync(join(geo, 'looped/story.json'), '{ "broken": ');
  symlinkSync('.', join(geo, 'looped/loop'));
  return geo;
}

describe('what a build publishes', { timeout: 120_000 }, () => {
  it('only story.json, the files it names and the model made from them; no link followed', async () => {
    const cfg = resolveStoryConfig({ geodata: geodata() });
    expect([...cfg.stories.keys()]).toEqual(['harbour', 'looped']);
    expect(cfg.defaultStory).toBe(DEFAULT_STORY);
    const warnings: string[] = [];
    const out = (await build({
      root: join(FIXTURES, 'vite-preload'),
      configFile: false,
      logLevel: 'silent',
      customLogger: { info() {}, warn: (m: string) => warnings.push(m), warnOnce() {}, error() {}, clearScreen() {}, hasErrorLogged: () => false, hasWarned: false },
      plugins: [storiesPlugin(cfg), modelPlugin(cfg)],
      build: { write: false, rolldownOptions: { input: join(FIXTURES, 'vite-preload/main.js') } },
    })) as Rolldown.RolldownOutput;
    const files = out.output.filter((o) => o.type === 'asset').map((o) => o.fileName).filter((f) => /^(stories|basemap)\//.test(f)).sort();
    expect(files).toEqual(['basemap/marine-labels.json', 'stories/harbour/article.md', 'stories/harbour/layers/places.geojson', 'stories/harbour/layers/towns.csv', 'stories/harbour/model.json', 'stories/harbour/story.json', 'stories/looped/story.json']);
    const asset = (name: string) => String((out.output.find((o) => o.fileName === name) as Rolldown.OutputAsset).source);
    // The model is the one made from the files, not the one lying in the folder.
    expect(JSON.parse(asset('stories/harbour/model.json')).format).toBe('story-map/model@2');
    for (const o of out.output) if (o.type === 'asset') expect(String(o.source)).not.toContain('TOKEN=secret');
    expect(warnings.join('\n')).toMatch(/model\.json for stories\/looped: not made/);
  });

  it('the default story comes from STORY (set from --story by vite-story.mjs), read once', () => {
    const geo = geodata();
    const cfg = resolveStoryConfig({ geodata: geo, story: join(geo, 'harbour') });
    expect(cfg.defaultStory).toBe('harbour');
    expect(() => resolveStoryConfig({ geodata: geo, story: join(geo, 'basemap') })).toThrow(/no story\.json in that folder/);
  });
});
