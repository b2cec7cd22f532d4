// Vite plugin (build only): what the page loads early, and what it does not load at all.
// In index.html it tells the browser about what the page will ask for after its first script has
// run, so that nothing waits for a round trip it did not need:
// - the default story's model.json and the article's fonts, which the text needs, at high priority;
// - the page's code (start-page.ts and the chunks it imports), which the entry imports by this
//   link's URL (`data-start-page`) once the first frame is rendered (main.ts), at the default priority;
// - the map's code (early-map.ts, which makes the map before the page is hydrated: start-page.ts; and
//   maplibre-gl) and MapLibre's worker, at low priority where the entry does not import it already,
//   so it downloads while the text is being shown without taking bandwidth from it (the basemap's
//   tiles are asked for by the map). The live page's code (Svelte, the components) is not
//   preloaded: it is loaded once the map is shown.
// The map library is still only evaluated after the text has been painted (start-page.ts, StoryMap.svelte).
// And it keeps lazy chunks from preloading chunks they do not import (pruneMapDeps).
import type { Plugin } from 'vite';
import type { StoryConfig } from './story-config.ts';
import { MAP_DEPS_CALL, PreloadHelperChanged, preloadList } from './preload-helper.ts';
import { PAGE_CODE } from './embed-plugin.ts';
import { chunkWithImports, closure, type GraphChunk } from './chunk-graph.ts';

/**
 * Drops, from each lazy import's list of files to preload (preload-helper.ts), the JS chunks the
 * imported chunk never imports. Vite 8 lists a wrong chunk in place of a lazy chunk's CSS when CSS
 * is split by chunk (here the validator's 70 kB chunk, under StoryMap and the SVG fallback), so the
 * page fetched the validator it does not need. CSS and real dependencies are kept. Throws
 * (PreloadHelperChanged) for a helper in a form it does not know.
 */
export function pruneMapDeps(code: string, fileName: string, bundle: Record<string, GraphChunk>): string {
  const found = preloadList(code, fileName);
  if (!found) return code;
  const files = found.files;
  const dir = fileName.includes('/') ? fileName.slice(0, fileName.lastIndexOf('/') + 1) : '';
  const resolve = (rel: string) => (rel.startsWith('./') ? dir + rel.slice(2) : rel);
  return code.replace(MAP_DEPS_CALL, (whole, idx: string) => {
    const indices = idx.split(',').map(Number);
    const target = files[indices[0]!];
    if (target === undefined) return whole;
    const reachable = new Set(closure(bundle, resolve(target)));
    const kept = indices.filter((i) => {
      const f = files[i];
      return f !== undefined && (!f.endsWith('.js') || reachable.has(resolve(f)));
    });
    return `__vite__mapDeps([${kept.join(',')}])`;
  });
}

export function preloadPlugin(cfg: StoryConfig): Plugin {
  const story = cfg.defaultStory;
  return {
    name: 'story-map:preload',
    apply: 'build',
    generateBundle: {
      order: 'post',
      handler(_, bundle) {
        const chunks = bundle as unknown as Record<string, GraphChunk & { code?: string }>;
        try {
          for (const c of Object.values(chunks)) if (c.type === 'chunk' && c.code) c.code = pruneMapDeps(c.code, c.fileName, chunks);
        } catch (e) {
          if (e instanceof PreloadHelperChanged) this.error(e.message);
          throw e;
        }
      },
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!/(^|\/)index\.html$/.test(ctx.path) || !ctx.bundle) return html;
        const bundle = ctx.bundle as unknown as Record<string, GraphChunk>;
        // Chunks the entry already preloads (or is) are left to Vite's own tags.
        const entry = closure(bundle, ctx.chunk?.fileName);
        // The page's code, which the entry imports once the first frame is rendered (main.ts): at
        // the default priority, as the entry's own imports would be.
        const page = chunkWithImports(bundle, PAGE_CODE).filter((f) => !entry.includes(f));
        const map = [...new Set([...chunkWithImports(bundle, 'src/lib/map/early-map.ts'), ...chunkWithImports(bundle, 'src/lib/map/engine.ts')])].filter((f) => !entry.includes(f) && !page.includes(f));
        // The article's fonts (Latin, regular and bold): text in a web font that is still loading is
        // not drawn, so they are wanted as early as the text. Their subsets (scripts/fonts/subset.ts:
        // ASCII and the stories' latin letters), which the text is set in; not the full files.
        const fonts = Object.keys(bundle).filter((f) => /noto-sans-latin-(400|700)-normal-subset-[^/]*\.woff2$/.test(f));
        // MapLibre's worker, which the map starts once it is made: fetched from the first byte too,
        // at low priority after the map's code, into the HTTP cache, where the worker's own request
        // finds it. On the slow-4G phone the map was shown about 0.3 s sooner; docs/performance.md.
        // As `prefetch`: Chromium has no `modulepreload` for a worker (`as="worker"` logs "invalid
        // `as` value" on every load and was fetched only by its preload scanner), and a
        // `modulepreload` without `as` would compile the worker's 520 kB as a module of the page.
        const worker = Object.keys(bundle).filter((f) => /(^|\/)maplibre-gl-worker-[^/]*\.mjs$/.test(f));
        const tags = [
          { tag: 'link', attrs: { rel: 'preload', href: `./stories/${story}/model.json`, as: 'fetch', crossorigin: '' }, injectTo: 'head' as const },
          ...fonts.map((f) => ({ tag: 'link', attrs: { rel: 'preload', href: `./${f}`, as: 'font', type: 'font/woff2', crossorigin: '' }, injectTo: 'head' as const })),
          ...page.map((f, i) => ({ tag: 'link', attrs: { rel: 'modulepreload', href: `./${f}`, crossorigin: '', ...(i === 0 ? { 'data-start-page': '' } : {}) }, injectTo: 'head' as const })),
          ...map.map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', href: `./${f}`, fetchpriority: 'low', crossorigin: '' }, injectTo: 'head' as const })),
          ...worker.map((f) => ({ tag: 'link', attrs: { rel: 'prefetch', href: `./${f}` }, injectTo: 'head' as const })),
        ];
        return { html, tags };
      },
    },
  };
}
