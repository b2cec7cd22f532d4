// The story format's one source of truth and its documentation stay in step: the committed JSON
// Schema is what the zod definition generates, docs/story-format.md names every field and every
// problem code, its complete example validates, and the command line behaves as documented.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStoryFolder, validateFolder } from '../../src/lib/story/read-folder';
import { describe as sentence } from '../../src/lib/story/problems';
import { SCHEMA_FILE, schemaText } from '../../scripts/build-schema';

const ROOT = join(import.meta.dirname, '../..');
const DOC = readFileSync(join(ROOT, 'docs/story-format.md'), 'utf8');

describe('the JSON Schema', () => {
  it('is the one generated from the zod definition (run `npm run schema` after changing schema.ts)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(schemaText());
  });

  it('is documented field by field', () => {
    const schema = JSON.parse(schemaText());
    const names = new Set<string>();
    const walk = (o: Record<string, unknown>) => {
      for (const [k, v] of Object.entries((o.properties as Record<string, Record<string, unknown>>) ?? {})) {
        names.add(k);
        walk(v);
        if (v.items) walk(v.items as Record<string, unknown>);
        if (v.additionalProperties) walk(v.additionalProperties as Record<string, unknown>);
      }
    };
    walk(schema);
    expect(names.size).toBeGreaterThan(30);
    for (const n of names) expect(DOC, n).toContain(`\`${n}\``);
  });
});

describe('the problem codes', () => {
  it('are all documented, both those the fixtures show and those in the code', () => {
    const codes = new Set<string>();
    const collect = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) collect(p);
        else if (/\/out\/[^/]+\.json$/.test(p)) for (const prob of JSON.parse(readFileSync(p, 'utf8'))) codes.add(prob.code);
        else if (/\.ts$/.test(p)) for (const m of readFileSync(p, 'utf8').matchAll(/code: '([a-z0-9-]+)'/g)) codes.add(m[1]!);
      }
    };
    collect(join(ROOT, 'tests/fixtures/validator'));
    collect(join(ROOT, 'src/lib/story'));
    for (const m of readFileSync(join(ROOT, 'scripts/validate.ts'), 'utf8').matchAll(/code: '([a-z0-9-]+)'/g)) codes.add(m[1]!);
    codes.delete('usage');
    expect(codes.size).toBeGreaterThan(60);
    for (const c of codes) expect(DOC, c).toMatch(new RegExp(`\\| \`${c}\` \\|`));
  });
});

describe('the documented example', () => {
  it('validates with no problem, and links both ways', () => {
    const dir = mkdtempSync(join(tmpdir(), 'story-doc-'));
    // Each "`geodata/three-ports/<file>`:" heading is followed by a fenced block with the file.
    for (const m of DOC.matchAll(/`geodata\/three-ports\/([^`]+)`:\n\n```[a-z]*\n([\s\S]*?)```/g)) {
      const file = join(dir, m[1]!);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, m[2]!);
    }
    expect(readdirSync(dir).sort()).toEqual(['article.md', 'layers', 'story.json']);
    expect(validateFolder(dir).map(sentence)).toEqual([]);
    const model = readStoryFolder(dir);
    expect(model.featuresByPassage.get('waiting')).toEqual(['canal:bitter-lake', 'ports:port-said', 'ports:suez']);
    expect(model.features.get('ports:port-said')?.kind).toBe('point');
  });
});

describe('the real stories', () => {
  for (const name of ['cgtn-2020-01-09', 'suez-2021-04-02']) {
    it(`${name} validates with no error and no warning`, () => {
      expect(validateFolder(join(ROOT, 'geodata', name)).map(sentence)).toEqual([]);
    });
  }

  it('the Suez story has points from a CSV table, a route and areas, each with its provenance', () => {
    const model = readStoryFolder(join(ROOT, 'geodata/suez-2021-04-02'));
    const kinds = new Set([...model.features.values()].map((f) => f.kind));
    expect([...kinds].sort()).toEqual(['area', 'line', 'point']);
    expect(model.layers.find((l) => l.spec.id === 'places')?.spec.file).toMatch(/\.csv$/);
    for (const f of model.features.values()) {
      expect(f.source, f.key).toMatch(/\S/);
      // A feature shown for context needs no date (docs/story-format.md); the story's subject does.
      if (!f.context) expect(f.date, f.key).toMatch(/\S/);
      if (!f.context) expect(model.passagesByFeature.get(f.key)?.length, f.key).toBeGreaterThan(0);
    }
    // The ports are the canal's ends, not named in the article: context, linked to no passage.
    expect(['places:port-said', 'places:suez'].map((k) => [model.features.get(k)?.context, model.passagesByFeature.has(k)])).toEqual([[true, false], [true, false]]);
    expect(model.features.get('places:ever-given')).toMatchObject({ approximate: true });
    expect(model.passagesByFeature.get('places:ever-given')).toEqual(['refloated']);
  });
});

// Each run starts tsx (a few seconds on a busy machine), hence the longer timeout.
describe('npm run validate', { timeout: 90_000 }, () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'scripts/validate.ts'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('exits 0 on a good story, 1 with errors, and never prints a stack trace', () => {
    const good = run('geodata/suez-2021-04-02');
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('✔ geodata/suez-2021-04-02: no errors.');
    const bad = run('tests/fixtures/stories/broken-layer');
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/layers\/canal\.geojson\n {2}✖ error {2}line 1, column \d+, feature 0 \(“suez-canal”\), features\[0\]\.geometry\.coordinates\[0\]\n {4}The position \[[\d.]+, [\d.]+\] looks like projected metres/);
    expect(bad.stdout).toMatch(/✖ tests\/fixtures\/stories\/broken-layer: 53 errors, 4 warnings\./);
    for (const out of [good, bad, run('/no/such/place'), run('tests/fixtures/validator/json/in/deeply-nested.geojson'), run()]) {
      expect(out.stdout + out.stderr).not.toMatch(/\n\s+at .+:\d+:\d+|Error: |internal error/i);
    }
  });

  it('--json gives one object with every problem', () => {
    const out = run('tests/fixtures/validator/json/in/truncated.geojson', '--json');
    expect(out.status).toBe(1);
    const report = JSON.parse(out.stdout);
    expect(report).toMatchObject({ ok: false, errors: 1, warnings: 0, problems: [{ code: 'json-truncated', line: 7, severity: 'error', file: 'truncated.geojson' }] });
  });

  it('says what to do with a missing path or no path', () => {
    const missing = run('/no/such/place');
    expect(missing.status).toBe(1);
    expect(missing.stdout).toContain('There is no file or folder at this path.');
    const none = run();
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('Give a story folder or a layer file to check.');
  });
});
