// Standalone page entry: mounts the app on the default story, or ?story=<name>.
import { mount } from 'svelte';
import App from './App.svelte';
import { syncPageUrl } from './lib/story/url-sync.svelte';
import { staticMapFor } from './lib/map/static-map';
import './lib/map/static-map.css';
import 'maplibre-gl/dist/maplibre-gl.css';
import './global.css';

const requested = new URLSearchParams(location.search).get('story');
const story = requested && /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(requested) ? requested : __DEFAULT_STORY__;
// index.html holds a picture of the default story's map for the first paint; not for another story or view.
const picture = staticMapFor(story);

// The URL fragment carries the selection, layers and view (deep links; Back steps through selections).
const start = () => mount(App, { target: document.getElementById('app')!, props: { story, onstory: ({ model, selection }) => syncPageUrl(model, selection) } });
// With a picture, the page's first frame is committed before the app's work starts, so the picture
// shows while the story loads (its model.json is already on its way: index.html preloads it).
if (picture) requestAnimationFrame(() => setTimeout(start));
else start();
