// The standalone page's app: the Svelte components that hydrate the prerendered page (or render a
// page that has none), with the page's URL kept in step. A chunk of its own, loaded by start-page.ts once
// the page's map is on screen or the reader reaches for the page, whichever comes first: the
// article is readable from the HTML, and the map's first render needs none of this code
// (docs/architecture.md, "The page's start").
import { hydrate, mount, type ComponentProps } from 'svelte';
import App from './App.svelte';
import { syncPageUrl } from './lib/story/url-sync.svelte';
import { showStoryInHead } from './lib/story/page-head';

export type AppProps = ComponentProps<typeof App>;

// The page's URL and head follow the story it shows (?story=<name> on a page prerendered with another).
// A story that cannot be shown names itself so in the tab, not by the headline of the story the page was built with.
const withUrl = (props: Omit<AppProps, 'onstory'>): AppProps => ({
  ...props,
  onstory: ({ model, selection }) => {
    showStoryInHead(document, model.story);
    syncPageUrl(model, selection);
  },
  onfatal: (heading) => showStoryInHead(document, { title: heading }),
});

/** Brings the prerendered markup in `target` to life. Throws when it does not match. */
export function hydrateApp(target: HTMLElement, props: Omit<AppProps, 'onstory'>) {
  hydrate(App, { target, props: withUrl(props) });
  // For the bench and the tests: when the page came to life.
  performance.mark('story-map:hydrated');
}

/** Renders the story in `target` (a page prerendered for another story, or none). */
export function mountApp(target: HTMLElement, props: Omit<AppProps, 'onstory'>) {
  mount(App, { target, props: withUrl(props) });
}
