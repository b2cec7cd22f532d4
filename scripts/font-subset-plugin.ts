// Vite plugin: Noto Sans' latin and latin-ext faces cut down to the letters this site shows
// (scripts/fonts/subset.ts), as two modules the app imports:
//   virtual:story-map-fonts.css?<entry>  @font-face rules, imported after @fontsource's by each entry
//   virtual:story-map-fonts      the files' URLs and unicode-ranges, for the map's font-faces and
//                                the <story-map> element's faces
// Both resolve to files made into node_modules/.cache/story-map-fonts/<key>/, so Vite hashes and
// emits the fonts as it does any asset. Made once a set of letters (harfbuzz, about 1 s), then read.
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { runnerImport, type Plugin } from 'vite';
import type { StoryConfig } from './story-config.ts';

type Subset = typeof import('./fonts/subset.ts');
type Sources = typeof import('./basemap/sources.ts');
const SUBSET = fileURLToPath(new URL('./fonts/subset.ts', import.meta.url));
const SOURCES = fileURLToPath(new URL('./basemap/sources.ts', import.meta.url));
const OPTIONS = { configFile: false, logLevel: 'silent' } as const;
export const FONTS_CSS = 'virtual:story-map-fonts.css';
export const FONTS_JS = 'virtual:story-map-fonts';

export function fontSubsetPlugin(cfg: StoryConfig, cacheDir = resolve('node_modules/.cache/story-map-fonts')): Plugin {
  let made: Promise<string> | null = null;
  let info: (m: string) => void = console.log;
  const make = () =>
    (made ??= (async () => {
      // Each runnerImport closes its runner when it returns: nothing is imported through it later.
      const [{ module }, { module: sources }] = await Promise.all([runnerImport<Subset>(SUBSET, OPTIONS), runnerImport<Sources>(SOURCES, OPTIONS)]);
      const text = [...cfg.stories.values()].map((d) => module.storyText(d)).join('\n');
      const basemap = module.basemapCodepoints(cfg.geodata, cacheDir, sources);
      const files = await module.makeSubsets(text, cacheDir, basemap.latinExt, basemap.latin);
      const sizes = (bytes: Record<string, number>) => Object.entries(bytes).map(([k, b]) => `${k} ${(b / 1024).toFixed(1)} kB`).join(', ');
      info(`fonts: latin subset of ${files.latinCodepoints.length} letters, ${sizes(files.latinBytes)}; latin-ext subset of ${files.codepoints.length} letters, ${sizes(files.bytes)}`);
      return files.dir;
    })());
  return {
    name: 'story-map:font-subset',
    enforce: 'pre',
    configResolved(config) {
      info = (m) => config.logger.info(m);
    },
    resolveId: {
      // Asked only for its two names, not for every import of the build.
      filter: { id: /^virtual:story-map-fonts/ },
      async handler(id) {
        // ?<entry>: one module an entry, so each entry's stylesheet holds the faces (after its page
        // font's) rather than one more shared stylesheet, a request more before the first paint.
        if (id === FONTS_CSS || id.startsWith(`${FONTS_CSS}?`)) return join(await make(), `fonts.css${id.slice(FONTS_CSS.length)}`);
        if (id === FONTS_JS) return join(await make(), 'fonts.js');
        return null;
      },
    },
  };
}
