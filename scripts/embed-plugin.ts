// Vite plugin for the embeds (see docs/embedding.md):
// - in dev, serves the stable embed URLs (/story-map.js, /embed-host.js) from their sources;
// - in the build, gives <story-map> the stylesheets to link inside its shadow root: every CSS file
//   its chunks import (Vite would otherwise put them in document.head, outside the shadow root),
//   copied with `rem` pinned to the embed's own 16px, since inside a shadow root rem still follows
//   the host page's root font size (news sites often set html { font-size: 62.5% });
// - in the build, moves images inlined in CSS as data: URLs (MapLibre's control icons) into files,
//   so that host pages need no `img-src data:`;
// - in the build, gives embed.html a strict Content-Security-Policy (dev needs inline styles for HMR);
// - in the build, never lets a lazily loaded chunk inject its CSS into document.head (Vite's preload
//   does that for a lazy component's styles): on a host page that would leak our CSS into theirs,
//   and miss the shadow root anyway. Pages link that CSS up front instead; story-map.js links it
//   in its shadow root;
// - in the build, joins each page's stylesheets into one file (and the element's into one), in the
//   order the page linked them: one request, not seven. Each request on a slow link pays its round
//   trip, and on HTTP/1.1 the browser opens six connections per host, so seven stylesheets in the
//   head held the map library's download back by a round trip or two (docs/performance.md).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { Plugin } from 'vite';
import { pinRem } from '../src/lib/embed/pin-rem.ts';
import { checkHelperPresent, PreloadHelperChanged, preloadList } from './preload-helper.ts';
import { holdsModule } from './chunk-graph.ts';

/** The standalone page's entry, and the page's code it imports once the first frame is rendered. */
export const PAGE_ENTRY = 'src/main.ts';
export const PAGE_CODE = 'src/start-page.ts';

/** Entry name -> stable file name at the root of the build. */
export const EMBED_ENTRIES: Record<string, string> = { 'story-map': 'src/embed.ts', 'embed-host': 'src/host.ts' };

export const PLACEHOLDER = '__STORY_MAP_STYLESHEETS__';

/** The CSP of the iframe page itself: nothing but its own origin; images only as data: (MapLibre's control icons). */
export const FRAME_CSP =
  "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'";

/**
 * The iframe page's CSP for a site whose stories name basemap hosts (story.json `basemap`): those
 * origins, and only those, may be fetched from (the style, its tiles, glyphs and sprite).
 */
export function frameCsp(remoteOrigins: readonly string[] = []): string {
  const extra = [...new Set(remoteOrigins)].sort();
  return extra.length ? FRAME_CSP.replace("connect-src 'self'", `connect-src 'self' ${extra.join(' ')}`) : FRAME_CSP;
}

/** The origins the stories' basemaps are fetched from (story.json `basemap.style` / `.tiles` / `.pmtiles`), read from their folders. */
export function basemapOrigins(storyDirs: Iterable<string>): string[] {
  const out: string[] = [];
  for (const dir of storyDirs) {
    try {
      const b = (JSON.parse(readFileSync(join(dir, 'story.json'), 'utf8')) as { basemap?: { style?: unknown; tiles?: unknown; pmtiles?: unknown } }).basemap;
      for (const u of [b?.style, b?.tiles, b?.pmtiles]) if (typeof u === 'string' && /^https?:\/\//i.test(u)) out.push(new URL(u.replace(/[{}]/g, '')).origin);
    } catch {
      // A story.json that cannot be read is the stories plugin's to report; it names no host here.
    }
  }
  return out;
}

const EXT: Record<string, string> = { 'image/svg+xml': 'svg', 'image/png': 'png', 'image/gif': 'gif', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/** Decodes an image data: URL; null when it is not one we know. */
export function decodeDataUrl(url: string): { ext: string; bytes: Buffer } | null {
  const m = /^data:([^;,]+)((?:;[^;,]*)*),(.*)$/s.exec(url);
  const ext = m && EXT[m[1]!.toLowerCase()];
  if (!m || !ext) return null;
  const base64 = /;base64/i.test(m[2]!);
  try {
    return { ext, bytes: base64 ? Buffer.from(m[3]!, 'base64') : Buffer.from(decodeURIComponent(m[3]!), 'utf8') };
  } catch {
    return null;
  }
}

/** Rewrites every url(data:image/…) in a stylesheet to a file, emitted through `emit(bytes, ext)` (which returns its path relative to the stylesheet). */
export function extractDataImages(css: string, emit: (bytes: Buffer, ext: string) => string): string {
  return css.replace(/url\(\s*(?:"(data:[^"]*)"|'(data:[^']*)'|(data:[^)'"\s]*))\s*\)/g, (whole, dq?: string, sq?: string, bare?: string) => {
    const img = decodeDataUrl((dq ?? sq ?? bare)!);
    return img ? `url(${emit(img.bytes, img.ext)})` : whole;
  });
}

export { pinRem };

/**
 * In Vite's list of files to preload with a lazy import (preload-helper.ts), stands a script of
 * the same list in for every stylesheet, so the preload helper (which skips what it has seen)
 * injects no CSS. Throws (PreloadHelperChanged) when the chunk has the helper in a form it does not know.
 */
export function dropRuntimeCss(code: string, fileName = 'a chunk'): string {
  const found = preloadList(code, fileName);
  if (!found) return code;
  const { files } = found;
  const js = files.find((f) => !f.endsWith('.css'));
  if (!js || !files.some((f) => f.endsWith('.css'))) return code;
  const list = JSON.stringify(files.map((f) => (f.endsWith('.css') ? js : f)));
  return code.slice(0, found.index) + list + code.slice(found.index + found.length);
}

/** A stylesheet link the build writes in a page's head. */
const STYLESHEET_LINK = /\n?[ \t]*<link rel="stylesheet" crossorigin href="\.\/(assets\/[^"/]+\.css)">/g;

/**
 * Replaces a page's stylesheet links with one link to a file that joins them, in the same order;
 * `isBuilt` says whether a path is a stylesheet of this build (anything else is left as it is, and
 * then nothing is joined, so the cascade's order never changes). The joined file's name hashes
 * the parts' names, which already hash their contents.
 */
export function joinStylesheetLinks(html: string, isBuilt: (path: string) => boolean): { html: string; fileName?: string; parts: string[] } {
  const parts = [...html.matchAll(STYLESHEET_LINK)].map((m) => m[1]!);
  const all = (html.match(/<link\b[^>]*rel="stylesheet"[^>]*>/g) ?? []).length;
  if (parts.length < 2 || parts.length !== all || !parts.every(isBuilt)) return { html, parts: [] };
  const fileName = `assets/page-${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 10)}.css`;
  let first = true;
  const out = html.replace(STYLESHEET_LINK, (whole) => {
    if (!first) return '';
    first = false;
    return whole.replace(/href="[^"]*"/, `href="./${fileName}"`);
  });
  return { html: out, fileName, parts };
}

/** Stylesheets one after another, as one file: a `@charset` is only allowed first, and ours are all UTF-8. */
export function joinCss(sources: readonly string[]): string {
  return sources.map((css) => css.replace(/^\uFEFF?@charset "[^"]*";\s*/i, '')).join('\n');
}

/**
 * CSS files of the chunks an entry reaches through lazy imports (and their own imports), and of
 * `alsoLazy`, chunks it imports by a URL the bundler does not see (the page's code: main.ts).
 */
export function lazyCss(bundle: Record<string, { type: string }>, entry: string, alsoLazy: string[] = []): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (fileName: string, lazy: boolean) => {
    const key = `${fileName}:${lazy}`;
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = bundle[fileName] as ChunkLike | undefined;
    if (!chunk || chunk.type !== 'chunk') return;
    if (lazy) for (const css of chunk.viteMetadata?.importedCss ?? []) if (!out.includes(css)) out.push(css);
    for (const dep of chunk.imports) walk(dep, lazy);
    for (const dep of chunk.dynamicImports) walk(dep, true);
  };
  walk(entry, false);
  for (const c of alsoLazy) walk(c, true);
  return out;
}

interface ChunkLike {
  type: 'chunk';
  name: string;
  isEntry: boolean;
  fileName: string;
  code: string;
  imports: string[];
  dynamicImports: string[];
  viteMetadata?: { importedCss: Set<string> };
}

export function embedPlugin(storyDirs: Iterable<string> = []): Plugin {
  const remoteOrigins = basemapOrigins(storyDirs);
  /** Joined stylesheet -> its parts, from the pages' links; written once the parts are final. */
  const joined = new Map<string, string[]>();
  return {
    name: 'story-map:embed',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const path = (req.url ?? '').split('?')[0];
        for (const [name, src] of Object.entries(EMBED_ENTRIES)) if (path === `/${name}.js`) req.url = `/${src}`;
        next();
      });
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (ctx.server) return html;
        if (ctx.bundle && ctx.chunk) {
          const chunks = Object.values(ctx.bundle) as unknown as (ChunkLike & { moduleIds?: string[] })[];
          const pageCode = holdsModule(ctx.chunk, PAGE_ENTRY) ? chunks.filter((c) => c.type === 'chunk' && c.isEntry && holdsModule(c, PAGE_CODE)).map((c) => c.fileName) : [];
          const links = lazyCss(ctx.bundle, ctx.chunk.fileName, pageCode)
            .filter((css) => !html.includes(css))
            .map((css) => `\n    <link rel="stylesheet" crossorigin href="./${css}">`)
            .join('');
          html = html.replace(/\n?\s*<\/head>/, `${links}\n  </head>`);
          const bundle = ctx.bundle;
          const one = joinStylesheetLinks(html, (path) => bundle[path]?.type === 'asset');
          if (one.fileName) {
            joined.set(one.fileName, one.parts);
            html = one.html;
          }
        }
        if (!ctx.filename.endsWith('embed.html')) return html;
        // Right after the charset, before anything the policy governs.
        return html.replace(/(<meta charset="[^"]*"\s*\/?>)/i, `$1\n    <meta http-equiv="Content-Security-Policy" content="${frameCsp(remoteOrigins)}" />`);
      },
    },
    generateBundle: { order: 'post', handler(_options, bundle) {
      try {
        checkHelperPresent(bundle as unknown as Parameters<typeof checkHelperPresent>[0]);
        for (const chunk of Object.values(bundle)) if (chunk.type === 'chunk') chunk.code = dropRuntimeCss(chunk.code, chunk.fileName);
      } catch (e) {
        if (e instanceof PreloadHelperChanged) this.error(e.message);
        throw e;
      }
      // Inlined images out of every stylesheet (the page's and the embeds' alike).
      const emitted = new Set<string>();
      for (const asset of Object.values(bundle)) {
        if (asset.type !== 'asset' || !asset.fileName.endsWith('.css')) continue;
        asset.source = extractDataImages(String(asset.source), (bytes, ext) => {
          const fileName = `assets/icon-${createHash('sha256').update(bytes).digest('hex').slice(0, 10)}.${ext}`;
          if (!emitted.has(fileName)) {
            emitted.add(fileName);
            this.emitFile({ type: 'asset', fileName, source: bytes });
          }
          return posix.relative(posix.dirname(asset.fileName), fileName);
        });
      }
      // The pages' joined stylesheets, from their parts as they now are. The parts stay in the build
      // (the element's copies below are made from them), unlinked by the pages.
      for (const [fileName, parts] of joined) {
        const sources = parts.map((p) => bundle[p]).map((a, i) => (a?.type === 'asset' ? String(a.source) : this.error(`stylesheet ${parts[i]} is missing from the build`)));
        this.emitFile({ type: 'asset', fileName, source: joinCss(sources) });
      }
      const entry = Object.values(bundle).find((c): c is ChunkLike & typeof c => c.type === 'chunk' && c.isEntry && c.name === 'story-map') as ChunkLike | undefined;
      if (!entry) return;
      // Every CSS file of the entry's chunks, static and lazy, in import order, each once.
      const css: string[] = [];
      const seen = new Set<string>();
      const walk = (fileName: string) => {
        if (seen.has(fileName)) return;
        seen.add(fileName);
        const chunk = bundle[fileName] as ChunkLike | undefined;
        if (!chunk || chunk.type !== 'chunk') return;
        for (const dep of chunk.imports) walk(dep);
        for (const file of chunk.viteMetadata?.importedCss ?? []) if (!css.includes(file)) css.push(file);
        for (const dep of chunk.dynamicImports) walk(dep);
      };
      walk(entry.fileName);
      // One file for the element too, in the same folder as the originals, so their relative url()s
      // (fonts, icons) still resolve.
      const sources: string[] = [];
      for (const file of css) {
        const asset = bundle[file];
        if (asset?.type === 'asset') sources.push(pinRem(String(asset.source)));
      }
      const files: string[] = [];
      if (sources.length) {
        const source = joinCss(sources);
        const copy = `assets/story-map-${createHash('sha256').update(source).digest('hex').slice(0, 10)}.css`;
        this.emitFile({ type: 'asset', fileName: copy, source });
        files.push(copy);
      }
      const literal = new RegExp(`(["'\`])${PLACEHOLDER}\\1`);
      if (!literal.test(entry.code)) this.error(`story-map.js: the stylesheet placeholder ${PLACEHOLDER} is missing`);
      entry.code = entry.code.replace(literal, JSON.stringify(JSON.stringify(files)));
    } },
  };
}
