import { defineConfig } from 'vitest/config';
import { availableParallelism } from 'node:os';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { storiesPlugin } from './scripts/stories-plugin.ts';
import { storyConfigFromEnv } from './scripts/story-config.ts';
import { EMBED_ENTRIES, PAGE_CODE, embedPlugin } from './scripts/embed-plugin.ts';
import { staticMapPlugin } from './scripts/static-map-plugin.ts';
import { prerenderPlugin } from './scripts/prerender-plugin.ts';
import { modelPlugin } from './scripts/model-plugin.ts';
import { preloadPlugin } from './scripts/preload-plugin.ts';
import { basemapPlugin } from './scripts/basemap-plugin.ts';
import { hostScriptPlugin } from './scripts/host-script-plugin.ts';
import { gazetteerPlugin } from './scripts/gazetteer-plugin.ts';
import { editorPlugin } from './scripts/editor-plugin.ts';
import { editorBuildPlugin } from './scripts/editor-build-plugin.ts';
import { fontSubsetPlugin } from './scripts/font-subset-plugin.ts';

// One resolved configuration for the plugins: the story folders served, and the default story
// (STORY, set from `--story` by scripts/vite-story.mjs; E2E_STORIES for the test-only stories).
const stories = storyConfigFromEnv();

/** Svelte, and the components and rune modules made with it: not in the first render's chunks. */
const UI = /node_modules[\\/](svelte|esm-env|clsx)[\\/]|\.svelte(\.[jt]s)?$/;
/** Stylesheets: the build links them from the HTML; their modules' empty stubs stay with the entry. */
const CSS = /\.css(\?|$)/;
/** The live page's code (chunk `live`): that, and the module that hydrates the page. */
const isLive = (id: string) => UI.test(id) || /src[\\/]start-app\.ts$/.test(id);

export default defineConfig({
  // Relative asset URLs, so the built folder works from any path a newsroom puts it under.
  base: './',
  publicDir: 'static',
  // No index.html for a missing file: the basemap's tiles are sparse, and a tile that was not made
  // must answer 404 (MapLibre then draws it from its nearest ancestor), as any static host does.
  appType: 'mpa',
  // The dev server (npm start, npm run edit) pre-bundles these at its start: found only once a page
  // asked for them (the editor's drawing tools, the gazetteer's unzipping), they made Vite optimize
  // again and reload the page, and the editor lost the story open in it (a newsroom editor's review).
  optimizeDeps: { include: ['fflate', 'terra-draw', 'terra-draw-maplibre-gl-adapter'] },
  // staticMapPlugin inlines a picture of the default story's map in index.html for the first paint;
  // prerenderPlugin renders each story's page to HTML (index.html and stories/<name>/index.html).
  plugins: [svelte(), fontSubsetPlugin(stories), storiesPlugin(stories), embedPlugin(stories.stories.values()), staticMapPlugin(stories), prerenderPlugin(stories), modelPlugin(stories), preloadPlugin(stories), hostScriptPlugin(), basemapPlugin(stories), gazetteerPlugin(), editorPlugin(stories.geodata), editorBuildPlugin(() => [fontSubsetPlugin(stories)])],
  build: {
    target: 'es2022',
    // maplibre-gl is split out and loaded lazily; its size is known and reported by the bench.
    chunkSizeWarningLimit: 1200,
    // No modulepreload polyfill: every browser the app supports (es2022) preloads modules itself,
    // and the polyfill would be one more file and request in the first render.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // The page, the iframe embed page, and story-map.js, which host pages load by a stable name
      // (at the root of the build; see docs/embedding.md). embed-host.js is built on its own, as one
      // file that imports nothing (scripts/host-script-plugin.ts). The story editor (edit.html) is built
      // apart, after this build (scripts/editor-build-plugin.ts), so it never changes the reader's chunks.
      input: { main: 'index.html', embed: 'embed.html', 'story-map': EMBED_ENTRIES['story-map']!, 'start-page': PAGE_CODE },
      // Keep the entries' exports (the element class in story-map.js).
      preserveEntrySignatures: 'exports-only',
      output: {
        // Few files for the first render (docs/architecture.md): on a slow link each request pays a
        // round trip, and over HTTP/1.1 a browser opens six connections per host. `app`: what the
        // entries share at start that is not Svelte (not the embeds' own modules, which the page does
        // not use); `map`: the map's code that is not a component, with what it shares with the SVG
        // fallback (not the fallback's tile decoder, nor the map library, PMTiles or the Protomaps
        // style, which stay files of their own); `live`: below.
        codeSplitting: {
          groups: [
            { name: 'app', priority: 1, tags: ['$initial'], minShareCount: 2, test: (id: string) => !/node_modules[\\/]maplibre-gl|src[\\/]lib[\\/]embed[\\/]/.test(id) && !CSS.test(id) && !UI.test(id) },
            { name: 'map', priority: 2, test: (id: string) => /src[\\/]lib[\\/]map[\\/]/.test(id) && !CSS.test(id) && !/pmtiles|protomaps|basemap-tiles|[\\/]engine\.ts/.test(id) && !UI.test(id) },
            // What the live page needs and its first render does not (start-page.ts loads it once the
            // map is shown): Svelte, the components that hydrate the page, and the map component, in one file.
            { name: 'live', priority: 0, test: (id: string) => isLive(id) && !/src[\\/]lib[\\/](embed|editor)[\\/]|FeatureCard|FallbackMap|Locator/.test(id) },
          ],
        },
        entryFileNames: (chunk) => (chunk.name in EMBED_ENTRIES ? '[name].js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  server: { port: 5173, strictPort: false },
  test: {
    // Vitest's default leaves a core idle on a 2-core machine (it takes one fewer than there are);
    // the unit tests are CPU-bound, and two workers took them from 154 s to 96 s here.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'src/**/*.test.ts'], exclude: ['**/node_modules/**', '**/*.svelte.test.ts'], environment: 'node' },
      },
      {
        // Code with $effect (url-sync, the host API): Svelte's client runtime runs effects (flushSync),
        // its server runtime, which the node condition picks, never does.
        extends: true,
        resolve: { conditions: ['browser'] },
        test: { name: 'runes', include: ['tests/unit/**/*.svelte.test.ts'], environment: './tests/unit/client-environment.ts' },
      },
    ],
  },
});
