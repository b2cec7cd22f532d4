// Vite plugin: inlines a picture of the default story's initial map view into index.html (the
// standalone page), in dev and in the build. The picture is made by scripts/static-map.ts, loaded
// through Vite's module runner so that the config itself does not import the app's sources.
import { fileURLToPath } from 'node:url';
import { runnerImport, type Plugin } from 'vite';
import type { StoryConfig } from './story-config.ts';
import { terminalSafe } from './terminal.ts';

type Renderer = typeof import('./static-map.ts');

export function staticMapPlugin(cfg: StoryConfig): Plugin {
  const folder = cfg.defaultStory;
  let cached: string | null | undefined;
  let warn: (m: string) => void = (m) => console.warn(terminalSafe(m));
  return {
    name: 'story-map:static-map',
    configResolved(config) {
      warn = (m) => config.logger.warn(terminalSafe(m));
    },
    transformIndexHtml: {
      order: 'pre',
      async handler(html, ctx) {
        if (!/(^|\/)index\.html$/.test(ctx.path)) return html;
        // In dev the story can change while the server runs: render it again for each page load.
        if (cached === undefined || ctx.server) {
          const { module } = await runnerImport<Renderer>(fileURLToPath(new URL('./static-map.ts', import.meta.url)), { configFile: false, logLevel: 'silent' });
          cached = await module.renderStaticMap({ geodata: cfg.geodata, story: cfg.stories.get(folder) }, folder, warn);
        }
        // Before the app's own markup (a prerendered page's, scripts/prerender-plugin.ts), which hydration finds after it.
        return cached ? html.replace('<!--app-->', `${cached}<!--app-->`) : html;
      },
    },
  };
}
