// Vite plugin: the drafter's gazetteer (scripts/draft/gazetteer-cache.ts) as gazetteer.json at the
// root of the site: emitted by the build, answered by the dev server, for the editor, which fetches
// ./gazetteer.json and drafts in the browser with src/lib/draft. Made once into the cache (about
// 20 s), then read from it. A site asset, like the basemap: not a story file.
import { fileURLToPath } from 'node:url';
import { runnerImport, type Plugin } from 'vite';

type Cache = typeof import('./draft/gazetteer-cache.ts');
const CACHE = fileURLToPath(new URL('./draft/gazetteer-cache.ts', import.meta.url));
export const GAZETTEER_FILE = 'gazetteer.json';

async function gazetteerText(): Promise<string> {
  const { module } = await runnerImport<Cache>(CACHE, { configFile: false, logLevel: 'silent' });
  return module.gazetteerText();
}

export function gazetteerPlugin(): Plugin {
  let text: Promise<string> | null = null;
  const get = () => (text ??= gazetteerText());
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
