// The latin-ext subset (scripts/fonts/subset.ts): which letters go in, how its range is written, what
// a story contributes, and that the files made hold the glyphs their range promises.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FACES, latinExtCodepoints, makeSubsets, restRange, storyText, unicodeRange } from '../../scripts/fonts/subset';
import { fontFaces } from '../../src/lib/map/basemap-style';

const tmp = mkdtempSync(join(tmpdir(), 'font-subset-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The codepoints a woff2 file maps to glyphs (its cmap), read with harfbuzz. */
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
    writeFileSync(join(dir, 'layers', 'a.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [{ properties: { 'Ţara': 'Kıyıköy terminal' } }] }));
    writeFileSync(join(dir, 'article.md'), 'Erdoğan said');
    writeFileSync(join(dir, 'broken.json'), '{"name": "Şanlıurfa"');
    // A link in the folder is not followed (its target's letters stay out).
    const outside = join(tmp, 'outside.md');
    writeFileSync(outside, 'Łódź');
    symlinkSync(outside, join(dir, 'linked.md'));
    const text = storyText(dir);
    expect(latinExtCodepoints(text)).toEqual([0x11f, 0x144, 0x15e, 0x162].sort((a, b) => a - b));
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
