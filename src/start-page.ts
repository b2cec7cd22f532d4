// The standalone page's start (loaded by main.ts, the entry, once the first frame is on screen):
// the default story, ?story=<name>, or the story a page of its own was built for
// (stories/<name>/index.html). A page prerendered at build time (scripts/prerender-plugin.ts)
// already shows its story: the app hydrates that markup with the same model; any other story is
// rendered here.
import type { AppProps } from './start-app';
import { loadStoryModel } from './lib/story/load-snapshot';
import { storyBase } from './lib/story/model-core';
import { pageStory } from './lib/story/page-story';
import { staticMapFor } from './lib/map/static-map';
import { afterTextPainted } from './lib/story/after-text';
import { holdInteractions } from './lib/story/hold-interactions';

// When the page's own code first runs (the modules above only define things): the bench checks
// that a prerendered page's text was painted before it, from the HTML alone.
performance.mark('story-map:script');

const target = document.getElementById('app')!;
const { story, prerendered, root } = pageStory(target, location.search);
// The page holds a picture of its story's map for the first paint; not for another story or view.
const picture = staticMapFor(story);

const props: Omit<AppProps, 'onstory'> = { story, root };

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
    // early-map.ts is in the `map` chunk, which this entry imports already (vite.config.ts): no file of its own.
    const [engine, early] = await Promise.all([import('./lib/map/engine'), import('./lib/map/early-map')]);
    return { engine, ...early };
  } catch {
    // StoryMap will ask for it again, and say what is wrong.
    return null;
  }
}

/** The app's code (Svelte and the components): not needed for the page's first render. */
const appCode = () => import('./start-app');

/**
 * A prerendered page of its own story. Its text is on screen from the HTML; the map is made first
 * (early-map.ts, under the picture, at the picture's camera) and shown once it has drawn
 * everything; the app hydrates the page after that, or as soon as the reader presses, types or
 * tabs into it (a click or tap meanwhile is carried out once the app is live: hold-interactions.ts).
 * The map's start never waits for the app's code, nor competes with its hydration.
 */
async function startPrerendered(): Promise<boolean> {
  // The same model and list the page was rendered with (model.json is preloaded by the page).
  const model = loadStoryModel(storyBase(story, root));
  let hydrated: Promise<boolean> | null = null;
  let early: EarlyMapCode = null;
  let settle!: (ok: boolean) => void;
  const alive = new Promise<boolean>((r) => (settle = r));
  const hold = holdInteractions(target, () => void hydrateNow());
  function hydrateNow(): Promise<boolean> {
    hydrated ??= (async () => {
      try {
        const [app, initial] = await Promise.all([appCode(), model]);
        hold.stop();
        app.hydrateApp(target, { ...props, initial, list: true });
        hold.replay();
        return true;
      } catch (e) {
        hold.stop();
        early?.dropEarlyMap();
        console.warn('story: the prerendered page could not be brought to life:', e);
        return false;
      }
    })();
    void hydrated.then(settle);
    return hydrated;
  }
  let initial: Awaited<typeof model>;
  try {
    initial = await model;
  } catch {
    return hydrateNow();
  }
  // Whatever happens to the map, the page comes to life in the end.
  const latest = setTimeout(() => void hydrateNow(), APP_AT_LATEST_MS);
  early = picture ? await earlyMapCode() : null;
  const made = !!early && !isHydrating() && picture!.isConnected && early.startEarlyMap(early.engine, initial, picture!, root, () => void hydrateNow());
  if (!made) void hydrateNow();
  const ok = await alive;
  clearTimeout(latest);
  return ok;

  function isHydrating() {
    return hydrated !== null;
  }
}

/** A page whose map has not been shown by then is hydrated anyway (a map still loading, or stuck). */
const APP_AT_LATEST_MS = 15_000;

async function start() {
  if (prerendered && prerendered === story) {
    if (await startPrerendered()) return;
    // The story's files then say what is wrong, as on a page rendered here.
    dropPrerendered();
  } else if (prerendered) dropPrerendered();
  (await appCode()).mountApp(target, props);
}

// With a picture and no prerendered text, the page's first frame is committed before the app's work
// starts, so the picture shows while the story loads.
if (picture && !prerendered) requestAnimationFrame(() => setTimeout(start));
else void start();
