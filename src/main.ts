// Standalone page entry. The page's stylesheets are imported here, so the build links them from the
// HTML (render-blocking, as the first paint needs them); the page's code is in start-page.ts.
import './lib/map/static-map.css';
import 'maplibre-gl/dist/maplibre-gl.css';
import './global.css';
// After the page font's faces: the latin-ext letters this site shows, in small files (scripts/fonts/subset.ts).
import 'virtual:story-map-fonts.css?main';

// A page prerendered at build time shows its story from the HTML. Its code (start-page.ts and the
// chunks it imports, preloaded from the first byte: scripts/preload-plugin.ts) is evaluated once the
// first frame has been rendered, so that frame is the HTML's alone: a module runs as soon as the HTML
// is parsed, which on a fast link was often before the first layout (docs/performance.md). The map's
// start does not move: it waits for the headline to be painted anyway (start-page.ts). A page that
// shows another story than the one it was built with (`?story=`) starts at once, so the wrong story
// is not painted; so does a hidden page, which draws no frames.
const app = document.getElementById('app');
// Read here by hand, not with pageStory (page-story.ts, which the page's code uses): this entry must
// import nothing, or the map's chunk it would land in is fetched and run before the first frame.
// An empty ?story= is no request, as pageStory has it.
const requested = new URLSearchParams(location.search).get('story');
const shown = app?.dataset.prerendered;
// In the build, the page's code is a chunk of its own (an entry: vite.config.ts), whose URL the
// HTML gives in its preload (scripts/preload-plugin.ts): imported by that URL, as Vite's own
// import would bring its helper for preloading with it, and with that the map's chunk.
const pageCode = document.querySelector<HTMLLinkElement>('link[rel="modulepreload"][data-start-page]');
const start = () => void (import.meta.env.DEV ? import('./start-page') : import(/* @vite-ignore */ pageCode!.href));
if (!shown || (requested && requested !== shown) || document.visibilityState === 'hidden') start();
else afterFirstFrame(start);

/** Calls `go` in a task after the next frame has been rendered; after a second if no frame comes (an iframe out of view). */
function afterFirstFrame(go: () => void) {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    go();
  };
  requestAnimationFrame(() => setTimeout(once));
  setTimeout(once, 1000);
}
