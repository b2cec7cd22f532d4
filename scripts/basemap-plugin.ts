// Vite plugin: the basemap's vector tiles (scripts/basemap/tiles.ts) for every story this build
// serves, at basemap/tiles/{z}/{x}/{y}.pbf: emitted by the build, answered from the tile cache
// (made on first request) by the dev server. Site assets, like the app's code: not story files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport, type Plugin } from 'vite';
import type { StoryConfig } from './story-config.ts';

type Builder = typeof import('./basemap/extents.ts');
const BUILDER = fileURLToPath(new URL('./basemap/extents.ts', import.meta.url));
const TILE = /^\/basemap\/tiles\/(\d+)\/(\d+)\/(\d+)\.pbf$/;

export function basemapPlugin(cfg: StoryConfig): Plugin {
  const dirs = [...cfg.stories.values()];
  let warn: (m: string) => void = console.warn;
  let info: (m: string) => void = console.log;
  const prepare = async () => {
    const { module } = await runnerImport<Builder>(BUILDER, { configFile: false, logLevel: 'silent' });
    const extents = dirs.flatMap((d) => {
      try {
        return [module.storyExtent(d)];
      } catch (e) {
        warn(`basemap: ${d} is left out of the basemap's detail (${(e as Error).message.split('\n')[0]}).`);
        return [];
      }
    });
    return { keys: new Set(module.planTiles(extents, warn)), maker: module.TileMaker.shared({ geodata: cfg.geodata }) };
  };
  let dev: ReturnType<typeof prepare> | null = null;
  return {
    name: 'story-map:basemap',
    // Before the stories plugin, which answers 404 for anything under basemap/ its folder lacks.
    enforce: 'pre',
    configResolved(config) {
      warn = (m) => config.logger.warn(m);
      info = (m) => config.logger.info(m);
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const m = TILE.exec((req.url ?? '').split('?')[0] ?? '');
        if (!m) return next();
        dev ??= prepare();
        dev
          .then(({ keys, maker }) => {
            const key = `${m[1]}/${m[2]}/${m[3]}`;
            // Only the tiles a build would publish, so the dev server shows what readers will see.
            if (!keys.has(key)) {
              res.statusCode = 404;
              return res.end('no such tile');
            }
            res.setHeader('Content-Type', 'application/vnd.mapbox-vector-tile');
            res.setHeader('Cache-Control', 'no-cache');
            res.end(maker.get(key));
          })
          .catch((e: unknown) => next(e));
      });
    },
    // Written beside the bundle rather than emitted into it: thousands of small files that Vite
    // would otherwise list one by one in its report.
    async writeBundle(options) {
      const t = performance.now();
      const { keys, maker } = await prepare();
      const out = join(options.dir ?? 'dist', 'basemap/tiles');
      let bytes = 0;
      for (const key of keys) {
        const source = maker.get(key);
        bytes += source.length;
        const file = join(out, `${key}.pbf`);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, source);
      }
      info(`basemap: ${keys.size} tiles, ${(bytes / 1e6).toFixed(1)} MB (${maker.made} made${maker.made ? `, sources read in ${(maker.indexMs / 1000).toFixed(1)} s` : ''}, ${maker.cached} from the cache) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    },
  };
}
