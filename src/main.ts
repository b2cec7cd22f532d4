// Standalone page entry: the default story, ?story=<name>, or the story a page of its own was
// built for (stories/<name>/index.html). A page prerendered at build time (scripts/prerender-plugin.ts)
// already shows its story: the app hydrates that markup with the same model; any other story is
// rendered here.
import { hydrate, mount, type ComponentProps } from 'svelte';
import App from './App.svelte';
import { syncPageUrl } from './lib/story/url-sync.svelte';
import { loadStoryModel } from './lib/story/load-snapshot';
import { storyBase } from './lib/story/model-core';
import { staticMapFor } from './lib/map/static-map';
import './lib/map/static-map.css';
import 'maplibre-gl/dist/maplibre-gl.css';
import './global.css';
// After the page font's faces: the latin-ext letters this site shows, in small files (scripts/fonts/subset.ts).
import 'virtual:story-map-fonts.css?main';

const target = document.getElementById('app')!;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const prerendered = target.dataset.prerendered && NAME.test(target.dataset.prerendered) ? target.dataset.prerendered : null;
// A page in a story's own folder reaches the site's files some folders up (data-root, set at build time).
const root = /^(\.\.\/)+$/.test(target.dataset.root ?? '') ? target.dataset.root! : './';
const requested = new URLSearchParams(location.search).get('story');
const story = requested && NAME.test(requested) ? requested : (prerendered ?? __DEFAULT_STORY__);
// The page holds a picture of its story's map for the first paint; not for another story or view.
const picture = staticMapFor(story);

const props: ComponentProps<typeof App> = { story, root, onstory: ({ model, selection }) => syncPageUrl(model, selection) };

/** The prerendered markup (everything in #app but the picture), removed when another story is shown. */
function dropPrerendered() {
  for (const node of [...target.childNodes]) if (node !== picture) node.remove();
}

async function start() {
  if (prerendered && prerendered === story) {
    try {
      // The same model and list the page was rendered with (model.json is preloaded by the page).
      const [initial, list] = await Promise.all([loadStoryModel(storyBase(story, root)), import('./lib/panel/FeatureList.svelte')]);
      hydrate(App, { target, props: { ...props, initial, list } });
      return;
    } catch (e) {
      // The story's files then say what is wrong, as on a page rendered here.
      console.warn('story: the prerendered page could not be brought to life:', e);
      dropPrerendered();
    }
  } else if (prerendered) dropPrerendered();
  mount(App, { target, props });
}

// With a picture and no prerendered text, the page's first frame is committed before the app's work
// starts, so the picture shows while the story loads.
if (picture && !prerendered) requestAnimationFrame(() => setTimeout(start));
else void start();
