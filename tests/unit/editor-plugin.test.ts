// The dev middleware writes only plain files inside geodata/<id>/ (scripts/editor-plugin.ts).
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sameOrigin, writePath, writeStoryFiles } from '../../scripts/editor-plugin';

function geodata() {
  const root = mkdtempSync(join(tmpdir(), 'editor-'));
  mkdirSync(join(root, 'story', 'layers'), { recursive: true });
  writeFileSync(join(root, 'story', 'story.json'), '{}');
  mkdirSync(join(root, 'outside'));
  return root;
}

describe('editor middleware paths', () => {
  const root = geodata();
  it('allows plain story files inside the folder', () => {
    expect(writePath(root, 'story', 'story.json')).toEqual({ path: join(root, 'story', 'story.json') });
    expect(writePath(root, 'story', 'layers/places.geojson')).toEqual({ path: join(root, 'story', 'layers', 'places.geojson') });
    expect(writePath(root, 'new-story', 'article.md')).toEqual({ path: join(root, 'new-story', 'article.md') });
  });
  it.each([
    ['../outside/x.json'], ['layers/../../outside/x.json'], ['./story.json'], ['/etc/passwd.json'], ['layers\\..\\x.json'],
    ['a//b.json'], ['.env.json'], ['layers/.hidden.geojson'], ['story.js'], ['index.html'], ['x.json\0'], [''],
  ])('refuses %j', (rel) => {
    expect(writePath(root, 'story', rel)).toHaveProperty('error');
  });
  it.each([['..'], ['../geodata'], ['a/b'], ['.git'], ['']])('refuses the story name %j', (id) => {
    expect(writePath(root, id, 'story.json')).toHaveProperty('error');
  });
  it('refuses symbolic links: the folder, a folder inside it, the file', () => {
    symlinkSync(join(root, 'outside'), join(root, 'linked'));
    symlinkSync(join(root, 'outside'), join(root, 'story', 'sub'));
    writeFileSync(join(root, 'outside', 'target.json'), 'x');
    symlinkSync(join(root, 'outside', 'target.json'), join(root, 'story', 'link.json'));
    expect(writePath(root, 'linked', 'story.json')).toHaveProperty('error');
    expect(writePath(root, 'story', 'sub/x.json')).toHaveProperty('error');
    expect(writePath(root, 'story', 'link.json')).toHaveProperty('error');
  });
  it('writes all or nothing', () => {
    expect(writeStoryFiles(root, 'story', { 'article.md': 'hello', '../outside/evil.json': 'x' })).toHaveProperty('error');
    expect(existsSync(join(root, 'story', 'article.md'))).toBe(false);
    expect(existsSync(join(root, 'outside', 'evil.json'))).toBe(false);
    expect(writeStoryFiles(root, 'story', { 'article.md': 'hello', 'layers/new/a.geojson': '{}' })).toEqual({ written: ['article.md', 'layers/new/a.geojson'] });
    expect(readFileSync(join(root, 'story', 'article.md'), 'utf8')).toBe('hello');
  });
  it('refuses requests from another origin', () => {
    expect(sameOrigin({ host: 'localhost:5173', origin: 'http://localhost:5173', 'sec-fetch-site': 'same-origin' })).toBe(true);
    expect(sameOrigin({ host: 'localhost:5173', origin: 'https://evil.example' })).toBe(false);
    expect(sameOrigin({ host: 'localhost:5173', 'sec-fetch-site': 'cross-site' })).toBe(false);
  });
});
