// The iframe embed page (embed.html): the one app with `embedded`, opened on ?story=<name> and on
// the state its URL fragment links to, talking to the host page's script over postMessage: it
// reports its height and the host API events, takes commands, and starts its map only when the
// host script (or, without one, its own visibility) says so.
import { hydrate, mount, type ComponentProps } from 'svelte';
import App from './App.svelte';
import 'maplibre-gl/dist/maplibre-gl.css';
import './lib/embed/frame.css';
// After the page font's faces: the latin-ext letters this site shows, in small files (scripts/fonts/subset.ts).
import 'virtual:story-map-fonts.css?frame';
import './lib/map/static-map.css';
import { HostApi } from './lib/embed/api.svelte';
import { FrameGate } from './lib/embed/map-gate.svelte';
import { connectFrame, type FrameLink } from './lib/embed/frame';
import { followUrl } from './lib/story/url-sync.svelte';
import { parseTextMode } from './lib/embed/text-mode';
import { EMBED_HEADING_LEVEL, parseHeadingLevel, relevelHeadings } from './lib/embed/heading-level';
import { loadStoryModel } from './lib/story/load-snapshot';
import { storyBase } from './lib/story/model-core';
import { pageStory } from './lib/story/page-story';

const params = new URLSearchParams(location.search);
const target = document.getElementById('app')!;
// A story's own embed page (stories/<name>/embed.html) holds its story prerendered at build time
// (scripts/prerender-plugin.ts), with the site's root some folders up.
const { story, prerendered, root } = pageStory(target, location.search);
const text = parseTextMode(params.get('text'));
// The headline's heading level in the host's page: an h2 under the page's own h1 unless heading= says.
const headingLevel = parseHeadingLevel(params.get('heading'));
// Optional fixed heights from the src (pixels), e.g. embed.html?story=x&height=560&narrow-height=720.
for (const [param, prop] of [['height', '--story-map-height'], ['narrow-height', '--story-map-height-narrow'], ['narrow-map-height', '--story-map-map-height-narrow']] as const) {
  const px = Number(params.get(param));
  if (params.has(param) && Number.isFinite(px) && px >= 200 && px <= 4000) target.style.setProperty(prop, `${px}px`);
}

let link: FrameLink | null = null;
const api = new HostApi((name, detail) => link?.post(name, detail));
const gate = new FrameGate(target);
link = connectFrame({ api, gate, measure: document.documentElement, onhost: () => target.parentElement?.classList.add('grows') });

const props: ComponentProps<typeof App> = {
  story,
  root,
  embedded: true,
  mapGate: gate,
  text,
  headingLevel,
  onstory: ({ model, selection }) => {
    followUrl(model, selection);
    api.attach(model, selection);
  },
  onerror: (message) => link?.post('error', { message }),
};

async function start() {
  // The prerendered markup is the full text of its story, its headline at EMBED_HEADING_LEVEL: brought
  // to life as it is (same model, same list module; its headings moved to the level asked for), or
  // dropped for another story or text mode and rendered here.
  if (prerendered && prerendered === story && text === 'full') {
    try {
      const initial = await loadStoryModel(storyBase(story, root));
      relevelHeadings(target, EMBED_HEADING_LEVEL, headingLevel);
      hydrate(App, { target, props: { ...props, initial, list: true } });
      return;
    } catch (e) {
      console.warn('story: the prerendered embed could not be brought to life:', e);
    }
  }
  if (prerendered) for (const node of [...target.childNodes]) node.remove();
  mount(App, { target, props });
}
void start();
