// The font's latin-ext files cut down to the letters the site can show (scripts/font-subset-plugin.ts).
//
// Noto Sans comes from @fontsource split by script: "latin" (13 kB) and "latin-ext" (56-59 kB a face),
// each fetched only when text needs one of its characters. The stories and the basemap's place names
// need a few dozen latin-ext letters (ı is in the latin file; ş, İ, ğ, ł, ő, ș, ā… are not), so a
// page with "Kıyıköy" or "BOTAŞ" in it fetched 56 kB for two letters. Here each latin-ext face is
// subset (harfbuzz, through `subset-font`) to the latin-ext letters of every story this build
// serves, every place, country and sea name the basemap can label, and the whole of Latin
// Extended-A (most European names): about 6 kB a face. The subset is declared after the full face
// with exactly its letters as `unicode-range`, so a letter it lacks still comes from the full file:
// the subset can only save bytes, never lose a letter.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);

/** @fontsource/noto-sans' latin-ext unicode-range (its 400.css), as codepoint ranges. */
export const LATIN_EXT_RANGES: readonly (readonly [number, number])[] = [
  [0x0100, 0x02ba], [0x02bd, 0x02c5], [0x02c7, 0x02cc], [0x02ce, 0x02d7], [0x02dd, 0x02ff], [0x0304, 0x0304],
  [0x0308, 0x0308], [0x0329, 0x0329], [0x1d00, 0x1dbf], [0x1e00, 0x1e9f], [0x1ef2, 0x1eff], [0x2020, 0x2020],
  [0x20a0, 0x20ab], [0x20ad, 0x20c0], [0x2113, 0x2113], [0x2c60, 0x2c7f], [0xa720, 0xa7ff],
];
/** The latin file's own ranges: a letter in both (U+0304, U+0308, U+0329) is the latin file's. */
const LATIN_RANGES: readonly (readonly [number, number])[] = [[0x0000, 0x00ff], [0x0131, 0x0131], [0x0152, 0x0153], [0x02bb, 0x02bc], [0x02c6, 0x02c6], [0x02da, 0x02da], [0x02dc, 0x02dc], [0x0304, 0x0304], [0x0308, 0x0308], [0x0329, 0x0329], [0x2000, 0x206f]];
const inRanges = (cp: number, ranges: readonly (readonly [number, number])[]) => ranges.some(([a, b]) => cp >= a && cp <= b);

/** Bumped when what is made here changes, so cached subsets are made again. */
const VERSION = 2;

/** Latin Extended-A, U+0100-017F: always in the subset, so a newsroom's next story rarely needs the full file. */
const EXTENDED_A: number[] = Array.from({ length: 0x80 }, (_, i) => 0x100 + i);

/** The codepoints of `text` that only the latin-ext file has, sorted and unique. */
export function latinExtCodepoints(text: string): number[] {
  const out = new Set<number>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x100 && inRanges(cp, LATIN_EXT_RANGES) && !inRanges(cp, LATIN_RANGES)) out.add(cp);
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * The full latin-ext file's range without the subset's letters and the latin file's: for faces added
 * with the Font Loading API (the `<story-map>` element, src/embed.ts), where Chrome loads every face
 * whose range has a letter of the text, whatever their order, so each letter must have one face.
 */
export function restRange(subset: readonly number[]): string[] {
  const taken = new Set(subset);
  const rest: number[] = [];
  for (const [a, b] of LATIN_EXT_RANGES) for (let cp = a; cp <= b; cp++) if (!taken.has(cp) && !inRanges(cp, LATIN_RANGES)) rest.push(cp);
  return unicodeRange(rest);
}

/** Codepoints as a CSS / MapLibre `unicode-range` list, runs joined: ["U+0100-017F", "U+0259"]. */
export function unicodeRange(codepoints: readonly number[]): string[] {
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  const sorted = [...new Set(codepoints)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out.push(i === j ? `U+${hex(sorted[i]!)}` : `U+${hex(sorted[i]!)}-${hex(sorted[j]!)}`);
    i = j + 1;
  }
  return out;
}

/** Every string in a JSON value (keys too: a property name can be shown as a field label). */
function jsonStrings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) jsonStrings(v, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      jsonStrings(v, out);
    }
}

const TEXT_FILES = new Set(['.json', '.geojson', '.md', '.csv', '.txt']);

/**
 * The text a story can show: every string of its JSON files (escapes decoded) and the text of its
 * other text files, from the folder and the folders in it. A file that cannot be read or parsed
 * adds its raw text (the validator reports it; the subset only needs its letters).
 */
export function storyText(dir: string): string {
  const parts: string[] = [];
  const walk = (d: string, depth: number) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      // Never through a link: a story folder's files are its own (docs/security.md).
      const st = lstatSync(p, { throwIfNoEntry: false });
      if (!st || st.isSymbolicLink()) continue;
      if (st.isDirectory()) {
        if (depth < 3) walk(p, depth + 1);
        continue;
      }
      if (!st.isFile() || !TEXT_FILES.has(extname(name).toLowerCase()) || st.size > 64e6) continue;
      const text = readFileSync(p, 'utf8');
      if (extname(name) === '.json' || extname(name) === '.geojson') {
        try {
          jsonStrings(JSON.parse(text) as unknown, parts);
          continue;
        } catch {
          // fall through: the raw text
        }
      }
      parts.push(text);
    }
  };
  walk(dir, 0);
  return parts.join('\n');
}

/**
 * The latin-ext letters of the names the basemap can label (places, countries, seas:
 * scripts/basemap/sources.ts), kept in `cacheDir` under the data packages' versions and the sea
 * names (reading the places takes a few seconds). `sources` is that module, as the caller loaded it.
 */
export function basemapCodepoints(geodata: string, cacheDir: string, sources: typeof import('../basemap/sources.ts')): number[] {
  const { readPlaces, readCountryNames, readMarineLabels, dataVersions } = sources;
  const marine = readMarineLabels(geodata);
  const key = createHash('sha256').update(JSON.stringify({ VERSION, data: dataVersions(), marine: marine.map((m) => m.name) })).digest('hex').slice(0, 16);
  const file = join(cacheDir, `basemap-letters-${key}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as number[];
  const names: string[] = marine.map((m) => m.name);
  for (const f of readPlaces().features) names.push(String(f.properties?.name ?? ''));
  names.push(...readCountryNames());
  const codepoints = latinExtCodepoints(names.join('\n'));
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(file, JSON.stringify(codepoints));
  return codepoints;
}

/** The faces made: the latin-ext file each subsets, and the CSS weight and style it is declared with. */
export const FACES = [
  { key: 'regular', file: 'noto-sans-latin-ext-400-normal.woff2', weight: 400, style: 'normal' },
  { key: 'bold', file: 'noto-sans-latin-ext-700-normal.woff2', weight: 700, style: 'normal' },
  { key: 'italic', file: 'noto-sans-latin-ext-400-italic.woff2', weight: 400, style: 'italic' },
] as const;
export type FaceKey = (typeof FACES)[number]['key'];

export interface SubsetFiles {
  /** Folder with the woff2 files, fonts.css and fonts.js. */
  dir: string;
  /** The codepoints in every subset. */
  codepoints: number[];
  /** Bytes of each subset file. */
  bytes: Record<FaceKey, number>;
}

const pkgVersion = (name: string) => (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;

/**
 * Makes (or finds in `cacheDir`) the subsets for the latin-ext letters of `text` and `extra`: three woff2 files, a stylesheet declaring
 * them after @fontsource's faces, and a module exporting their URLs and unicode-range for the map.
 */
export async function makeSubsets(text: string, cacheDir: string, extra: readonly number[] = []): Promise<SubsetFiles> {
  const codepoints = latinExtCodepoints(String.fromCodePoint(...EXTENDED_A, ...extra) + text);
  const key = createHash('sha256')
    .update(JSON.stringify({ VERSION, codepoints, fontsource: pkgVersion('@fontsource/noto-sans'), subsetFont: pkgVersion('subset-font') }))
    .digest('hex')
    .slice(0, 16);
  const dir = resolve(cacheDir, key);
  const ranges = unicodeRange(codepoints);
  const bytes = {} as Record<FaceKey, number>;
  if (!existsSync(join(dir, 'fonts.js'))) {
    // Required, not imported: this module is loaded by a Vite runner that is closed by now.
    const subsetFont = require('subset-font') as (b: Buffer, t: string, o: { targetFormat: 'woff2' }) => Promise<Buffer>;
    const tmp = `${dir}.tmp-${process.pid}`;
    mkdirSync(tmp, { recursive: true });
    const chars = String.fromCodePoint(...codepoints);
    for (const face of FACES) {
      const full = readFileSync(require.resolve(`@fontsource/noto-sans/files/${face.file}`));
      writeFileSync(join(tmp, face.file.replace('.woff2', '-subset.woff2')), await subsetFont(full, chars, { targetFormat: 'woff2' }));
    }
    const css = FACES.map(
      (f) =>
        `@font-face {\n  font-family: 'Noto Sans';\n  font-style: ${f.style};\n  font-display: swap;\n  font-weight: ${f.weight};\n` +
        `  src: url(./${f.file.replace('.woff2', '-subset.woff2')}) format('woff2');\n  unicode-range: ${ranges.join(',')};\n}\n`,
    ).join('\n');
    writeFileSync(join(tmp, 'fonts.css'), `/* Made by scripts/fonts/subset.ts: Noto Sans latin-ext, only the letters this site shows. */\n${css}`);
    const js =
      `// Made by scripts/fonts/subset.ts.\n` +
      FACES.map((f) => `import ${f.key} from './${f.file.replace('.woff2', '-subset.woff2')}?url';`).join('\n') +
      `\nexport const subsetUrls = { ${FACES.map((f) => f.key).join(', ')} };\nexport const subsetRange = ${JSON.stringify(ranges)};\n` +
      `export const restRange = ${JSON.stringify(restRange(codepoints))};\n`;
    writeFileSync(join(tmp, 'fonts.js'), js);
    // One rename: another build in this cache never sees half a folder.
    try {
      renameSync(tmp, dir);
    } catch {
      // Made meanwhile by another process: theirs is the same.
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  for (const f of FACES) bytes[f.key] = statSync(join(dir, f.file.replace('.woff2', '-subset.woff2'))).size;
  return { dir, codepoints, bytes };
}
