// Serves story folders (geodata/<name>/ and any folder named with --story or STORY) and the basemap
// to the app at stories/<name>/… and basemap/…, in dev from disk and in the build as emitted files.
// The app fetches them at run time, so a story is data the page reads, never code it runs.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';

export interface StoriesOptions {
  /** Folder with one sub-folder per story and basemap/. */
  geodata: string;
  /** Extra story folder given on the command line (`--story`) or in STORY; becomes the default. */
  story?: string;
  /**
   * Folders whose story sub-folders are served too, besides geodata/: only for tests, never in a
   * production build (E2E_STORIES=tests/fixtures/stories, set by playwright.config.ts).
   */
  extra?: string[];
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out;
}

/** The story folder named on the command line (`-- --story path`) or in the STORY variable. */
export function storyArg(argv = process.argv, env = process.env): string | undefined {
  const i = argv.indexOf('--story');
  if (i >= 0 && argv[i + 1]) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith('--story='));
  if (eq) return eq.slice('--story='.length);
  return env.STORY || undefined;
}

export function storiesPlugin(opts: StoriesOptions): Plugin {
  const geodata = resolve(opts.geodata);
  const mounts = new Map<string, string>(); // url prefix -> folder
  mounts.set('basemap', join(geodata, 'basemap'));
  for (const entry of readdirSync(geodata)) {
    if (existsSync(join(geodata, entry, 'story.json'))) mounts.set(`stories/${entry}`, join(geodata, entry));
  }
  const extra = opts.extra ?? (process.env.E2E_STORIES ? process.env.E2E_STORIES.split(',') : []);
  for (const folder of extra.map((f) => resolve(f))) {
    if (!existsSync(folder)) throw new Error(`E2E_STORIES: no folder ${folder}.`);
    for (const entry of readdirSync(folder)) {
      if (NAME.test(entry) && existsSync(join(folder, entry, 'story.json')) && !mounts.has(`stories/${entry}`)) mounts.set(`stories/${entry}`, join(folder, entry));
    }
  }
  let defaultStory = 'cgtn-2020-01-09';
  if (opts.story) {
    const dir = resolve(opts.story);
    const name = basename(dir);
    if (!NAME.test(name)) throw new Error(`--story ${opts.story}: the folder name must be letters, digits, - or _ (it becomes part of the URL).`);
    if (!existsSync(join(dir, 'story.json'))) throw new Error(`--story ${opts.story}: no story.json in that folder. A story folder holds story.json, its article and its layers (see docs/story-format.md).`);
    mounts.set(`stories/${name}`, dir);
    defaultStory = name;
  }

  return {
    name: 'story-map:stories',
    // The story folders this build serves (url prefix -> folder), for other plugins (model-plugin.ts).
    api: { mounts },
    config() {
      return { define: { __DEFAULT_STORY__: JSON.stringify(defaultStory) } };
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
        for (const [prefix, dir] of mounts) {
          if (!url.startsWith(`/${prefix}/`)) continue;
          const file = resolve(dir, url.slice(prefix.length + 2));
          if (!file.startsWith(dir + sep) || !existsSync(file) || statSync(file).isDirectory()) {
            res.statusCode = 404;
            res.end('not found');
            return;
          }
          res.setHeader('Content-Type', file.endsWith('.json') || file.endsWith('.geojson') ? 'application/json' : 'text/plain; charset=utf-8');
          res.setHeader('Cache-Control', 'no-cache');
          res.end(readFileSync(file));
          return;
        }
        next();
      });
    },
    generateBundle() {
      for (const [prefix, dir] of mounts) {
        for (const file of listFiles(dir)) {
          const rel = relative(dir, file).split(sep).join('/');
          this.emitFile({ type: 'asset', fileName: `${prefix}/${rel}`, source: readFileSync(file) });
        }
      }
    },
  };
}
