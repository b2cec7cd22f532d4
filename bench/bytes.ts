// What the bytes a page fetched are: the app's own JS, maplibre-gl, its worker, CSS, fonts, basemap,
// story data. Sizes are measured on the built files (raw, gzip -9, brotli -q 11, as a static host
// would precompress them); a chunk that mixes maplibre-gl and app code is split by its modules'
// shares of it, so the kinds add up to the files served.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { ChunkModules } from './build';

export const CATEGORIES = ['html', 'appJs', 'maplibre', 'worker', 'css', 'fonts', 'basemap', 'story', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_LABELS: Record<Category, string> = {
  html: 'HTML',
  appJs: "app's own JS",
  maplibre: 'maplibre-gl JS',
  worker: 'maplibre-gl worker',
  css: 'CSS',
  fonts: 'fonts',
  basemap: 'basemap data',
  story: 'story data',
  other: 'other',
};

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}
export const ZERO: Sizes = { raw: 0, gzip: 0, brotli: 0 };
export const add = (a: Sizes, b: Sizes): Sizes => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });

const cache = new Map<string, Sizes>();
export function sizesOf(data: Buffer | string, cacheKey?: string): Sizes {
  const hit = cacheKey ? cache.get(cacheKey) : undefined;
  if (hit) return hit;
  const buf = typeof data === 'string' ? Buffer.from(data) : data;
  const s = {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length,
  };
  if (cacheKey) cache.set(cacheKey, s);
  return s;
}

const isMaplibreModule = (id: string) => /[\\/]node_modules[\\/]maplibre-gl[\\/]/.test(id);

/** Where a served path lives on disk: a mounted folder, or the site. */
export function fileFor(path: string, site: string, mounts: Record<string, string>): string | null {
  for (const [prefix, dir] of Object.entries(mounts)) {
    const p = `/${prefix.replace(/^\/|\/$/g, '')}/`;
    if (path.startsWith(p)) return resolve(dir, path.slice(p.length));
  }
  const f = join(site, path.endsWith('/') ? `${path}index.html` : path);
  return existsSync(f) ? f : null;
}

/** The category of a served path (JS chunks are refined by their modules in `splitBytes`). */
export function categorize(path: string): Category {
  if (path.endsWith('/') || path.endsWith('.html')) return 'html';
  if (/maplibre-gl-worker[^/]*\.m?js$/.test(path)) return 'worker';
  if (/\.m?js$/.test(path)) return 'appJs';
  if (path.endsWith('.css')) return 'css';
  if (/\.(woff2?|ttf|otf)$/.test(path)) return 'fonts';
  if (path.includes('/basemap/')) return 'basemap';
  if (path.includes('/stories/') || path.includes('/bench/template/config/')) return 'story';
  return 'other';
}

export type ByteSplit = Record<Category, Sizes & { files: string[] }>;

/** All the bytes of a split, whatever their kind (the bytes table's total, issue 14's byte budget). */
export const totalOf = (split: ByteSplit): Sizes => CATEGORIES.reduce((t, c) => add(t, split[c]), ZERO);

/** Sizes by category of the given served paths (each file counted once). */
export function splitBytes(paths: string[], site: string, mounts: Record<string, string>, chunks: ChunkModules[]): ByteSplit {
  const out = Object.fromEntries(CATEGORIES.map((c) => [c, { ...ZERO, files: [] as string[] }])) as ByteSplit;
  const put = (c: Category, s: Sizes, file: string) => {
    Object.assign(out[c], add(out[c], s));
    out[c].files.push(file);
  };
  for (const path of [...new Set(paths)]) {
    const file = fileFor(path, site, mounts);
    if (!file || !existsSync(file)) continue;
    const whole = sizesOf(readFileSync(file), file);
    const category = categorize(path);
    const chunk = category === 'appJs' ? chunks.find((c) => `/${c.fileName}` === path) : undefined;
    const lib = chunk?.modules.filter((m) => isMaplibreModule(m.id) && m.code.length > 0) ?? [];
    if (!chunk || !lib.length) {
      put(category, whole, path);
      continue;
    }
    // The served file, shared in the proportion of its modules' code: the maplibre-gl modules
    // compressed on their own against all of the chunk's. (A module's code in the chunk is as rendered,
    // before minifying: maplibre-gl's reads 1.31 MB there and 1.07 MB in the file, so it is a share,
    // not a size. Counted as a size, it was 28 kB gzip more than the file that was served.)
    const libSizes = sizesOf(lib.map((m) => m.code).join('\n'), `${file}#maplibre`);
    const allSizes = sizesOf(chunk.modules.map((m) => m.code).join('\n'), `${file}#all`);
    const share = (k: keyof Sizes) => (allSizes[k] > 0 ? Math.round(whole[k] * Math.min(1, libSizes[k] / allSizes[k])) : whole[k]);
    const mine: Sizes = { raw: share('raw'), gzip: share('gzip'), brotli: share('brotli') };
    put('maplibre', mine, path);
    put('appJs', { raw: whole.raw - mine.raw, gzip: whole.gzip - mine.gzip, brotli: whole.brotli - mine.brotli }, path);
  }
  return out;
}

/** JS chunks that are mostly maplibre-gl (their paths on the server). */
export function maplibreChunks(chunks: ChunkModules[]): string[] {
  const len = (ms: ChunkModules['modules']) => ms.reduce((n, m) => n + m.code.length, 0);
  return chunks.filter((c) => len(c.modules.filter((m) => isMaplibreModule(m.id))) > len(c.modules) / 2).map((c) => `/${c.fileName}`);
}

/** The biggest modules of the given chunks, for "what is in the app's JS" (gzip of each module alone). */
export function topModules(chunks: ChunkModules[], paths: string[], n = 12): { module: string; raw: number; gzip: number }[] {
  const wanted = new Set(paths);
  const byPackage = new Map<string, string[]>();
  for (const c of chunks) {
    if (!wanted.has(`/${c.fileName}`)) continue;
    for (const m of c.modules) {
      if (isMaplibreModule(m.id)) continue;
      const pkg = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(m.id)?.[1]?.replace(/\\/g, '/') ?? `src: ${m.id.replace(/\0/g, '').replace(/^.*?[\\/](src|bench)[\\/]/, '$1/')}`;
      byPackage.set(pkg, [...(byPackage.get(pkg) ?? []), m.code]);
    }
  }
  return [...byPackage]
    .map(([module, codes]) => {
      const s = sizesOf(codes.join('\n'));
      return { module, raw: s.raw, gzip: s.gzip };
    })
    .sort((a, b) => b.gzip - a.gzip)
    .slice(0, n);
}

// ---- fonts: only the subsets whose characters are on the page ----

/** Unicode ranges of each @fontsource subset, read from the package's CSS. */
export function fontSubsetRanges(css: string): Map<string, [number, number][]> {
  const out = new Map<string, [number, number][]>();
  const re = /\/\*\s*noto-sans-([a-z-]+)-\d{3}-normal\s*\*\/[^}]*?unicode-range:\s*([^;]+);/g;
  for (const m of css.matchAll(re)) {
    const ranges = m[2]!.split(',').map((r) => {
      const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(a!, 16), parseInt(b ?? a!, 16)] as [number, number];
    });
    out.set(m[1]!, ranges);
  }
  return out;
}

export interface FontUse {
  file: string;
  subset: string | null;
  /** Some character of the text falls in the subset's range. */
  used: boolean;
}

/**
 * For each fetched font file, whether the text drawn in it has a character that needs it: upright
 * files against `text`, italic ones against `italicText` (the map's water names; nothing else is
 * set in italic).
 */
export function fontsUsed(files: string[], text: string, ranges: Map<string, [number, number][]>, italicText = ''): FontUse[] {
  const pointsOf = (t: string) => new Set([...t].map((ch) => ch.codePointAt(0)!));
  const upright = pointsOf(text);
  const italic = pointsOf(italicText);
  return files.map((file) => {
    const m = /noto-sans-([a-z-]+?)-\d{3}-(normal|italic)/.exec(file);
    const subset = m?.[1] ?? null;
    const r = subset ? ranges.get(subset) : undefined;
    if (!r) return { file, subset, used: false };
    const points = m?.[2] === 'italic' ? italic : upright;
    let used = false;
    for (const p of points) if (r.some(([a, b]) => p >= a && p <= b)) {
      used = true;
      break;
    }
    return { file, subset: m?.[2] === 'italic' ? `${subset} italic` : subset, used };
  });
}
