// The font's files cut down to the letters the site shows (scripts/font-subset-plugin.ts).
//
// Noto Sans comes from @fontsource split by script: "latin" (13-14 kB a face) and "latin-ext" (56-59
// kB a face), each fetched only when text needs one of its characters.
//
// latin-ext: the stories and the basemap's place names need a few dozen latin-ext letters (ı is in
// the latin file; ş, İ, ğ, ł, ő, ș, ā… are not), so a page with "Kıyıköy" or "BOTAŞ" in it fetched
// 56 kB for two letters. Each latin-ext face is subset (harfbuzz, through `subset-font`) to the
// latin-ext letters of every story this build serves, every place, country and sea name the basemap
// can label, and the whole of Latin Extended-A (most European names): about 6 kB a face.
//
// latin: every page fetches the latin file of each face it shows (regular, bold, and the italic of
// the map's water names), 40.5 kB for the three, though the text uses ASCII and a handful of other
// letters. Each latin face is subset to all of Basic Latin (printable ASCII), the spaces and
// punctuation the app writes itself (LATIN_ALWAYS), the latin-file letters of the stories this
// build serves, and those of the basemap's country and sea names and of the places it names up to
// zoom 5 (PLACE_LETTERS_MAXZOOM; Bogotá is in the tiles of the CGTN opening at 1280 px): about 8 kB
// a face. Not the other place names: they hold 53 of Latin-1's accented letters (é, ñ, ø…), 1.7 kB
// more a face; a place name with a letter the subset lacks, shown once the map is zoomed in, has the
// full latin file fetched (MapLibre takes that letter from it), as every label did before.
//
// Each subset is declared after @fontsource's full face with exactly its letters as `unicode-range`,
// so a letter it lacks still comes from the full file: a subset can only save bytes, never lose a
// letter (in CSS the later face wins; in MapLibre's `font-faces` the first face whose range has the
// letter, so there the subset comes first).
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
/**
 * @fontsource/noto-sans' latin unicode-range (its 400.css), as codepoint ranges. A letter in both
 * files (U+0304, U+0308, U+0329) is the latin file's.
 */
export const LATIN_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x00ff], [0x0131, 0x0131], [0x0152, 0x0153], [0x02bb, 0x02bc], [0x02c6, 0x02c6], [0x02da, 0x02da], [0x02dc, 0x02dc],
  [0x0304, 0x0304], [0x0308, 0x0308], [0x0329, 0x0329], [0x2000, 0x206f], [0x20ac, 0x20ac], [0x2122, 0x2122], [0x2191, 0x2191],
  [0x2193, 0x2193], [0x2212, 0x2212], [0x2215, 0x2215], [0xfeff, 0xfeff], [0xfffd, 0xfffd],
];
const inRanges = (cp: number, ranges: readonly (readonly [number, number])[]) => ranges.some(([a, b]) => cp >= a && cp <= b);

/** Bumped when what is made here changes, so cached subsets are made again. */
const VERSION = 6;

/**
 * The OpenType features each subset keeps: those browsers apply to Latin text by default (marks,
 * localised forms such as Turkish i, kerning, ligatures, contextual alternates). subset-font keeps
 * every feature unless told (small capitals, old-style and tabular figures, fractions,
 * superscripts…), which the site never asks for (no font-variant or font-feature-settings in its
 * CSS), and MapLibre sets its labels glyph by glyph, with none: about 1.1 kB less a face.
 */
export const KEEP_FEATURES = ['ccmp', 'locl', 'mark', 'mkmk', 'kern', 'liga', 'clig', 'calt', 'rlig', 'rvrn'] as const;

/** Latin Extended-A, U+0100-017F: always in the subset, so a newsroom's next story rarely needs the full file. */
const EXTENDED_A: number[] = Array.from({ length: 0x80 }, (_, i) => 0x100 + i);

/**
 * In every latin subset, whatever the stories say: Basic Latin (U+0000-007F: printable ASCII, and the
 * control characters, which no face draws, so that none sends the browser to the full file), the
 * spaces and invisible marks that text formatting writes (no-break U+00A0, U+2000-200F, narrow
 * no-break U+202F, word joiner U+2060, U+FEFF), and the letters the reader's interface writes itself:
 * © (the basemap's credits), · (between credits and between a place's passages), × (a card's close
 * button), “ ” ‘ ’ – — … (quoted names, cut excerpts, "Loading the story…") and °.
 */
export const LATIN_ALWAYS: readonly number[] = [
  ...Array.from({ length: 0x80 }, (_, i) => i),
  0xa0, ...Array.from({ length: 0x10 }, (_, i) => 0x2000 + i), 0x202f, 0x2060, 0xfeff,
  ...[...'©·×“”‘’–—…°'].map((ch) => ch.codePointAt(0)!),
];

/** Which file has a letter: where the two ranges overlap (U+0304, U+0308, U+0329), the latin file. */
const inLatin = (cp: number) => inRanges(cp, LATIN_RANGES);
const inLatinExt = (cp: number) => inRanges(cp, LATIN_EXT_RANGES) && !inLatin(cp);

/** The codepoints of `text` that `has` keeps, sorted and unique. */
function codepointsOf(text: string, has: (cp: number) => boolean): number[] {
  const out = new Set<number>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (has(cp)) out.add(cp);
  }
  return [...out].sort((a, b) => a - b);
}

/** The codepoints of `text` that the latin file has, sorted and unique. */
export const latinCodepoints = (text: string): number[] => codepointsOf(text, inLatin);

/** The codepoints of `text` that only the latin-ext file has, sorted and unique. */
export const latinExtCodepoints = (text: string): number[] => codepointsOf(text, inLatinExt);

/** A file's range (`ranges`, its own letters `has`) without a subset's letters, as unicode-range entries. */
function rangeWithout(ranges: readonly (readonly [number, number])[], has: (cp: number) => boolean, subset: readonly number[]): string[] {
  const taken = new Set(subset);
  const rest: number[] = [];
  for (const [a, b] of ranges) for (let cp = a; cp <= b; cp++) if (has(cp) && !taken.has(cp)) rest.push(cp);
  return unicodeRange(rest);
}

/**
 * The full latin-ext file's range without the subset's letters and the latin file's: for faces added
 * with the Font Loading API (the `<story-map>` element, src/embed.ts), where Chrome loads every face
 * whose range has a letter of the text, whatever their order, so each letter must have one face.
 */
export const restRange = (subset: readonly number[]): string[] => rangeWithout(LATIN_EXT_RANGES, inLatinExt, subset);

/** The latin file's range without the latin subset's letters: for the Font Loading API's faces, as restRange. */
export const latinRestRange = (subset: readonly number[]): string[] => rangeWithout(LATIN_RANGES, inLatin, subset);

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
 * other text files, from the folder and the folders in it, as written and in capitals. A file that cannot be read or parsed
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
  // And in capitals: the map sets an area's or a line's name so (style.ts, 'upcase'): "LÜLEBURGAZ"
  // needs Ü where the story writes ü.
  const text = parts.join('\n');
  return `${text}\n${text.toUpperCase()}`;
}

/** The letters of the basemap's names that go into the subsets (basemapCodepoints). */
export interface BasemapLetters {
  /** The latin-ext letters of every name: places, countries, seas. */
  latinExt: number[];
  /**
   * The latin letters beyond ASCII of the country names, as written and in capitals as the map sets
   * them (Åland, Curaçao, CÔTE D'IVOIRE…), of the sea names (Gulf of Gabès) and of the places named
   * from zoom PLACE_LETTERS_MAXZOOM or before (Bogotá, São Paulo, Göteborg, Fès…): what world,
   * continent and country views show, where most stories open.
   */
  latin: number[];
}

/**
 * The places whose latin letters go into the latin subsets: those the basemap names at this zoom or
 * before (872 of 86 596, the capitals and the largest cities; 18 letters, 0.1 kB a face). All the
 * places' would be 53 letters, 1.7 kB more a face, for names shown only once the map is zoomed in,
 * where the full latin file is fetched for them instead (MapLibre takes each letter from the first
 * face whose range has it: the subset, else the full file).
 */
export const PLACE_LETTERS_MAXZOOM = 5;

/**
 * The letters of the names the basemap can label (places, countries, seas:
 * scripts/basemap/sources.ts) that go into the subsets, kept in `cacheDir` under the data packages'
 * versions and the sea names (reading the places takes a few seconds). `sources` is that module, as
 * the caller loaded it.
 */
export function basemapCodepoints(geodata: string, cacheDir: string, sources: typeof import('../basemap/sources.ts')): BasemapLetters {
  const { readPlaces, readCountryNames, readMarineLabels, dataVersions } = sources;
  const marine = readMarineLabels(geodata);
  const spellings = readFileSync(join(geodata, 'basemap/place-names.json'), 'utf8');
  const key = createHash('sha256').update(JSON.stringify({ VERSION, PLACE_LETTERS_MAXZOOM, data: dataVersions(), marine: marine.map((m) => m.name), spellings })).digest('hex').slice(0, 16);
  const file = join(cacheDir, `basemap-letters-${key}.json`);
  if (existsSync(file)) {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as Partial<BasemapLetters>;
    if (Array.isArray(cached.latinExt) && Array.isArray(cached.latin)) return cached as BasemapLetters;
  }
  const countries = readCountryNames();
  // The map sets country names in capitals (basemap-style.ts: 'upcase'): CÔTE D'IVOIRE needs Ô.
  const named = [...marine.map((m) => m.name), ...countries, ...countries.map((n) => n.toUpperCase())];
  const places = readPlaces(geodata).features;
  const placeName = (f: (typeof places)[number]) => String(f.properties?.name ?? '');
  const early = places.filter((f) => Number(f.properties?.minzoom) <= PLACE_LETTERS_MAXZOOM).map(placeName);
  const letters: BasemapLetters = {
    latinExt: latinExtCodepoints([...named, ...places.map(placeName)].join('\n')),
    latin: latinCodepoints([...named, ...early].join('\n')).filter((cp) => cp >= 0x80),
  };
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(file, JSON.stringify(letters));
  return letters;
}

/** The faces made: the latin-ext file each subsets, and the CSS weight and style it is declared with. */
export const FACES = [
  { key: 'regular', file: 'noto-sans-latin-ext-400-normal.woff2', weight: 400, style: 'normal' },
  { key: 'bold', file: 'noto-sans-latin-ext-700-normal.woff2', weight: 700, style: 'normal' },
  { key: 'italic', file: 'noto-sans-latin-ext-400-italic.woff2', weight: 400, style: 'italic' },
] as const;
export type FaceKey = (typeof FACES)[number]['key'];

/** The same for the latin files. */
export const LATIN_FACES = [
  { key: 'regular', file: 'noto-sans-latin-400-normal.woff2', weight: 400, style: 'normal' },
  { key: 'bold', file: 'noto-sans-latin-700-normal.woff2', weight: 700, style: 'normal' },
  { key: 'italic', file: 'noto-sans-latin-400-italic.woff2', weight: 400, style: 'italic' },
] as const satisfies readonly { key: FaceKey; file: string; weight: number; style: string }[];

/** A subset's file name: noto-sans-latin-400-normal.woff2 → noto-sans-latin-400-normal-subset.woff2. */
export const subsetFile = (file: string) => file.replace('.woff2', '-subset.woff2');

export interface SubsetFiles {
  /** Folder with the woff2 files, fonts.css and fonts.js. */
  dir: string;
  /** The codepoints in every latin-ext subset. */
  codepoints: number[];
  /** Bytes of each latin-ext subset file. */
  bytes: Record<FaceKey, number>;
  /** The codepoints in every latin subset. */
  latinCodepoints: number[];
  /** Bytes of each latin subset file. */
  latinBytes: Record<FaceKey, number>;
}

const pkgVersion = (name: string) => (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;

/**
 * Makes (or finds in `cacheDir`) the subsets: of each latin-ext face, for the latin-ext letters of
 * `text` and `extra` (the basemap's: BasemapLetters.latinExt); of each latin face, for LATIN_ALWAYS
 * and the latin letters of `text` and `latinExtra` (BasemapLetters.latin). Six woff2 files, a
 * stylesheet declaring them after @fontsource's faces, and a module exporting their URLs and
 * unicode-ranges for the map and the embed element.
 */
export async function makeSubsets(text: string, cacheDir: string, extra: readonly number[] = [], latinExtra: readonly number[] = []): Promise<SubsetFiles> {
  const codepoints = latinExtCodepoints(String.fromCodePoint(...EXTENDED_A, ...extra) + text);
  const latin = latinCodepoints(String.fromCodePoint(...LATIN_ALWAYS, ...latinExtra) + text);
  const key = createHash('sha256')
    .update(JSON.stringify({ VERSION, codepoints, latin, fontsource: pkgVersion('@fontsource/noto-sans'), subsetFont: pkgVersion('subset-font') }))
    .digest('hex')
    .slice(0, 16);
  const dir = resolve(cacheDir, key);
  const ranges = unicodeRange(codepoints);
  const latinRanges = unicodeRange(latin);
  if (!existsSync(join(dir, 'fonts.js'))) {
    // Required, not imported: this module is loaded by a Vite runner that is closed by now.
    const subsetFont = require('subset-font') as (b: Buffer, t: string, o: { targetFormat: 'woff2'; keepFeatures: string[] }) => Promise<Buffer>;
    const tmp = `${dir}.tmp-${process.pid}`;
    mkdirSync(tmp, { recursive: true });
    const sets = [
      { faces: LATIN_FACES, chars: String.fromCodePoint(...latin), range: latinRanges },
      { faces: FACES, chars: String.fromCodePoint(...codepoints), range: ranges },
    ];
    for (const { faces, chars } of sets)
      for (const face of faces) {
        const full = readFileSync(require.resolve(`@fontsource/noto-sans/files/${face.file}`));
        writeFileSync(join(tmp, subsetFile(face.file)), await subsetFont(full, chars, { targetFormat: 'woff2', keepFeatures: [...KEEP_FEATURES] }));
      }
    const css = sets
      .flatMap(({ faces, range }) =>
        faces.map(
          (f) =>
            `@font-face {\n  font-family: 'Noto Sans';\n  font-style: ${f.style};\n  font-display: swap;\n  font-weight: ${f.weight};\n` +
            `  src: url(./${subsetFile(f.file)}) format('woff2');\n  unicode-range: ${range.join(',')};\n}\n`,
        ),
      )
      .join('\n');
    writeFileSync(
      join(tmp, 'fonts.css'),
      `/* Made by scripts/fonts/subset.ts: Noto Sans latin and latin-ext, only the letters this site shows (the full files serve the rest). */\n${css}`,
    );
    const js =
      `// Made by scripts/fonts/subset.ts.\n` +
      LATIN_FACES.map((f) => `import latin_${f.key} from './${subsetFile(f.file)}?url';`).join('\n') +
      '\n' +
      FACES.map((f) => `import ${f.key} from './${subsetFile(f.file)}?url';`).join('\n') +
      `\nexport const subsetUrls = { ${FACES.map((f) => f.key).join(', ')} };\nexport const subsetRange = ${JSON.stringify(ranges)};\n` +
      `export const restRange = ${JSON.stringify(restRange(codepoints))};\n` +
      `export const latinSubsetUrls = { ${LATIN_FACES.map((f) => `${f.key}: latin_${f.key}`).join(', ')} };\n` +
      `export const latinSubsetRange = ${JSON.stringify(latinRanges)};\n` +
      `export const latinRestRange = ${JSON.stringify(latinRestRange(latin))};\n`;
    writeFileSync(join(tmp, 'fonts.js'), js);
    // One rename: another build in this cache never sees half a folder.
    try {
      renameSync(tmp, dir);
    } catch {
      // Made meanwhile by another process: theirs is the same.
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  const sizes = (faces: readonly { key: FaceKey; file: string }[]) => Object.fromEntries(faces.map((f) => [f.key, statSync(join(dir, subsetFile(f.file))).size])) as Record<FaceKey, number>;
  return { dir, codepoints, bytes: sizes(FACES), latinCodepoints: latin, latinBytes: sizes(LATIN_FACES) };
}
