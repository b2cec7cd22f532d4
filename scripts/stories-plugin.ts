// Serves the story folders and the basemap to the app at stories/<name>/… and basemap/…, in dev
// from disk and in the build as emitted files. The app fetches them at run time, so a story is
// data the page reads, never code it runs.
//
// What is published (docs/security.md): for each story, story.json and the files it names (the
// article, the layers), each a plain file inside the folder, never through a symbolic link
// (src/lib/story/read-folder.ts publishedFiles); the model plugin adds model.json. Nothing else
// in a story folder is published or served: not drafts, notes, .env or .git. The basemap folder
// is ours: its plain files are published, links and dot-files are not.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport, type Plugin } from 'vite';
import type { StoryConfig } from './story-config.ts';
import { terminalSafe } from './terminal.ts';

type Snapshots = typeof import('./model-snapshot.ts');
export const SNAPSHOTS = fileURLToPath(new URL('./model-snapshot.ts', import.meta.url));

/** Plain files under a folder, without following links or reading dot-files; never throws. */
export function plainFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: string[];
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const entry of entries.sort()) {
      if (entry.startsWith('.')) continue;
      const full = join(d, entry);
      const st = lstatSync(full);
      if (st.isDirectory()) walk(full);
      else if (st.isFile()) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

export function storiesPlugin(cfg: StoryConfig): Plugin {
  let warn: (m: string) => void = (m) => console.warn(terminalSafe(m));
  return {
    name: 'story-map:stories',
    config() {
      return { define: { __DEFAULT_STORY__: JSON.stringify(cfg.defaultStory) } };
    },
    configResolved(config) {
      warn = (m) => config.logger.warn(terminalSafe(m));
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        let url: string;
        try {
          url = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
        } catch {
          return next();
        }
        const m = /^\/(basemap|stories\/([^/]+))\/(.+)$/.exec(url);
        if (!m) return next();
        const dir = m[2] ? cfg.stories.get(m[2]) : cfg.basemap;
        if (!dir) return next();
        const rel = m[3]!;
        const notFound = () => {
          res.statusCode = 404;
          res.end('not found');
        };
        // The same files as the build publishes, worked out afresh for each request (files change).
        const allowed = m[2]
          ? server.ssrLoadModule(SNAPSHOTS).then((s) => (s as Snapshots).publishedFiles(dir))
          : Promise.resolve(plainFiles(dir));
        allowed
          .then((files) => {
            if (!files.includes(rel)) return notFound();
            res.setHeader('Content-Type', /\.(geo)?json$/.test(rel) ? 'application/json' : 'text/plain; charset=utf-8');
            res.setHeader('Cache-Control', 'no-cache');
            res.end(readFileSync(join(dir, ...rel.split('/'))));
          })
          .catch(notFound);
      });
    },
    async generateBundle() {
      for (const rel of plainFiles(cfg.basemap)) this.emitFile({ type: 'asset', fileName: `basemap/${rel}`, source: readFileSync(join(cfg.basemap, rel)) });
      if (!cfg.stories.size) return;
      const { module } = await runnerImport<Snapshots>(SNAPSHOTS, { configFile: false, logLevel: 'silent' });
      for (const [name, dir] of cfg.stories) {
        // One story that cannot be read never stops the others' build.
        try {
          for (const rel of module.publishedFiles(dir)) this.emitFile({ type: 'asset', fileName: `stories/${name}/${rel}`, source: readFileSync(join(dir, ...rel.split('/'))) });
        } catch (e) {
          warn(`stories/${name}: not published (${(e as Error).message.split('\n')[0]}).`);
        }
      }
    },
  };
}
