// Turf-style fixtures: tests/fixtures/validator/<topic>/in/* are inputs (layer files, or story
// folders), out/<name>.json the problems the validator must report, out/<name>.geojson what the
// loader makes of a layer after its safe fixes. One loop runs them all; REGEN=1 rewrites the outputs
// (then read the diff: it is the review of every changed message).
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sortProblems, type Problem } from '../../src/lib/story/problems';
import { readText, validateFolder, validateLayerFile } from '../../src/lib/story/read-folder';
import { readLayer } from '../../src/lib/story/validate/layer';

const ROOT = join(import.meta.dirname, '../fixtures/validator');
const REGEN = !!process.env.REGEN;

/** What a fixture's expected output records of each problem (everything an editor sees). */
const shape = (p: Problem) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));

function layerOutput(path: string, name: string) {
  const text = readText(path);
  if (typeof text !== 'string') return null;
  const r = readLayer(text, name);
  if (!r.features.length || r.problems.some((p) => p.severity === 'error')) return null;
  return { type: 'FeatureCollection', features: r.features.map((f) => ({ type: 'Feature', id: f.id, properties: f.properties, geometry: f.geometry })) };
}

const topics = readdirSync(ROOT).filter((t) => existsSync(join(ROOT, t, 'in')));

describe('validator fixtures', () => {
  it('has fixtures for every topic', () => {
    expect(topics.sort()).toEqual(['coordinates', 'json', 'security', 'story', 'structure', 'tables', 'unsafe']);
  });

  for (const topic of topics) {
    describe(topic, () => {
      const dir = join(ROOT, topic);
      for (const entry of readdirSync(join(dir, 'in')).sort()) {
        const input = join(dir, 'in', entry);
        const name = entry.replace(/\.[^.]+$/, '');
        it(entry, () => {
          const folder = statSync(input).isDirectory();
          const problems = sortProblems(folder ? validateFolder(input) : validateLayerFile(input, entry)).map(shape);
          // Every message says what, where (file) and, for errors, how to fix it.
          for (const p of problems) {
            expect(p.message, JSON.stringify(p)).toMatch(/\S/);
            expect(p.file).toMatch(/\S/);
            if (p.severity === 'error') expect(p.fix, JSON.stringify(p)).toMatch(/\S/);
          }
          const outJson = join(dir, 'out', `${name}.json`);
          const fixed = folder ? null : layerOutput(input, entry);
          const outGeo = join(dir, 'out', `${name}.geojson`);
          if (REGEN) {
            mkdirSync(join(dir, 'out'), { recursive: true });
            writeFileSync(outJson, `${JSON.stringify(problems, null, 2)}\n`);
            if (fixed) writeFileSync(outGeo, `${JSON.stringify(fixed, null, 2)}\n`);
          }
          expect(existsSync(outJson), `${outJson} is missing: run REGEN=1 npx vitest run tests/unit/validator-fixtures.test.ts and review it`).toBe(true);
          expect(problems).toEqual(JSON.parse(readFileSync(outJson, 'utf8')));
          if (fixed || existsSync(outGeo)) expect(fixed).toEqual(JSON.parse(readFileSync(outGeo, 'utf8')));
        });
      }
    });
  }
});
