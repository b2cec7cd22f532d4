// Hostile or careless story files (docs/security.md): each case in tests/fixtures/validator/security
// is also checked by the fixture loop (validator-fixtures.test.ts) for its exact messages; here,
// what the model, the page's loader, the snapshot reader and the command line do with it.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseArticle } from '../../src/lib/story/article';
import { emphasisDepth } from '../../src/lib/story/article-depth';
import { isReservedKey, TEXT_LIMITS, truncate } from '../../src/lib/story/keys';
import { loadStory } from '../../src/lib/story/load';
import { publishedFiles, readStoryFolder, validateFolder } from '../../src/lib/story/read-folder';
import { fromSnapshot, toSnapshot } from '../../src/lib/story/snapshot';
import { checkFilePath, storyPath } from '../../src/lib/story/validate/story-file';
import { stateTargets, withStateIds } from '../../src/lib/map/feature-state-ids';
import { formatJson, formatReport, validatePath } from '../../scripts/validate';

const ROOT = join(import.meta.dirname, '../..');
const CASES = join(ROOT, 'tests/fixtures/validator/security/in');
const at = (name: string) => join(CASES, name);
const codes = (dir: string) => validateFolder(dir).map((p) => p.code);

describe('names JavaScript reserves never become keys', () => {
  it('refuses them as feature, layer and passage ids and category values, and ignores such columns and properties', () => {
    const c = codes(at('reserved-keys'));
    expect(c.filter((x) => x === 'id-reserved')).toHaveLength(7);
    expect(c.filter((x) => x === 'key-reserved')).toHaveLength(6);
    expect(isReservedKey('__proto__') && isReservedKey('constructor') && isReservedKey('hasOwnProperty')).toBe(true);
    expect(isReservedKey('proto') || isReservedKey('Constructor')).toBe(false);
  });

  it('a "hasOwnProperty" column leaves its layer working, and nothing reaches Object.prototype', () => {
    const model = readStoryFolder(at('reserved-keys'));
    const byId = new Map(model.layers.map((l) => [l.spec.id, l]));
    // Good layers are shown: the places, and the JSON rows whose extra fields were ignored.
    expect(byId.get('places')?.error).toBeUndefined();
    expect(byId.get('rows')?.error).toBeUndefined();
    expect(byId.get('rows')?.features.map((f) => f.name)).toEqual(['Ismailia']);
    // Layers with a reserved id, property, category value or feature id are left out, with a reason.
    // (The layer whose id is "constructor" is known by its place in the list: its id is never a key.)
    for (const id of ['layers[1]', 'zones', 'kinds', 'protos', 'towns']) expect(byId.get(id)?.error, id).toMatch(/\S/);
    for (const l of model.layers) expect(isReservedKey(l.spec.id), l.spec.id).toBe(false);
    for (const f of model.features.values()) expect(isReservedKey(f.id), f.key).toBe(false);
    expect(model.passages.map((p) => p.id)).not.toContain('hasOwnProperty');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });

  it('a "__proto__" key in story.json "features" is reported, not silently dropped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'story-proto-'));
    cpSync(at('language'), dir, { recursive: true });
    const story = readFileSync(join(dir, 'story.json'), 'utf8').replace('"features": {', '"features": {\n    "__proto__": { "places:port-said": { "passages": ["south"] } },');
    writeFileSync(join(dir, 'story.json'), story);
    expect(codes(dir)).toContain('key-reserved');
    expect(readStoryFolder(dir).passagesByFeature.get('places:port-said')).toEqual(['north']);
  });
});

describe('MapLibre never sees a story id', () => {
  it('knows each feature by its index in its layer', () => {
    const model = readStoryFolder(join(ROOT, 'geodata/suez-2021-04-02'));
    const targets = stateTargets(model.layers);
    expect(targets.size).toBe(model.features.size);
    for (const l of model.layers) {
      const data = withStateIds(l.data);
      data.features.forEach((f, i) => {
        expect(f.id).toBe(i);
        expect(targets.get(f.properties!.key as string)).toEqual({ layerId: l.spec.id, id: i });
      });
    }
  });

  it('maps even a forged "__proto__" id to a number', () => {
    const model = readStoryFolder(join(ROOT, 'geodata/suez-2021-04-02'));
    const layer = model.layers[0]!;
    const forged = { ...layer, data: { ...layer.data, features: [{ type: 'Feature' as const, id: '__proto__', properties: { key: `${layer.spec.id}:__proto__`, id: '__proto__' }, geometry: { type: 'Point' as const, coordinates: [0, 0] } }] } };
    expect(stateTargets([forged]).get(`${layer.spec.id}:__proto__`)).toEqual({ layerId: layer.spec.id, id: 0 });
    expect(withStateIds(forged.data).features[0]!.id).toBe(0);
  });
});

describe('paths are checked after decoding, the same way in the validator and the page', () => {
  it('refuses %-escapes that decode to "..", and any other escape, query or fragment', () => {
    for (const bad of ['layers/%2E%2E/%2E%2E/other/layers/x.geojson', 'layers/%252e%252e/x.geojson', '%2e%2e/x.geojson', 'layers/a%20b.geojson', 'layers/x.geojson?raw', 'layers/x.geojson#a', 'layers/../x.geojson', '/etc/x.geojson', 'C:\\x.geojson', 'https://a.example/x.geojson', 'layers/\u0000x.geojson']) {
      expect(checkFilePath(bad, ['.geojson']), bad).not.toBeNull();
      expect(storyPath(bad), bad).toBeNull();
    }
    expect(storyPath('./layers//places.geojson')).toBe('layers/places.geojson');
    expect(checkFilePath('./layers//places.geojson', ['.geojson'])).toBeNull();
  });

  describe('the page, loading a story from its files', () => {
    afterEach(() => vi.unstubAllGlobals());

    it('never fetches outside the story folder, and fetches paths as normalised', async () => {
      const dir = at('encoded-paths');
      const asked: string[] = [];
      vi.stubGlobal('fetch', async (url: string) => {
        asked.push(url);
        const rel = url.replace('https://news.example/stories/encoded-paths/', '');
        const path = storyPath(rel);
        if (rel !== path) return new Response('no', { status: 404 });
        try {
          return new Response(readFileSync(join(dir, path), 'utf8'), { status: 200, headers: { 'content-type': 'application/json' } });
        } catch {
          return new Response('no', { status: 404 });
        }
      });
      const model = await loadStory('https://news.example/stories/encoded-paths/');
      for (const url of asked) {
        expect(url).toMatch(/^https:\/\/news\.example\/stories\/encoded-paths\/[^%?#]+$/);
        expect(new URL(url).pathname.startsWith('/stories/encoded-paths/')).toBe(true);
      }
      expect(asked.sort()).toEqual(['https://news.example/stories/encoded-paths/layers/places.geojson', 'https://news.example/stories/encoded-paths/story.json']);
      const shown = model.layers.filter((l) => !l.error).map((l) => l.spec.id);
      expect(shown).toEqual(['places', 'plain']);
    });
  });
});

describe('symbolic links', () => {
  const story = () => {
    const dir = mkdtempSync(join(tmpdir(), 'story-links-'));
    const folder = join(dir, 'story');
    cpSync(at('language'), folder, { recursive: true });
    writeFileSync(join(dir, 'secret.geojson'), readFileSync(join(folder, 'layers/places.geojson')));
    writeFileSync(join(folder, '.env'), 'TOKEN=secret\n');
    mkdirSync(join(folder, '.git'));
    writeFileSync(join(folder, '.git/config'), '[remote]\n');
    mkdirSync(join(folder, 'drafts'));
    writeFileSync(join(folder, 'drafts/unpublished.md'), 'Not yet.\n');
    symlinkSync('.', join(folder, 'loop'));
    symlinkSync(join(dir, 'secret.geojson'), join(folder, 'layers/outside.geojson'));
    const s = JSON.parse(readFileSync(join(folder, 'story.json'), 'utf8'));
    s.language = 'en';
    s.layers.push({ id: 'outside', name: 'Outside', file: 'layers/outside.geojson', color: '#993366' }, { id: 'looped', name: 'Looped', file: 'loop/loop/layers/places.geojson', color: '#993366' });
    writeFileSync(join(folder, 'story.json'), JSON.stringify(s));
    return folder;
  };

  it('are never read: one that leaves the folder, and a loop, are errors for their layer only', () => {
    const folder = story();
    const problems = validateFolder(folder);
    expect(problems.filter((p) => p.code === 'file-symlink').map((p) => p.file).sort()).toEqual(['layers/outside.geojson', 'loop/loop/layers/places.geojson']);
    const model = readStoryFolder(folder);
    expect(model.layers.map((l) => [l.spec.id, !!l.error])).toEqual([['places', false], ['outside', true], ['looped', true]]);
  });

  it('a build publishes story.json and the files it names, nothing else', () => {
    expect(publishedFiles(story()).sort()).toEqual(['article.md', 'layers/places.geojson', 'story.json']);
  });
});

describe('one careless line does not blank the story', () => {
  it('an invalid language tag falls back to "und", which Intl accepts', () => {
    const model = readStoryFolder(at('language'));
    expect(model.story.language).toBe('und');
    expect(() => new Date('2021-03-29T12:00:00Z').toLocaleDateString(model.story.language)).not.toThrow();
    expect(() => new Intl.Collator(model.story.language)).not.toThrow();
  });

  it('repeated layers, category values and passage ids appear once; links go to the first', () => {
    const model = readStoryFolder(at('duplicates'));
    // The layer pasted twice is listed as not shown, under a key of its own.
    expect(model.layers.map((l) => [l.spec.id, !!l.error])).toEqual([['places', false], ['zones', false], ['layers[2]', true]]);
    expect(model.layers[1]!.spec.categories!.values.map((v) => v.label)).toEqual(['A']);
    const ids = model.blocks.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(model.passageById.get('north')!.text).toMatch(/^Ships queued/);
    expect(model.featuresByPassage.get('north')).toEqual(['places:port-said']);
  });

  it('deep Markdown is flattened before parsing, with a message', () => {
    const problems = validateFolder(at('deep-markdown'));
    expect(problems.filter((p) => p.code === 'article-too-deep').map((p) => p.line).sort((a, b) => a! - b!)).toEqual([5, 7, 25]);
    const model = readStoryFolder(at('deep-markdown'));
    expect(model.passages.some((p) => p.text.includes('A quote two thousand levels deep.'))).toBe(true);
    // Emphasis 20 deep is refused; ordinary emphasis and snake_case words are not.
    expect(emphasisDepth(`${'*a '.repeat(20)}x${' a*'.repeat(20)}`)).toBe(20);
    expect(emphasisDepth('Some *italic*, **bold**, _this_ and a snake_case_word.')).toBe(1);
    expect(parseArticle('Some *italic* and a snake_case_word.').problems).toEqual([]);
  });

  it('texts are shortened to their limits', () => {
    const model = readStoryFolder(at('long-texts'));
    const f = model.features.get('places:port-said')!;
    expect(f.name).toHaveLength(TEXT_LIMITS.name);
    expect(f.name.endsWith('…')).toBe(true);
    expect(model.layers[0]!.data.features[0]!.properties!.name).toBe(f.name);
    expect(f.aliases.every((a) => a.length <= TEXT_LIMITS.name)).toBe(true);
    expect(model.layers[0]!.spec.name).toHaveLength(TEXT_LIMITS.name);
    expect(model.story.title).toHaveLength(TEXT_LIMITS.line);
    expect(truncate('ab\u{1F600}cd', 4)).toBe('ab…');
  });
});

describe('model.json is held to the same rules', () => {
  const snap = () => JSON.parse(JSON.stringify(toSnapshot(readStoryFolder(at('duplicates')), {})));
  it('reads back when it keeps them, and is refused when forged to break them', () => {
    expect(fromSnapshot(snap())).not.toBeNull();
    const forged = (change: (s: ReturnType<typeof snap>) => void) => {
      const s = snap();
      change(s);
      return fromSnapshot(s);
    };
    expect(forged((s) => (s.story.language = 'not a language!'))).toBeNull();
    expect(forged((s) => s.layers.push(s.layers[0]))).toBeNull();
    expect(forged((s) => s.blocks.push(s.blocks[0]))).toBeNull();
    expect(forged((s) => s.layers[1].spec.categories.values.push(s.layers[1].spec.categories.values[0]))).toBeNull();
    expect(forged((s) => (s.layers[0].features[0].id = '__proto__'))).toBeNull();
    expect(forged((s) => (s.layers[0].features[0].name = 'x'.repeat(200_000)))).toBeNull();
    expect(forged((s) => (s.layers[0].data.features[0].properties.name = 'x'.repeat(200_000)))).toBeNull();
  });
});

describe('nothing from a story reaches the terminal as a control character', () => {
  // Escape sequences the fixture holds: erase line, cursor up, window title, clipboard (OSC 52), CSI (C1), CR/LF.
  const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/;
  it('the report escapes them; only its own colours remain', () => {
    const report = validatePath(at('terminal-escapes'));
    expect(JSON.stringify(report.problems)).toMatch(/\\u001b\[2K/);
    const plain = formatReport(report, false);
    expect(plain).not.toMatch(RAW);
    expect(plain).toContain('Gone\\r\\n✔ fixture: no errors.\\u009b2J\\u001b[2K');
    const colour = formatReport(report, true);
    expect(colour.replace(/\u001b\[\d+m/g, '')).not.toMatch(RAW);
    // No line of the output is the fake summary.
    // The layer's name is in the message and in the "On load" line, each on a line of its own text.
    expect(plain.split('\n').filter((l) => /^\s*✔/.test(l))).toEqual([]);
    expect(plain.split('\n').filter((l) => l.includes('no errors')).every((l) => l.includes('Gone\\r\\n✔ fixture: no errors.'))).toBe(true);
    expect(plain.split('\n').at(-1)).toMatch(/^✖ .*: 2 errors, 1 warning\.$/);
  });

  it('--json keeps them escaped, and reads back to the same values', () => {
    const report = validatePath(at('terminal-escapes'));
    const json = formatJson(report);
    expect(json).not.toMatch(RAW);
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('the command line prints no raw control character', { timeout: 90_000 }, () => {
    const run = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'scripts/validate.ts'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    for (const out of [run('tests/fixtures/validator/security/in/terminal-escapes'), run('tests/fixtures/validator/security/in/terminal-escapes', '--json')]) {
      expect(out.status).toBe(1);
      expect(out.stdout).toMatch(/Gone/);
      expect(out.stdout.replace(/\n/g, '')).not.toMatch(RAW);
    }
  });
});
