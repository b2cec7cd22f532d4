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
import { afterTextPainted } from './lib/story/after-text';
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

/**
 * The map library and the early map's code, evaluated once the article's text is on screen (its
 * headline painted in its web font, as StoryMap waits for it): the text comes first. Waiting for
 * the first paint only was not enough: with fewer files to fetch, the map library was ready
 * 100-200 ms before the headline had its font on a desktop (the bench's "text first" check).
 */
type EarlyMapCode = Awaited<ReturnType<typeof earlyMapCode>>;
async function earlyMapCode() {
  try {
    await afterTextPainted({ embedded: false });
    // early-map.ts is in the `map` chunk with StoryMap (vite.config.ts): no file of its own.
    const [engine, early] = await Promise.all([import('./lib/map/engine'), import('./lib/map/early-map')]);
    return { engine, ...early };
  } catch {
    // StoryMap will ask for it again, and say what is wrong.
    return null;
  }
}

/**
 * Every script the page preloads (the app's and the map library's) has been downloaded: waiting for
 * the map's code then costs only its evaluation, not the network (resource timing entries are
 * there once a file has arrived).
 */
function codeArrived(): boolean {
  if (typeof performance.getEntriesByName !== 'function') return false;
  const links = [...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')];
  return links.length > 0 && links.every((l) => performance.getEntriesByName(l.href, 'resource').length > 0);
}


async function start() {
  if (prerendered && prerendered === story) {
    try {
      // The same model and list the page was rendered with (model.json is preloaded by the page).
      const initial = await loadStoryModel(storyBase(story, root));
      // Under the first-paint picture, when the map's code has already been downloaded (the page
      // preloads it), the map is made before the page is hydrated, so that its tiles load while
      // that runs (early-map.ts). Once the page has painted its text: the reader's first sight
      // never waits for the map. On a slow network the text comes to life first, and the map
      // component makes the map when its code comes, as on any other page.
      const early = picture && codeArrived() ? await earlyMapCode() : null;
      if (early && picture?.isConnected) early.startEarlyMap(early.engine, initial, picture, root);
      try {
        hydrate(App, { target, props: { ...props, initial, list: true } });
        // For the bench and the tests: when the page came to life.
        performance.mark('story-map:hydrated');
      } catch (e) {
        early?.dropEarlyMap();
        throw e;
      }
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
