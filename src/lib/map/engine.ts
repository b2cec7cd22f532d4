// The only module that imports maplibre-gl. It is loaded lazily (dynamic import) so the article
// text never waits for the map library.
import { AJAXError, addProtocol, Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl, type MapOptions } from 'maplibre-gl';
// maplibre-gl.css is imported by each entry (main.ts, the embeds), not here: CSS imported by this lazy
// chunk would be injected into document.head, outside a <story-map> element's shadow root.
// A same-origin worker file, not a blob: URL, so hosts with a strict CSP (worker-src 'self') work.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import latin from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import latinExt from '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff2?url';
import italic from '@fontsource/noto-sans/files/noto-sans-latin-400-italic.woff2?url';
import italicExt from '@fontsource/noto-sans/files/noto-sans-latin-ext-400-italic.woff2?url';
import { latinSubsetRange, latinSubsetUrls, subsetRange, subsetUrls } from 'virtual:story-map-fonts';

setWorkerUrl(new URL(workerUrl, document.baseURI).href);
// When the map library is ready to use (the bench compares it with when the text was painted).
performance.mark('story-map:maplibre-ready');

export const fontUrls = {
  latin: new URL(latin, document.baseURI).href,
  latinExt: new URL(latinExt, document.baseURI).href,
  // Water names on the basemap are italic (fetched when the map first draws one).
  italic: { latin: new URL(italic, document.baseURI).href, latinExt: new URL(italicExt, document.baseURI).href },
  // The latin-ext letters the stories and the basemap's names use, in small files tried first.
  subset: { range: subsetRange, regular: new URL(subsetUrls.regular, document.baseURI).href, italic: new URL(subsetUrls.italic, document.baseURI).href },
  // ASCII, the stories' latin letters and those of the basemap's country, sea and early place names,
  // in small files tried before the full latin ones (a place name with a letter they lack, æ or Þ,
  // has the full latin file fetched when it is shown).
  latinSubset: { range: latinSubsetRange, regular: new URL(latinSubsetUrls.regular, document.baseURI).href, italic: new URL(latinSubsetUrls.italic, document.baseURI).href },
};

export function createMap(options: MapOptions): MapLibreMap {
  return new MapLibreMap(options);
}

export { AJAXError, addProtocol, NavigationControl, ScaleControl };
export type { MapLibreMap };
