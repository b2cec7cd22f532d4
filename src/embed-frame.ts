// The iframe embed page (embed.html): the one app with `embedded`, opened on ?story=<name> and on
// the state its URL fragment links to, talking to the host page's script over postMessage: it
// reports its height and the host API events, takes commands, and starts its map only when the
// host script (or, without one, its own visibility) says so.
import { mount } from 'svelte';
import App from './App.svelte';
import 'maplibre-gl/dist/maplibre-gl.css';
import './lib/embed/frame.css';
import { HostApi } from './lib/embed/api.svelte';
import { FrameGate } from './lib/embed/map-gate.svelte';
import { connectFrame, type FrameLink } from './lib/embed/frame';
import { followUrl } from './lib/story/url-sync.svelte';
import { parseTextMode } from './lib/embed/text-mode';

const params = new URLSearchParams(location.search);
const story = params.get('story') || __DEFAULT_STORY__;
const target = document.getElementById('app')!;
// Optional fixed heights from the src (pixels), e.g. embed.html?story=x&height=560&narrow-height=720.
for (const [param, prop] of [['height', '--story-map-height'], ['narrow-height', '--story-map-height-narrow'], ['narrow-map-height', '--story-map-map-height-narrow']] as const) {
  const px = Number(params.get(param));
  if (params.has(param) && Number.isFinite(px) && px >= 200 && px <= 4000) target.style.setProperty(prop, `${px}px`);
}

let link: FrameLink | null = null;
const api = new HostApi((name, detail) => link?.post(name, detail));
const gate = new FrameGate(target);
link = connectFrame({ api, gate, measure: document.documentElement, onhost: () => target.parentElement?.classList.add('grows') });

mount(App, {
  target,
  props: {
    story,
    embedded: true,
    mapGate: gate,
    text: parseTextMode(params.get('text')),
    onstory: ({ model, selection }) => {
      followUrl(model, selection);
      api.attach(model, selection);
    },
    onerror: (message) => link?.post('error', { message }),
  },
});
