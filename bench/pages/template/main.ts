// The Mapbox storytelling template's approach (github.com/mapbox/storytelling, src/index.html),
// on maplibre-gl: the library is loaded up front (the template puts it in <head>), the story's
// chapters are built from a config file by script, one style holds every layer, and entering a
// chapter flies the camera and sets layer opacities. Chapter text is set with textContent here
// (the template uses innerHTML). The bench generates config/<story>.json from the story's files.
import { Map as MapLibreMap, setWorkerUrl, type AllPaintProperties } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { addBasemapImages, basemapLayers, basemapSources, fontFaces, installMapProbe, plainLayers, readStory, storyBase, urlSources } from '../common';

interface Chapter {
  id: string;
  title?: string;
  description: string;
  location: { center: [number, number]; zoom: number };
  onChapterEnter: { layer: string; opacity: number }[];
  onChapterExit: { layer: string; opacity: number }[];
}
interface Config {
  title: string;
  byline?: string;
  chapters: Chapter[];
}

setWorkerUrl(new URL(workerUrl, location.href).href);
performance.mark('story-map:maplibre-ready');
const config = await (window as unknown as { __config: Promise<Config> }).__config;

const layerTypes: Record<string, (keyof AllPaintProperties)[]> = {
  fill: ['fill-opacity'],
  line: ['line-opacity'],
  circle: ['circle-opacity', 'circle-stroke-opacity'],
  symbol: ['icon-opacity', 'text-opacity'],
};

const storyEl = document.getElementById('story')!;
const header = document.createElement('div');
header.id = 'header';
header.className = 'light';
const h1 = document.createElement('h1');
h1.textContent = config.title;
header.append(h1);
if (config.byline) {
  const p = document.createElement('p');
  p.textContent = config.byline;
  header.append(p);
}
storyEl.append(header);
const features = document.createElement('div');
features.id = 'features';
config.chapters.forEach((record, idx) => {
  const container = document.createElement('div');
  const chapter = document.createElement('div');
  if (record.title) {
    const title = document.createElement('h3');
    title.textContent = record.title;
    chapter.append(title);
  }
  const text = document.createElement('p');
  text.textContent = record.description;
  chapter.append(text);
  container.id = record.id;
  container.classList.add('step', 'lefty');
  if (idx === 0) container.classList.add('active');
  chapter.classList.add('light');
  container.append(chapter);
  features.append(container);
});
storyEl.append(features);

const base = storyBase();
const [story, basemap] = await Promise.all([readStory(base), basemapSources()]);
const first = config.chapters[0]?.location;
const container = document.getElementById('map')!;
const map = new MapLibreMap({
  container,
  ...(first ? { center: first.center, zoom: first.zoom } : { bounds: story.view.bounds }),
  scrollZoom: false,
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
installMapProbe(container, map);

function setLayerOpacity({ layer, opacity }: { layer: string; opacity: number }) {
  for (const id of plainLayers({ id: layer, name: '', file: '', color: '#000' }).map((l) => l.id)) {
    const type = map.getLayer(id)?.type;
    for (const prop of layerTypes[type ?? ''] ?? []) map.setPaintProperty(id, prop, opacity);
  }
}

// scrollama's job (a step crossing the middle of the viewport), done with IntersectionObserver.
map.on('load', () => {
  const byId = new Map(config.chapters.map((c) => [c.id, c]));
  const io = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        const chapter = byId.get(e.target.id);
        if (!chapter) continue;
        if (e.isIntersecting) {
          e.target.classList.add('active');
          map.flyTo(chapter.location);
          chapter.onChapterEnter.forEach(setLayerOpacity);
        } else {
          e.target.classList.remove('active');
          chapter.onChapterExit.forEach(setLayerOpacity);
        }
      }
    },
    { rootMargin: '-50% 0px -50% 0px' },
  );
  for (const el of features.children) io.observe(el);
});
