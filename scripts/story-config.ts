// The one resolved configuration the Vite plugins share (vite.config.ts makes it once): which
// story folders the build serves, under which URL, and which story is the default. The story
// named on the command line reaches it as STORY, set by scripts/vite-story.mjs (the one place
// that reads `--story`, since Vite's own command line refuses options it does not know).
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { STORY_NAME } from '../src/lib/story/page-story.ts';

/** The story a build opens when none is named. */
export const DEFAULT_STORY = 'cgtn-2020-01-09';

/** The site's root seen from a story's own page, stories/<name>/index.html (a URL, two folders up). */
export const STORY_PAGE_ROOT = '../'.repeat(2);

/** Folder names that become part of a URL: letters, digits, - and _ (the pages read ?story= by the same rule). */
export { STORY_NAME };

export interface StoryConfig {
  /** Absolute path of the folder with the story folders and basemap/. */
  geodata: string;
  /** Absolute path of the basemap folder (served at basemap/). */
  basemap: string;
  /** Story name -> absolute folder, each served at stories/<name>/. */
  stories: ReadonlyMap<string, string>;
  /** The story the page opens without ?story= (and the first-paint picture shows). */
  defaultStory: string;
}

export interface StoryConfigOptions {
  /** Folder with one sub-folder per story and basemap/. */
  geodata: string;
  /** A story folder from anywhere (STORY, from `--story`): served too, and the default. */
  story?: string;
  /**
   * Folders whose story sub-folders are served too, besides geodata/: only for tests, never in a
   * production build (E2E_STORIES=tests/fixtures/stories, set by playwright.config.ts).
   */
  extra?: string[];
}

const isStoryFolder = (dir: string) => existsSync(join(dir, 'story.json'));

export function resolveStoryConfig(opts: StoryConfigOptions): StoryConfig {
  const geodata = resolve(opts.geodata);
  const stories = new Map<string, string>();
  for (const entry of readdirSync(geodata).sort()) {
    const dir = join(geodata, entry);
    // A story folder is a real folder: a link in geodata/ could lead anywhere.
    if (STORY_NAME.test(entry) && !lstatSync(dir).isSymbolicLink() && isStoryFolder(dir)) stories.set(entry, dir);
  }
  for (const folder of (opts.extra ?? []).map((f) => resolve(f))) {
    if (!existsSync(folder)) throw new Error(`E2E_STORIES: no folder ${folder}.`);
    for (const entry of readdirSync(folder).sort()) {
      const dir = join(folder, entry);
      if (STORY_NAME.test(entry) && !lstatSync(dir).isSymbolicLink() && isStoryFolder(dir) && !stories.has(entry)) stories.set(entry, dir);
    }
  }
  let defaultStory = DEFAULT_STORY;
  if (opts.story) {
    const dir = resolve(opts.story);
    const name = basename(dir);
    if (!STORY_NAME.test(name)) throw new Error(`--story ${opts.story}: the folder name must be letters, digits, - or _ (it becomes part of the URL).`);
    if (!isStoryFolder(dir)) throw new Error(`--story ${opts.story}: no story.json in that folder. A story folder holds story.json, its article and its layers (see docs/story-format.md).`);
    stories.set(name, dir);
    defaultStory = name;
  }
  return { geodata, basemap: join(geodata, 'basemap'), stories, defaultStory };
}

/** The configuration for this process: geodata/, STORY and E2E_STORIES from the environment. */
export function storyConfigFromEnv(env: NodeJS.ProcessEnv = process.env, geodata = 'geodata'): StoryConfig {
  return resolveStoryConfig({ geodata, story: env.STORY || undefined, extra: env.E2E_STORIES ? env.E2E_STORIES.split(',') : [] });
}
