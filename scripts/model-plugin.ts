// Vite plugin: every story folder gets stories/<name>/model.json, its validated model in one file
// (src/lib/story/snapshot.ts), made fresh for each request by the dev server and once by the build.
// The page reads it instead of the story's files, so it needs none of the validator's code.
// A story that cannot be told at all gets no model.json: the page then reads the files and shows
// the validator's message, as before.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport, type Plugin } from 'vite';

type Snapshots = typeof import('./model-snapshot.ts');
const SNAPSHOTS = fileURLToPath(new URL('./model-snapshot.ts', import.meta.url));

function storyMounts(plugins: readonly Plugin[]): [string, string][] {
  const api = plugins.find((p) => p.name === 'story-map:stories')?.api as { mounts?: Map<string, string> } | undefined;
  return [...(api?.mounts ?? new Map<string, string>())].filter(([prefix]) => prefix.startsWith('stories/'));
}

export function modelPlugin(): Plugin {
  let mounts: [string, string][] = [];
  let warn: (m: string) => void = console.warn;
  return {
    name: 'story-map:model',
    // Before the stories plugin, whose middleware answers 404 for files a folder does not hold.
    enforce: 'pre',
    configResolved(config) {
      mounts = storyMounts(config.plugins);
      warn = (m) => config.logger.warn(m);
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
        const mount = mounts.find(([prefix]) => url === `/${prefix}/model.json`);
        if (!mount || existsSync(join(mount[1], 'model.json'))) return next();
        server
          .ssrLoadModule(SNAPSHOTS)
          .then((m) => {
            res.setHeader('Content-Type', 'application/json');
            res.setHeader('Cache-Control', 'no-cache');
            res.end((m as Snapshots).snapshotText(mount[1]));
          })
          .catch(() => {
            res.statusCode = 404;
            res.end('no model for this story: the page reads its files');
          });
      });
    },
    async generateBundle() {
      if (!mounts.length) return;
      const { module } = await runnerImport<Snapshots>(SNAPSHOTS, { configFile: false, logLevel: 'silent' });
      for (const [prefix, dir] of mounts) {
        // A folder that ships its own model.json keeps it (the stories plugin copies it).
        if (existsSync(join(dir, 'model.json'))) continue;
        try {
          this.emitFile({ type: 'asset', fileName: `${prefix}/model.json`, source: module.snapshotText(dir) });
        } catch (e) {
          warn(`model.json for ${prefix}: not made (${(e as Error).message.split('\n')[0]}); the page will read the story's files.`);
        }
      }
    },
  };
}
