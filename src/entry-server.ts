// Server rendering of a story's page at build time (scripts/prerender-plugin.ts): the same App
// component the browser runs, rendered to HTML with the story's model, so the page is readable
// before (and without) any script; the browser then hydrates it (src/start-page.ts; an embed page, src/embed-frame.ts).
import { render } from 'svelte/server';
import App from './App.svelte';
import LightFallback from './lib/embed/LightFallback.svelte';
import { fromSnapshot } from './lib/story/snapshot';
import { EMBED_HEADING_LEVEL } from './lib/embed/heading-level';

/** The page's markup for a story from its model.json text; null when that does not read back. */
export function renderStory(story: string, snapshotText: string, opts: { root?: string; embedded?: boolean } = {}): { title: string; description?: string; body: string } | null {
  const model = fromSnapshot(JSON.parse(snapshotText));
  if (!model) return null;
  // An embed page's headline under its host page's h1 (heading-level.ts); embed-frame.ts moves it when the host asks for another level.
  const { body } = render(App, { props: { story, root: opts.root ?? './', embedded: opts.embedded ?? false, headingLevel: opts.embedded ? EMBED_HEADING_LEVEL : 1, initial: model, list: true } });
  return { title: model.story.title, ...(model.story.summary ? { description: model.story.summary } : {}), body };
}

/**
 * The children a host page gives <story-map> for this story (shown before and without scripts):
 * links to the story's page and its picture as given; null when the model does not read back.
 */
export function renderLightFallback(snapshotText: string, links: { page: string; picture: string | null }): string | null {
  const model = fromSnapshot(JSON.parse(snapshotText));
  if (!model) return null;
  // Never hydrated: without Svelte's hydration marks (<!--[-->, <!--]-->), for a host page's source.
  return render(LightFallback, { props: { model, ...links } }).body.replace(/<!--[[\]][^>]*?-->/g, '');
}
