// Vite plugin: every story folder gets stories/<name>/model.json, its validated model in one file
// (src/lib/story/snapshot.ts), made fresh for each request by the dev server and once by the build.
// The page reads it instead of the story's files, so it needs none of the validator's code. Its
// areas that lie on land are marked so against the basemap's tiles (land-areas.ts), for the map to
// draw them under the water.
// A story that cannot be told at all gets no model.json: the page then reads the files and shows
// the validator's message, as before. A model.json lying in a story folder is never published:
// story.json does not name it, and only the one made here is trusted to match the files.
// A big layer's vector tiles and feature index (src/lib/story/tiled.ts) are made here too, at
// stories/<name>/tiles/<layer>/: by the build, every tile that holds something; by the dev server,
// each tile when it is asked for.
import { runnerImport, type Plugin } from 'vite';
import type { StoryConfig } from './story-config.ts';
import { SNAPSHOTS } from './stories-plugin.ts';
import { terminalSafe } from './terminal.ts';

type Snapshots = typeof import('./model-snapshot.ts');

export function modelPlugin(cfg: StoryConfig): Plugin {
  let warn: (m: string) => void = (m) => console.warn(terminalSafe(m));
  return {
    name: 'story-map:model',
    // Before the stories plugin, whose middleware answers 404 for files a story does not name.
    enforce: 'pre',
    configResolved(config) {
      warn = (m) => config.logger.warn(terminalSafe(m));
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        // A tiled layer's tile or index: made on demand (model-snapshot.ts keeps them).
        const t = /^\/stories\/([^/]+)\/tiles\/([^/]+)\/(?:(\d{1,2})\/(\d{1,7})\/(\d{1,7})\.pbf|(index\.json))$/.exec((req.url ?? '').split('?')[0] ?? '');
        const tdir = t ? cfg.stories.get(t[1]!) : undefined;
        if (t && tdir) {
          server
            .ssrLoadModule(SNAPSHOTS)
            .then((s) => {
              const layer = (s as Snapshots).layerTiles(tdir, decodeURIComponent(t[2]!));
              const body = !layer ? null : t[6] ? layer.indexText() : layer.tile(Number(t[3]), Number(t[4]), Number(t[5]));
              if (body === null) throw new Error('no such tile');
              res.setHeader('Content-Type', t[6] ? 'application/json' : 'application/x-protobuf');
              res.setHeader('Cache-Control', 'no-cache');
              res.end(body);
            })
            .catch(() => {
              res.statusCode = 404;
              res.end('not found');
            });
          return;
        }
        const m = /^\/stories\/([^/]+)\/model\.json$/.exec((req.url ?? '').split('?')[0] ?? '');
        const dir = m ? cfg.stories.get(m[1]!) : undefined;
        if (!dir) return next();
        server
          .ssrLoadModule(SNAPSHOTS)
          .then((s) => {
            res.setHeader('Content-Type', 'application/json');
            res.setHeader('Cache-Control', 'no-cache');
            res.end((s as Snapshots).snapshotText(dir, { geodata: cfg.geodata }));
          })
          .catch(() => {
            res.statusCode = 404;
            res.end('no model for this story: the page reads its files');
          });
      });
    },
    async generateBundle() {
      if (!cfg.stories.size) return;
      const { module } = await runnerImport<Snapshots>(SNAPSHOTS, { configFile: false, logLevel: 'silent' });
      for (const [name, dir] of cfg.stories) {
        try {
          const files = module.snapshotFiles(dir, undefined, { geodata: cfg.geodata });
          for (const w of files.warnings) warn(`model.json for stories/${name}: ${w}`);
          this.emitFile({ type: 'asset', fileName: `stories/${name}/model.json`, source: files.text });
          for (const layer of files.tiles.values()) {
            const { index } = layer.descriptor;
            this.emitFile({ type: 'asset', fileName: `stories/${name}/${index}`, source: layer.indexText() });
            for (const [path, bytes] of layer.files()) this.emitFile({ type: 'asset', fileName: `stories/${name}/${path}`, source: bytes });
          }
        } catch (e) {
          warn(`model.json for stories/${name}: not made (${(e as Error).message.split('\n')[0]}); the page will read the story's files.`);
        }
      }
    },
  };
}
