// Bare MapLibre: the same basemap and the same GeoJSON files as the app, drawn the way a developer
// would with nothing but the library: GeoJSON sources by URL, one style, click sets feature-state.
// It is the baseline the app's times are divided by.
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { addBasemapImages, basemapLayers, basemapSources, clickToHighlight, fontFaces, installMapProbe, plainLayers, readStory, storyBase, urlSources } from '../common';

setWorkerUrl(new URL(workerUrl, location.href).href);
performance.mark('story-map:maplibre-ready');

const base = storyBase();
const [story, basemap] = await Promise.all([readStory(base), basemapSources()]);
// ?layers=none: the basemap alone, framed on the story (the bench's baseline for a big story's longest task).
if (new URLSearchParams(location.search).get('layers') === 'none') story.layers = [];
const container = document.getElementById('map')!;
const map = new MapLibreMap({
  container,
  bounds: story.view.bounds,
  fitBoundsOptions: { padding: 40 },
  attributionControl: false,
  renderWorldCopies: false,
  style: {
    version: 8,
    'font-faces': fontFaces(),
    sources: { ...basemap, ...urlSources(base, story.layers) },
    layers: [...basemapLayers, ...[...story.layers].reverse().flatMap(plainLayers)],
  },
});
addBasemapImages(map);
installMapProbe(container, map, clickToHighlight(map, story.layers));
