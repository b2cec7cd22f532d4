// The latin and latin-ext subsets (scripts/fonts/subset.ts): which letters go in, how their ranges are
// written, what a story contributes, and that the files made hold the glyphs their range promises.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  basemapCodepoints,
  FACES,
  LATIN_ALWAYS,
  LATIN_FACES,
  LATIN_RANGES,
  latinCodepoints,
  latinExtCodepoints,
  latinRestRange,
  KEEP_FEATURES,
  makeSubsets,
  PLACE_LETTERS_MAXZOOM,
  restRange,
  storyText,
  subsetFile,
  unicodeRange,
} from '../../scripts/fonts/subset';
import * as sources from '../../scripts/basemap/sources';
import { fontFaces } from '../../src/lib/map/basemap-style';

const tmp = mkdtempSync(join(tmpdir(), 'font-subset-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The codepoints a woff2 file maps to glyphs (its cmap), read with harfbuzz. */
/** A font file's OpenType feature tags (GSUB and GPOS). */
async function features(file: string): Promise<Set<string>> {
  // @ts-expect-error fontverter has no types (it comes with subset-font)
  const { convert } = (await import('fontverter')) as { convert: (b: Buffer, f: 'sfnt') => Promise<Buffer> };
  const hb = (await import('harfbuzzjs')) as unknown as { Blob: new (d: Uint8Array) => object; Face: new (b: unknown, i?: number) => { getTableFeatureTags(t: string): string[] } };
  const face = new hb.Face(new hb.Blob(new Uint8Array(await convert(readFileSync(file), 'sfnt'))), 0);
  return new Set([...face.getTableFeatureTags('GSUB'), ...face.getTableFeatureTags('GPOS')]);
}

async function coverage(file: string): Promise<Set<number>> {
  // @ts-expect-error fontverter has no types (it comes with subset-font)
  const { convert } = (await import('fontverter')) as { convert: (b: Buffer, f: 'sfnt') => Promise<Buffer> };
  const hb = (await import('harfbuzzjs')) as unknown as { Blob: new (d: Uint8Array) => object; Face: new (b: unknown, i?: number) => { collectUnicodes(): Uint32Array } };
  const face = new hb.Face(new hb.Blob(new Uint8Array(await convert(readFileSync(file), 'sfnt'))), 0);
  return new Set(face.collectUnicodes());
}

describe('the latin-ext subset of the page and map font', () => {
  it('takes only letters the latin file lacks', () => {
    // ş Ş ğ İ ł are latin-ext; ı (U+0131), ü, é are in the latin file; Cyrillic and CJK in neither.
    expect(latinExtCodepoints('Kıyıköy BOTAŞ şğİ Łódź Zürich é Москва 東京')).toEqual([0x130, 0x141, 0x11f, 0x15e, 0x15f, 0x17a].sort((a, b) => a - b));
    // Combining marks both files have stay the latin file's.
    expect(latinExtCodepoints('a\u0304 a\u0308')).toEqual([]);
    // Ḩ is latin-ext; Vietnamese ộ is the vietnamese file's (U+1EA0-1EF1), not this one's.
    expect(latinExtCodepoints('Ḩalab Hà Nội')).toEqual([0x1e28]);
  });

  it('writes its letters as a unicode-range of runs', () => {
    expect(unicodeRange([0x15f, 0x100, 0x101, 0x102, 0x15e, 0x1e28])).toEqual(['U+0100-0102', 'U+015E-015F', 'U+1E28']);
    expect(unicodeRange([])).toEqual([]);
  });

  it("reads a story's strings, escapes decoded, keys and Markdown included", () => {
    const dir = join(tmp, 'story');
    mkdirSync(join(dir, 'layers'), { recursive: true });
    writeFileSync(join(dir, 'story.json'), JSON.stringify({ title: 'x' }).replace('x', 'Gda\\u0144sk'));
    writeFileSync(join(dir, 'layers', 'a.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [{ properties: { 'Ţara': 'Kıyıköy terminal', name: 'Lüleburgaz tie-in' } }] }));
    writeFileSync(join(dir, 'article.md'), 'Erdoğan said');
    writeFileSync(join(dir, 'broken.json'), '{"name": "Şanlıurfa"');
    // A link in the folder is not followed (its target's letters stay out).
    const outside = join(tmp, 'outside.md');
    writeFileSync(outside, 'Łódź');
    symlinkSync(outside, join(dir, 'linked.md'));
    const text = storyText(dir);
    // In capitals too, as the map sets an area's or a line's name: Ğ and Ń beside ğ and ń, Ü beside ü.
    expect(latinExtCodepoints(text)).toEqual([0x11e, 0x11f, 0x143, 0x144, 0x15e, 0x162].sort((a, b) => a - b));
    expect(latinCodepoints(text)).toEqual(expect.arrayContaining([0xdc, 0xfc, 0xd6, 0xf6]));
  });

  it('makes files that hold every letter of their range, small, declared after the full faces', async () => {
    const cache = join(tmp, 'cache');
    const made = await makeSubsets('Kıyıköy BOTAŞ Ḩalab', cache, [0x259]);
    // Latin Extended-A always, the story's letters, and those given (the basemap's).
    expect(made.codepoints).toContain(0x15e);
    expect(made.codepoints).toContain(0x1e28);
    expect(made.codepoints).toContain(0x259);
    expect(made.codepoints).toContain(0x17f);
    expect(made.codepoints).not.toContain(0x131);
    const css = readFileSync(join(made.dir, 'fonts.css'), 'utf8');
    expect(css).toContain(`unicode-range: ${unicodeRange(made.codepoints).join(',')};`);
    expect(readFileSync(join(made.dir, 'fonts.js'), 'utf8')).toContain(JSON.stringify(unicodeRange(made.codepoints)));
    for (const face of FACES) {
      const file = join(made.dir, face.file.replace('.woff2', '-subset.woff2'));
      const has = await coverage(file);
      for (const cp of made.codepoints) expect(has.has(cp), `${face.file} U+${cp.toString(16)}`).toBe(true);
      // A letter outside the subset is not in it (the full file serves it).
      expect(has.has(0x1e00)).toBe(false);
      // A tenth of the full file or less.
      expect(made.bytes[face.key]).toBeLessThan(readFileSync(join('node_modules/@fontsource/noto-sans/files', face.file)).length / 5);
    }
    // The same letters again: found in the cache, not made anew.
    const again = await makeSubsets('BOTAŞ Ḩalab Kıyıköy', cache, [0x259]);
    expect(again.dir).toBe(made.dir);
  });

  it('puts the subset before the full latin-ext file in the map style, for each face', () => {
    const urls = (v: unknown) => (v as { url: string }[]).map((f) => f.url);
    const faces = fontFaces({ latin: 'l', latinExt: 'le', italic: { latin: 'i', latinExt: 'ie' }, subset: { range: ['U+015E-015F'], regular: 's', italic: 'si' } });
    expect(urls(faces['Noto Sans Regular'])).toEqual(['l', 's', 'le']);
    expect(urls(faces['Noto Sans Italic'])).toEqual(['i', 'si', 'ie']);
    expect((faces['Noto Sans Regular'] as { 'unicode-range': string[] }[])[1]!['unicode-range']).toEqual(['U+015E-015F']);
    // Without one, as before.
    expect(urls(fontFaces({ latin: 'l', latinExt: 'le' })['Noto Sans Regular'])).toEqual(['l', 'le']);
  });
});

describe('the embed element’s font ranges (faces added with the Font Loading API)', () => {
  it('gives the full latin-ext face its range without the subset’s letters and the latin file’s', async () => {
    const inList = (list: string[], cp: number) =>
      list.some((r) => {
        const [a, b] = r.slice(2).split('-').map((h) => parseInt(h, 16));
        return cp >= a! && cp <= (b ?? a!);
      });
    expect(restRange([])).toContain('U+0100-0130');
    expect(restRange([0x101])).toContain('U+0100');
    expect(restRange([0x101])).toContain('U+0102-0130');
    // ı (U+0131) and Œ œ (U+0152-0153) are the latin file's: in neither the subset nor the rest.
    expect(inList(restRange([]), 0x131)).toBe(false);
    expect(inList(restRange([]), 0x152)).toBe(false);
    // Nothing of the subset is left in what remains, nothing else of latin-ext is lost.
    const made = await makeSubsets('Kıyıköy BOTAŞ Ḩalab ǅ', join(tmp, 'cache'));
    const subset = unicodeRange(made.codepoints);
    const rest = restRange(made.codepoints);
    expect(readFileSync(join(made.dir, 'fonts.js'), 'utf8')).toContain(`export const restRange = ${JSON.stringify(rest)};`);
    for (let cp = 0x100; cp <= 0x2ba; cp++) {
      const latin = cp === 0x131 || cp === 0x152 || cp === 0x153;
      expect(inList(rest, cp) !== inList(subset, cp) || (latin && !inList(rest, cp) && !inList(subset, cp)), `U+${cp.toString(16)}`).toBe(true);
    }
  });
});

/** Whether a unicode-range list ("U+0000-007F", "U+00E9"…) holds a codepoint. */
const inList = (list: readonly string[], cp: number) =>
  list.some((r) => {
    const [a, b] = r.trim().replace(/^U\+/i, '').split('-').map((h) => parseInt(h, 16));
    return cp >= a! && cp <= (b ?? a!);
  });
const FONTSOURCE = 'node_modules/@fontsource/noto-sans';

/** The @font-face rules of a stylesheet: src file, weight, style and unicode-range of each. */
function faceRules(css: string) {
  return [...css.matchAll(/@font-face\s*{([^}]*)}/g)].map(([, body]) => ({
    src: /url\(\.\/([^)]+)\)/.exec(body!)?.[1] ?? '',
    weight: /font-weight:\s*(\d+)/.exec(body!)?.[1],
    style: /font-style:\s*(\w+)/.exec(body!)?.[1],
    range: /unicode-range:\s*([^;]+);/.exec(body!)?.[1]?.split(',').map((r) => r.trim()) ?? [],
  }));
}

describe('the latin subset of the page and map font', () => {
  it("has @fontsource's latin range as its own", () => {
    const css = readFileSync(join(FONTSOURCE, '400.css'), 'utf8');
    const range = /\/\* noto-sans-latin-400-normal \*\/[^}]*unicode-range:\s*([^;]+);/.exec(css)![1]!.split(',').map((r) => r.trim());
    expect(unicodeRange(LATIN_RANGES.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i)))).toEqual(range.map((r) => r.replace(/^U\+(\w+)/, (_, h: string) => `U+${h.padStart(4, '0')}`)));
  });

  it('takes the letters the latin file has, not the latin-ext ones', () => {
    // ı (U+0131), ü, é, ’ “ ” – are the latin file's; ş, Ş, ğ latin-ext; Cyrillic neither.
    expect(latinCodepoints('Kıyıköy BOTAŞ ğ é “x” – ’ Москва')).toEqual(
      [...' ABKOTkxy', 'ı', 'ö', 'é', '“', '”', '–', '’'].map((c) => c.codePointAt(0)!).sort((a, b) => a - b),
    );
    // Always: printable ASCII, the no-break and thin spaces, the interface's © · × … “ ”.
    for (const ch of ' AZaz09~\u00a0\u2009\u202f©·×…“”–—') expect(LATIN_ALWAYS, ch).toContain(ch.codePointAt(0)!);
    for (const cp of LATIN_ALWAYS) expect(latinCodepoints(String.fromCodePoint(cp)), `U+${cp.toString(16)}`).toEqual([cp]);
  });

  it("makes a file per face holding ASCII, the interface's letters and the story's, declared after the full face with exactly those letters", async () => {
    // ½ (U+00BD) and ß are in no LATIN_ALWAYS: only the story brings them; ô comes as the basemap's.
    const made = await makeSubsets('Zürich café “quoted” ½ Gießen Kıyıköy BOTAŞ', join(tmp, 'cache'), [], [0xf4]);
    for (const ch of 'AZaz09 ~üé“”½ßıöô©') expect(made.latinCodepoints, ch).toContain(ch.codePointAt(0)!);
    for (const cp of LATIN_ALWAYS) expect(made.latinCodepoints).toContain(cp);
    // ø, Æ, ñ: in no text given, so not in the subset (the full file serves them); nor latin-ext ş.
    for (const ch of 'øÆñş') expect(made.latinCodepoints, ch).not.toContain(ch.codePointAt(0)!);
    const range = unicodeRange(made.latinCodepoints);
    // fonts.css: each latin face's subset with its weight and style, and exactly the subset's letters.
    const rules = faceRules(readFileSync(join(made.dir, 'fonts.css'), 'utf8'));
    for (const face of LATIN_FACES) {
      const rule = rules.find((r) => r.src === subsetFile(face.file));
      expect(rule, face.file).toBeDefined();
      expect(rule).toMatchObject({ weight: String(face.weight), style: face.style, range });
    }
    // fonts.js: the URLs, the range and the rest of the full file's range, for the map and the element.
    const js = readFileSync(join(made.dir, 'fonts.js'), 'utf8');
    for (const face of LATIN_FACES) expect(js).toContain(`import latin_${face.key} from './${subsetFile(face.file)}?url';`);
    expect(js).toContain(`export const latinSubsetRange = ${JSON.stringify(range)};`);
    expect(js).toContain(`export const latinRestRange = ${JSON.stringify(latinRestRange(made.latinCodepoints))};`);
    for (const face of LATIN_FACES) {
      const fullFile = join(FONTSOURCE, 'files', face.file);
      const [full, has] = await Promise.all([coverage(fullFile), coverage(join(made.dir, subsetFile(face.file)))]);
      // Every letter of its range that the full file has (control characters: neither has them).
      for (const cp of made.latinCodepoints) if (full.has(cp)) expect(has.has(cp), `${face.file} U+${cp.toString(16)}`).toBe(true);
      expect(has.has(0xf8)).toBe(false);
      // Smaller than the full file by a third at least (13-14 kB: about 8 kB).
      expect(made.latinBytes[face.key]).toBeLessThan((readFileSync(fullFile).length * 2) / 3);
    }
  });

  it('keeps the features browsers apply by default (kerning, ligatures, local forms), not figures or fractions the site never asks for', async () => {
    const made = await makeSubsets('Kıyıköy BOTAŞ ½', join(tmp, 'cache'));
    for (const face of LATIN_FACES) {
      const full = await features(join(FONTSOURCE, 'files', face.file));
      const kept = await features(join(made.dir, subsetFile(face.file)));
      // The full file has tabular figures and fractions; the subset drops them and keeps the rest.
      expect(full.has('tnum') && full.has('frac'), face.file).toBe(true);
      expect([...kept].filter((t) => !(KEEP_FEATURES as readonly string[]).includes(t)), face.file).toEqual([]);
      for (const tag of ['kern', 'liga', 'locl']) if (full.has(tag)) expect(kept.has(tag), `${face.file} ${tag}`).toBe(true);
    }
  });

  it("holds every latin letter of the stories this site serves (Haliç, Lüleburgaz, Khamenei's, “…”)", async () => {
    const dirs = readdirSync('geodata', { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join('geodata', d.name, 'story.json')))
      .map((d) => join('geodata', d.name));
    const text = dirs.map(storyText).join('\n');
    for (const ch of 'çü’“”–') expect(text).toContain(ch);
    const made = await makeSubsets(text, join(tmp, 'cache'));
    const has = await coverage(join(made.dir, subsetFile(LATIN_FACES[0].file)));
    const full = await coverage(join(FONTSOURCE, 'files', LATIN_FACES[0].file));
    for (const cp of latinCodepoints(text)) if (full.has(cp)) expect(has.has(cp), `U+${cp.toString(16)}`).toBe(true);
  });

  it("takes the basemap's country names in capitals, sea names and early places, not every place", () => {
    const letters = basemapCodepoints('geodata', join(tmp, 'basemap-cache'), sources);
    // CÔTE D'IVOIRE (the map upcases country names), Gulf of Gabès, Bogotá (a capital, zoom 2).
    for (const ch of 'ôÔèá') expect(letters.latin, ch).toContain(ch.codePointAt(0)!);
    // Þorlákshöfn, L'Haÿ-les-Roses: named only from zoom 10.
    expect(PLACE_LETTERS_MAXZOOM).toBeLessThan(10);
    for (const ch of 'Þÿ') expect(letters.latin, ch).not.toContain(ch.codePointAt(0)!);
    // ASCII is LATIN_ALWAYS's; latin-ext letters are the other subset's.
    expect(letters.latin.every((cp) => cp >= 0x80 && latinCodepoints(String.fromCodePoint(cp)).length === 1)).toBe(true);
    expect(letters.latinExt).toContain(0x15f);
  }, 120_000);

  it('puts each latin subset before the full latin file in the map style, and the latin-ext ones after it', () => {
    const urls = (v: unknown) => (v as { url: string }[]).map((f) => f.url);
    const faces = fontFaces({
      latin: 'l',
      latinExt: 'le',
      italic: { latin: 'i', latinExt: 'ie' },
      subset: { range: ['U+015E-015F'], regular: 's', italic: 'si' },
      latinSubset: { range: ['U+0000-007F', 'U+00E9'], regular: 'ls', italic: 'lsi' },
    });
    expect(urls(faces['Noto Sans Regular'])).toEqual(['ls', 'l', 's', 'le']);
    expect(urls(faces['Noto Sans Italic'])).toEqual(['lsi', 'i', 'si', 'ie']);
    expect((faces['Noto Sans Regular'] as { 'unicode-range': string[] }[])[0]!['unicode-range']).toEqual(['U+0000-007F', 'U+00E9']);
  });

  it("is imported after the page font's full faces by every page entry (the later face wins)", () => {
    for (const [entry, fullFaces] of [
      ['src/main.ts', './global.css'],
      ['src/edit.ts', './global.css'],
      ['src/embed-frame.ts', './lib/embed/frame.css'],
    ] as const) {
      const src = readFileSync(entry, 'utf8');
      const full = src.indexOf(`import '${fullFaces}';`);
      expect(full, entry).toBeGreaterThan(-1);
      expect(src.indexOf("import 'virtual:story-map-fonts.css"), entry).toBeGreaterThan(full);
      expect(readFileSync(join('src', fullFaces), 'utf8')).toMatch(/@import '@fontsource\/noto-sans\/400\.css';\s*@import '@fontsource\/noto-sans\/700\.css';/);
    }
  });
});

describe('the embed element’s latin font ranges (faces added with the Font Loading API)', () => {
  it('gives the full latin face its range without the latin subset’s letters, and loses none', async () => {
    const made = await makeSubsets('Zürich café ½', join(tmp, 'cache'));
    const subset = unicodeRange(made.latinCodepoints);
    const rest = latinRestRange(made.latinCodepoints);
    expect(inList(rest, 0x41)).toBe(false);
    expect(inList(rest, 0xbd)).toBe(false);
    expect(inList(rest, 0xf8)).toBe(true);
    for (const [a, b] of LATIN_RANGES) for (let cp = a; cp <= b; cp++) expect(inList(rest, cp) !== inList(subset, cp), `U+${cp.toString(16)}`).toBe(true);
    // Nothing outside the latin file's range.
    expect(inList(rest, 0x15f)).toBe(false);
  });
});
