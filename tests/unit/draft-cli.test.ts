// npm run draft on bad input: one clear line and an exit code, never a stack trace; and what it
// prints from the article never carries a control character to the terminal.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main, MAX_BYTES } from '../../scripts/draft';
import { loadGazetteer } from '../../scripts/draft/gazetteer-cache';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'draft-cli-'));
const file = (name: string, body: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
};

beforeAll(async () => {
  await loadGazetteer(); // made once (the cache), so that no test below waits for it
}, 180_000);

/** main() in this process: its exit code and what it printed. */
async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((s: unknown) => void out.push(String(s)));
  const error = vi.spyOn(console, 'error').mockImplementation((s: unknown) => void err.push(String(s)));
  try {
    const code = await main(argv);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('npm run draft on bad input', () => {
  const oneLine = (r: { err: string }) => {
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^draft: /);
    expect(r.err).not.toMatch(/\n\s+at |Error:/);
  };

  it.each([
    ['a missing file', () => [join(dir, 'nope.txt')], 2, /There is no file at/],
    ['a folder', () => [dir], 2, /is a folder/],
    ['an empty file', () => [file('empty.txt', '  \n\n ')], 1, /is empty/],
    ['a binary file', () => [file('photo.jpg.txt', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]))], 1, /not text/],
    ['text that is not UTF-8', () => [file('latin1.txt', Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x61, 0x74]))], 1, /not UTF-8/],
    ['a huge file', () => [file('huge.txt', 'Words in Cairo. '.repeat(MAX_BYTES / 10))], 1, /MB; an article is at most/],
    ['no words at all', () => [file('digits.txt', '12 34 56 !!')], 1, /no words/],
    ['no article', () => [], 2, /Give the article/],
    ['an unknown option', () => [file('ok.txt', 'A title\n\nText about Cairo.'), '--bogus'], 2, /Unknown option --bogus/],
    ['a bad date', () => [file('ok2.txt', 'A title\n\nText about Cairo.'), '--date', '9 Jan'], 2, /--date 9 Jan/],
  ])('%s', async (_name, args, code, message) => {
    const r = await run(...args());
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
    oneLine(r);
  });

  it('will not overwrite a story without --force', async () => {
    const out = join(dir, 'story-a');
    const article = file('a.txt', 'Storm hits the coast\n\nA storm hit Karachi and Hyderabad on Monday, officials in Pakistan said.');
    expect((await run(article, '--out', out)).code).toBe(0);
    const again = await run(article, '--out', out);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already holds a story/);
    expect((await run(article, '--out', out, '--force')).code).toBe(0);
  });

  it('a missing file from the shell: one line on stderr, exit code 2, no stack trace', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/draft.ts', join(dir, 'missing.md')], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^draft: There is no file at .*missing\.md\.$/m);
  }, 60_000);
});

describe('npm run draft on an article', () => {
  it('writes a story folder and prints its places, with the article’s control characters escaped', async () => {
    const out = join(dir, 'story-esc');
    const article = file('esc.txt', 'Unrest in the \u001b]52;c;aGk=\u0007north\n\nProtesters gathered in Tripoli and Benghazi\u001b[2J on Friday, and in Sirte\u202e later, residents in Libya said.');
    const r = await run(article, '--out', out);
    expect(r.code).toBe(0);
    for (const f of ['story.json', 'article.md', 'layers/places.geojson']) expect(existsSync(join(out, f)), f).toBe(true);
    expect(r.out).toContain('Tripoli (city, LY');
    expect(r.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    const json = await run(article, '--out', join(dir, 'story-esc-json'), '--json');
    expect(json.out).not.toMatch(/[\u007f-\u009f\u202a-\u202e]/);
    const parsed = JSON.parse(json.out) as { places: { name: string; forms: string[]; coordinates: number[]; confidence: string; candidates: unknown[] }[] };
    expect(parsed.places.map((p) => p.name)).toEqual(expect.arrayContaining(['Tripoli', 'Benghazi', 'Sirte', 'Libya']));
    for (const p of parsed.places) expect(p).toMatchObject({ forms: expect.any(Array), coordinates: expect.any(Array), confidence: expect.any(String), candidates: expect.any(Array) });
    expect(JSON.parse(readFileSync(join(out, 'story.json'), 'utf8')).title).toContain('\u001b'); // kept in the file, escaped only on the terminal
  });

  it('takes --title and --date', async () => {
    const out = join(dir, 'story-td');
    mkdirSync(out, { recursive: true });
    const r = await run(file('td.txt', 'First line of text\n\nFloods hit Dhaka and Chittagong in Bangladesh on Monday.'), '--out', out, '--title', 'Floods in Bangladesh', '--date', '2024-06-03');
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'story.json'), 'utf8'))).toMatchObject({ title: 'Floods in Bangladesh', date: '2024-06-03' });
  });
});
