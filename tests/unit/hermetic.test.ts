// The repository stands alone: a fresh clone with nothing beside it runs every test. Nothing under
// src/, scripts/, bench/ or tests/ may name a path outside the repository, no test may skip itself
// (a missing fixture is a failure, not a skip), and the quick bench is quiet outside a git checkout.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const CODE = /\.(ts|mts|mjs|js|svelte|sh)$/;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (CODE.test(name)) yield path;
  }
}

const outside = (path: string) => relative(ROOT, path).startsWith('..');
const sources = ['src', 'scripts', 'bench', 'tests'].flatMap((d) => [...files(join(ROOT, d))]);

describe('a fresh clone needs nothing beside it', () => {
  it('finds the code it scans', () => {
    expect(sources.length).toBeGreaterThan(50);
    expect(sources).toContain(join(ROOT, 'tests/unit/hermetic.test.ts'));
  });

  it('names no path outside the repository', () => {
    const found: string[] = [];
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      // Every quoted or templated relative path that climbs: resolved from the file's folder and
      // from the repository root (scripts run from there), it must stay inside in one reading at least.
      for (const m of text.matchAll(/['"`]((?:\.\.\/)+[^'"`\s]*)/g)) {
        const p = m[1]!.replace(/\$\{[^}]*\}/g, 'x');
        if (outside(resolve(dirname(file), p)) && outside(resolve(ROOT, p))) found.push(`${relative(ROOT, file)}: ${m[1]}`);
      }
      if (/\bshared\/(seed|geodata-sources|docs)\b/.test(text) && file !== join(ROOT, 'tests/unit/hermetic.test.ts')) found.push(`${relative(ROOT, file)}: names the team's shared folder`);
    }
    expect(found).toEqual([]);
  });

  it('has no test that skips itself', () => {
    const found: string[] = [];
    for (const file of sources.filter((f) => /\.(test|spec)\.ts$/.test(f) || /tests\/(unit|e2e)\/[^/]+\.ts$/.test(f))) {
      if (file === join(ROOT, 'tests/unit/hermetic.test.ts')) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:it|test|describe)\.(?:skip|skipIf|runIf|todo|fixme)\b|\btest\.skip\(|\.only\(/g)) found.push(`${relative(ROOT, file)}: ${m[0]}`);
    }
    expect(found).toEqual([]);
  });

  it('the bench names its commit quietly, also outside a git checkout', () => {
    const tarball = mkdtempSync(join(tmpdir(), 'story-map-no-git-'));
    const script = `import { gitCommit } from ${JSON.stringify(join(ROOT, 'bench/git.ts'))}; console.log(gitCommit(${JSON.stringify(tarball)}) + ' ' + gitCommit(${JSON.stringify(ROOT)}));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, GIT_CEILING_DIRECTORIES: dirname(tarball) } });
    expect(run.stderr).toBe('');
    const [outsideGit, here] = run.stdout.trim().split(' ');
    expect(outsideGit).toBe('unknown');
    // In a clone this is the commit; in an unpacked tarball of the repository it is 'unknown' too.
    expect(here).toMatch(/^([0-9a-f]{7,}|unknown)$/);
  }, 60_000);
});
