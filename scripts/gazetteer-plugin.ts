// Vite plugin: the drafter's gazetteer (scripts/draft/gazetteer-cache.ts) as gazetteer.json at the
// root of the site: emitted by the build, answered by the dev server, for the editor, which fetches
// ./gazetteer.json and drafts in the browser with src/lib/draft. Made once into the cache (about
// 20 s), then read from it. A site asset, like the basemap: not a story file.
import { fileURLToPath } from 'node:url';
import { runnerImport, type Plugin } from 'vite';

type Cache = typeof import('./draft/gazetteer-cache.ts');
type Builder = typeof import('./draft/build-gazetteer.ts');
const CACHE = fileURLToPath(new URL('./draft/gazetteer-cache.ts', import.meta.url));
const BUILDER = fileURLToPath(new URL('./draft/build-gazetteer.ts', import.meta.url));
const OPTIONS = { configFile: false, logLevel: 'silent' } as const;
export const GAZETTEER_FILE = 'gazetteer.json';

/** The gazetteer's text as the plugin gets it: `cachePath` only for tests (a cold cache of their own). */
export async function siteGazetteerText(cachePath?: string): Promise<string> {
  // Each runnerImport closes its runner when it returns: the builder (cold cache only) gets its own.
  const { module } = await runnerImport<Cache>(CACHE, OPTIONS);
  return module.gazetteerText(async () => (await runnerImport<Builder>(BUILDER, OPTIONS)).module, cachePath);
}

export function gazetteerPlugin(): Plugin {
  let text: Promise<string> | null = null;
  const get = () => (text ??= siteGazetteerText());
  return {
    name: 'story-map:gazetteer',
    enforce: 'pre',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if ((req.url ?? '').split('?')[0] !== `/${GAZETTEER_FILE}`) return next();
        get()
          .then((body) => {
            res.setHeader('Content-Type', 'application/json; charset=utf-8');
            res.setHeader('Cache-Control', 'no-cache');
            res.end(body);
          })
          .catch((e: unknown) => next(e));
      });
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: GAZETTEER_FILE, source: await get() });
    },
  };
}
