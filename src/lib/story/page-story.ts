// Which story a page shows, read the same way by the standalone page's code (start-page.ts) and the
// iframe embed (embed-frame.ts; the page's entry, main.ts, which must import nothing, asks only
// whether ?story= names another story than the HTML's, by hand): ?story=<name> when the URL gives
// one, else the story the page was prerendered with at build time (#app's data-prerendered:
// scripts/prerender-plugin.ts), else the site's default. A page in a story's own folder
// (stories/<name>/) reaches the site's files some folders up (data-root). Nothing here throws: a
// ?story= that is no story name is kept as given, and the loader says why it cannot be read
// (model-core.ts, storyBase), as for a story that is not there.

/** Letters, digits, - and _: the folder names under geodata/ that are stories. */
export const STORY_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export interface PageStory {
  /** The story to show. */
  story: string;
  /** The story the page's HTML holds, if any (only a well-formed name is believed). */
  prerendered: string | null;
  /** The site's root from the page: "./", or "../" repeated. */
  root: string;
}

export function pageStory(app: HTMLElement | null, search: string): PageStory {
  const data = app?.dataset ?? {};
  const prerendered = data.prerendered && STORY_NAME.test(data.prerendered) ? data.prerendered : null;
  const root = /^(\.\.\/)+$/.test(data.root ?? '') ? data.root! : './';
  const requested = new URLSearchParams(search).get('story');
  return { story: requested || prerendered || __DEFAULT_STORY__, prerendered, root };
}
